/** Queries on organisations (tenants). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface NewOrganisation {
  id: string;
  slug: string;
  name: string;
  country?: string | null;
}

export const organisationsRepo = {
  insert: (db: Kysely<DB>, org: NewOrganisation) =>
    db
      .insertInto('organisations')
      .values({ ...org, country: org.country ?? null })
      .execute(),
  findBySlug: (db: Kysely<DB>, slug: string) =>
    db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst(),
  findById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Kysely<DB>) => db.selectFrom('organisations').selectAll().orderBy('name').execute(),
  /** Ids and names of every organisation, by name. */
  listSummaries: (db: Kysely<DB>) => db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute(),
  /** Which of these ids are organisations of this deployment. */
  existingIds: async (db: Kysely<DB>, ids: string[]): Promise<string[]> =>
    ids.length === 0
      ? []
      : (await db.selectFrom('organisations').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  /** Id and name of one organisation (organisations are readable by the app role). */
  summaryOf: (db: Kysely<DB>, id: string) =>
    db.selectFrom('organisations').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow(),
  /** Ids and names of several organisations, in no particular order. */
  summariesOf: (db: Kysely<DB>, ids: string[]): Promise<{ id: string; name: string }[]> =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute(),
  /** Ids and names of several organisations, by name. */
  summariesByName: (db: Kysely<DB>, ids: string[]): Promise<{ id: string; name: string }[]> =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute(),
  /** The organisation's name. */
  nameOf: async (db: Kysely<DB>, id: string): Promise<string> =>
    (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name,
  /** The organisation's slug (case references start with it). */
  slugOf: async (db: Kysely<DB>, id: string): Promise<string> =>
    (await db.selectFrom('organisations').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug,
  /** Name, country and directory type of the organisation: the HTCDS export's source fields. */
  exportProfile: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('organisations')
      .leftJoin('directory_entries', 'directory_entries.organisation_id', 'organisations.id')
      .select(['organisations.name', 'organisations.country', 'directory_entries.organisation_type as type'])
      .where('organisations.id', '=', id)
      .executeTakeFirstOrThrow(),
};

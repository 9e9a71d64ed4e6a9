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
    db.insertInto('organisations').values({ ...org, country: org.country ?? null }).execute(),
  findBySlug: (db: Kysely<DB>, slug: string) =>
    db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst(),
  findById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Kysely<DB>) => db.selectFrom('organisations').selectAll().orderBy('name').execute(),
};

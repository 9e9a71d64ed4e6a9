/** The organisation's own estimates (MSE results saved to the registry). Only this module writes their SQL. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export const estimatesRepo = {
  /** The organisation's saved estimates' data, oldest first. */
  listOf: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('estimates')
      .select(['data'])
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .execute(),
  /** Saves one estimate (data as JSON text). */
  insert: (db: Kysely<DB>, e: { organisationId: string; id: string; data: string; createdBy: string }) =>
    db
      .insertInto('estimates')
      .values({ organisation_id: e.organisationId, id: e.id, data: e.data, created_by: e.createdBy })
      .execute(),
};

/** Wrapped organisation keys; only reachable outside tenant transactions. */
import { sql, type Kysely } from 'kysely';
import type { KeyStore, WrappedKey } from '../../security/field-encryption';
import type { DB } from '../schema';

export function keyStore(db: Kysely<DB>): KeyStore {
  return {
    async activeKey(organisationId, purpose) {
      const row = await db
        .selectFrom('organisation_keys')
        .select(['version', 'wrapped_key'])
        .where('organisation_id', '=', organisationId)
        .where('purpose', '=', purpose)
        .where('active', '=', true)
        .executeTakeFirst();
      return row && { version: row.version, wrappedKey: row.wrapped_key };
    },
    async keyVersion(organisationId, purpose, version) {
      const row = await db
        .selectFrom('organisation_keys')
        .select(['version', 'wrapped_key'])
        .where('organisation_id', '=', organisationId)
        .where('purpose', '=', purpose)
        .where('version', '=', version)
        .executeTakeFirst();
      return row && { version: row.version, wrappedKey: row.wrapped_key };
    },
    async allVersions(organisationId) {
      const rows = await db
        .selectFrom('organisation_keys')
        .select(['purpose', 'version', 'wrapped_key', 'active'])
        .where('organisation_id', '=', organisationId)
        .execute();
      return rows.map((r) => ({
        purpose: r.purpose as 'data' | 'index',
        version: r.version,
        wrappedKey: r.wrapped_key,
        active: r.active,
      }));
    },
    async addKey(organisationId, purpose, key: WrappedKey) {
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('organisation_keys')
          .set({ active: false })
          .where('organisation_id', '=', organisationId)
          .where('purpose', '=', purpose)
          .execute();
        await tx
          .insertInto('organisation_keys')
          .values({
            organisation_id: organisationId,
            purpose,
            version: key.version,
            wrapped_key: key.wrappedKey,
            active: true,
          })
          .execute();
      });
    },
  };
}

export interface StoredKeys {
  organisations: number;
  keys: { organisationId: string; slug: string; purpose: string; version: number; wrappedKey: string }[];
}

/**
 * What a start must check before it migrates or generates anything: how many organisations
 * exist and every wrapped key. A database not migrated yet has neither table and holds nothing.
 */
export async function storedKeys(db: Kysely<DB>): Promise<StoredKeys> {
  const tables = await sql<{ orgs: string | null; keys: string | null }>`
    SELECT to_regclass('public.organisations')::text AS orgs, to_regclass('public.organisation_keys')::text AS keys`.execute(
    db,
  );
  const present = tables.rows[0];
  if (!present?.orgs) return { organisations: 0, keys: [] };
  const count = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (!present.keys) return { organisations: Number(count.n), keys: [] };
  const keys = await db
    .selectFrom('organisation_keys')
    .innerJoin('organisations', 'organisations.id', 'organisation_keys.organisation_id')
    .select([
      'organisation_keys.organisation_id as organisationId',
      'organisations.slug as slug',
      'organisation_keys.purpose as purpose',
      'organisation_keys.version as version',
      'organisation_keys.wrapped_key as wrappedKey',
    ])
    .execute();
  return { organisations: Number(count.n), keys };
}

export const keysRepo = {
  all: (db: Kysely<DB>) => db.selectFrom('organisation_keys').selectAll().execute(),
  setWrapped: (
    db: Kysely<DB>,
    organisationId: string,
    purpose: 'data' | 'index',
    version: number,
    wrappedKey: string,
  ) =>
    db
      .updateTable('organisation_keys')
      .set({ wrapped_key: wrappedKey })
      .where('organisation_id', '=', organisationId)
      .where('purpose', '=', purpose)
      .where('version', '=', version)
      .execute(),
};

/** The wrapped audit checkpoint signing seed (migration 028); only reachable outside tenant transactions. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface StoredAuditSigningKey {
  version: number;
  wrappedSeed: string;
  publicKey: string;
  origin: 'derived' | 'generated';
  active: boolean;
}

const COLUMNS = ['version', 'wrapped_seed as wrappedSeed', 'public_key as publicKey', 'origin', 'active'] as const;

export const auditSigningKeysRepo = {
  active: (db: Kysely<DB>): Promise<StoredAuditSigningKey | undefined> =>
    db.selectFrom('audit_signing_keys').select(COLUMNS).where('active', '=', true).executeTakeFirst(),

  all: (db: Kysely<DB>): Promise<StoredAuditSigningKey[]> =>
    db.selectFrom('audit_signing_keys').select(COLUMNS).orderBy('version').execute(),

  /** The first key; a concurrent start that stored one first wins (its row is then read back). */
  async insertFirst(
    db: Kysely<DB>,
    key: { wrappedSeed: string; publicKey: string; origin: 'derived' | 'generated' },
  ): Promise<void> {
    await db
      .insertInto('audit_signing_keys')
      .values({
        version: 1,
        wrapped_seed: key.wrappedSeed,
        public_key: key.publicKey,
        origin: key.origin,
        active: true,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  setWrapped: (db: Kysely<DB>, version: number, wrappedSeed: string) =>
    db.updateTable('audit_signing_keys').set({ wrapped_seed: wrappedSeed }).where('version', '=', version).execute(),

  /** One wrapped organisation key, if any: the first seed is stored only under a master key that opens it. */
  async anyOrganisationKey(db: Kysely<DB>): Promise<string | undefined> {
    return (await db.selectFrom('organisation_keys').select('wrapped_key').limit(1).executeTakeFirst())?.wrapped_key;
  },

  /** Whether any checkpoint was ever signed: a deployment from before migration 028 signed with the derived seed. */
  async anyCheckpoint(db: Kysely<DB>): Promise<boolean> {
    return !!(await db.selectFrom('audit_checkpoints').select('tree_size').limit(1).executeTakeFirst());
  },
};

/** Everything a service needs, built once at start-up and passed explicitly (no globals). */
import type { AppConfig } from '../config/env';
import {
  openDatabase,
  withTenant,
  type Database,
  type TenantContext,
  type TenantOptions,
  type Tx,
} from '../storage/database';
import { migrate } from '../storage/migrate';
import { keyStore, storedKeys } from '../storage/repositories/keys';
import { KeyRing } from '../security/field-encryption';
import { loadMasterKey } from '../security/master-key';
import { backfillReferralNotes } from './referral-notes-backfill';
import { backfillFreeText } from './backfill-free-text';
import { backfillNameTokens } from './name-search';
import { assertMasterKeyOpens } from './keys';
import { auditSigner } from './audit-signing-key';

export interface AppContext {
  config: AppConfig;
  db: Database;
  keyRing: KeyRing;
}

export async function createAppContext(
  config: AppConfig,
  opts: { migrate?: boolean; onMigration?: (done: number, total: number, name: string) => void } = {},
): Promise<AppContext> {
  // Takes the data directory's lock for PGlite: a second process is refused here (data-dir-lock.ts).
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  try {
    // The key is found and checked against every stored key before anything writes, so a
    // missing or wrong key refuses the start with the data untouched (no migration, no new key).
    const stored = await storedKeys(db.system);
    const masterKey = loadMasterKey({
      masterKey: config.masterKey,
      dataDir: config.dataDir,
      allowKeyFile: config.env !== 'production',
      mayGenerate: stored.organisations === 0 && stored.keys.length === 0,
      organisations: stored.organisations,
    });
    assertMasterKeyOpens(masterKey, stored);
    if (opts.migrate !== false) await migrate(db, opts.onMigration);
    const keyRing = new KeyRing(masterKey, keyStore(db.system));
    // The audit signing seed is unwrapped now (and stored at the first start after migration 028):
    // a master key that does not open it refuses the start here, not at the first checkpoint.
    if (opts.migrate !== false) await auditSigner({ db, keyRing });
    // Data migrations that need the keys run after the SQL ones; each is idempotent and cheap when done.
    if (opts.migrate !== false) await backfillReferralNotes({ db, keyRing });
    if (opts.migrate !== false) await backfillFreeText({ config, db, keyRing });
    if (opts.migrate !== false) await backfillNameTokens({ config, db, keyRing });
    return { config, db, keyRing };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** For services that only read: their one write, the audit entry, may commit asynchronously (see TenantOptions). */
export const READS_ONLY: TenantOptions = { asyncCommit: true };

/** A tenant transaction with the organisation's keys loaded first, so encryption inside it never touches the database. */
export async function inTenant<T>(
  ctx: AppContext,
  tenant: TenantContext,
  fn: (tx: Tx) => Promise<T>,
  opts?: TenantOptions,
): Promise<T> {
  await ctx.keyRing.warm(tenant.organisationId);
  return withTenant(ctx.db, tenant, fn, opts);
}

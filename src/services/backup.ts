/**
 * `ariadne backup` and `ariadne restore`: a consistent dump of either engine, sealed with a key
 * derived from the master key (security/backup-archive.ts), and a restore into an empty data
 * directory or database that ends with the same checks a start makes plus `audit verify` and a
 * decryption of every encrypted field. The master key is never written into the archive.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/env';
import {
  BACKUP_SECRET_INFO,
  backupSecret,
  openBackup,
  readBackupHeader,
  sealBackup,
  type BackupHeader,
} from '../security/backup-archive';
import { loadMasterKey, MasterKeyError } from '../security/master-key';
import {
  dumpDatabase,
  encryptedValues,
  restorePglite,
  restorePostgres,
  RestoreRefusedError,
  schemaVersion,
} from '../storage/backup';
import { ENCRYPTED_COLUMNS } from '../storage/encrypted-columns';
import { storedKeys } from '../storage/repositories/keys';
import { verifyAllChains } from './audit';
import { createAppContext, type AppContext } from './context';

export interface BackupResult {
  file: string;
  engine: 'pglite' | 'postgres';
  content: BackupHeader['content'];
  bytes: number;
  organisations: number;
  schemaVersion: number;
  createdAt: string;
}

/** Dumps the database the configuration names into an encrypted archive at `out` (mode 0600, written whole or not at all). */
export async function backupDatabase(
  config: AppConfig,
  out: string,
  opts: { force?: boolean } = {},
): Promise<BackupResult> {
  const file = path.resolve(out);
  if (fs.existsSync(file) && !opts.force)
    throw new RestoreRefusedError(
      'backup_file_exists',
      `${file} exists: choose another file or pass --force to replace it`,
    );
  // No migrations or backfills: a backup records the database as it is. The key is still checked.
  const ctx = await createAppContext(config, { migrate: false });
  try {
    const { content, data } = await dumpDatabase(ctx.db, config.databaseUrl);
    const meta = {
      engine: ctx.db.engine,
      content,
      createdAt: new Date().toISOString(),
      schemaVersion: await schemaVersion(ctx.db),
      organisations: (await storedKeys(ctx.db.system)).organisations,
    };
    const archive = sealBackup(ctx.keyRing.deriveSecret(BACKUP_SECRET_INFO), meta, data);
    const partial = `${file}.partial-${process.pid}`;
    fs.writeFileSync(partial, archive, { mode: 0o600 });
    fs.renameSync(partial, file);
    return {
      file,
      engine: meta.engine,
      content,
      bytes: archive.length,
      organisations: meta.organisations,
      schemaVersion: meta.schemaVersion,
      createdAt: meta.createdAt,
    };
  } finally {
    await ctx.db.close();
  }
}

export interface RestoreResult {
  file: string;
  engine: 'pglite' | 'postgres';
  backupCreatedAt: string;
  organisations: number;
  audit: { ok: boolean; organisations: { organisation: string; ok: boolean; entries?: number; reason?: string }[] };
  encryptedFields: { checked: number; undecryptable: number };
  ok: boolean;
}

/** Decrypts every stored encrypted value once: a wrong or missing data key shows here, not at the first case read. */
async function checkEncryptedFields(ctx: AppContext): Promise<RestoreResult['encryptedFields']> {
  let checked = 0;
  let undecryptable = 0;
  for (const col of ENCRYPTED_COLUMNS) {
    for (const row of await encryptedValues(ctx.db, col)) {
      checked += 1;
      try {
        await ctx.keyRing.decrypt(row.organisation_id, row.value);
      } catch {
        undecryptable += 1;
      }
    }
  }
  return { checked, undecryptable };
}

/** Restores an archive into the configured (empty, or with force replaced) data directory or database, then verifies it. */
export async function restoreDatabase(
  config: AppConfig,
  file: string,
  opts: { force?: boolean } = {},
): Promise<RestoreResult> {
  const archive = fs.readFileSync(path.resolve(file));
  const { header } = readBackupHeader(archive);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (header.engine !== engine) {
    throw new RestoreRefusedError(
      'restore_engine_mismatch',
      `This archive holds a ${header.engine} database but the configuration selects ${engine}: ` +
        (header.engine === 'postgres'
          ? 'set DATABASE_URL to the (empty) target database'
          : 'unset DATABASE_URL and set ARIADNE_DATA_DIR to an empty folder'),
    );
  }
  let masterKey: Buffer;
  try {
    masterKey = loadMasterKey({
      masterKey: config.masterKey,
      dataDir: config.dataDir,
      allowKeyFile: config.env !== 'production',
      mayGenerate: false,
      organisations: header.organisations,
    });
  } catch (error) {
    if (!(error instanceof MasterKeyError) || error.code !== 'master_key_missing') throw error;
    throw new MasterKeyError(
      'master_key_missing',
      'A restore needs the master key of the backed-up installation, which is never inside the archive: ' +
        `set ARIADNE_MASTER_KEY or put its master.key (mode 0600) in ${config.dataDir}`,
      error.details,
    );
  }
  // Authenticated in full before anything on disk changes.
  const { payload } = openBackup(backupSecret(masterKey), archive);
  if (engine === 'pglite') await restorePglite(config.dataDir, payload, opts.force ?? false);
  else await restorePostgres(config.databaseUrl!, payload, opts.force ?? false);
  // The same start-up path as the server: key check against every organisation, then migrations
  // (an archive from an older version is brought up to date) and the data backfills.
  const ctx = await createAppContext(config);
  try {
    const verdicts = await verifyAllChains(ctx);
    const audit = {
      ok: verdicts.every((v) => v.verdict.ok),
      organisations: verdicts.map((v) =>
        v.verdict.ok
          ? { organisation: v.organisation, ok: true, entries: v.verdict.entries }
          : { organisation: v.organisation, ok: false, reason: v.verdict.reason },
      ),
    };
    const encryptedFields = await checkEncryptedFields(ctx);
    return {
      file: path.resolve(file),
      engine,
      backupCreatedAt: header.createdAt,
      organisations: (await storedKeys(ctx.db.system)).organisations,
      audit,
      encryptedFields,
      ok: audit.ok && encryptedFields.undecryptable === 0,
    };
  } finally {
    await ctx.db.close();
  }
}

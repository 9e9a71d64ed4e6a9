/**
 * `ariadne backup` / `ariadne restore` on both engines: an encrypted archive of seeded demo data,
 * restored into an empty data directory or database, in which every person's identity decrypts
 * to what it was, the audit log verifies, and the master key is nowhere in the archive.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import type { AppConfig } from '../../src/config/env';
import { backupSecret, openBackup } from '../../src/security/backup-archive';
import { backupDatabase, restoreDatabase } from '../../src/services/backup';
import { createAppContext } from '../../src/services/context';
import { seedDemo } from '../../src/services/demo-seed';
import { testConfig } from './support/engines';

const serverUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function freshDatabaseUrl(): Promise<string> {
  const name = `ariadne_backup_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(serverUrl!);
  url.pathname = '/' + name;
  return url.toString();
}

/** Every person's identity, decrypted, by person id: what a restore must give back. */
async function identities(config: AppConfig): Promise<Map<string, string>> {
  const ctx = await createAppContext(config);
  try {
    const rows = await ctx.db.system.selectFrom('persons').select(['id', 'organisation_id', 'identity_enc']).execute();
    const out = new Map<string, string>();
    for (const r of rows) out.set(r.id, await ctx.keyRing.decrypt(r.organisation_id, r.identity_enc));
    return out;
  } finally {
    await ctx.db.close();
  }
}

interface Target {
  source: AppConfig;
  target: () => Promise<AppConfig>;
  keyText: () => string;
}

const engines: { name: string; setup: () => Promise<Target> }[] = [
  {
    name: 'pglite',
    // The development set-up: the master key lives in a generated file inside the data directory,
    // which is also the folder PGlite dumps, so the test proves the key is left out.
    setup: async () => {
      const dataDir = tmpDir('ariadne-backup-src-');
      const source = testConfig({ dataDir, masterKey: undefined });
      const keyText = () => fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8').trim();
      return {
        source,
        keyText,
        target: async () => {
          const dir = tmpDir('ariadne-backup-dst-');
          // The key travels separately: the operator puts it back before restoring.
          fs.copyFileSync(path.join(dataDir, 'master.key'), path.join(dir, 'master.key'));
          return testConfig({ dataDir: dir, masterKey: undefined });
        },
      };
    },
  },
  ...(serverUrl
    ? [
        {
          name: 'postgres',
          setup: async (): Promise<Target> => {
            const masterKey = crypto.randomBytes(32).toString('base64');
            const source = testConfig({ databaseUrl: await freshDatabaseUrl(), masterKey });
            return {
              source,
              keyText: () => masterKey,
              target: async () => testConfig({ databaseUrl: await freshDatabaseUrl(), masterKey }),
            };
          },
        },
      ]
    : []),
];

describe.each(engines)('backup and restore on $name', ({ setup }) => {
  test('round trip: every identity decrypts as before, the audit log verifies, the key is not in the archive', async () => {
    const { source, target, keyText } = await setup();
    const ctx = await createAppContext(source);
    try {
      await seedDemo(ctx, { cases: 12 });
    } finally {
      await ctx.db.close();
    }
    const before = await identities(source);
    expect(before.size).toBeGreaterThanOrEqual(12);

    const file = path.join(tmpDir('ariadne-backup-out-'), 'ariadne.backup');
    const made = await backupDatabase(source, file);
    expect(made).toMatchObject({ organisations: 3, file });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    await expect(backupDatabase(source, file)).rejects.toThrow(/exists/);

    // Encrypted: no identity and no key in the file, in clear or in the decrypted payload.
    const archive = fs.readFileSync(file);
    const key = keyText();
    expect(archive.includes(Buffer.from(key))).toBe(false);
    const { payload } = openBackup(backupSecret(Buffer.from(key, 'base64')), archive);
    expect(payload.includes(Buffer.from(key))).toBe(false);
    expect(payload.includes(Buffer.from('master.key'))).toBe(false);
    for (const identity of before.values()) expect(archive.includes(Buffer.from(identity))).toBe(false);
    expect(zlib.gzipSync(payload).length).toBeGreaterThan(0);

    const restoredConfig = await target();
    const result = await restoreDatabase(restoredConfig, file);
    expect(result.ok).toBe(true);
    expect(result.audit.ok).toBe(true);
    expect(result.audit.organisations).toHaveLength(3);
    expect(result.encryptedFields.undecryptable).toBe(0);
    expect(result.encryptedFields.checked).toBeGreaterThanOrEqual(before.size);

    const after = await identities(restoredConfig);
    expect(after).toEqual(before);

    // Existing data is never overwritten without --force; with it, the restore replaces it.
    await expect(restoreDatabase(restoredConfig, file)).rejects.toMatchObject({ code: 'restore_target_not_empty' });
    const again = await restoreDatabase(restoredConfig, file, { force: true });
    expect(again.ok).toBe(true);
    expect(await identities(restoredConfig)).toEqual(before);
  }, 240_000);

  test('a restore needs the master key of the backup: refused without it and with another one, target untouched', async () => {
    const { source, target } = await setup();
    const ctx = await createAppContext(source);
    await ctx.db.close();
    const file = path.join(tmpDir('ariadne-backup-out-'), 'empty.backup');
    await backupDatabase(source, file);

    const restoredConfig = await target();
    const wrong = { ...restoredConfig, masterKey: crypto.randomBytes(32).toString('base64') };
    await expect(restoreDatabase(wrong, file)).rejects.toMatchObject({ code: 'backup_wrong_key' });
    if (!restoredConfig.databaseUrl) {
      fs.rmSync(path.join(restoredConfig.dataDir, 'master.key'));
      await expect(restoreDatabase(restoredConfig, file)).rejects.toMatchObject({ code: 'master_key_missing' });
      // Nothing was restored and no key was generated.
      expect(fs.existsSync(path.join(restoredConfig.dataDir, 'PG_VERSION'))).toBe(false);
      expect(fs.existsSync(path.join(restoredConfig.dataDir, 'master.key'))).toBe(false);
    }
    // A damaged archive does not authenticate.
    const damaged = fs.readFileSync(file);
    damaged[damaged.length - 40] ^= 0xff;
    fs.writeFileSync(file, damaged);
    await expect(
      restoreDatabase(
        source.databaseUrl ? restoredConfig : { ...restoredConfig, masterKey: undefined, dataDir: source.dataDir },
        file,
      ),
    ).rejects.toMatchObject({ code: 'backup_corrupt' });
  }, 240_000);
});

/**
 * Engine-level dump and restore behind `ariadne backup` / `ariadne restore`: pg_dump and
 * pg_restore for PostgreSQL (one consistent snapshot), PGlite's own dumpDataDir tarball for
 * the embedded store (taken while this process holds the folder's exclusive lock, so nothing
 * else writes). Encryption of the result is security/backup-archive.ts's job.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import tar from 'tar-stream';
import type { BackupContent } from '../security/backup-archive';
import { LOCK_FILES, lockDataDir } from './data-dir-lock';
import { openDatabase, type Database } from './database';
import type { EncryptedColumn } from './encrypted-columns';

/** The data folder also holds the master key file: it must never travel inside an archive. */
const NOT_DATA = new Set(['master.key', ...LOCK_FILES]);

/** A restore that would overwrite data, or cannot run here: the CLI prints the code. */
export class RestoreRefusedError extends Error {
  constructor(
    readonly code: 'restore_target_not_empty' | 'restore_engine_mismatch' | 'backup_tool_failed' | 'backup_file_exists',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

function topLevel(name: string): string {
  return name.replace(/^\/+/, '').replace(/^\.\//, '').split('/')[0] ?? '';
}

/** Copies a tar archive without the entries that are not database files (the key, the lock). */
async function withoutNonData(archive: Buffer): Promise<Buffer> {
  const extract = tar.extract();
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const packed = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  extract.on('entry', (header, stream, next) => {
    if (NOT_DATA.has(topLevel(header.name))) {
      stream.on('end', next);
      stream.resume();
      return;
    }
    stream.pipe(pack.entry(header, next));
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from([archive]).pipe(extract);
  await done;
  pack.finalize();
  await packed;
  return Buffer.concat(chunks);
}

function run(command: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) =>
      reject(
        new RestoreRefusedError(
          'backup_tool_failed',
          `${command} could not be run (${e.message}); install the PostgreSQL client tools`,
        ),
      ),
    );
    child.on('close', (code) => {
      // pg tools print object names and SQL errors, never row values; the URL is not echoed.
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new RestoreRefusedError(
            'backup_tool_failed',
            `${command} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(-5).join(' | ')}`,
          ),
        );
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** A consistent dump of the open database (PGlite: its folder without the key; PostgreSQL: pg_dump's custom format). */
export async function dumpDatabase(
  db: Database,
  databaseUrl: string | undefined,
): Promise<{ content: BackupContent; data: Buffer }> {
  if (db.engine === 'pglite') {
    if (!db.dumpDataDir) throw new Error('This PGlite database cannot be dumped');
    const blob = await db.dumpDataDir();
    return { content: 'pglite-datadir-tar', data: await withoutNonData(Buffer.from(await blob.arrayBuffer())) };
  }
  if (!databaseUrl) throw new Error('pg_dump needs DATABASE_URL');
  // One snapshot for the whole dump (pg_dump runs in a single repeatable-read transaction).
  return {
    content: 'pg_dump-custom',
    data: await run('pg_dump', ['--format=custom', '--no-owner', `--dbname=${databaseUrl}`]),
  };
}

export async function schemaVersion(db: Database): Promise<number> {
  const row = await sql<{ v: number | null }>`SELECT max(version)::int AS v FROM schema_migrations`.execute(db.system);
  return row.rows[0]?.v ?? 0;
}

/** Whether a PGlite folder already holds a database (PostgreSQL's PG_VERSION marks an initialised data directory). */
export function pgliteHasDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Fills an empty PGlite folder from a dump. With force, the existing database files go first
 * (the master key file stays). The folder is locked while it is checked and emptied, and
 * again by openDatabase while PGlite unpacks the tarball.
 */
export async function restorePglite(dataDir: string, tarball: Buffer, force: boolean): Promise<void> {
  const unlock = await lockDataDir(dataDir);
  try {
    if (pgliteHasDatabase(dataDir)) {
      if (!force)
        throw new RestoreRefusedError(
          'restore_target_not_empty',
          `${dataDir} already holds a database: restore into an empty data directory, or pass --force to replace it`,
        );
      for (const entry of fs.readdirSync(dataDir)) {
        if (!NOT_DATA.has(entry)) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
      }
    }
  } finally {
    await unlock();
  }
  const clean = await withoutNonData(tarball);
  const db = await openDatabase({ dataDir, loadDataDir: new Blob([new Uint8Array(clean)]) });
  await db.close();
}

async function postgresIsEmpty(db: Database): Promise<boolean> {
  const row = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`.execute(db.system);
  return (row.rows[0]?.n ?? 0) === 0;
}

/**
 * Restores a pg_dump archive into the database of databaseUrl: refused when it holds any table
 * unless force (then its public schema is dropped first). The application role is created
 * first, as migration 001 does, since pg_dump carries grants to it but not the role itself.
 */
export async function restorePostgres(databaseUrl: string, dump: Buffer, force: boolean): Promise<void> {
  const db = await openDatabase({ databaseUrl });
  try {
    if (!(await postgresIsEmpty(db))) {
      if (!force)
        throw new RestoreRefusedError(
          'restore_target_not_empty',
          'The target database already holds tables: restore into an empty database, or pass --force to replace its public schema',
        );
      await db.execScript('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    }
    await db.execScript(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ariadne_app') THEN
    CREATE ROLE ariadne_app NOLOGIN;
  END IF;
END
$$;
DO $$
BEGIN
  EXECUTE format('GRANT ariadne_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL;
END
$$;`);
  } finally {
    await db.close();
  }
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${databaseUrl}`], dump);
}

/** Every stored value of one encrypted column with its organisation, for a post-restore decryption check. */
export async function encryptedValues(
  db: Database,
  col: EncryptedColumn,
): Promise<{ organisation_id: string; value: string }[]> {
  const rows = await sql<{ organisation_id: string; value: string }>`
    SELECT organisation_id::text AS organisation_id, ${sql.ref(col.column)} AS value FROM ${sql.table(col.table)}
    WHERE ${sql.ref(col.column)} IS NOT NULL`.execute(db.system);
  return rows.rows;
}

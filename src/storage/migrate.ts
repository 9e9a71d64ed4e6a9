/**
 * Applies the numbered SQL files in ./migrations in order, once each, recording
 * a checksum so that an edited, already-applied migration is detected.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: crypto.createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** Returns the names of the migrations applied by this call. */
/** Applies the pending migrations in order; `onProgress` hears of each one before it runs (`ariadne start` shows it). */
export async function migrate(
  db: Database,
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<string[]> {
  await db.execScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = await db.system.selectFrom('schema_migrations').selectAll().execute();
  const byVersion = new Map(applied.map((m) => [m.version, m]));
  const done: string[] = [];
  const pending = listMigrations().filter((m) => !byVersion.has(m.version)).length;
  for (const m of listMigrations()) {
    const previous = byVersion.get(m.version);
    if (previous) {
      if (previous.checksum !== m.checksum) {
        throw new Error(`Migration ${m.name} was edited after it was applied (checksum mismatch)`);
      }
      continue;
    }
    onProgress?.(done.length, pending, m.name);
    // One transaction per migration: a failing migration leaves no half-applied schema.
    await db.execScript(
      `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}');\nCOMMIT;`,
    );
    done.push(m.name);
  }
  if (pending > 0) onProgress?.(done.length, pending, '');
  return done;
}

/** A canonical description of the schema, used to prove both engines end up identical. */
export async function describeSchema(db: Database): Promise<unknown> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>`
    SELECT table_name, column_name, data_type, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, column_name`.execute(db.system);
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`.execute(db.system);
  const policies = await sql<{
    tablename: string;
    policyname: string;
    cmd: string;
    qual: string | null;
    with_check: string | null;
  }>`
    SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public'
    ORDER BY tablename, policyname`.execute(db.system);
  const rls = await sql<{ relname: string; relrowsecurity: boolean }>`
    SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db.system);
  const grants = await sql<{ table_name: string; privilege_type: string }>`
    SELECT table_name, privilege_type FROM information_schema.role_table_grants
    WHERE grantee = 'ariadne_app' AND table_schema = 'public' ORDER BY table_name, privilege_type`.execute(db.system);
  return { columns: columns.rows, indexes: indexes.rows, policies: policies.rows, rls: rls.rows, grants: grants.rows };
}

/**
 * A fingerprint of every persistent table, to prove a rejected request changed nothing.
 *
 * The table list is read from the catalogue on every call, so a table added by any later
 * migration is covered without anyone remembering to list it here. Each row is taken in its
 * jsonb form (keys in a canonical order) and the rows are aggregated in "C" order, so the
 * result does not depend on the engine, the collation or the physical row order.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database';

/**
 * Columns that legitimately change on a request that is then rejected, and only those.
 * sessions.last_seen_at is the sliding activity timestamp written while the session cookie is
 * resolved, before the request reaches its route; every other column of sessions (organisation,
 * CSRF token, expiry, the row's existence) stays in the fingerprint.
 */
export const VOLATILE_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };

// Nothing is excluded, not even schema_migrations: it must not change on a request either.
export async function fingerprintedTables(db: Kysely<any>): Promise<string[]> {
  // pg_class rather than information_schema.tables (the same base tables, a cheaper query).
  const rows = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
    ORDER BY relname COLLATE "C"`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function fingerprint(db: Database | Kysely<any>): Promise<Record<string, string>> {
  const kysely = 'system' in db ? db.system : db;
  const tables = await fingerprintedTables(kysely);
  // One statement for all tables: the fuzz test takes two fingerprints per request.
  const parts = tables.map((table) => {
    const ignored = VOLATILE_COLUMNS[table] ?? [];
    const row = ignored.length
      ? sql`(to_jsonb(t) - ${sql.raw(`ARRAY[${ignored.map((c) => `'${c}'`).join(',')}]::text[]`)})`
      : sql`to_jsonb(t)`;
    return sql`SELECT ${table}::text AS name, count(*) AS n, md5(coalesce(string_agg(r, '|' ORDER BY r COLLATE "C"), '')) AS f
      FROM (SELECT ${row}::text AS r FROM ${sql.table(table)} t) rows`;
  });
  const result = await sql<{
    name: string;
    n: number | string;
    f: string;
  }>`${sql.join(parts, sql` UNION ALL `)}`.execute(kysely);
  const out: Record<string, string> = {};
  for (const r of result.rows) out[r.name] = `${Number(r.n)}:${r.f}`;
  return out;
}

/**
 * A fingerprint of every persistent table, to prove a rejected request changed nothing.
 *
 * The table list is read from the catalogue on every call, so a table added by any later
 * migration is covered without anyone remembering to list it here. Each row is hashed from
 * its jsonb form (keys in a canonical order) and the hashes are aggregated in "C" order, so
 * the result does not depend on the engine, the collation or the physical row order.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database';

/**
 * Columns that legitimately change on a request that is then rejected, and only those.
 * sessions.last_seen_at is the sliding activity timestamp written while the session cookie is
 * resolved, before the request reaches its route; every other column of sessions (organisation,
 * CSRF token, expiry, the row's existence) stays in the fingerprint.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };

// Nothing is excluded, not even schema_migrations: it must not change on a request either.
export async function fingerprintedTables(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name COLLATE "C"`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

export async function fingerprint(db: Database | Kysely<any>): Promise<Record<string, string>> {
  const kysely = 'kysely' in db ? db.kysely : db;
  const out: Record<string, string> = {};
  for (const table of await fingerprintedTables(kysely)) {
    const ignored = VOLATILE_COLUMNS[table] ?? [];
    const row = ignored.length
      ? sql`(to_jsonb(t) - ${sql.raw(`ARRAY[${ignored.map((c) => `'${c}'`).join(',')}]::text[]`)})`
      : sql`to_jsonb(t)`;
    const result = await sql<{ n: number | string; f: string | null }>`
      SELECT count(*) AS n, md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS f
      FROM (SELECT md5(${row}::text) AS h FROM ${sql.table(table)} t) rows`.execute(kysely);
    out[table] = `${Number(result.rows[0]?.n ?? 0)}:${result.rows[0]?.f ?? ''}`;
  }
  return out;
}

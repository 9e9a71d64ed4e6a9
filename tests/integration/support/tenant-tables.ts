/**
 * The catalogue's view of tenancy, for the generic row-level security test: which tables
 * exist, which hold organisation columns, what RLS and grants they have, and a way to put a
 * row of a given organisation into any table, even one added by a later migration.
 */
import { sql, type Kysely } from 'kysely';

export interface TableInfo {
  name: string;
  rowSecurity: boolean;
  policies: number;
  /** Every column naming an organisation (organisation_id, from_organisation_id, ...). */
  organisationColumns: string[];
  appCan: { select: boolean; insert: boolean; update: boolean };
}

export async function publicTables(db: Kysely<any>): Promise<TableInfo[]> {
  const rows = await sql<{
    name: string;
    rls: boolean;
    policies: number | string;
    org_columns: string[] | null;
    sel: boolean;
    ins: boolean;
    upd: boolean;
  }>`
    SELECT c.relname AS name, c.relrowsecurity AS rls,
      (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies,
      (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname LIKE '%organisation_id') AS org_columns,
      has_table_privilege('ariadne_app', c.oid, 'SELECT') AS sel,
      has_table_privilege('ariadne_app', c.oid, 'INSERT') AS ins,
      has_table_privilege('ariadne_app', c.oid, 'UPDATE') AS upd
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname COLLATE "C"`.execute(db);
  return rows.rows.map((r) => ({
    name: r.name,
    rowSecurity: r.rls,
    policies: Number(r.policies),
    organisationColumns: r.org_columns ?? [],
    appCan: { select: r.sel, insert: r.ins, update: r.upd },
  }));
}

interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  checks: string[];
}

async function columnsOf(db: Kysely<any>, table: string): Promise<ColumnInfo[]> {
  const rows = await sql<{
    name: string;
    type: string;
    nullable: boolean;
    has_default: boolean;
    checks: string[] | null;
  }>`
    SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
      a.atthasdef OR a.attidentity <> '' AS has_default,
      (SELECT array_agg(pg_get_constraintdef(k.oid)) FROM pg_constraint k
        WHERE k.conrelid = a.attrelid AND k.contype = 'c' AND a.attnum = ANY (k.conkey)) AS checks
    FROM pg_attribute a
    WHERE a.attrelid = ${table}::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`.execute(db);
  return rows.rows.map((r) => ({
    name: r.name,
    type: r.type,
    nullable: r.nullable,
    hasDefault: r.has_default,
    checks: r.checks ?? [],
  }));
}

/** Values a CHECK constraint spells out (`x IN ('a', 'b')`), the first of which satisfies it. */
const allowedLiteral = (checks: string[]) => {
  for (const check of checks) {
    const m = /ARRAY\['([^']*)'/.exec(check) ?? /= '([^']*)'::text\)/.exec(check);
    if (m) return m[1];
  }
  return undefined;
};

/** Columns whose CHECK is not a list of values; every other NOT NULL column is synthesised from its type. */
const HINTS: Record<string, Record<string, string>> = {
  privacy_releases: { release_key: `'rk_' || md5(random()::text) || md5(random()::text)` },
  idempotency_keys: { key: `md5(random()::text)`, request_hash: `md5(random()::text) || md5(random()::text)` },
  // A CHECK names jsonb_typeof(...) = 'object', which is not a value to insert; the country is two capitals.
  legal_tracks: {
    country: `chr(65 + floor(random() * 26)::int) || chr(65 + floor(random() * 26)::int)`,
    definition: `'{}'::jsonb`,
    version: `1 + floor(random() * 100000)::int`,
  },
  internship_rules: { country: `chr(65 + floor(random() * 26)::int) || chr(65 + floor(random() * 26)::int)` },
  // Sealed values: the CHECK is a prefix (LIKE 'enc1.%'), not a value list.
  sync_conflicts: { fields: `ARRAY['x']::text[]`, base_enc: `'enc1.x'`, mine_enc: `'enc1.x'`, theirs_enc: `'enc1.x'` },
};

function synthesise(column: ColumnInfo, table: string): string | undefined {
  const hint = HINTS[table]?.[column.name];
  if (hint) return hint;
  if (column.nullable || column.hasDefault) return undefined;
  const literal = allowedLiteral(column.checks);
  const t = column.type;
  const quoted = literal === undefined ? undefined : `'${literal.replace(/'/g, "''")}'`;
  if (t.endsWith('[]')) return quoted ? `ARRAY[${quoted}]::${t}` : `'{}'`;
  if (quoted) return quoted;
  if (t === 'uuid') return 'gen_random_uuid()';
  // Distinct lowercase letters: unique in a key, and within the usual code patterns ('^[a-z_.]{1,64}$').
  if (t === 'text' || t.startsWith('character')) return `translate(md5(random()::text), '0123456789', 'ghijklmnop')`;
  if (/^(integer|bigint|smallint|numeric|double precision|real)/.test(t)) return '1';
  if (t === 'boolean') return 'false';
  if (t.startsWith('timestamp')) return 'now()';
  if (t === 'date') return 'current_date';
  if (t === 'jsonb' || t === 'json') return `'{}'`;
  if (t === 'bytea') return `'\\x00'`;
  throw new Error(
    `cannot synthesise ${table}.${column.name} of type ${t}: add a hint in tests/integration/support/tenant-tables.ts`,
  );
}

/**
 * Inserts one row of `organisation` into `table` as the superuser with foreign keys off
 * (session_replication_role = replica), so any table can hold a row of any tenant without
 * building its whole graph. organisation_id (else the first organisation column) is that
 * organisation, any other organisation column the `partner`, network_id the given network; the rest follows the column types.
 */
export async function insertSyntheticRow(
  db: Kysely<any>,
  table: string,
  organisation: string,
  partner: string,
  networkId: string,
): Promise<void> {
  const columns = await columnsOf(db, table);
  const owner =
    columns.find((c) => c.name === 'organisation_id') ?? columns.find((c) => c.name.endsWith('organisation_id'));
  // Nullable columns a multi-column CHECK needs set (e.g. "exactly one of data and data_enc").
  const forced = new Set<string>();
  for (let attempt = 0; ; attempt += 1) {
    const names: string[] = [];
    const values: string[] = [];
    for (const column of columns) {
      const value =
        column === owner
          ? `'${organisation}'::uuid`
          : column.name.endsWith('organisation_id')
            ? `'${partner}'::uuid`
            : column.name === 'network_id'
              ? `'${networkId}'::uuid`
              : synthesise(forced.has(column.name) ? { ...column, nullable: false, hasDefault: false } : column, table);
      if (value === undefined) continue;
      names.push(`"${column.name}"`);
      values.push(value);
    }
    try {
      await db.transaction().execute(async (tx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(tx);
        await sql.raw(`INSERT INTO "${table}" (${names.join(', ')}) VALUES (${values.join(', ')})`).execute(tx);
      });
      return;
    } catch (error) {
      const constraint = /violates check constraint "([^"]+)"/.exec(String((error as Error).message))?.[1];
      const unset =
        constraint && attempt < 5
          ? await unsetColumnsOf(db, table, constraint, new Set([...names.map((n) => n.slice(1, -1))]))
          : [];
      if (!unset[0])
        throw new Error(
          `cannot insert a synthetic row into ${table}: ${(error as Error).message}; add a hint in tests/integration/support/tenant-tables.ts`,
        );
      forced.add(unset[0]);
    }
  }
}

async function unsetColumnsOf(db: Kysely<any>, table: string, constraint: string, set: Set<string>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
    WHERE k.conrelid = ${table}::regclass AND k.conname = ${constraint} ORDER BY a.attnum`.execute(db);
  return rows.rows.map((r) => r.name).filter((n) => !set.has(n));
}

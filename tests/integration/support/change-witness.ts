/**
 * A cheap and exact witness that a request changed nothing, for tests that ask it thousands of
 * times (the fuzz test: two looks per request, 25 requests per route, every route, two engines).
 *
 * The full fingerprint (snapshot.ts) serialises every row of every table, which costs more the
 * more rows the demo data holds. Here every table gets a row trigger that adds one to a counter
 * in the same transaction as the change: a rolled-back write leaves the counter as it was, just as
 * it leaves the rows, and an UPDATE that writes back the same values (less the volatile columns
 * the fingerprint ignores too) does not count. Truncations count. The schema's shape (tables and
 * columns) is compared as well, so a request that altered a table would be seen. What it cannot
 * see is a statement run with triggers off (session_replication_role = replica), which the app
 * never sets.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../src/storage/database';
import { VOLATILE_COLUMNS } from './snapshot';

const COUNTER = 'zz_test_row_changes';

export interface ChangeWitness {
  /** Row changes so far, and the shape of the schema; equal before and after means nothing changed. */
  look(within?: Kysely<any>): Promise<{ rowChanges: number; schema: string }>;
}

export async function installChangeWitness(db: Database | Kysely<any>): Promise<ChangeWitness> {
  const kysely = 'system' in db ? db.system : db;
  await sql.raw(`CREATE TABLE ${COUNTER} (n bigint NOT NULL)`).execute(kysely);
  await sql.raw(`INSERT INTO ${COUNTER} VALUES (0)`).execute(kysely);
  // SECURITY DEFINER: the counter is written with its owner's rights whichever role the app's
  // statement runs as (RLS-confined roles included). The trigger's arguments are the columns to ignore.
  await sql
    .raw(
      `CREATE FUNCTION zz_count_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - coalesce(TG_ARGV, '{}'::text[])) = (to_jsonb(OLD) - coalesce(TG_ARGV, '{}'::text[])) THEN
          RETURN NULL;
        END IF;
        UPDATE ${COUNTER} SET n = n + 1;
        RETURN NULL;
      END $$`,
    )
    .execute(kysely);
  // Partitions inherit their parent's row trigger; the counter itself is left out.
  const tables = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
      AND relname <> ${COUNTER}`.execute(kysely);
  for (const { name } of tables.rows) {
    const ignored = (VOLATILE_COLUMNS[name] ?? []).map((column) => `'${column}'`).join(', ');
    await sql
      .raw(
        `CREATE TRIGGER zz_row_change AFTER INSERT OR UPDATE OR DELETE ON "${name}"
           FOR EACH ROW EXECUTE FUNCTION zz_count_row_change(${ignored})`,
      )
      .execute(kysely);
    await sql
      .raw(
        `CREATE TRIGGER zz_truncate AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION zz_count_row_change()`,
      )
      .execute(kysely);
  }
  return {
    async look(within = kysely) {
      const result = await sql<{ n: string | number; schema: string }>`
        SELECT (SELECT n FROM ${sql.table(COUNTER)}) AS n,
          (SELECT md5(coalesce(string_agg(c.relname || '.' || a.attname || ':' || a.atttypid::text, ',' ORDER BY c.relname COLLATE "C", a.attnum), ''))
             FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped) AS schema`.execute(
        within,
      );
      return { rowChanges: Number(result.rows[0].n), schema: result.rows[0].schema };
    },
  };
}

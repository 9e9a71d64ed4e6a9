/**
 * Opens the database on one of two engines — embedded PGlite (a folder) or
 * PostgreSQL (DATABASE_URL) — behind the same Kysely interface, and provides
 * the two ways to run work: as the system (migrations, login) or as a tenant.
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema';
import { lockDataDir } from './data-dir-lock';

export type Engine = 'pglite' | 'postgres';
export type Tx = Transaction<DB>;

export interface Database {
  engine: Engine;
  /**
   * The query builder on the connection's own role, outside any tenant: row-level security does not
   * confine it. For migrations, authentication, admin commands and `withTenant`/`withSystem`, which
   * open scoped transactions on it; a request's queries go through withTenant.
   */
  system: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(script: string): Promise<void>;
  /** PGlite only: a tarball of the database folder, taken by the engine itself (backups). */
  dumpDataDir?(): Promise<Blob>;
  /**
   * The job queue's (pg-boss) way in: one statement with parameters, or a multi-statement script
   * without, answering the rows of every statement. On PGlite it waits its turn on Kysely's single
   * connection, so it never lands inside another caller's transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite in dataDir (or in memory when dataDir is omitted). */
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: fill an empty dataDir from a tarball of dumpDataDir (restore). */
  loadDataDir?: Blob;
}

// int8 (counts) as numbers: our counts never approach 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover) is replaced on next use; without a
    // listener pg would crash the process. Queries in flight still fail and are handled by their caller.
    pool.on('error', () => {});
    const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      engine: 'postgres',
      system: kysely,
      async execScript(script) {
        const client = await pool.connect();
        try {
          await client.query(script);
        } finally {
          client.release();
        }
      },
      async executeSql(text, values) {
        // A multi-statement script answers one result per statement: keep every statement's rows.
        const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[];
        return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows };
      },
      close: () => kysely.destroy(),
    };
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  // One process per folder (see data-dir-lock.ts); taken before PGlite reads a single page.
  const unlock = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
  let pglite: PGlite;
  try {
    pglite = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
    await pglite.waitReady;
  } catch (error) {
    await unlock();
    throw error;
  }
  const kysely = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    engine: 'pglite',
    system: kysely,
    async execScript(script) {
      // Through Kysely's serialised connection so it never interleaves with a transaction.
      await kysely.connection().execute(async () => {
        await pglite.exec(script);
      });
    },
    // Through the same connection: no statement runs while the engine copies its files.
    dumpDataDir: () => kysely.connection().execute(() => pglite.dumpDataDir('none')),
    executeSql: (text, values) =>
      kysely.connection().execute(async () => {
        try {
          if (values?.length) return { rows: (await pglite.query(text, values)).rows };
          // query() takes one statement; pg-boss's parameterless scripts (BEGIN … COMMIT) go through exec().
          return { rows: (await pglite.exec(text)).flatMap((r) => r.rows ?? []) };
        } catch (error) {
          // One connection: a script that failed inside BEGIN would leave every later statement aborted.
          await pglite.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }),
    async close() {
      try {
        await kysely.destroy();
        // Kysely closes the engine only if a query ever ran: without this an instance opened and
        // closed unused (a restore) would stay open past its lock, and keep the process alive.
        if (!pglite.closed) await pglite.close();
      } finally {
        await unlock();
      }
    },
  };
}

/** Who a tenant transaction acts for; written into transaction-local settings that RLS reads. */
export interface TenantContext {
  organisationId: string;
  userId?: string;
}

export interface TenantOptions {
  /**
   * For requests that only read (their one write is the audit entry of the read): COMMIT
   * returns before the WAL is flushed (SET LOCAL synchronous_commit = off), so reads do not
   * queue behind disk flushes. A database crash can lose such a transaction's audit entry
   * from the last ~3 × wal_writer_delay (README, security model); never use it for writes.
   */
  asyncCommit?: boolean;
}

/**
 * Runs fn in a transaction that has switched to the restricted ariadne_app role
 * with the tenant set, so PostgreSQL row-level security confines every query.
 */
export async function withTenant<T>(
  db: Database,
  ctx: TenantContext,
  fn: (tx: Tx) => Promise<T>,
  opts: TenantOptions = {},
): Promise<T> {
  // Asynchronous commit: see TenantOptions. Otherwise the server's own setting stands.
  const commit = opts.asyncCommit ? sql`, set_config('synchronous_commit', 'off', true)` : sql``;
  return db.system.transaction().execute(async (tx) => {
    // One round trip: SET LOCAL ROLE and the tenant settings together (role is a GUC like the others).
    await sql`SELECT set_config('role', 'ariadne_app', true), set_config('app.organisation_id', ${ctx.organisationId}, true), set_config('app.user_id', ${ctx.userId ?? ''}, true)${commit}`.execute(
      tx,
    );
    return fn(tx);
  });
}

/**
 * Re-scopes an open tenant transaction to another organisation while fn runs, then back.
 * For commands whose writes span two organisations and must commit or fail together (a
 * transfer closes the sender's case as the receiver's opens): RLS keeps confining every
 * query, now to `other`. Settings are transaction-local, so nothing outlives the transaction.
 */
export async function asOrganisation<T>(
  tx: Tx,
  current: TenantContext,
  other: TenantContext,
  fn: () => Promise<T>,
): Promise<T> {
  const scope = (t: TenantContext) =>
    sql`SELECT set_config('app.organisation_id', ${t.organisationId}, true), set_config('app.user_id', ${t.userId ?? ''}, true)`.execute(
      tx,
    );
  await scope(other);
  // On failure the whole transaction rolls back, and an aborted transaction accepts no
  // further statement: scoping back happens on success only.
  const result = await fn();
  await scope(current);
  return result;
}

/**
 * Runs fn with an open tenant transaction switched back to the connection's own role, then
 * re-scopes it to `current`. For a command's writes to rows the app role may not write (a
 * network and its memberships, a job's progress row, the job queue) that must commit or fail
 * with the tenant's own writes. As with asOrganisation, scoping back happens on success only.
 */
export async function asSystem<T>(tx: Tx, current: TenantContext, fn: () => Promise<T>): Promise<T> {
  await sql`SELECT set_config('role', 'none', true)`.execute(tx);
  const result = await fn();
  await sql`SELECT set_config('role', 'ariadne_app', true), set_config('app.organisation_id', ${current.organisationId}, true), set_config('app.user_id', ${current.userId ?? ''}, true)`.execute(
    tx,
  );
  return result;
}

/** Runs fn as the connection's own role: only for migrations, authentication and admin commands. */
export async function withSystem<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.system.transaction().execute(fn);
}

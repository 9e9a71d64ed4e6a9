/**
 * The durable job queue: pg-boss (https://github.com/timgit/pg-boss) on both engines. pg-boss keeps
 * its jobs, schedules and heart-beats in its own schema ("pgboss"), which it creates and upgrades
 * itself; it claims jobs with FOR UPDATE SKIP LOCKED, so several servers share one queue. Its SQL
 * reaches the database through Database.executeSql: on PostgreSQL a connection of the pool, on
 * PGlite the one serialised connection (pg-boss's own "pglite" backend profile), so no embedded
 * fallback is needed.
 */
import { CompiledQuery } from 'kysely';
import { PgBoss } from 'pg-boss';
import type { Database, Tx } from './database';

export type JobQueue = PgBoss;

export interface JobQueueOptions {
  /** Fail or retry jobs whose worker stopped heart-beating, and expire stale ones, on pg-boss's timer. */
  supervise: boolean;
  /** Turn due cron schedules into jobs (only servers that work every queue do). */
  schedule: boolean;
}

export function openJobQueue(db: Database, options: JobQueueOptions): JobQueue {
  return new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.executeSql(text, values) },
    backend: db.engine === 'pglite' ? 'pglite' : 'postgres',
    schema: 'pgboss',
    supervise: options.supervise,
    schedule: options.schedule,
    // The instance registry is for pg-boss's dashboard; nothing here reads it.
    registerInstance: false,
  });
}

/**
 * pg-boss's way into an open transaction (`send(name, data, { db: inTransaction(tx) })`): the job
 * is written there, so it exists once the transaction commits and not at all if it rolls back.
 * The transaction must be in the connection's own role (asSystem): pgboss is not the app role's.
 */
export const inTransaction = (tx: Tx) => ({
  executeSql: async (text: string, values?: unknown[]) => ({
    rows: (await tx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows as unknown[],
  }),
});

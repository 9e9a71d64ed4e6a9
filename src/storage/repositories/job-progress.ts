/** Progress rows of background jobs (system context: a summary may name several organisations). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface JobProgressRow {
  id: string;
  kind: string;
  organisationId: string | null;
  state: 'running' | 'succeeded' | 'failed';
  phase: string;
  done: number;
  total: number;
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  summary: Record<string, unknown> | null;
  errorCode: string | null;
}

const columns = [
  'id',
  'kind',
  'organisation_id as organisationId',
  'state',
  'phase',
  'done',
  'total',
  'attempt',
  'started_at as startedAt',
  'finished_at as finishedAt',
  'summary',
  'error_code as errorCode',
] as const;

const parsed = <T extends { summary: unknown } | undefined>(row: T) =>
  row &&
  ({ ...row, summary: typeof row.summary === 'string' ? JSON.parse(row.summary) : row.summary } as JobProgressRow);

export const jobProgressRepo = {
  /** The row of a job just queued; its worker may have written it first. */
  create: (
    db: Kysely<DB>,
    p: { id: string; kind: string; organisationId: string | null; phase: string; summary?: Record<string, unknown> },
  ) =>
    db
      .insertInto('job_progress')
      .values({
        id: p.id,
        kind: p.kind,
        organisation_id: p.organisationId,
        state: 'running',
        phase: p.phase,
        ...(p.summary ? { summary: JSON.stringify(p.summary) } : {}),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),

  remove: (db: Kysely<DB>, id: string) => db.deleteFrom('job_progress').where('id', '=', id).execute(),

  find: async (db: Kysely<DB>, kind: string, id: string) =>
    parsed(
      await db
        .selectFrom('job_progress')
        .select(columns)
        .where('kind', '=', kind)
        .where('id', '=', id)
        .executeTakeFirst(),
    ),

  latest: async (db: Kysely<DB>, kind: string) =>
    parsed(
      await db
        .selectFrom('job_progress')
        .select(columns)
        .where('kind', '=', kind)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ),

  /** A (new) attempt begins: progress starts again from nothing. Only while the job is not finished. */
  begin: (
    db: Kysely<DB>,
    p: { id: string; kind: string; organisationId: string | null; attempt: number; phase: string },
  ) =>
    db
      .insertInto('job_progress')
      .values({
        id: p.id,
        kind: p.kind,
        organisation_id: p.organisationId,
        state: 'running',
        phase: p.phase,
        attempt: p.attempt,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ attempt: p.attempt, phase: p.phase, done: 0, total: 0, updated_at: new Date() })
          .where('job_progress.state', '=', 'running'),
      )
      .execute(),

  /** Progress of one attempt; a late write of an attempt that was given up on changes nothing. */
  progress: (db: Kysely<DB>, id: string, attempt: number, p: { phase: string; done: number; total: number }) =>
    db
      .updateTable('job_progress')
      .set({ ...p, updated_at: new Date() })
      .where('id', '=', id)
      .where('attempt', '=', attempt)
      .where('state', '=', 'running')
      .execute(),

  finish: (
    db: Kysely<DB>,
    id: string,
    attempt: number | null,
    f: { state: 'succeeded' | 'failed'; summary?: Record<string, unknown> | null; errorCode?: string | null },
  ) => {
    let q = db
      .updateTable('job_progress')
      .set({
        state: f.state,
        summary: f.summary ? JSON.stringify(f.summary) : null,
        error_code: f.errorCode ?? null,
        finished_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('state', '=', 'running');
    if (attempt !== null) q = q.where('attempt', '=', attempt);
    return q.execute();
  },
};

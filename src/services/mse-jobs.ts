/**
 * MSE fits run as jobs on the durable queue (jobs.ts), like linkage runs: POST answers 202 with the
 * job's id at once, the fit (and its bootstrap) runs in a worker thread of whichever server takes the
 * job, progress goes to job_progress, and any server answers GET with the progress and then the result.
 *
 * The queue's own tables carry only ids (the organisation). The request (a table of counts and the
 * options) and the result live in the job's progress row, read back only by the organisation that
 * asked; a stratified result is stored as published, small strata already hidden under the floor.
 */
import crypto from 'node:crypto';
import { MseInputError, type MseResult } from '../domain/mse';
import type { MseJobRequest } from '../domain/mse/job-inputs';
import { resamplesFromCounts } from '../domain/mse/bootstrap';
import {
  chapmanTotal,
  decidedCounts,
  linkageErrorInterval,
  linkageResamples,
  type LinkageErrorDraft,
} from '../domain/mse/linkage-error';
import { publishStrata, type PublishedStrata } from '../domain/mse/strata';
import { DomainError } from '../domain/errors';
import { AppError, errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Role } from '../policies/roles';
import { jobProgressRepo, type JobProgressRow } from '../storage/repositories/job-progress';
import { requireAccess } from './authorize';
import type { AppContext } from './context';
import { reportFloor } from './disclosure-floors';
import { networkCaptureHistories, networkCaptureLinkage } from './capture-tables';
import { runMse } from './estimates';
import { JOB, JOB_RETRY_LIMIT, enqueueJob, queuedJobState, type JobAttempt } from './jobs';
import { runInWorker } from './workers';

export const MSE_JOB_PHASES = ['queued', 'fit', 'bootstrap'] as const;
export type MseJobPhase = (typeof MSE_JOB_PHASES)[number];

/** What the row keeps while the job waits: who asked (ids and role codes), the floor, the request. */
interface PendingSummary {
  actor: { userId: string; organisationId: string; roles: Role[] };
  floor: number;
  request: MseJobRequest;
}

/** What the row keeps once the fit is done. */
export interface MseJobOutcome {
  /** A single fit: the domain result (JSON: an unbounded or undefined number is null) and its table. */
  fit?: {
    result: MseResult;
    lists: string[];
    histories: { pattern: number[]; count: number }[];
    savedEstimateId?: string;
  };
  strata?: PublishedStrata;
}

export interface MseJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  phase: MseJobPhase;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  /** An MSE refusal code (e.g. no_finite_estimate), or mse_failed / worker_lost; never a message quoting the table. */
  errorCode: string | null;
  outcome: MseJobOutcome | null;
}

/** JSON without Infinity or NaN: they become null (the presenters read null as unbounded or not applicable). */
const jsonSafe = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as T;

function toJob(row: JobProgressRow): MseJob {
  const done = row.state === 'succeeded';
  return {
    id: row.id,
    state: row.state,
    phase: row.phase as MseJobPhase,
    done: row.done,
    total: row.total,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    errorCode: row.errorCode,
    outcome: done ? ((row.summary as MseJobOutcome | null) ?? null) : null,
  };
}

/** The row, checked against the queue while it says running: a job the queue has given up on is failed here too. */
async function current(ctx: AppContext, row: JobProgressRow): Promise<MseJob> {
  if (row.state !== 'running') return toJob(row);
  const queued = await queuedJobState(ctx, JOB.mseFit, row.id);
  if (queued && !['failed', 'cancelled', 'completed'].includes(queued.state)) return toJob(row);
  const errorCode = queued?.state === 'failed' && !queued.workerLost ? 'mse_failed' : 'worker_lost';
  await jobProgressRepo.finish(ctx.db.system, row.id, null, { state: 'failed', errorCode });
  return toJob((await jobProgressRepo.find(ctx.db.system, JOB.mseFit, row.id))!);
}

/** Queues a fit; answers the job as it stands (queued). */
export async function startMseJob(ctx: AppContext, actor: Actor, request: MseJobRequest): Promise<MseJob> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const id = crypto.randomUUID();
  const summary: PendingSummary = {
    actor: { userId: actor.userId, organisationId: actor.organisationId, roles: [...actor.roles] },
    floor: await reportFloor(ctx, actor, 'organisation', []),
    request,
  };
  await jobProgressRepo.create(ctx.db.system, {
    id,
    kind: JOB.mseFit,
    organisationId: actor.organisationId,
    phase: 'queued',
    summary: summary as unknown as Record<string, unknown>,
  });
  try {
    await enqueueJob(ctx, JOB.mseFit, { id, data: { organisationId: actor.organisationId } });
  } catch (error) {
    await jobProgressRepo.remove(ctx.db.system, id);
    throw error;
  }
  return toJob((await jobProgressRepo.find(ctx.db.system, JOB.mseFit, id))!);
}

/** A job of the caller's organisation: progress, then the result. Another organisation's job is not found. */
export async function mseJob(ctx: AppContext, actor: Actor, id: string): Promise<MseJob> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const row = await jobProgressRepo.find(ctx.db.system, JOB.mseFit, id);
  if (!row || row.organisationId !== actor.organisationId) throw errors.notFound();
  return current(ctx, row);
}

/** Replicates of a linkage-error interval when the request names none: the bootstrap's usual default. */
const LINKAGE_REPLICATES = 1000;

/**
 * The network's own table, built when the job runs (as GET /api/mse/capture-histories builds it). With linkage
 * error, every replicate redraws the latest run's uncertain links before resampling the persons: the redrawn
 * tables go to the fit as given resamples (percentile interval), or, with two lists, Chapman's replicates
 * give the interval. Only counts reach the fit; the links never leave this function.
 */
async function networkRequest(
  ctx: AppContext,
  actor: Actor,
  request: MseJobRequest,
): Promise<{ request: MseJobRequest; linkage?: LinkageErrorDraft }> {
  const { network, ...rest } = request;
  if (!network?.linkageError)
    return { request: { ...rest, csv: (await networkCaptureHistories(ctx, actor, network!.by)).csv } };
  const { histories, linkage } = await networkCaptureLinkage(ctx, actor, network.by);
  if (!linkage)
    throw errors.badRequest('no_linkage_run', 'No linkage run has finished: the table carries no linkage to redraw.');
  // The linkage as decided must be the table itself, or the redrawn replicates would be of another table.
  const decided = decidedCounts(linkage.uncertainty);
  const table = new Float64Array(decided.length);
  for (const row of histories.rows) table[row.lists.reduce((mask, on, i) => mask | (on << i), 0)] += row.count;
  if (decided.some((count, mask) => count !== table[mask]))
    throw errors.conflict('linkage_changed', 'The linkage changed while the table was read; run the fit again.');
  const replicates = request.bootstrap || LINKAGE_REPLICATES;
  const seed = request.seed ?? 1;
  const common = { run: linkage.runId, uncertainPairs: linkage.uncertainPairs, replicates, seed };
  if (histories.lists.length < 3) {
    const chapman = linkageErrorInterval(linkage.uncertainty, chapmanTotal, { replicates, seed });
    return {
      request: { ...rest, csv: histories.csv, bootstrap: 0 },
      linkage: { ...common, persons: chapman.persons, interval: chapman.interval, failed: chapman.failed },
    };
  }
  const drawn = linkageResamples(linkage.uncertainty, { replicates, seed });
  const set = resamplesFromCounts(histories.lists, drawn.tables);
  return {
    request: {
      ...rest,
      csv: histories.csv,
      bootstrap: replicates,
      // Percentile: BCa's bias correction would pull the limits back to the linkage as decided.
      interval: 'percentile',
      resamples: { lists: [...set.lists], cells: [...set.cells], tables: set.tables.map((t) => [...t]) },
    },
    linkage: { ...common, persons: drawn.persons },
  };
}

/** A fit of the network's own table, in-process (`ariadne mse-network`); the job runs the same. */
export async function runNetworkMse(ctx: AppContext, actor: Actor, request: MseJobRequest) {
  const network = await networkRequest(ctx, actor, request);
  return runMse(ctx, actor, network.request, undefined, network.linkage);
}

/** A refusal of the table or options: the job fails with its code, without retry. */
const refusalCode = (error: unknown): string | null => {
  if (error instanceof MseInputError || error instanceof DomainError) return error.code;
  if (error instanceof AppError && error.status < 500) return error.code;
  return null;
};

/** The "mse.fit" job handler: the fit in a worker thread, progress throttled, the outcome into the row. */
export async function runMseJob(ctx: AppContext, job: JobAttempt): Promise<void> {
  const db = ctx.db.system;
  const attempt = job.retryCount;
  const row = await jobProgressRepo.find(db, JOB.mseFit, job.id);
  if (!row || row.state !== 'running') return;
  const pending = row.summary as unknown as PendingSummary | null;
  if (!pending?.request) {
    await jobProgressRepo.finish(db, job.id, attempt, { state: 'failed', errorCode: 'mse_failed' });
    return;
  }
  await jobProgressRepo.begin(db, {
    id: job.id,
    kind: JOB.mseFit,
    organisationId: row.organisationId,
    attempt,
    phase: 'fit',
  });
  let writes = Promise.resolve();
  let last = 0;
  const onProgress = (p: { phase: string; done: number; total: number }) => {
    const now = Date.now();
    if (p.done < p.total && now - last < 200) return;
    last = now;
    const phase: MseJobPhase = p.phase === 'bootstrap' ? 'bootstrap' : 'fit';
    writes = writes
      .then(() => jobProgressRepo.progress(db, job.id, attempt, { phase, done: p.done, total: p.total }))
      .then(
        () => {},
        () => {},
      );
  };
  const { actor, floor, request } = pending;
  try {
    let outcome: MseJobOutcome;
    if (request.stratifyBy) {
      const result = await runInWorker(
        ctx,
        'mse.strata',
        {
          csv: request.csv ?? '',
          column: request.stratifyBy,
          options: {
            method: request.method === 'fixed' || request.method === 'main' ? request.method : 'stepwise',
            pThreshold: request.threshold ?? 0.02,
            ...(request.terms ? { terms: request.terms } : {}),
            ...(request.bootstrap ? { bootstrap: { replicates: request.bootstrap, seed: request.seed ?? 1 } } : {}),
          },
        },
        { organisationId: null, onProgress },
      );
      outcome = { strata: jsonSafe(publishStrata(result, floor)) };
    } else {
      const network = request.network ? await networkRequest(ctx, actor, request) : null;
      const fit = await runMse(ctx, actor, network?.request ?? request, onProgress, network?.linkage);
      outcome = {
        fit: jsonSafe({
          result: fit.result,
          lists: [...fit.lists],
          histories: fit.histories.map((h) => ({ pattern: [...h.pattern], count: h.count })),
          ...(fit.savedEstimateId ? { savedEstimateId: fit.savedEstimateId } : {}),
        }),
      };
    }
    await writes;
    await jobProgressRepo.finish(db, job.id, attempt, {
      state: 'succeeded',
      summary: outcome as unknown as Record<string, unknown>,
    });
  } catch (error) {
    await writes;
    const code = refusalCode(error);
    if (code) {
      await jobProgressRepo.finish(db, job.id, attempt, { state: 'failed', errorCode: code });
      return;
    }
    if (attempt >= JOB_RETRY_LIMIT)
      await jobProgressRepo.finish(db, job.id, attempt, { state: 'failed', errorCode: 'mse_failed' });
    throw error;
  }
}

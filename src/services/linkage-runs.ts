/**
 * Linkage runs started from the web UI or API: jobs on the durable queue (jobs.ts), one at a
 * time across every server, with their progress in job_progress so any server can answer for
 * them. Only counts leave a run (never encodings, never identities).
 */
import crypto from 'node:crypto';
import { LinkageError, type LinkagePhase } from '../domain/linkage';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { withSystem, type Tx } from '../storage/database';
import { jobProgressRepo, type JobProgressRow } from '../storage/repositories/job-progress';
import { linkageRepo } from '../storage/repositories/linkage';
import { networksRepo } from '../storage/repositories/networks';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { alreadyRunning, startLinkageRun as startLinkageRunCommand } from './commands/start-linkage-run';
import { JOB, JOB_RETRY_LIMIT, jobQueue, queuedJobState, workQueue, type JobAttempt } from './jobs';
import { linkageSecretFingerprint, runNetworkLinkage, setLinkageSecret, type LinkageRunModel } from './linkage';

export const LINKAGE_PHASES = ['encode', 'validate', 'block', 'compare', 'cluster'] as const;

export interface LinkageRunSummary {
  runId: string;
  organisations: { id: string; name: string; encoded: number; reviewCap?: number | null }[];
  stats: Record<string, number>;
  personsDeduplicated: number;
  /** The estimated parameters (absent from runs stored before they were reported). */
  model?: LinkageRunModel | null;
  /** Absent from runs stored before incremental linkage (all full). */
  mode?: 'full' | 'incremental';
}

export interface LinkageJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  phase: (typeof LINKAGE_PHASES)[number];
  /** Progress within the current phase. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  summary: LinkageRunSummary | null;
  /** A stable code (e.g. missing_secret), never a message that could quote data. */
  errorCode: string | null;
}

/** The numeric figures of a run's statistics (the blocking parameters stay out). */
const countsOf = (stats: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(stats).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

/** The organisation itself and its active network partners: the only organisations a run summary names to it. */
async function visibleOrganisations(tx: Tx, actor: Actor): Promise<string[]> {
  const partners = await networksRepo.partnerIds(tx);
  return [...new Set([actor.organisationId, ...partners])];
}

/** A job as one organisation may see it: other networks' organisations are left out of the summary. */
function jobFor(job: LinkageJob | undefined, visible: readonly string[]) {
  if (!job) return null;
  const summary = job.summary && {
    ...job.summary,
    organisations: job.summary.organisations
      .filter((o) => visible.includes(o.id))
      .map(({ name, encoded, reviewCap }) => ({ name, encoded, reviewCap: reviewCap ?? null })),
    model: job.summary.model ?? null,
  };
  return { ...job, summary };
}

type LinkageRunner = typeof runNetworkLinkage;

/** Runs a test substituted for one job id, taken by this server's worker; everywhere else the real run. */
const substitutes = new WeakMap<AppContext, Map<string, LinkageRunner>>();
/** Linkage jobs this server's worker has in hand. */
const inHand = new WeakMap<AppContext, Set<string>>();

function toJob(row: JobProgressRow): LinkageJob {
  return {
    id: row.id,
    state: row.state,
    phase: row.phase as LinkageJob['phase'],
    done: row.done,
    total: row.total,
    startedAt: new Date(row.startedAt).toISOString(),
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
    summary: row.summary as LinkageRunSummary | null,
    errorCode: row.errorCode,
  };
}

/**
 * The row as it stands, checked against the queue while it says "running": a job pg-boss has
 * failed (its worker stopped heart-beating on every attempt, or it threw) is failed here too.
 */
async function current(ctx: AppContext, row: JobProgressRow | undefined): Promise<LinkageJob | null> {
  if (!row) return null;
  if (row.state !== 'running') return toJob(row);
  const queued = await queuedJobState(ctx, JOB.linkageRun, row.id);
  if (queued && !['failed', 'cancelled', 'completed'].includes(queued.state)) return toJob(row);
  // Gone from the queue, or ended there without writing its result: the worker was lost.
  const errorCode = queued?.state === 'failed' && !queued.workerLost ? 'linkage_failed' : 'worker_lost';
  await jobProgressRepo.finish(ctx.db.system, row.id, null, { state: 'failed', errorCode });
  return toJob((await jobProgressRepo.find(ctx.db.system, JOB.linkageRun, row.id))!);
}

const latestJob = async (ctx: AppContext) => current(ctx, await jobProgressRepo.latest(ctx.db.system, JOB.linkageRun));

/** The organisation's linkage set-up, the latest network run and any run in progress: counts only. */
export async function linkageStatus(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  const own = await inTenant(ctx, actor, async (tx) => {
    const secret = await linkageRepo.secretStatus(tx, actor.organisationId);
    const encodings = await linkageRepo.encodingCount(tx, actor.organisationId);
    return { secret, encodings, visible: await visibleOrganisations(tx, actor) };
  });
  // Runs and partners' secrets are not this tenant's rows: read as the system, counts only.
  const { lastRun, participants } = await withSystem(ctx.db, async (tx) => ({
    lastRun: await linkageRepo.latestRun(tx),
    participants: await linkageRepo.secretCount(tx, own.visible),
  }));
  // Shown where the secret is managed, so organisations can compare theirs without revealing it.
  const fingerprint = own.secret ? await linkageSecretFingerprint(ctx, actor.organisationId) : null;
  const lastStats = lastRun
    ? ((typeof lastRun.stats === 'string' ? JSON.parse(lastRun.stats) : lastRun.stats) as Record<string, unknown>)
    : null;
  return {
    secret: own.secret
      ? {
          set: true,
          schemaVersion: own.secret.schema_version,
          updatedAt: new Date(own.secret.updated_at).toISOString(),
          fingerprint,
        }
      : { set: false, schemaVersion: null, updatedAt: null, fingerprint: null },
    encodings: own.encodings,
    participatingOrganisations: participants,
    lastRun: lastRun
      ? {
          id: lastRun.id,
          startedAt: new Date(lastRun.started_at).toISOString(),
          finishedAt: new Date(lastRun.finished_at).toISOString(),
          stats: countsOf(lastStats!),
          model: (lastStats!.model as LinkageRunModel | undefined) ?? null,
        }
      : null,
    job: jobFor((await latestJob(ctx)) ?? undefined, own.visible),
  };
}

/** Stores the organisation's network linkage secret (encrypted under its own key); it is never returned. */
export async function storeLinkageSecret(ctx: AppContext, actor: Actor, secret: string): Promise<void> {
  requireAccess(actor, 'linkage.secret.manage', { organisationId: actor.organisationId });
  try {
    await setLinkageSecret(ctx, actor.organisationId, secret, actor.userId);
  } catch (error) {
    if (error instanceof LinkageError) throw errors.badRequest(error.code, error.message);
    throw error;
  }
}

/**
 * Queues a network linkage run (any server working the queue runs it); refuses while one is queued
 * or running anywhere. `run` replaces the real run for this job, if this server's worker takes it (tests).
 */
export async function startLinkageRun(
  ctx: AppContext,
  actor: Actor,
  run: LinkageRunner = runNetworkLinkage,
  options: { mode?: 'full' | 'incremental' } = {},
) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  // A fast refusal; the queue's exclusive policy, inside the command's transaction, is the one that holds.
  if ((await latestJob(ctx))?.state === 'running') throw alreadyRunning();
  // Opened before the transaction (see StartLinkageRunProps.queue); opening caches every queue's settings.
  const queue = await jobQueue(ctx);
  const id = crypto.randomUUID();
  if (run !== runNetworkLinkage) substitutes.set(ctx, (substitutes.get(ctx) ?? new Map()).set(id, run));
  try {
    await inTenant(ctx, actor, (tx) => startLinkageRunCommand({ actor, tx, queue, id, mode: options.mode }));
  } catch (error) {
    substitutes.get(ctx)?.delete(id);
    throw error;
  }
  // Committed: this server works the queue too, unless it works none.
  if (ctx.config.jobs !== 'off') await workQueue(ctx, JOB.linkageRun);
  return jobFor(toJob((await jobProgressRepo.find(ctx.db.system, JOB.linkageRun, id))!), [])!;
}

export async function linkageJob(ctx: AppContext, actor: Actor, id: string) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  const job = await current(ctx, await jobProgressRepo.find(ctx.db.system, JOB.linkageRun, id));
  if (!job) throw errors.notFound();
  return jobFor(job, await inTenant(ctx, actor, (tx) => visibleOrganisations(tx, actor)))!;
}

/**
 * The "linkage.run" job handler: runs the linkage, writing progress (throttled) and the counts-only
 * summary. A refusal (no secret, bad encodings) fails the run without retry; anything else is thrown
 * back to the queue, which retries it once and then fails it.
 */
export async function runLinkageJob(ctx: AppContext, job: JobAttempt): Promise<void> {
  const db = ctx.db.system;
  const attempt = job.retryCount;
  const local = inHand.get(ctx) ?? new Set<string>();
  inHand.set(ctx, local.add(job.id));
  try {
    const organisationId = typeof job.data.organisationId === 'string' ? job.data.organisationId : null;
    await jobProgressRepo.begin(db, { id: job.id, kind: JOB.linkageRun, organisationId, attempt, phase: 'encode' });
    const run = substitutes.get(ctx)?.get(job.id) ?? runNetworkLinkage;
    // Progress writes go one after another, at most every 200 ms within a phase (each is a round trip).
    let writes = Promise.resolve();
    let last = { phase: '', at: 0 };
    const onProgress = (phase: LinkagePhase | 'encode', done: number, total: number) => {
      const now = Date.now();
      if (phase === last.phase && done < total && now - last.at < 200) return;
      last = { phase, at: now };
      writes = writes
        .then(() => jobProgressRepo.progress(db, job.id, attempt, { phase, done, total }))
        .then(
          () => {},
          () => {},
        );
    };
    try {
      const mode = job.data.mode === 'full' || job.data.mode === 'incremental' ? job.data.mode : undefined;
      const summary = await run(ctx, onProgress, mode ? { mode } : {});
      await writes;
      await jobProgressRepo.finish(db, job.id, attempt, {
        state: 'succeeded',
        summary: {
          runId: summary.runId,
          organisations: summary.organisations.map((o) => ({
            id: o.id,
            name: o.name,
            encoded: o.encoded,
            reviewCap: o.reviewCap,
          })),
          stats: countsOf(summary.stats),
          personsDeduplicated: summary.personsDeduplicated,
          model: summary.model,
          mode: summary.mode,
        },
      });
    } catch (error) {
      await writes;
      if (error instanceof LinkageError) {
        await jobProgressRepo.finish(db, job.id, attempt, { state: 'failed', errorCode: error.code });
        return;
      }
      if (attempt >= JOB_RETRY_LIMIT)
        await jobProgressRepo.finish(db, job.id, attempt, { state: 'failed', errorCode: 'linkage_failed' });
      throw error;
    }
    substitutes.get(ctx)?.delete(job.id);
  } finally {
    local.delete(job.id);
  }
}

/** For shutdown: resolves once this server's worker has no linkage run in hand. */
export async function linkageIdle(ctx: AppContext): Promise<void> {
  while (inHand.get(ctx)?.size) await new Promise((resolve) => setTimeout(resolve, 20));
}

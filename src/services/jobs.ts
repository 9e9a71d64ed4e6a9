/**
 * Background jobs on the durable queue (pg-boss, src/storage/job-queue.ts): linkage runs and the
 * scheduled work (session purge, deadline reminders). A job survives the server that queued it; any server that works
 * the queue may run it; a worker that stops heart-beating (a crash, a killed process) has its job
 * retried once and then marked failed by pg-boss's supervisor, so nothing stays "running" for ever.
 *
 * Which jobs a server works is ARIADNE_JOBS: `on` every queue plus the schedules, `own` only the
 * queues its own requests put work on (tests: nothing runs behind them), `off` none.
 */
import type { JobQueue } from '../storage/job-queue';
import { openJobQueue } from '../storage/job-queue';
import type { AppContext } from './context';
import { runLinkageJob } from './linkage-runs';
import { runMseJob } from './mse-jobs';
import { sendDeadlineReminders } from './reminders';
import { purgeExpiredSessions } from './session-purge';
import { purgeIdempotencyKeys } from './idempotency';

export const JOB = {
  linkageRun: 'linkage.run',
  mseFit: 'mse.fit',
  sessionsPurge: 'sessions.purge',
  deadlinesRemind: 'deadlines.remind',
  idempotencyPurge: 'idempotency.purge',
} as const;
export type JobName = (typeof JOB)[keyof typeof JOB];

/** What a handler is told of the job it runs. */
export interface JobAttempt {
  id: string;
  /** 0 on the first attempt, 1 on the retry after a lost worker, … */
  retryCount: number;
  /** Codes and ids only, never personal data: the queue's tables are outside row-level security. */
  data: Record<string, unknown>;
}

/** Retries after a crash or a lost worker: one, then the job is failed (handlers refuse bad input themselves, without retry). */
export const JOB_RETRY_LIMIT = 1;

interface QueueSpec {
  handler: (ctx: AppContext, job: JobAttempt) => Promise<unknown>;
  /** `exclusive`: one job queued or active at a time, across every server. */
  policy: 'standard' | 'exclusive' | 'singleton';
  expireInSeconds: number;
  /** Cron (UTC) for scheduled work, run by servers with ARIADNE_JOBS=on. */
  cron?: string;
}

const QUEUES: Record<JobName, QueueSpec> = {
  // A 100k×100k linkage takes minutes; the heart-beat, not this bound, is what catches a dead worker.
  [JOB.linkageRun]: { handler: (ctx, job) => runLinkageJob(ctx, job), policy: 'exclusive', expireInSeconds: 24 * 3600 },
  // Logins purge too; this catches the sessions of an organisation nobody logs in to for a while.
  [JOB.sessionsPurge]: {
    handler: (ctx) => purgeExpiredSessions(ctx),
    policy: 'singleton',
    expireInSeconds: 600,
    cron: '*/15 * * * *',
  },
  // Deadline reminders each morning (UTC); written once each, so a retry or a second run sends nothing twice.
  [JOB.deadlinesRemind]: {
    handler: (ctx) => sendDeadlineReminders(ctx),
    policy: 'singleton',
    expireInSeconds: 3600,
    cron: '0 6 * * *',
  },
  // An MSE fit with its bootstrap (seconds to minutes); several may run at once, each in a worker thread.
  [JOB.mseFit]: { handler: (ctx, job) => runMseJob(ctx, job), policy: 'standard', expireInSeconds: 3600 },
  // Idempotency keys (and their encrypted responses) live 24 hours; the purge runs hourly.
  [JOB.idempotencyPurge]: {
    handler: (ctx) => purgeIdempotencyKeys(ctx),
    policy: 'singleton',
    expireInSeconds: 600,
    cron: '17 * * * *',
  },
};

interface Runtime {
  queue: JobQueue;
  working: Map<JobName, Promise<string>>;
}

const runtimes = new WeakMap<AppContext, Promise<Runtime>>();
const errorReporters = new WeakMap<AppContext, (message: string) => void>();

async function open(ctx: AppContext): Promise<Runtime> {
  const on = ctx.config.jobs === 'on';
  const queue = openJobQueue(ctx.db, { supervise: on, schedule: on });
  // An EventEmitter 'error' without a listener would end the process; pg-boss retries by itself.
  // Only the error's name: a message could quote a job's data.
  queue.on('error', (error: Error) => errorReporters.get(ctx)?.(`job queue error: ${error.name}`));
  await queue.start();
  const heartbeatSeconds = ctx.config.jobHeartbeatSeconds ?? 30;
  for (const [name, spec] of Object.entries(QUEUES)) {
    await queue.createQueue(name, {
      policy: spec.policy,
      retryLimit: JOB_RETRY_LIMIT,
      retryDelay: 0,
      heartbeatSeconds,
      expireInSeconds: spec.expireInSeconds,
    });
  }
  return { queue, working: new Map() };
}

/** The queue of this application context, started (and its schema installed or upgraded) on first use. */
export function jobQueue(ctx: AppContext): Promise<JobQueue> {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = open(ctx);
    // A failed start is not cached: the next use tries again.
    runtime.catch(() => runtimes.delete(ctx));
    runtimes.set(ctx, runtime);
  }
  return runtime.then((r) => r.queue);
}

/** Polls `name` in this server and runs its jobs one at a time (idempotent). */
export async function workQueue(ctx: AppContext, name: JobName): Promise<void> {
  await jobQueue(ctx);
  const runtime = await runtimes.get(ctx)!;
  if (!runtime.working.has(name)) {
    const spec = QUEUES[name];
    runtime.working.set(
      name,
      runtime.queue.work(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) =>
        spec.handler(ctx, {
          id: job.id,
          retryCount: job.retryCount,
          data: (job.data ?? {}) as Record<string, unknown>,
        }),
      ),
    );
  }
  await runtime.working.get(name);
}

/** Stops polling `name` in this server; a job in hand finishes first. */
export async function stopWorkingQueue(ctx: AppContext, name: JobName): Promise<void> {
  const runtime = await runtimes.get(ctx);
  if (!runtime?.working.has(name)) return;
  runtime.working.delete(name);
  await runtime.queue.offWork(name, { wait: true });
}

/**
 * Puts a job on the queue and, unless this server works no jobs, makes sure it works that queue.
 * Answers null when the queue's policy refuses it (an exclusive queue with a job queued or active).
 */
export async function enqueueJob(
  ctx: AppContext,
  name: JobName,
  options: { id: string; data?: Record<string, string> },
): Promise<string | null> {
  const queue = await jobQueue(ctx);
  const id = await queue.send(name, options.data ?? {}, { id: options.id });
  if (id && ctx.config.jobs !== 'off') await workQueue(ctx, name);
  return id;
}

/** The queue's view of one job: pg-boss state and, for a failed job, whether its worker was lost. */
export async function queuedJobState(
  ctx: AppContext,
  name: JobName,
  id: string,
): Promise<{ state: string; workerLost: boolean } | null> {
  const queue = await jobQueue(ctx);
  const [job] = await queue.findJobs<Record<string, unknown>>(name, { id });
  if (!job) return null;
  const output = (job as { output?: unknown }).output;
  const message = JSON.stringify(output ?? '');
  return { state: job.state, workerLost: /heartbeat timeout|timed out/.test(message) };
}

/** One supervisor pass now (jobs of lost workers retried or failed), as pg-boss's timer does on servers with ARIADNE_JOBS=on. */
export async function superviseJobs(ctx: AppContext, name?: JobName): Promise<void> {
  await (await jobQueue(ctx)).supervise(name);
}

/**
 * At server start: with ARIADNE_JOBS=on, works every queue and keeps the schedules. Otherwise
 * nothing starts here (the queue opens on first use).
 */
export async function startJobs(ctx: AppContext, options: { onError?: (message: string) => void } = {}): Promise<void> {
  if (options.onError) errorReporters.set(ctx, options.onError);
  if (ctx.config.jobs !== 'on') return;
  const queue = await jobQueue(ctx);
  for (const [name, spec] of Object.entries(QUEUES) as [JobName, QueueSpec][]) {
    await workQueue(ctx, name);
    if (spec.cron) await queue.schedule(name, spec.cron, {}, { tz: 'UTC' });
  }
}

/** Stops working: a job in hand finishes first (or, past 30 s, is handed back to the queue for another server). */
export async function stopJobs(ctx: AppContext): Promise<void> {
  const runtime = runtimes.get(ctx);
  if (!runtime) return;
  runtimes.delete(ctx);
  const r = await runtime.catch(() => null);
  if (r) await r.queue.stop({ graceful: true, timeout: 30_000 });
}

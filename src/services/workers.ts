/**
 * The worker-thread pool (piscina) that keeps CPU-heavy work off the event
 * loop: an MSE fit with 2,000 bootstrap replicates once froze every
 * organisation's requests, health checks included, for 7.8 s. One pool per
 * application context, started on first use and closed with the server.
 *
 * Each organisation may have only a few heavy tasks in flight at once, so one
 * organisation cannot fill the pool's queue and starve the others.
 */
import os from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { DomainError } from '../domain/errors';
import { LinkageError, type LinkageErrorCode } from '../domain/linkage';
import { MseInputError, type MseInputErrorCode } from '../domain/mse';
import { AppError } from '../errors';
import type { TaskInputs, TaskJob, TaskName, TaskOutputs, TaskProgress, TaskRefusal } from '../workers/tasks';
import type { AppContext } from './context';

interface WorkerState {
  pool: Piscina;
  /** Heavy tasks running or queued, per organisation. */
  inFlight: Map<string, number>;
}

const states = new WeakMap<AppContext, WorkerState>();

// Warm threads are kept a while (loading the TypeScript tasks costs a few hundred ms); idle ones are unref'd by
// piscina, so a CLI command or a test never waits for them to exit.
const IDLE_TIMEOUT_MS = 60_000;

function stateOf(ctx: AppContext): WorkerState {
  let state = states.get(ctx);
  if (!state) {
    const threads = ctx.config.workerThreads ?? Math.max(1, os.availableParallelism() - 1);
    state = {
      pool: new Piscina({
        filename: new URL('../workers/worker.mjs', import.meta.url).href,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: IDLE_TIMEOUT_MS,
        // Beyond this the server is saturated: answering 503 at once beats a queue nobody waits for.
        maxQueue: Math.max(16, threads * 16),
      }),
      inFlight: new Map(),
    };
    states.set(ctx, state);
  }
  return state;
}

export const workerErrors = {
  organisationBusy: () =>
    new AppError(
      429,
      'heavy_tasks_busy',
      'Your organisation already has heavy computations running; try again when they finish',
    ),
  serverBusy: () =>
    new AppError(503, 'server_busy', 'The server is busy with other computations; try again in a minute'),
};

export interface RunOptions {
  /** The organisation the work is for (its concurrency limit applies); null for network-wide system work. */
  organisationId: string | null;
  onProgress?: (progress: TaskProgress) => void;
}

/**
 * Runs one task in a worker thread. Refusals come back as the domain error the
 * task threw (MseInputError, LinkageError, DomainError), so the edge answers as before.
 * @example const result = await runInWorker(ctx, 'mse', { csv, options }, { organisationId })
 */
export async function runInWorker<K extends TaskName>(
  ctx: AppContext,
  task: K,
  input: TaskInputs[K],
  options: RunOptions,
): Promise<TaskOutputs[K]> {
  const state = stateOf(ctx);
  const org = options.organisationId;
  const limit = ctx.config.heavyTasksPerOrganisation ?? 2;
  if (org !== null) {
    const running = state.inFlight.get(org) ?? 0;
    if (running >= limit) throw workerErrors.organisationBusy();
    state.inFlight.set(org, running + 1);
  }
  const channel = options.onProgress ? new MessageChannel() : undefined;
  if (channel) channel.port1.on('message', options.onProgress!);
  // The task closes its end when done; progress posted before that arrives before 'close', so wait for it.
  const drained =
    channel &&
    new Promise<void>((resolve) => {
      channel.port1.once('close', resolve);
      setTimeout(resolve, 2_000).unref();
    });
  try {
    const job: TaskJob<K> = { task, input, ...(channel ? { progress: channel.port2 } : {}) };
    let result: TaskOutputs[K] | TaskRefusal;
    try {
      result = await state.pool.run(job, channel ? { transferList: [channel.port2] } : {});
    } catch (error) {
      if (error instanceof Error && /queue is at limit|No task queue available/.test(error.message))
        throw workerErrors.serverBusy();
      throw error;
    }
    if (isRefusal(result)) throw fromRefusal(result);
    return result;
  } finally {
    if (drained) await drained;
    channel?.port1.close();
    if (org !== null) {
      const left = (state.inFlight.get(org) ?? 1) - 1;
      if (left > 0) state.inFlight.set(org, left);
      else state.inFlight.delete(org);
    }
  }
}

function isRefusal(value: unknown): value is TaskRefusal {
  return typeof value === 'object' && value !== null && 'refused' in value && Object.keys(value).length === 1;
}

function fromRefusal({ refused }: TaskRefusal): Error {
  if (refused.kind === 'mse')
    return new MseInputError(refused.code as MseInputErrorCode, refused.message, refused.details);
  if (refused.kind === 'linkage') return new LinkageError(refused.code as LinkageErrorCode, refused.message);
  return new DomainError(refused.code, refused.message, refused.details);
}

/** Ends the context's worker threads (server close); the next task starts a new pool. */
export async function closeWorkers(ctx: AppContext): Promise<void> {
  const state = states.get(ctx);
  if (!state) return;
  states.delete(ctx);
  await state.pool.destroy();
}

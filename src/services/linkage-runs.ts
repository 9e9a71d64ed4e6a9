/**
 * Linkage runs started from the web UI or API: one run at a time per server,
 * in the background, with its progress readable while it works. Only counts
 * leave a run (never encodings, never identities).
 */
import crypto from 'node:crypto';
import { LinkageError, type LinkagePhase } from '../domain/linkage';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { sql } from 'kysely';
import { withSystem, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { runNetworkLinkage, setLinkageSecret } from './linkage';

export const LINKAGE_PHASES = ['encode', 'validate', 'block', 'compare', 'cluster'] as const;

export interface LinkageRunSummary {
  runId: string;
  organisations: { id: string; name: string; encoded: number }[];
  stats: Record<string, number>;
  personsDeduplicated: number;
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
  const partners = await sql<{ id: string }>`SELECT id FROM app_network_partners() AS id`.execute(tx);
  return [...new Set([actor.organisationId, ...partners.rows.map((r) => r.id)])];
}

/** A job as one organisation may see it: other networks' organisations are left out of the summary. */
function jobFor(job: LinkageJob | undefined, visible: readonly string[]) {
  if (!job) return null;
  const summary = job.summary && {
    ...job.summary, organisations: job.summary.organisations.filter((o) => visible.includes(o.id)).map(({ name, encoded }) => ({ name, encoded })),
  };
  return { ...job, summary };
}

// In-process: a run belongs to the server that started it (a deployment with several servers runs linkage from the CLI).
const jobs = new WeakMap<AppContext, LinkageJob>();

/** The organisation's linkage set-up, the latest network run and any run in progress: counts only. */
export async function linkageStatus(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  const own = await inTenant(ctx, actor, async (tx) => {
    const secret = await tx.selectFrom('linkage_secrets').select(['schema_version', 'updated_at']).where('organisation_id', '=', actor.organisationId).executeTakeFirst();
    const encodings = await tx.selectFrom('linkage_encodings').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', actor.organisationId).executeTakeFirstOrThrow();
    return { secret, encodings: Number(encodings.n), visible: await visibleOrganisations(tx, actor) };
  });
  // Runs and partners' secrets are not this tenant's rows: read as the system, counts only.
  const { lastRun, participants } = await withSystem(ctx.db, async (tx) => ({
    lastRun: await tx.selectFrom('linkage_runs').select(['id', 'started_at', 'finished_at', 'stats']).orderBy('finished_at', 'desc').limit(1).executeTakeFirst(),
    participants: Number((await tx.selectFrom('linkage_secrets').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', 'in', own.visible).executeTakeFirstOrThrow()).n),
  }));
  return {
    secret: own.secret ? { set: true, schemaVersion: own.secret.schema_version, updatedAt: new Date(own.secret.updated_at).toISOString() } : { set: false, schemaVersion: null, updatedAt: null },
    encodings: own.encodings,
    participatingOrganisations: participants,
    lastRun: lastRun ? {
      id: lastRun.id, startedAt: new Date(lastRun.started_at).toISOString(), finishedAt: new Date(lastRun.finished_at).toISOString(),
      stats: countsOf((typeof lastRun.stats === 'string' ? JSON.parse(lastRun.stats) : lastRun.stats) as Record<string, unknown>),
    } : null,
    job: jobFor(jobs.get(ctx), own.visible),
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

/** Starts a network linkage run in the background; refuses while one is running. */
export async function startLinkageRun(ctx: AppContext, actor: Actor, run: typeof runNetworkLinkage = runNetworkLinkage) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  if (jobs.get(ctx)?.state === 'running') throw errors.conflict('linkage_running', 'A linkage run is already in progress; wait for it to finish');
  const job: LinkageJob = { id: crypto.randomUUID(), state: 'running', phase: 'encode', done: 0, total: 0, startedAt: new Date().toISOString(), finishedAt: null, summary: null, errorCode: null };
  jobs.set(ctx, job);
  try {
    await inTenant(ctx, actor, (tx) => auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'linkage.run.start', entityType: 'organisation', entityId: actor.organisationId }));
  } catch (error) {
    // Not started: the next attempt must not be refused as "already running".
    Object.assign(job, { state: 'failed', finishedAt: new Date().toISOString(), errorCode: 'linkage_failed' });
    throw error;
  }
  const onProgress = (phase: LinkagePhase | 'encode', done: number, total: number) => Object.assign(job, { phase, done, total });
  void run(ctx, onProgress).then(
    (summary) => Object.assign(job, {
      state: 'succeeded', finishedAt: new Date().toISOString(),
      summary: { runId: summary.runId, organisations: summary.organisations.map((o) => ({ id: o.id, name: o.name, encoded: o.encoded })), stats: countsOf(summary.stats), personsDeduplicated: summary.personsDeduplicated },
    }),
    (error: unknown) => Object.assign(job, { state: 'failed', finishedAt: new Date().toISOString(), errorCode: error instanceof LinkageError ? error.code : 'linkage_failed' }),
  );
  return jobFor(job, [])!;
}

export async function linkageJob(ctx: AppContext, actor: Actor, id: string) {
  requireAccess(actor, 'linkage.run', { organisationId: actor.organisationId });
  const job = jobs.get(ctx);
  if (!job || job.id !== id) throw errors.notFound();
  return jobFor(job, await inTenant(ctx, actor, (tx) => visibleOrganisations(tx, actor)))!;
}

/** For tests and shutdown: resolves once no run is in progress. */
export async function linkageIdle(ctx: AppContext): Promise<void> {
  while (jobs.get(ctx)?.state === 'running') await new Promise((resolve) => setTimeout(resolve, 20));
}

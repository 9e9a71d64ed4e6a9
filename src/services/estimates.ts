/**
 * The registry of estimates: published figures with their citation chains,
 * plus estimates computed by Ariadne's own MSE with their inputs and model.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { citationChain, parseEstimate, seedEstimates, type Estimate } from '../domain/estimates';
import type { CaptureTable, MseResult } from '../domain/mse';
import type { MseBody } from '../domain/mse/inputs';
import { withLinkageError, type LinkageErrorDraft } from '../domain/mse/linkage-error';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { estimatesRepo } from '../storage/repositories/estimates';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import type { TaskProgress } from '../workers/tasks';
import { runInWorker } from './workers';

/** How a saved interval was computed; estimates saved before the method was recorded say "not_recorded". */
export type SavedIntervalMethod = 'bca' | 'percentile' | 'wald' | 'not_recorded';

export interface RegistryEntry extends Estimate {
  origin: 'seed' | 'ariadne_mse';
  mse?: {
    lists: string[];
    terms: string[];
    model: string;
    interval: [number, number];
    intervalMethod: SavedIntervalMethod;
    level?: number;
    /** generator: absent for estimates saved before it was recorded (never guessed). */
    bootstrap?: {
      replicates: number;
      failed: number;
      failedShare: number;
      seed: number;
      generator?: NonNullable<MseResult['bootstrap']>['generator'];
    };
    goodnessOfFit?: { test: string; pValue: number | null };
    observed: number;
    /** What the figure is sensitive to, kept with it (absent for estimates saved before #21's workbench). */
    sensitivity?: SavedSensitivity;
    /** Codes of the untestable assumptions stated with the result (e.g. two_list_independence). */
    caveats?: string[];
  };
  chain: ReturnType<typeof citationChain>;
}

/** The compact sensitivity summary that travels with a saved estimate (JSON: null for an unbounded limit). */
export interface SavedSensitivity {
  threshold: number;
  thresholds: { threshold: number; estimate: number | null }[];
  leaveOneOut: { left: string; estimate: number | null }[];
  merged: { pair: string[]; estimate: number | null }[];
  selections: Record<'stepwise' | 'aic' | 'aicc' | 'bic', { terms: string[]; estimate: number | null }>;
  averaged: { estimate: number | null; interval: (number | null)[]; method: string; models: number };
  range: (number | null)[];
}

const finite = (value: number | null | undefined) => (value != null && Number.isFinite(value) ? value : null);

/** The summary saved with an estimate: every alternative figure, without the per-model detail. */
export function savedSensitivity(s: NonNullable<MseResult['sensitivity']>): SavedSensitivity {
  const selection = (x: { terms: readonly string[]; estimate: number }) => ({
    terms: [...x.terms],
    estimate: finite(x.estimate),
  });
  return {
    threshold: s.threshold,
    thresholds: s.thresholds.map((t) => ({ threshold: t.threshold, estimate: finite(t.estimate) })),
    leaveOneOut: s.leaveOneOut.map((l) => ({ left: l.left, estimate: finite(l.estimate) })),
    merged: s.merged.map((m) => ({ pair: [...m.pair], estimate: finite(m.estimate) })),
    selections: {
      stepwise: selection(s.selections.stepwise),
      aic: selection(s.selections.aic),
      aicc: selection(s.selections.aicc),
      bic: selection(s.selections.bic),
    },
    averaged: {
      estimate: finite(s.averaged.estimate),
      interval: s.averaged.interval.map(finite),
      method: s.averaged.method,
      models: s.averaged.models,
    },
    range: s.range.map(finite),
  };
}

/** The interval a saved estimate carries and how it was computed: the bootstrap one when there was a bootstrap. */
function savedInterval(result: MseResult) {
  if (result.interval.bootstrap && result.bootstrap) {
    // The generator and seed reproduce the replicates; "given" when the caller supplied the resampled tables.
    const { method, replicates, failed, failedShare, seed, generator } = result.bootstrap;
    return {
      interval: result.interval.bootstrap,
      intervalMethod: method,
      bootstrap: { replicates, failed, failedShare, seed, generator },
    };
  }
  return { interval: result.interval.wald, intervalMethod: 'wald' as const };
}

/** Names in the caveat, which travels with the figure wherever it is cited. */
const METHOD_NAMES = {
  bca: 'bias-corrected and accelerated (BCa) bootstrap',
  percentile: 'percentile bootstrap',
  wald: 'normal approximation on the log scale (Wald)',
};

export async function listEstimates(ctx: AppContext, actor: Actor): Promise<RegistryEntry[]> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const own = await inTenant(ctx, actor, (tx) => estimatesRepo.listOf(tx, actor.organisationId));
  return [
    ...seedEstimates.map((e) => ({ ...e, origin: 'seed' as const, chain: citationChain(e) })),
    ...own.map((row) => {
      const data = row.data as unknown as Omit<RegistryEntry, 'chain'>;
      // Saved before the method was recorded: never guess which interval it was.
      const mse = data.mse && { ...data.mse, intervalMethod: data.mse.intervalMethod ?? 'not_recorded' };
      return { ...data, ...(mse ? { mse } : {}), chain: citationChain(data) };
    }),
  ];
}

/** An estimation request as its body schema parsed it: the table (csv or xlsx), method, bootstrap, what to save. */
export type MseRequest = z.infer<typeof MseBody>;

export async function runMse(
  ctx: AppContext,
  actor: Actor,
  input: MseRequest,
  /** The bootstrap's progress, for a fit run as a job (services/mse-jobs.ts). */
  onProgress?: (progress: TaskProgress) => void,
  /** The table came from Ariadne's linkage and `input.resamples` redraw its links (services/mse-jobs.ts). */
  linkage?: LinkageErrorDraft,
): Promise<{
  result: MseResult;
  lists: readonly string[];
  histories: CaptureTable['histories'];
  savedEstimateId?: string;
}> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  // Reading the table and the fit (2,000 bootstrap replicates take seconds) run in a worker thread, off the event loop.
  const {
    result: fitted,
    lists,
    histories,
  } = await runInWorker(
    ctx,
    'mse',
    {
      ...(input.xlsx ? { xlsx: input.xlsx } : { csv: input.csv ?? '' }),
      options: {
        // lcmcr: the latent-class posterior, reported beside the stepwise log-linear fit.
        method: input.method === 'lcmcr' ? 'stepwise' : (input.method ?? 'stepwise'),
        ...(input.method === 'lcmcr' ? { lcmcr: { ...input.lcmcr, seed: input.seed ?? 1 } } : {}),
        pThreshold: input.threshold ?? 0.02,
        profile: true,
        sensitivity: input.sensitivity ?? true,
        ...(input.terms ? { terms: input.terms } : {}),
        ...(input.removeNonInformativeLists ? { removeNonInformativeLists: true } : {}),
        ...(input.checkAllModels ? { checkAllModels: true } : {}),
        ...(input.bootstrap || input.resamples
          ? {
              bootstrap: {
                replicates: input.resamples?.tables.length ?? input.bootstrap ?? 0,
                seed: input.seed ?? 1,
                method: input.interval ?? 'bca',
                ...(input.resamples ? { resamples: input.resamples } : {}),
              },
            }
          : {}),
      },
    },
    { organisationId: actor.organisationId, ...(onProgress ? { onProgress } : {}) },
  );
  const result = linkage ? withLinkageError(fitted, linkage) : fitted;
  if (!input.save) return { result, lists, histories };
  const saved = savedInterval(result);
  const percent = Math.round(result.interval.level * 100);
  const failures = saved.bootstrap
    ? `, ${saved.bootstrap.replicates} replicates, ${saved.bootstrap.failed} without a finite estimate (counted as unbounded)`
    : '';
  const orgName = await organisationsRepo.nameOf(ctx.db.system, actor.organisationId);
  const id = `ariadne-mse-${crypto.randomUUID()}`;
  const estimate = parseEstimate({
    id,
    value: Math.round(result.estimate),
    unit: 'stock',
    unitNote: 'persons, including those on no list (multiple systems estimation)',
    scope: { geography: input.save.geography, period: input.save.period, forms: [] },
    method: 'mse',
    caveat: `${input.save.label}. Assumes a closed population; ${result.lists.length} lists; model ${result.model} with terms ${result.terms.join(', ') || 'main effects only'};${result.model === 'two_list' ? ' assumes the two lists are independent (untestable with two lists);' : ''}${result.sensitivity ? ` estimates under other choices range from ${Math.round(result.sensitivity.range[0])} to ${Math.round(result.sensitivity.range[1])}, AIC model average ${Math.round(result.sensitivity.averaged.estimate)};` : ''} ${percent}% interval ${Math.round(saved.interval[0])} to ${Number.isFinite(saved.interval[1]) ? Math.round(saved.interval[1]) : 'unbounded'} by ${METHOD_NAMES[saved.intervalMethod]}${failures}.${result.linkageError ? ` With linkage error (${result.linkageError.uncertainPairs} uncertain pairs of linkage run ${result.linkageError.run} redrawn in each of ${result.linkageError.replicates} replicates) the ${percent}% percentile interval is ${Math.round(result.linkageError.interval[0])} to ${Number.isFinite(result.linkageError.interval[1]) ? Math.round(result.linkageError.interval[1]) : 'unbounded'}.` : ''}`,
    originalSource: { source: `Ariadne MSE by ${orgName}`, year: new Date().getUTCFullYear(), locator: id },
    citingSources: [],
  });
  const stored = {
    ...estimate,
    origin: 'ariadne_mse',
    mse: {
      lists: result.lists,
      terms: result.terms,
      model: result.model,
      ...saved,
      level: result.interval.level,
      goodnessOfFit: {
        test: result.fit.test,
        pValue: Number.isFinite(result.fit.pValue) ? result.fit.pValue : null,
      },
      observed: result.observed,
      ...(result.sensitivity ? { sensitivity: savedSensitivity(result.sensitivity) } : {}),
      ...(result.caveats.length ? { caveats: result.caveats.map((c) => c.code) } : {}),
      ...(result.linkageError ? { linkageError: result.linkageError } : {}),
      inputs: histories,
    },
  };
  await inTenant(ctx, actor, async (tx) => {
    await estimatesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      data: JSON.stringify(stored),
      createdBy: actor.userId,
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'estimate.create',
      entityType: 'estimate',
      entityId: id,
      fields: ['value', 'method', 'scope'],
    });
  });
  return { result, lists, histories, savedEstimateId: id };
}

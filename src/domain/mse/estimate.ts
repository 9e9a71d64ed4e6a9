/**
 * Multiple systems estimation of a hidden population from k >= 3 lists,
 * following Chan, Silverman & Vincent (2019): a Poisson log-linear model over
 * all 2^k - 1 observable cells, main effects plus stepwise-selected two-list
 * effects, with existence and identifiability checked before any model is used.
 * The persons on no list are estimated by exp(intercept).
 */
import { bootstrapInterval, resamplesFromCounts, resamplesToCounts, type ReplicateFit } from './bootstrap';
import { chaoLowerBound } from './chao';
import { fitDiagnostics } from './diagnostics';
import { pairLabel } from './design';
import { MseInputError } from './errors';
import { checkModel } from './existence';
import { DEFAULT_GOF_REPLICATES, goodnessOfFit } from './gof';
import type { FitFailure } from './irls';
import { estimateLcmcr } from './lcmcr';
import { loadedGlpk, loadGlpk, solverProbe, type Glpk } from './lp';
import { profileHiddenInterval } from './profile';
import { normalQuantile } from './special';
import { fitModel, stepwiseFit, type FittedModel, type StepwiseResult } from './stepwise';
import { sensitivityAnalysis } from './sensitivity';
import {
  cellCountsFrom,
  MAX_LISTS,
  MIN_LOG_LINEAR_LISTS,
  validateCaptureTable,
  type CaptureTable,
  type CellCounts,
} from './table';
import type { MseOptions, MseResult, MseWarning } from './types';
import { estimateWideMainEffects } from './wide';
import { checkAllModels, parseTerms, removeNonInformativeLists, twoListEstimate } from './workbench';

function checkOptions(options: MseOptions): void {
  const { pThreshold = 0.02, level = 0.95, bootstrap, method = 'stepwise' } = options;
  const gof = options.goodnessOfFit || undefined;
  const fail = (message: string) => {
    throw new MseInputError('invalid_options', message);
  };
  if (method !== 'stepwise' && method !== 'main' && method !== 'fixed')
    fail(`Unknown method "${method}"; use "stepwise", "main" or "fixed".`);
  if (method === 'fixed' && !options.terms) fail('The fixed method needs its terms, as "A:B".');
  if (!(pThreshold >= 0 && pThreshold <= 1)) fail('The p-value threshold must lie between 0 and 1.');
  if (!(level > 0 && level < 1)) fail('The confidence level must lie strictly between 0 and 1.');
  if (bootstrap && !(Number.isInteger(bootstrap.replicates) && bootstrap.replicates >= 1))
    fail('The number of bootstrap replicates must be a positive whole number.');
  if (bootstrap && !Number.isInteger(bootstrap.seed)) fail('The bootstrap seed must be a whole number.');
  if (bootstrap?.method && bootstrap.method !== 'bca' && bootstrap.method !== 'percentile')
    fail(`Unknown bootstrap interval "${bootstrap.method}"; use "bca" or "percentile".`);
  if (gof?.replicates !== undefined && !(Number.isInteger(gof.replicates) && gof.replicates >= 1))
    fail('The number of goodness-of-fit simulations must be a positive whole number.');
  if (gof?.seed !== undefined && !Number.isInteger(gof.seed)) fail('The goodness-of-fit seed must be a whole number.');
}

/** Names what stopped the fit, for the person who supplied the table. */
export function describeFitFailure(failure: FitFailure | undefined): string {
  switch (failure?.cause) {
    case 'singular_information':
      return 'the information matrix became singular during the iterations (some parameter is numerically undetermined by these counts)';
    case 'step_halving_exhausted':
      return 'no step, even halved 40 times, lowered the deviance (the fit is numerically unstable for these counts)';
    case 'iteration_limit':
      return `it was still moving after the iteration limit (relative change in deviance ${failure.lastChange.toPrecision(2)} at the last step)`;
    default:
      return 'the iterations stopped for an unknown reason';
  }
}

/** The user's own model: main effects plus the named two-list effects, checked like any stepwise candidate. */
function fixedFit(cells: CellCounts, glpk: Glpk, terms: readonly string[]): StepwiseResult {
  const pairs = parseTerms(cells.lists, terms);
  const model = fitModel(cells, pairs);
  const check = checkModel(model.design, glpk);
  const named = terms.join(', ') || 'main effects only';
  if (!check.exists || !check.identifiable)
    throw new MseInputError(
      'no_finite_estimate',
      `The model with ${named} ${check.exists ? 'is not identifiable' : 'has no finite maximum likelihood estimate'} for these counts; choose fewer or other effects.`,
    );
  if (!model.fit.converged)
    throw new MseInputError(
      'not_converged',
      `The model with ${named} exists for these counts, but its fit did not converge: ${describeFitFailure(model.fit.failure)}.`,
    );
  return { ...model, steps: [], rejected: [] };
}

/** Fits the chosen model; throws when even main effects admit no finite estimate or cannot be fitted. */
export function selectModel(cells: CellCounts, glpk: Glpk, options: MseOptions): StepwiseResult {
  const main = fitModel(cells, []);
  const check = checkModel(main.design, glpk);
  if (!check.exists || !check.identifiable) {
    throw new MseInputError(
      'no_finite_estimate',
      check.exists
        ? 'Even the simplest model (independent lists) is not identifiable for these counts: the observed combinations do not determine every list effect. MSE cannot give a meaningful number here.'
        : 'Even the simplest model (independent lists) has no finite estimate for these counts: some list is fully contained in the others or the overlaps are too sparse. MSE cannot give a meaningful number here.',
    );
  }
  if (!main.fit.converged) {
    // The estimate exists (the checks above passed): this is a numerical failure, and it says so.
    throw new MseInputError(
      'not_converged',
      `The maximum likelihood estimate exists for these counts, but the model fit (IRLS with step-halving) did not converge: ${describeFitFailure(main.fit.failure)}. No estimate is reported; please report this table.`,
    );
  }
  if ((options.method ?? 'stepwise') === 'main') return { ...main, steps: [], rejected: [] };
  if (options.method === 'fixed') return fixedFit(cells, glpk, options.terms ?? []);
  return stepwiseFit(cells, glpk, options.pThreshold ?? 0.02);
}

function totalOf(cells: CellCounts, model: FittedModel): number {
  return cells.observed + Math.exp(model.fit.beta[0]);
}

/**
 * The estimate of a resampled or jackknifed table. A list drawn empty carries
 * no information: the log-linear MLE sends its main effect to -infinity and
 * leaves the other lists' fit as it would be without it (what SparseMSE's glm
 * converges towards), so it is dropped before fitting. With fewer than three
 * lists left, or no finite estimate, the caller counts a failure.
 */
export function replicateTotal(lists: readonly string[], glpk: Glpk, options: MseOptions) {
  const fit = replicateFit(lists, glpk, options);
  return (counts: Float64Array): number => fit(counts).total;
}

/** As replicateTotal, with the two-list effects of the model the replicate selected (for selection frequencies). */
function replicateFit(lists: readonly string[], glpk: Glpk, options: MseOptions) {
  const fitted = (cells: CellCounts): ReplicateFit => {
    const model = selectModel(cells, glpk, options);
    const pairs = [...model.design.finitePairs, ...model.design.infinitePairs];
    return { total: totalOf(cells, model), terms: pairs.map((pair) => pairLabel(cells.lists, pair)) };
  };
  return (counts: Float64Array): ReplicateFit => {
    const kept = lists.map((_, i) => i).filter((i) => counts.some((count, mask) => count > 0 && mask & (1 << i)));
    if (kept.length < MIN_LOG_LINEAR_LISTS) return { total: Infinity, terms: [] };
    if (kept.length === lists.length) return fitted(cellCountsFrom(lists, counts));
    const projected = new Float64Array(1 << kept.length);
    counts.forEach((count, mask) => {
      if (count <= 0) return;
      let to = 0;
      kept.forEach((list, bit) => {
        if (mask & (1 << list)) to |= 1 << bit;
      });
      projected[to] += count;
    });
    return fitted(
      cellCountsFrom(
        kept.map((i) => lists[i]),
        projected,
      ),
    );
  };
}

function modelWarnings(cells: CellCounts, model: StepwiseResult, fit: MseResult['fit']): MseWarning[] {
  const reasons = {
    not_identifiable: 'the parameters are not identifiable',
    mle_does_not_exist: 'the maximum likelihood estimate does not exist',
    not_converged: 'the model fit does not converge',
  };
  const warnings: MseWarning[] = model.rejected.map((r) => ({
    code: 'term_rejected' as const,
    message: `The effect ${r.term} looked significant (p = ${r.pValue.toPrecision(3)}) but was left out: with it ${reasons[r.reason]}, so the estimate would be meaningless.`,
  }));
  if (model.design.infinitePairs.length) {
    const names = model.design.infinitePairs.map((pair) => pairLabel(cells.lists, pair)).join(', ');
    warnings.push({
      code: 'infinite_effect',
      message: `No person is on both lists of ${names}; these effects are estimated as -infinity (the model treats such overlaps as impossible).`,
    });
  }
  if (fit.test !== 'none' && fit.pValue < 0.01) {
    const test =
      fit.test === 'chi_square'
        ? `chi-square p = ${fit.pValue.toPrecision(2)}`
        : `parametric bootstrap p = ${fit.pValue.toPrecision(2)} from ${fit.replicates} simulated tables`;
    warnings.push({
      code: 'lack_of_fit',
      message: `The model fits the observed counts poorly (deviance ${fit.deviance.toFixed(1)} on ${fit.df} df, ${test}); treat the estimate with caution.`,
    });
  }
  return warnings;
}

/** Synchronous core of `estimatePopulation`, for callers that already hold a GLPK instance. */
export function estimatePopulationWith(glpk: Glpk, input: CaptureTable, options: MseOptions = {}): MseResult {
  checkOptions(options);
  let table = input;
  let removal: Pick<MseResult, 'removedLists' | 'personsOnRemovedListsOnly'> = {};
  if (options.removeNonInformativeLists) {
    const cleaned = removeNonInformativeLists(input);
    table = cleaned.table;
    if (cleaned.removed.length)
      removal = { removedLists: cleaned.removed, personsOnRemovedListsOnly: cleaned.personsDropped };
  }
  // Main effects need no 2^k table: past 12 lists they are fitted from the observed combinations alone.
  if (table.lists.length > MAX_LISTS && (options.method ?? 'stepwise') === 'main')
    return { ...estimateWideMainEffects(table, options), ...removal };
  const cells = validateCaptureTable(table);
  const level = options.level ?? 0.95;
  const chao = chaoLowerBound(cells, level);
  if (cells.lists.length < MIN_LOG_LINEAR_LISTS) {
    if (options.lcmcr) estimateLcmcr(cells, options.lcmcr); // refuses two lists, with the reason
    return { ...twoListEstimate(cells, level), ...removal, chao };
  }
  const lcmcr = options.lcmcr ? estimateLcmcr(cells, { level, ...options.lcmcr }) : undefined;
  const model = selectModel(cells, glpk, options);
  const [intercept, interceptSe] = [model.fit.beta[0], model.fit.stdErrors[0]];
  const hiddenEstimate = Math.exp(intercept);
  const z = normalQuantile((1 + level) / 2);
  const interval: { -readonly [K in keyof MseResult['interval']]: MseResult['interval'][K] } = {
    level,
    wald: [
      cells.observed + Math.exp(intercept - z * interceptSe),
      cells.observed + Math.exp(intercept + z * interceptSe),
    ],
  };
  const gofOptions = options.goodnessOfFit;
  const fit = goodnessOfFit(
    model,
    gofOptions !== false && {
      replicates: gofOptions?.replicates ?? DEFAULT_GOF_REPLICATES,
      seed: gofOptions?.seed ?? options.bootstrap?.seed ?? 1,
    },
  );
  const warnings = modelWarnings(cells, model, fit);
  if (options.profile ?? true) {
    const [lo, hi] = profileHiddenInterval(model.design, intercept, interceptSe, level);
    interval.profile = [cells.observed + lo, cells.observed + hi];
    if (!Number.isFinite(hi))
      warnings.push({
        code: 'profile_unbounded',
        message:
          'The profile likelihood does not bound the hidden population from above: the data cannot rule out an arbitrarily large hidden population.',
      });
  }
  let bootstrap: MseResult['bootstrap'];
  if (options.bootstrap) {
    const { resamples, keepResamples, ...drawn } = options.bootstrap;
    const given = resamples ? resamplesToCounts(resamples, cells.lists) : undefined;
    const summary = bootstrapInterval(
      cells.counts,
      replicateFit(cells.lists, glpk, options),
      cells.observed + hiddenEstimate,
      { ...drawn, level, onProgress: options.onProgress, resamples: given, keepResamples },
    );
    interval.bootstrap = summary.interval;
    bootstrap = {
      method: summary.method,
      replicates: summary.replicates,
      failed: summary.failed,
      failedShare: summary.failedShare,
      seed: summary.seed,
      generator: summary.generator,
      values: summary.values,
      selections: summary.selections,
      histogram: summary.histogram,
      ...(summary.resamples ? { resamples: resamplesFromCounts(cells.lists, summary.resamples) } : {}),
      ...(summary.method === 'bca'
        ? {
            biasCorrection: summary.biasCorrection,
            acceleration: summary.acceleration,
            jackknifeFailed: summary.jackknifeFailed,
          }
        : {}),
    };
    if (summary.failed > 0)
      warnings.push({
        code: 'bootstrap_failures',
        message: `${summary.failed} of ${summary.replicates} bootstrap replicates (${(summary.failedShare * 100).toFixed(1)}%) admitted no finite estimate; they count as unbounded estimates, which can only raise the upper limit.`,
      });
    if (summary.jackknifeFailed)
      warnings.push({
        code: 'jackknife_failures',
        message: `Leaving out one person of ${summary.jackknifeFailed} observed combinations left a table with no finite estimate; those combinations were left out of the BCa acceleration.`,
      });
  }
  const refit = (reduced: CellCounts) => {
    // A reduced table is fitted as the estimate was; a fixed model keeps the terms whose lists are still there.
    if (options.method === 'fixed') {
      const terms = (options.terms ?? []).filter((term) =>
        term.split(':').every((l) => reduced.lists.includes(l.trim())),
      );
      return { model: selectModel(reduced, glpk, { ...options, terms }), name: 'fixed' };
    }
    return { model: selectModel(reduced, glpk, options), name: options.method ?? 'stepwise' };
  };
  const sensitivity = options.sensitivity
    ? sensitivityAnalysis(cells, glpk, { level, threshold: options.pThreshold ?? 0.02, refit })
    : undefined;
  const diagnostics =
    (options.diagnostics ?? true) &&
    fitDiagnostics(cells, model, cells.observed + hiddenEstimate, { leaveOneOut: sensitivity?.leaveOneOut });
  return {
    ...removal,
    ...(sensitivity ? { sensitivity } : {}),
    ...(diagnostics ? { diagnostics } : {}),
    ...(options.checkAllModels ? { modelCheck: checkAllModels(cells, glpk) } : {}),
    chao,
    ...(lcmcr ? { lcmcr } : {}),
    caveats: [],
    lists: cells.lists,
    model: options.method ?? 'stepwise',
    observed: cells.observed,
    hiddenEstimate,
    estimate: cells.observed + hiddenEstimate,
    interval,
    terms: model.design.finitePairs.map((pair) => pairLabel(cells.lists, pair)),
    infiniteTerms: model.design.infinitePairs.map((pair) => pairLabel(cells.lists, pair)),
    steps: model.steps,
    coefficients: model.design.columns.map((term, c) => ({
      term,
      estimate: model.fit.beta[c],
      stdError: model.fit.stdErrors[c],
    })),
    fit,
    bootstrap,
    warnings,
  };
}

/**
 * Estimates the total population (observed plus hidden) from a capture table.
 * Async only because the LP solver loads once; throws MseInputError when MSE is not possible.
 * Until the solver has loaded, a light fit (no bootstrap, sensitivity analysis, check of all models
 * or latent classes) is first tried without it: most tables never need a linear program, and a fit
 * that did is thrown away and done again with the solver, so the result is the same either way.
 */
export async function estimatePopulation(table: CaptureTable, options: MseOptions = {}): Promise<MseResult> {
  const ready = loadedGlpk();
  if (ready) return estimatePopulationWith(ready, table, options);
  if (!options.bootstrap && !options.sensitivity && !options.checkAllModels && !options.lcmcr) {
    const probe = solverProbe();
    try {
      const result = estimatePopulationWith(probe.glpk, table, options);
      if (!probe.used()) return result;
    } catch (error) {
      if (!probe.used()) throw error;
    }
  }
  return estimatePopulationWith(await loadGlpk(), table, options);
}

/**
 * Multiple systems estimation of a hidden population from k >= 3 lists,
 * following Chan, Silverman & Vincent (2019): a Poisson log-linear model over
 * all 2^k - 1 observable cells, main effects plus stepwise-selected two-list
 * effects, with existence and identifiability checked before any model is used.
 * The persons on no list are estimated by exp(intercept).
 */
import { bootstrapInterval } from './bootstrap';
import { pairLabel } from './design';
import { MseInputError } from './errors';
import { checkModel } from './existence';
import { loadGlpk, type Glpk } from './lp';
import { profileHiddenInterval } from './profile';
import { chiSquareSf, normalQuantile } from './special';
import { fitModel, stepwiseFit, type FittedModel, type StepwiseResult } from './stepwise';
import { validateCaptureTable, type CaptureTable, type CellCounts } from './table';
import type { MseOptions, MseResult, MseWarning } from './types';

function checkOptions(options: MseOptions): void {
  const { pThreshold = 0.02, level = 0.95, bootstrap, method = 'stepwise' } = options;
  const fail = (message: string) => {
    throw new MseInputError('invalid_options', message);
  };
  if (method !== 'stepwise' && method !== 'main') fail(`Unknown method "${method}"; use "stepwise" or "main".`);
  if (!(pThreshold >= 0 && pThreshold <= 1)) fail('The p-value threshold must lie between 0 and 1.');
  if (!(level > 0 && level < 1)) fail('The confidence level must lie strictly between 0 and 1.');
  if (bootstrap && !(Number.isInteger(bootstrap.replicates) && bootstrap.replicates >= 1))
    fail('The number of bootstrap replicates must be a positive whole number.');
  if (bootstrap && !Number.isInteger(bootstrap.seed)) fail('The bootstrap seed must be a whole number.');
}

/** Fits the chosen model; throws when even main effects admit no finite estimate. */
function selectModel(cells: CellCounts, glpk: Glpk, options: MseOptions): StepwiseResult {
  const main = fitModel(cells, []);
  const check = checkModel(main.design, glpk);
  if (!check.exists || !check.identifiable || !main.fit.converged) {
    throw new MseInputError(
      'no_finite_estimate',
      'Even the simplest model (independent lists) has no finite estimate for these counts: some list is fully contained in the others or the overlaps are too sparse. MSE cannot give a meaningful number here.',
    );
  }
  if ((options.method ?? 'stepwise') === 'main') return { ...main, steps: [], rejected: [] };
  return stepwiseFit(cells, glpk, options.pThreshold ?? 0.02);
}

function totalOf(cells: CellCounts, model: FittedModel): number {
  return cells.observed + Math.exp(model.fit.beta[0]);
}

function goodnessOfFit(model: FittedModel) {
  const finite = model.design.columns.length;
  const df = model.design.y.length - finite;
  const deviance = Math.max(0, model.fit.deviance);
  // As SparseMSE does, -infinity effects still count as parameters in the AIC.
  const aic = -2 * model.fit.logLik + 2 * (finite + model.design.infinitePairs.length);
  return { deviance, df, pValue: df > 0 ? chiSquareSf(deviance, df) : Number.NaN, aic };
}

function modelWarnings(cells: CellCounts, model: StepwiseResult, fit: MseResult['fit']): MseWarning[] {
  const warnings: MseWarning[] = model.rejected.map((r) => ({
    code: 'term_rejected' as const,
    message: `The effect ${r.term} looked significant (p = ${r.pValue.toPrecision(3)}) but was left out: with it the ${r.reason === 'not_identifiable' ? 'parameters are not identifiable' : 'maximum likelihood estimate does not exist'}, so the estimate would be meaningless.`,
  }));
  if (model.design.infinitePairs.length) {
    const names = model.design.infinitePairs.map((pair) => pairLabel(cells.lists, pair)).join(', ');
    warnings.push({
      code: 'infinite_effect',
      message: `No person is on both lists of ${names}; these effects are estimated as -infinity (the model treats such overlaps as impossible).`,
    });
  }
  if (fit.df > 0 && fit.pValue < 0.01) {
    warnings.push({
      code: 'lack_of_fit',
      message: `The model fits the observed counts poorly (deviance ${fit.deviance.toFixed(1)} on ${fit.df} df, p = ${fit.pValue.toPrecision(2)}); treat the estimate with caution.`,
    });
  }
  return warnings;
}

/** Synchronous core of `estimatePopulation`, for callers that already hold a GLPK instance. */
export function estimatePopulationWith(glpk: Glpk, table: CaptureTable, options: MseOptions = {}): MseResult {
  checkOptions(options);
  const cells = validateCaptureTable(table);
  const level = options.level ?? 0.95;
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
  const fit = goodnessOfFit(model);
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
    const summary = bootstrapInterval(cells, (resampled) => totalOf(resampled, selectModel(resampled, glpk, options)), {
      ...options.bootstrap,
      level,
      onProgress: options.onProgress,
    });
    interval.bootstrap = summary.interval;
    bootstrap = { replicates: summary.replicates, failed: summary.failed, seed: summary.seed };
    if (summary.failed > 0)
      warnings.push({
        code: 'bootstrap_failures',
        message: `${summary.failed} of ${summary.replicates} bootstrap replicates admitted no estimate (for example a list drawn empty) and were left out of the interval.`,
      });
  }
  return {
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
 */
export async function estimatePopulation(table: CaptureTable, options: MseOptions = {}): Promise<MseResult> {
  return estimatePopulationWith(await loadGlpk(), table, options);
}

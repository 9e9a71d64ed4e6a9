/**
 * Goodness of fit of the chosen model. The chi-square approximation to the
 * deviance needs large expected counts; capture tables rarely have them (most
 * cells of a 5-list table expect a handful of persons or fewer). The rule,
 * Cochran's (1954): the approximation is used only when no fitted cell expects
 * fewer than 1 person and at most a fifth expect fewer than 5. Otherwise the
 * deviance is judged by a parametric bootstrap: tables are simulated from the
 * fitted model (independent Poisson cells), the same model is refitted to
 * each, and the p-value is the share of simulated deviances at least the
 * observed one, (1 + exceed) / (1 + fitted), a valid p-value for any number
 * of simulations (Davison & Hinkley 1997, eq. 4.11). The simulated tables are drawn by
 * xoshiro128** (random64.ts), as the bootstrap's resamples are: a p-value is reproduced by its seed, and
 * thousands of simulations of a large table stay far inside the generator's period. A caller that wants
 * no simulation (a bare point estimate) gets `not_run` where the bootstrap would have been needed.
 */
import { fitPoisson } from './irls';
import { poisson } from './random';
import { xoshiro128 } from './random64';
import { chiSquareSf } from './special';
import type { FittedModel } from './stepwise';
import type { MseResult } from './types';

/** Enough to place a p-value against the 0.01 of the lack-of-fit warning (resolution 1/201); more with --gof-replicates. */
export const DEFAULT_GOF_REPLICATES = 200;

/** Counts the fitted cells that break the chi-square rule. */
export function sparseness(fitted: Float64Array): { cells: number; expectedBelow5: number; expectedBelow1: number } {
  let expectedBelow5 = 0;
  let expectedBelow1 = 0;
  fitted.forEach((mu) => {
    if (mu < 5) expectedBelow5 += 1;
    if (mu < 1) expectedBelow1 += 1;
  });
  return { cells: fitted.length, expectedBelow5, expectedBelow1 };
}

/** Whether the chi-square approximation to the deviance may be used (Cochran's rule). */
export function chiSquareApplies(counts: { cells: number; expectedBelow5: number; expectedBelow1: number }): boolean {
  return counts.expectedBelow1 === 0 && counts.expectedBelow5 <= 0.2 * counts.cells;
}

/** Deviance, df, AIC and the p-value of the test the table allows. */
export function goodnessOfFit(
  model: FittedModel,
  simulation: { readonly replicates: number; readonly seed: number } | false,
): MseResult['fit'] {
  const { design, fit } = model;
  const finite = design.columns.length;
  const df = design.y.length - finite;
  const deviance = Math.max(0, fit.deviance);
  // As SparseMSE does, -infinity effects still count as parameters in the AIC.
  const aic = -2 * fit.logLik + 2 * (finite + design.infinitePairs.length);
  const counts = sparseness(fit.fitted);
  const base = { deviance, df, aic, ...counts };
  if (df <= 0) return { ...base, pValue: Number.NaN, test: 'none' };
  if (chiSquareApplies(counts)) return { ...base, pValue: chiSquareSf(deviance, df), test: 'chi_square' };
  if (!simulation) return { ...base, pValue: Number.NaN, test: 'not_run' };
  const random = xoshiro128(simulation.seed);
  let exceed = 0;
  let failed = 0;
  for (let b = 0; b < simulation.replicates; b += 1) {
    const y = Float64Array.from(fit.fitted, (mu) => poisson(mu, random));
    // Simulated from the fitted values, so the refit starts there (about a quarter fewer IRLS steps; same deviance).
    const refit = fitPoisson({ ...design, y }, { start: fit.fitted });
    if (!refit.converged || !Number.isFinite(refit.deviance)) failed += 1;
    else if (refit.deviance >= deviance - 1e-9 * (1 + deviance)) exceed += 1;
  }
  const fitted = simulation.replicates - failed;
  return {
    ...base,
    pValue: fitted > 0 ? (1 + exceed) / (1 + fitted) : Number.NaN,
    test: 'parametric_bootstrap',
    replicates: simulation.replicates,
    failed,
    seed: simulation.seed,
  };
}

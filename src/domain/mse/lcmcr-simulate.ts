/**
 * Populations with known heterogeneity, for validating the latent-class estimator (lcmcr.test.ts and
 * bench/mse-lcmcr.ts): persons fall into two latent classes that the lists capture with different
 * probabilities, which is what makes the log-linear independence model underestimate.
 */
import { mulberry32, type Uniform } from '../shared/random';
import { chaoLowerBound } from './chao';
import { estimateLcmcr, type LcmcrOptions } from './lcmcr';
import { normalQuantile } from './special';
import { fitModel } from './stepwise';
import type { CellCounts } from './table';

export const SIMULATED_LISTS = ['A', 'B', 'C', 'D', 'E'];

/** N persons: a `share` of them in a class each list captures with probability `high`, the rest with `low`. */
export function simulateTwoClasses(random: Uniform, N = 2000, high = 0.6, low = 0.2, share = 0.5): CellCounts {
  const counts = new Float64Array(1 << SIMULATED_LISTS.length);
  let observed = 0;
  for (let person = 0; person < N; person += 1) {
    const p = person < N * share ? high : low;
    let mask = 0;
    SIMULATED_LISTS.forEach((_, j) => {
      if (random() < p) mask |= 1 << j;
    });
    if (mask) {
      counts[mask] += 1;
      observed += 1;
    }
  }
  return { lists: SIMULATED_LISTS, counts, observed };
}

/** The main-effects (independence) log-linear fit's Wald interval for the total, normal on the log hidden count. */
export function independenceInterval(cells: CellCounts, level = 0.95): [number, number] {
  const { fit } = fitModel(cells, []);
  const z = normalQuantile((1 + level) / 2);
  return [
    cells.observed + Math.exp(fit.beta[0] - z * fit.stdErrors[0]),
    cells.observed + Math.exp(fit.beta[0] + z * fit.stdErrors[0]),
  ];
}

export interface CoverageReport {
  readonly runs: number;
  readonly truth: number;
  /** Shares of the runs whose 95% interval holds the truth. */
  readonly lcmcr: number;
  readonly independence: number;
  /** Share of the runs whose Chao bound lies at or below the truth. */
  readonly chaoBelow: number;
  readonly medianOfMedians: number;
  readonly notConverged: number;
}

/** Simulates `runs` two-class populations of 2000 and checks each interval against the truth. */
export function coverageStudy(
  runs: number,
  options: LcmcrOptions,
  seed = 20161,
  onRun?: (done: number, report: CoverageReport) => void,
): CoverageReport {
  const random = mulberry32(seed);
  const truth = 2000;
  let lcmcr = 0;
  let independence = 0;
  let chaoBelow = 0;
  let notConverged = 0;
  const medians: number[] = [];
  const report = (done: number): CoverageReport => {
    const sorted = [...medians].sort((a, b) => a - b);
    return {
      runs: done,
      truth,
      lcmcr: lcmcr / done,
      independence: independence / done,
      chaoBelow: chaoBelow / done,
      medianOfMedians: sorted[Math.floor(done / 2)] ?? Number.NaN,
      notConverged,
    };
  };
  for (let run = 0; run < runs; run += 1) {
    const cells = simulateTwoClasses(random, truth);
    const fit = estimateLcmcr(cells, { ...options, seed: run + 1 });
    if (fit.interval[0] <= truth && fit.interval[1] >= truth) lcmcr += 1;
    const [lo, hi] = independenceInterval(cells);
    if (lo <= truth && hi >= truth) independence += 1;
    if (chaoLowerBound(cells).estimate <= truth) chaoBelow += 1;
    if (fit.warnings.some((w) => w.code === 'lcmcr_not_converged')) notConverged += 1;
    medians.push(fit.estimate);
    onRun?.(run + 1, report(run + 1));
  }
  return report(runs);
}

/** One line for the closing note. */
export function describeCoverage(r: CoverageReport, options: LcmcrOptions): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `over ${r.runs} simulations (N = ${r.truth}, 5 lists, two classes of 50% captured with p = 0.6 and 0.2 by each list; ` +
    `LCMCR K* = ${options.maxClasses ?? 10}, ${options.chains ?? 2} chains x ${options.samples} draws, burn-in ${options.burnIn}, thin ${options.thin}): ` +
    `LCMCR 95% credible interval covers ${pct(r.lcmcr)}, independence log-linear 95% Wald interval ${pct(r.independence)}, ` +
    `Chao bound at or below the truth ${pct(r.chaoBelow)}, median of LCMCR medians ${Math.round(r.medianOfMedians)}, R-hat > 1.05 in ${r.notConverged}`
  );
}

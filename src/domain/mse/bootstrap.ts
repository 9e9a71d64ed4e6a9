/**
 * Bootstrap intervals for the total population. Each replicate draws the
 * observed persons again, multinomially over the observed cells, and reruns the
 * whole estimation (including the stepwise selection), so the interval reflects
 * model-selection uncertainty.
 *
 * The default is the bias-corrected and accelerated (BCa) interval of Efron
 * (1987), as described by DiCiccio & Efron (1996, section 2), the interval
 * SparseMSE reports:
 * - bias correction z0 = Φ⁻¹(share of replicates below the point estimate);
 * - acceleration a from the jackknife: leaving one person out of a capture
 *   table only changes the count of her cell, and every person of a cell gives
 *   the same leave-one-out estimate. So one fit per observed cell c (count n_c
 *   lowered by one) gives θ₍c₎, and the n-person jackknife sums weight each by
 *   n_c: θ̄ = Σ n_c θ₍c₎ / n, d_c = θ̄ − θ₍c₎, a = Σ n_c d_c³ / (6 (Σ n_c d_c²)^{3/2}).
 *   This costs O(cells) fits, not O(persons);
 * - limits at the replicate quantiles Φ(z0 + (z0 + z_α) / (1 − a (z0 + z_α))).
 * The percentile interval (the plain replicate quantiles) stays an option.
 *
 * A replicate with no finite estimate is a failure. It is not dropped: like a
 * replicate whose fit runs off to an arbitrarily large hidden population, it
 * counts as an infinite estimate. So it sits above the point estimate for z0 and
 * at the top of the ordered replicates, where it can lift the upper limit, up to
 * unbounded when failures outnumber the upper tail.
 *
 * Reproducibility: the resamples are drawn by xoshiro128** (random64.ts) from the seed, or given by the caller
 * (`resamples`: tables drawn by another tool), so the same resamples give the same interval here and there. Every
 * replicate's estimate is kept in draw order (`values`), with the model it selected (`selections`, how often each
 * model was chosen) and the binned estimates (`histogram`).
 */
import { histogram, type Histogram } from './diagnostics';
import { MseInputError } from './errors';
import { resampleCounts } from './random';
import { GENERATOR, xoshiro128 } from './random64';
import { normalCdf, normalQuantile } from './special';

export type BootstrapMethod = 'bca' | 'percentile';

export interface BootstrapOptions {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly method?: BootstrapMethod;
  readonly onProgress?: (done: number, total: number) => void;
  /** Resampled tables given by the caller (counts by bitmask, like `counts`), used instead of drawing; `replicates` is then their number. */
  readonly resamples?: readonly Float64Array[];
  /** Keep the resampled tables in the summary (for writing them out). */
  readonly keepResamples?: boolean;
}

/** How often the stepwise refit of the replicates chose a model (its two-list effects, sorted; finite or not). */
export interface ModelSelectionFrequency {
  readonly terms: readonly string[];
  readonly count: number;
  /** count / replicates (failed replicates included in the denominator). */
  readonly share: number;
}

export interface BootstrapSummary {
  readonly method: BootstrapMethod;
  readonly interval: [number, number];
  readonly replicates: number;
  /** Replicates that admitted no finite estimate; counted as infinite estimates, never dropped. */
  readonly failed: number;
  readonly failedShare: number;
  readonly seed: number;
  /** BCa only: z0 and the jackknife acceleration. */
  readonly biasCorrection?: number;
  readonly acceleration?: number;
  /** BCa only: observed cells whose leave-one-out table admitted no estimate (left out of the acceleration). */
  readonly jackknifeFailed?: number;
  /** Where the resamples came from: drawn by this generator from `seed`, or given by the caller. */
  readonly generator: typeof GENERATOR | 'given';
  /** Every replicate's estimate in draw order; Infinity for a failed one. */
  readonly values: readonly number[];
  /** The models the replicates selected, most frequent first (when the estimator names its model). */
  readonly selections: readonly ModelSelectionFrequency[];
  /** The finite replicate estimates, binned. */
  readonly histogram: Histogram;
  /** The resampled tables, when asked to keep them. */
  readonly resamples?: readonly Float64Array[];
}

/** A replicate's estimate, with the two-list effects of the model it selected. */
export interface ReplicateFit {
  readonly total: number;
  readonly terms: readonly string[];
}

/** Maps a table's counts (indexed by bitmask) to its total estimate; may throw or return a non-finite value. */
export type TotalEstimator = (counts: Float64Array) => number | ReplicateFit;

function attemptFit(estimate: TotalEstimator, counts: Float64Array): { total: number; terms?: readonly string[] } {
  try {
    const fit = estimate(counts);
    const total = typeof fit === 'number' ? fit : fit.total;
    if (!Number.isFinite(total)) return { total: Infinity };
    return typeof fit === 'number' ? { total } : { total, terms: fit.terms };
  } catch {
    return { total: Infinity };
  }
}

function attempt(estimate: TotalEstimator, counts: Float64Array): number {
  return attemptFit(estimate, counts).total;
}

/**
 * Type-8 quantile (Hyndman & Fan, median-unbiased; what SparseMSE uses for
 * BCa) of an ascending array that may end in +Infinity: a limit that leans on an
 * infinite replicate with any weight is infinite.
 */
export function quantileType8(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n + 1 / 3) * p + 1 / 3;
  if (h <= 1) return sorted[0];
  if (h >= n) return sorted[n - 1];
  const lo = Math.floor(h);
  const weight = h - lo;
  const [below, above] = [sorted[lo - 1], sorted[lo]];
  if (weight === 0) return below;
  if (!Number.isFinite(above) || !Number.isFinite(below)) return Infinity;
  return below + weight * (above - below);
}

/** The leave-one-person-out acceleration, one fit per observed cell weighted by its count. */
export function jackknifeAcceleration(
  counts: Float64Array,
  estimate: TotalEstimator,
): { acceleration: number; failed: number } {
  const values: { weight: number; theta: number }[] = [];
  let failed = 0;
  counts.forEach((count, mask) => {
    if (count <= 0) return;
    const without = Float64Array.from(counts);
    without[mask] = count - 1;
    const theta = attempt(estimate, without);
    if (Number.isFinite(theta)) values.push({ weight: count, theta });
    else failed += 1;
  });
  const n = values.reduce((sum, v) => sum + v.weight, 0);
  if (n === 0) return { acceleration: 0, failed };
  const mean = values.reduce((sum, v) => sum + v.weight * v.theta, 0) / n;
  let squares = 0;
  let cubes = 0;
  for (const { weight, theta } of values) {
    const d = mean - theta;
    squares += weight * d * d;
    cubes += weight * d * d * d;
  }
  // Every leave-one-out estimate equal (up to rounding): no skewness to correct for.
  const flat = squares <= n * (1e-12 * (1 + Math.abs(mean))) ** 2;
  return { acceleration: flat ? 0 : cubes / (6 * Math.pow(squares, 1.5)), failed };
}

/** BCa limits from the ordered replicates (failures as +Infinity at the end). */
export function bcaInterval(
  sorted: readonly number[],
  pointEstimate: number,
  acceleration: number,
  level: number,
): { interval: [number, number]; biasCorrection: number } {
  const below = sorted.filter((value) => value < pointEstimate).length;
  // All replicates on one side would make z0 infinite; half a replicate keeps it finite.
  const share = Math.min(Math.max(below, 0.5), sorted.length - 0.5) / sorted.length;
  const z0 = normalQuantile(share);
  const limit = (alpha: number) => {
    const z = z0 + normalQuantile(alpha);
    const denominator = 1 - acceleration * z;
    const adjusted = denominator > 0 ? normalCdf(z0 + z / denominator) : alpha < 0.5 ? 0 : 1;
    return quantileType8(sorted, adjusted);
  };
  const tail = (1 - level) / 2;
  return { interval: [limit(tail), limit(1 - tail)], biasCorrection: z0 };
}

/** Runs the bootstrap of `estimate` around `pointEstimate` over the observed `counts` (or over given resamples). */
export function bootstrapInterval(
  counts: Float64Array,
  estimate: TotalEstimator,
  pointEstimate: number,
  options: BootstrapOptions,
): BootstrapSummary {
  const method = options.method ?? 'bca';
  const given = options.resamples;
  const replicates = given ? given.length : options.replicates;
  const random = xoshiro128(options.seed);
  const values: number[] = [];
  const kept: Float64Array[] = [];
  const chosen = new Map<string, { terms: readonly string[]; count: number }>();
  for (let r = 1; r <= replicates; r += 1) {
    const table = given ? given[r - 1] : resampleCounts(counts, random);
    if (options.keepResamples) kept.push(table);
    const fit = attemptFit(estimate, table);
    values.push(fit.total);
    if (fit.terms && Number.isFinite(fit.total)) {
      const terms = [...fit.terms].sort();
      const key = terms.join(' ');
      const entry = chosen.get(key) ?? { terms, count: 0 };
      entry.count += 1;
      chosen.set(key, entry);
    }
    options.onProgress?.(r, replicates);
  }
  const totals = [...values].sort((a, b) => a - b);
  const failed = totals.filter((total) => total === Infinity).length;
  const selections = [...chosen.values()]
    .sort(
      (a, b) => b.count - a.count || a.terms.length - b.terms.length || a.terms.join().localeCompare(b.terms.join()),
    )
    .map((s) => ({ terms: s.terms, count: s.count, share: s.count / replicates }));
  const common = {
    method,
    replicates,
    failed,
    failedShare: failed / replicates,
    seed: options.seed,
    generator: given ? ('given' as const) : GENERATOR,
    values,
    selections,
    histogram: histogram(totals),
    ...(options.keepResamples ? { resamples: kept } : {}),
  };
  if (method === 'percentile') {
    const tail = (1 - options.level) / 2;
    return { ...common, interval: [quantileType8(totals, tail), quantileType8(totals, 1 - tail)] };
  }
  const jackknife = jackknifeAcceleration(counts, estimate);
  const { interval, biasCorrection } = bcaInterval(totals, pointEstimate, jackknife.acceleration, options.level);
  return {
    ...common,
    interval,
    biasCorrection,
    acceleration: jackknife.acceleration,
    jackknifeFailed: jackknife.failed,
  };
}

/**
 * Resampled tables as they are written out and read back (counts only, nothing about any person): the lists,
 * the cells as patterns ("101": on the first and third list), and one row of counts per resample, cell by cell.
 */
export interface ResampleSet {
  readonly lists: readonly string[];
  readonly cells: readonly string[];
  readonly tables: readonly (readonly number[])[];
}

/** Given resampled tables as counts by bitmask over `lists` (the fitted lists; the set may name them in another order). */
export function resamplesToCounts(set: ResampleSet, lists: readonly string[]): Float64Array[] {
  const refuse = (message: string): never => {
    throw new MseInputError('invalid_options', `The given resamples do not fit the table: ${message}`);
  };
  if (set.lists.length !== lists.length || !lists.every((l) => set.lists.includes(l)))
    refuse(`they name the lists ${set.lists.join(', ')}, the table ${lists.join(', ')}.`);
  if (new Set(set.lists).size !== set.lists.length) refuse('a list is named twice.');
  if (set.tables.length === 0) refuse('there is no resampled table.');
  const bit = set.lists.map((l) => 1 << lists.indexOf(l));
  const masks = set.cells.map((pattern) => {
    if (!new RegExp(`^[01]{${set.lists.length}}$`).test(pattern) || !pattern.includes('1'))
      refuse(`the cell "${pattern}" is not a pattern of ${set.lists.length} 0s and 1s with at least one 1.`);
    return [...pattern].reduce((mask, flag, i) => (flag === '1' ? mask | bit[i] : mask), 0);
  });
  if (new Set(masks).size !== masks.length) refuse('a cell is given twice.');
  return set.tables.map((row, t) => {
    if (row.length !== masks.length) refuse(`resample ${t + 1} has ${row.length} counts for ${masks.length} cells.`);
    const counts = new Float64Array(1 << lists.length);
    row.forEach((count, c) => {
      if (!(Number.isInteger(count) && count >= 0)) refuse(`resample ${t + 1} has the count "${count}".`);
      counts[masks[c]] = count;
    });
    return counts;
  });
}

/** Resampled tables (counts by bitmask over `lists`) as a ResampleSet over the cells any of them fills. */
export function resamplesFromCounts(lists: readonly string[], tables: readonly Float64Array[]): ResampleSet {
  const used: number[] = [];
  for (let mask = 1; mask < 1 << lists.length; mask += 1) if (tables.some((t) => t[mask] > 0)) used.push(mask);
  return {
    lists: [...lists],
    cells: used.map((mask) => lists.map((_, i) => (mask & (1 << i) ? '1' : '0')).join('')),
    tables: tables.map((t) => used.map((mask) => t[mask])),
  };
}

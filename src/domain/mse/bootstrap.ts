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
 */
import { mulberry32 } from '../shared/random';
import { resampleCounts } from './random';
import { normalCdf, normalQuantile } from './special';

export type BootstrapMethod = 'bca' | 'percentile';

export interface BootstrapOptions {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly method?: BootstrapMethod;
  readonly onProgress?: (done: number, total: number) => void;
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
}

/** Maps a table's counts (indexed by bitmask) to its total estimate; may throw or return a non-finite value. */
export type TotalEstimator = (counts: Float64Array) => number;

function attempt(estimate: TotalEstimator, counts: Float64Array): number {
  try {
    const total = estimate(counts);
    return Number.isFinite(total) ? total : Infinity;
  } catch {
    return Infinity;
  }
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

/** Runs the bootstrap of `estimate` around `pointEstimate` over the observed `counts`. */
export function bootstrapInterval(
  counts: Float64Array,
  estimate: TotalEstimator,
  pointEstimate: number,
  options: BootstrapOptions,
): BootstrapSummary {
  const method = options.method ?? 'bca';
  const random = mulberry32(options.seed);
  const totals: number[] = [];
  for (let r = 1; r <= options.replicates; r += 1) {
    totals.push(attempt(estimate, resampleCounts(counts, random)));
    options.onProgress?.(r, options.replicates);
  }
  totals.sort((a, b) => a - b);
  const failed = totals.filter((total) => total === Infinity).length;
  const common = { method, replicates: options.replicates, failed, failedShare: failed / options.replicates };
  if (method === 'percentile') {
    const tail = (1 - options.level) / 2;
    return {
      ...common,
      interval: [quantileType8(totals, tail), quantileType8(totals, 1 - tail)],
      seed: options.seed,
    };
  }
  const jackknife = jackknifeAcceleration(counts, estimate);
  const { interval, biasCorrection } = bcaInterval(totals, pointEstimate, jackknife.acceleration, options.level);
  return {
    ...common,
    interval,
    seed: options.seed,
    biasCorrection,
    acceleration: jackknife.acceleration,
    jackknifeFailed: jackknife.failed,
  };
}

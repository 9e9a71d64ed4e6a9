/**
 * Seeded draws for the bootstrap: a multinomial resample of the observed
 * persons over the cells (O(cells), whatever the number of persons) and Poisson
 * tables for the parametric goodness-of-fit test. The generator and the
 * quantile are in shared/random.ts. All draws are exact (no normal
 * approximation): binomials and Poissons are split recursively through gamma
 * order statistics (Devroye, "Non-Uniform Random Variate Generation", 1986,
 * X.4 and X.3), so a draw costs O(log n) uniforms.
 */

import type { Uniform } from '../shared/random';

/** Below this mean a binomial or Poisson is drawn by inversion: O(mean) uniforms, exact. */
const INVERSION_MEAN = 16;

/** Standard normal by Box-Muller (one of the pair; simplicity over speed). */
function normal(random: Uniform): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through the U^(1/shape) boost. */
export function gamma(shape: number, random: Uniform): number {
  if (shape < 1) return gamma(shape + 1, random) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Binomial(n, p) by inversion of the cumulative distribution; for small n * p. */
function binomialInversion(n: number, p: number, random: Uniform): number {
  const q = 1 - p;
  const ratio = p / q;
  let pmf = Math.pow(q, n);
  let u = random();
  let k = 0;
  while (u > pmf && k < n) {
    u -= pmf;
    pmf *= (ratio * (n - k)) / (k + 1);
    k += 1;
  }
  return k;
}

/**
 * Binomial(n, p), exact. For a large mean the a-th order statistic of n
 * uniforms is Beta(a, n + 1 - a); which side of p it falls on tells how many of
 * the n uniforms lie below p, up to a binomial on the remaining side.
 */
export function binomial(n: number, p: number, random: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  if (n * p < INVERSION_MEAN) return binomialInversion(n, p, random);
  const a = Math.floor(n / 2) + 1;
  const b = n + 1 - a;
  const ga = gamma(a, random);
  const x = ga / (ga + gamma(b, random));
  return x >= p ? binomial(a - 1, p / x, random) : a + binomial(b - 1, (p - x) / (1 - x), random);
}

/** Poisson(mean), exact: inversion for a small mean, else split at a gamma arrival time (Ahrens & Dieter). */
export function poisson(mean: number, random: Uniform): number {
  if (!(mean > 0)) return 0;
  if (mean < INVERSION_MEAN) {
    let pmf = Math.exp(-mean);
    let u = random();
    let k = 0;
    while (u > pmf && pmf > 0) {
      u -= pmf;
      k += 1;
      pmf *= mean / k;
    }
    return k;
  }
  const m = Math.floor(mean * 0.875);
  const arrival = gamma(m, random);
  return arrival > mean ? binomial(m - 1, mean / arrival, random) : m + poisson(mean - arrival, random);
}

/**
 * Draws `total` persons with replacement from the observed cells (the
 * nonparametric bootstrap) and returns the new counts, indexed like `counts`.
 * The multinomial is drawn as a chain of conditional binomials, one per cell
 * with persons, so the cost grows with the cells, not the persons.
 */
export function resampleCounts(counts: Float64Array, random: Uniform): Float64Array {
  let remaining = 0;
  counts.forEach((count) => {
    if (count > 0) remaining += count;
  });
  let left = remaining;
  const resampled = new Float64Array(counts.length);
  for (let mask = 0; mask < counts.length && remaining > 0; mask += 1) {
    const count = counts[mask];
    if (count <= 0) continue;
    const drawn = count >= left ? remaining : binomial(remaining, count / left, random);
    resampled[mask] = drawn;
    remaining -= drawn;
    left -= count;
  }
  return resampled;
}

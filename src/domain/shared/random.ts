/**
 * Seeded randomness shared by the pure modules: the mulberry32 generator (MSE
 * bootstrap resampling, synthetic linkage data, demo data) and the type-7
 * quantile. The same seed always yields the same stream, so bootstrap
 * intervals match their SparseMSE reference fixtures and synthetic data sets
 * are reproducible. Not for cryptography: secret noise uses statistics/prng.ts.
 */

/** Uniform [0, 1) generator; the same seed always yields the same stream. */
export type Uniform = () => number;

/**
 * mulberry32: tiny, fast and good enough for resampling (not for cryptography).
 * @example const random = mulberry32(42); random() // 0.6011037519201636
 */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws over one seeded stream. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/**
 * A deterministic generator for a 32-bit seed, drawing from mulberry32(seed).
 * @example seededRng(7).int(1, 6)
 */
export function seededRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/**
 * Type-7 (R's default) quantile of an ascending array: linear interpolation
 * between closest ranks. NaN for an empty array.
 * @example quantileSorted([10, 20, 30, 40, 50], 0.25) // 20
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

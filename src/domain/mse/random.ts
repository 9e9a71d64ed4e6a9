/**
 * Seeded randomness for reproducible bootstrap intervals: the mulberry32
 * generator and a multinomial resampler of the observed persons.
 */

/** Uniform [0, 1) generator; the same seed always yields the same stream. */
export type Uniform = () => number;

/** mulberry32: tiny, fast and good enough for resampling (not for cryptography). */
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

/**
 * Draws `total` persons with replacement from the observed cells (the
 * nonparametric bootstrap) and returns the new counts, indexed like `counts`.
 */
export function resampleCounts(counts: Float64Array, random: Uniform): Float64Array {
  const cells: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  counts.forEach((count, mask) => {
    if (count <= 0) return;
    total += count;
    cells.push(mask);
    cumulative.push(total);
  });
  const resampled = new Float64Array(counts.length);
  for (let drawn = 0; drawn < total; drawn += 1) {
    const person = Math.floor(random() * total);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > person) hi = mid;
      else lo = mid + 1;
    }
    resampled[cells[lo]] += 1;
  }
  return resampled;
}

/** Type-7 (R's default) quantile of an ascending array. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

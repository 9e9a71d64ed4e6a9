/**
 * The multinomial resampler of the observed persons for reproducible bootstrap
 * intervals; the seeded generator and the quantile are in shared/random.ts.
 */

import type { Uniform } from '../shared/random';

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

/**
 * Chao's lower bound for the population size under heterogeneous capture
 * (Chao 1987, "Estimating the population size for capture-recapture data with
 * unequal catchability", Biometrics 43: 783-791): with f1 persons seen on
 * exactly one list and f2 on exactly two, N >= n + f1^2 / (2 f2). When nobody
 * is on exactly two lists the bias-corrected form n + f1 (f1 - 1) / (2 (f2 + 1))
 * is used instead. The interval is Chao's log-normal one on the hidden count,
 * so its lower limit never falls below the persons observed. It is a floor,
 * not an estimate: shown beside every estimate as a sanity check.
 */
import { normalQuantile } from './special';
import type { CellCounts } from './table';

export interface ChaoBound {
  /** Persons on exactly one list, and on exactly two. */
  readonly f1: number;
  readonly f2: number;
  readonly observed: number;
  /** observed + the bound on the hidden count. */
  readonly estimate: number;
  /** "classic": f1^2 / (2 f2); "bias_corrected": f1 (f1 - 1) / (2 (f2 + 1)), used when f2 = 0. */
  readonly form: 'classic' | 'bias_corrected';
  readonly variance: number;
  readonly level: number;
  /** Log-normal interval for the total (Chao 1987). */
  readonly interval: readonly [number, number];
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count += 1;
  return count;
}

/** The bound from the frequencies f1, f2 and the persons observed. */
export function chaoFromFrequencies(f1: number, f2: number, observed: number, level = 0.95): ChaoBound {
  let hidden: number;
  let variance: number;
  let form: ChaoBound['form'];
  if (f2 > 0) {
    form = 'classic';
    const r = f1 / f2;
    hidden = (f1 * f1) / (2 * f2);
    // Chao (1987), eq. (7).
    variance = f2 * (r ** 4 / 4 + r ** 3 + r ** 2 / 2);
  } else {
    form = 'bias_corrected';
    hidden = (f1 * (f1 - 1)) / 2;
    // Chao (2005) for f2 = 0 (the delta method on the bias-corrected form).
    const total = observed + hidden;
    variance = Math.max(0, (f1 * (f1 - 1)) / 2 + (f1 * (2 * f1 - 1) ** 2) / 4 - f1 ** 4 / (4 * total));
  }
  const z = normalQuantile((1 + level) / 2);
  let interval: [number, number] = [observed, observed];
  if (hidden > 0) {
    const c = Math.exp(z * Math.sqrt(Math.log(1 + variance / (hidden * hidden))));
    interval = [observed + hidden / c, observed + hidden * c];
  }
  return { f1, f2, observed, estimate: observed + hidden, form, variance, level, interval };
}

/** Chao's lower bound for a capture table (persons counted by how many lists they are on). */
export function chaoLowerBound(cells: CellCounts, level = 0.95): ChaoBound {
  let f1 = 0;
  let f2 = 0;
  for (let mask = 1; mask < cells.counts.length; mask += 1) {
    const count = cells.counts[mask];
    if (count <= 0) continue;
    const lists = bitCount(mask);
    if (lists === 1) f1 += count;
    else if (lists === 2) f2 += count;
  }
  return chaoFromFrequencies(f1, f2, cells.observed, level);
}

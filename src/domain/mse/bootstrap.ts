/**
 * Percentile bootstrap interval for the total population. Each replicate
 * resamples the observed persons and reruns the whole estimation (including
 * the stepwise selection), so the interval reflects model-selection uncertainty.
 */
import { mulberry32, quantileSorted } from '../shared/random';
import { resampleCounts } from './random';
import { cellCountsFrom, type CellCounts } from './table';

export interface BootstrapOptions {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BootstrapSummary {
  readonly interval: [number, number];
  /** Replicates whose resampled table admitted no estimate (e.g. a list drawn empty). */
  readonly failed: number;
  readonly replicates: number;
  readonly seed: number;
}

/** Runs the bootstrap; `estimateTotal` maps a resampled table to its total estimate or throws. */
export function bootstrapInterval(
  cells: CellCounts,
  estimateTotal: (resampled: CellCounts) => number,
  options: BootstrapOptions,
): BootstrapSummary {
  const random = mulberry32(options.seed);
  const totals: number[] = [];
  let failed = 0;
  for (let r = 1; r <= options.replicates; r += 1) {
    const counts = resampleCounts(cells.counts, random);
    try {
      const total = estimateTotal(cellCountsFrom(cells.lists, counts));
      if (Number.isFinite(total)) totals.push(total);
      else failed += 1;
    } catch {
      failed += 1;
    }
    options.onProgress?.(r, options.replicates);
  }
  totals.sort((a, b) => a - b);
  const tail = (1 - options.level) / 2;
  return {
    interval: [quantileSorted(totals, tail), quantileSorted(totals, 1 - tail)],
    failed,
    replicates: options.replicates,
    seed: options.seed,
  };
}

/**
 * Design matrices of the Poisson log-linear model: intercept, one main effect
 * per list and the chosen two-list effects, over every observable cell. A
 * two-list effect whose lists share nobody has estimate -infinity; it is fitted
 * exactly by dropping the cells on both lists together with its column.
 */
import { overlapCount, type CellCounts } from './table';

/** A two-list effect between lists i < j. */
export interface Pair {
  readonly i: number;
  readonly j: number;
}

export interface ModelDesign {
  /** Column names: "(Intercept)", the list names, then "A:B" style pair names. */
  readonly columns: readonly string[];
  /** Pairs with a finite estimate, in column order after the main effects. */
  readonly finitePairs: readonly Pair[];
  /** Pairs in the model with no observed overlap: estimate -infinity. */
  readonly infinitePairs: readonly Pair[];
  /** Bitmasks of the cells kept in the fit. */
  readonly cells: Int32Array;
  /** Row-major cells.length x columns.length design. */
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export const INTERCEPT = '(Intercept)';

/** "A:E" style label with the lists in table order. */
export function pairLabel(lists: readonly string[], pair: Pair): string {
  return `${lists[pair.i]}:${lists[pair.j]}`;
}

/** Every pair of lists, in the order (0,1), (0,2), ..., (1,2), ... */
export function allPairs(listCount: number): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < listCount; i += 1) for (let j = i + 1; j < listCount; j += 1) pairs.push({ i, j });
  return pairs;
}

function pairMask(pair: Pair): number {
  return (1 << pair.i) | (1 << pair.j);
}

/** Builds the design for main effects plus `pairs`, over the cells the finite part of the model can reach. */
export function buildDesign(table: CellCounts, pairs: readonly Pair[]): ModelDesign {
  const k = table.lists.length;
  const infinitePairs = pairs.filter((pair) => overlapCount(table, pair.i, pair.j) === 0);
  const finitePairs = pairs.filter((pair) => !infinitePairs.includes(pair));
  const excluded = infinitePairs.map(pairMask);
  const cells: number[] = [];
  for (let mask = 1; mask < 1 << k; mask += 1) {
    if (!excluded.some((both) => (mask & both) === both)) cells.push(mask);
  }
  const columns = [INTERCEPT, ...table.lists, ...finitePairs.map((pair) => pairLabel(table.lists, pair))];
  const p = columns.length;
  const x = new Float64Array(cells.length * p);
  const y = new Float64Array(cells.length);
  cells.forEach((mask, row) => {
    const base = row * p;
    x[base] = 1;
    for (let i = 0; i < k; i += 1) if (mask & (1 << i)) x[base + 1 + i] = 1;
    finitePairs.forEach((pair, index) => {
      const both = pairMask(pair);
      if ((mask & both) === both) x[base + 1 + k + index] = 1;
    });
    y[row] = table.counts[mask];
  });
  return { columns, finitePairs, infinitePairs, cells: Int32Array.from(cells), x, y };
}

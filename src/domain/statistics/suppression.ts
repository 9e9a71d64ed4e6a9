/**
 * Small-cell suppression on a table grid (cells plus margins): primary
 * suppression of small counts, then complementary suppression so that no row
 * or column (margin included) hides exactly one cell, which subtraction would reveal.
 */
import { isSmallCount } from '../shared/small-cells';
import { gridLines } from './table';

export type SuppressionReason = 'primary' | 'complementary';
/** Per grid position: why it is hidden, or null when published. */
export type SuppressionMask = (SuppressionReason | null)[][];

export interface SuppressionOptions {
  /** Counts from 1 to threshold-1 are hidden. Default 5. */
  threshold?: number;
  /** Whether a 0 may be shown. Default true. */
  zeroIsSafe?: boolean;
  /** Whether small margins are hidden like cells (they count persons too). Default true. */
  suppressSmallMargins?: boolean;
  /** Minimum width of the feasible interval of a primary cell. Default: the threshold. */
  protectionLevel?: number;
}

export interface ResolvedSuppressionOptions {
  threshold: number;
  zeroIsSafe: boolean;
  suppressSmallMargins: boolean;
  protectionLevel: number;
}

/** Fills in defaults and checks the options make sense. */
export function resolveSuppressionOptions(options: SuppressionOptions = {}): ResolvedSuppressionOptions {
  const threshold = options.threshold ?? 5;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError('threshold must be a positive integer');
  const protectionLevel = options.protectionLevel ?? threshold;
  if (!(protectionLevel > 0)) throw new RangeError('protectionLevel must be positive');
  return {
    threshold,
    zeroIsSafe: options.zeroIsSafe ?? true,
    suppressSmallMargins: options.suppressSmallMargins ?? true,
    protectionLevel,
  };
}

/** Whether a count is sensitive on its own. */
export function isSmall(value: number, options: ResolvedSuppressionOptions): boolean {
  return isSmallCount(value, options.threshold, options.zeroIsSafe ? 'shown' : 'hidden');
}

/** Hides every small count; margins (last row and column) only when the options say so. */
export function primarySuppression(grid: number[][], options: ResolvedSuppressionOptions): SuppressionMask {
  const lastRow = grid.length - 1;
  const lastCol = grid[0].length - 1;
  return grid.map((row, r) =>
    row.map((value, c) => {
      const margin = r === lastRow || c === lastCol;
      if (margin && !options.suppressSmallMargins) return null;
      return isSmall(value, options) ? 'primary' : null;
    }),
  );
}

/**
 * Order of preference for a complement: interior cells before margins,
 * non-zero before zero (a hidden zero protects little), then the smallest.
 */
export function complementCost(grid: number[][], r: number, c: number): [number, number, number] {
  const margin = r === grid.length - 1 || c === grid[0].length - 1;
  const value = grid[r][c];
  return [margin ? 1 : 0, value === 0 ? 1 : 0, value];
}

function cheaper(a: [number, number, number], b: [number, number, number]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The cheapest published position among candidates, or undefined. */
export function cheapestPublished(
  grid: number[][],
  mask: SuppressionMask,
  candidates: [number, number][],
): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const [r, c] of candidates) {
    if (mask[r][c] !== null) continue;
    if (!best || cheaper(complementCost(grid, r, c), complementCost(grid, best[0], best[1]))) best = [r, c];
  }
  return best;
}

/** Lines (rows and columns with their margins) that hide exactly one position. */
export function singlySuppressedLines(mask: SuppressionMask): { kind: 'row' | 'col'; index: number }[] {
  const lines = gridLines(mask.length - 1, mask[0].length - 1);
  return lines
    .filter((line) => [...line.cells, line.total].filter(([r, c]) => mask[r][c] !== null).length === 1)
    .map(({ kind, index }) => ({ kind, index }));
}

/**
 * Adds complements until every line hides zero or at least two positions.
 * Terminates: each pass hides at least one more position, and a fully hidden line is fine.
 */
export function complementarySuppression(grid: number[][], mask: SuppressionMask): SuppressionMask {
  const result = mask.map((row) => [...row]);
  const lines = gridLines(grid.length - 1, grid[0].length - 1);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const members = [...line.cells, line.total];
      if (members.filter(([r, c]) => result[r][c] !== null).length !== 1) continue;
      const pick = cheapestPublished(grid, result, members);
      if (!pick) continue;
      result[pick[0]][pick[1]] = 'complementary';
      changed = true;
    }
  }
  return result;
}

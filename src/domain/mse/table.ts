/**
 * Capture tables: the input shape (one row per combination of lists) and its
 * validated form, a dense vector of counts indexed by bitmask over all 2^k - 1 cells.
 */
import { MseInputError } from './errors';

/** Two lists give the Lincoln-Petersen and Chapman estimates (with their untestable independence assumption). */
export const MIN_LISTS = 2;
/** Log-linear models need at least three lists to test any dependence between them. */
export const MIN_LOG_LINEAR_LISTS = 3;
/** 2^12 cells and 79 parameters is already far beyond any real list system (models with two-list effects). */
export const MAX_LISTS = 12;
/** Main effects alone need no 2^k table (see wide.ts): up to 30 lists, the width of a bitmask. */
export const MAX_MAIN_EFFECT_LISTS = 30;

/** One observed combination: `pattern[i]` is 1 when the persons are on list i. */
export interface CaptureHistory {
  readonly pattern: readonly number[];
  readonly count: number;
}

export interface CaptureTable {
  readonly lists: readonly string[];
  readonly histories: readonly CaptureHistory[];
}

/** Validated counts: `counts[mask]` with bit i set for list i; `counts[0]` (no list) stays 0. */
export interface CellCounts {
  readonly lists: readonly string[];
  readonly counts: Float64Array;
  readonly observed: number;
}

/** Persons seen on both list i and list j, whatever other lists they are on. */
export function overlapCount(cells: CellCounts, i: number, j: number): number {
  const both = (1 << i) | (1 << j);
  let total = 0;
  for (let mask = 1; mask < cells.counts.length; mask += 1) {
    if ((mask & both) === both) total += cells.counts[mask];
  }
  return total;
}

export function checkLists(lists: readonly string[], max = MAX_LISTS): void {
  if (lists.length < MIN_LISTS) {
    throw new MseInputError(
      'too_few_lists',
      `Multiple systems estimation needs at least ${MIN_LISTS} lists; this table has ${lists.length}.`,
    );
  }
  if (lists.length > max) {
    throw new MseInputError(
      'too_many_lists',
      max === MAX_LISTS && lists.length <= MAX_MAIN_EFFECT_LISTS
        ? `Models with two-list effects support at most ${MAX_LISTS} lists; this table has ${lists.length}. Use main effects only, or merge lists from similar sources first.`
        : `At most ${max} lists are supported; this table has ${lists.length}. Merge lists from similar sources first.`,
    );
  }
  const seen = new Set<string>();
  for (const name of lists) {
    if (!name.trim())
      throw new MseInputError('missing_header', 'Every list needs a name in the header row; one is empty.');
    if (seen.has(name))
      throw new MseInputError(
        'duplicate_list',
        `The list name "${name}" appears twice in the header; each list must be a separate column.`,
      );
    seen.add(name);
  }
}

export function checkHistory(history: CaptureHistory, k: number, row: number): number {
  if (history.pattern.length !== k) {
    throw new MseInputError(
      'wrong_row_width',
      `Row ${row} has ${history.pattern.length} list columns but the header names ${k} lists.`,
    );
  }
  let mask = 0;
  history.pattern.forEach((flag, i) => {
    if (flag !== 0 && flag !== 1)
      throw new MseInputError('invalid_flag', `Row ${row}: list membership must be 0 or 1, got "${flag}".`);
    if (flag === 1) mask |= 1 << i;
  });
  const count = history.count;
  if (!Number.isFinite(count) || !Number.isInteger(count) || count < 0) {
    throw new MseInputError(
      'invalid_count',
      `Row ${row}: the count must be a whole number of persons (0 or more), got "${count}".`,
    );
  }
  return mask;
}

/**
 * Wraps counts already indexed by bitmask (e.g. a bootstrap resample) after the
 * coverage checks: someone observed, no empty list, at least one overlap.
 */
export function cellCountsFrom(lists: readonly string[], counts: Float64Array): CellCounts {
  let observed = 0;
  for (let mask = 1; mask < counts.length; mask += 1) observed += counts[mask];
  const cells = { lists, counts, observed };
  checkCoverage(lists, cells);
  return cells;
}

function checkCoverage(lists: readonly string[], cells: CellCounts): void {
  if (cells.observed === 0)
    throw new MseInputError('no_persons', 'The table contains no persons, so there is nothing to estimate from.');
  lists.forEach((name, i) => {
    let onList = 0;
    for (let mask = 1; mask < cells.counts.length; mask += 1) if (mask & (1 << i)) onList += cells.counts[mask];
    if (onList === 0)
      throw new MseInputError(
        'empty_list',
        `List "${name}" contains nobody; remove it, since an empty list carries no information.`,
      );
  });
  let anyOverlap = false;
  for (let i = 0; i < lists.length && !anyOverlap; i += 1) {
    for (let j = i + 1; j < lists.length && !anyOverlap; j += 1) anyOverlap = overlapCount(cells, i, j) > 0;
  }
  if (!anyOverlap) {
    throw new MseInputError(
      'no_overlaps',
      'No person appears on more than one list. MSE infers the hidden population from overlaps between lists, so without any overlap no estimate is possible.',
    );
  }
}

/** Checks a capture table and returns its counts; throws MseInputError explaining why MSE is impossible. */
export function validateCaptureTable(table: CaptureTable): CellCounts {
  checkLists(table.lists);
  const k = table.lists.length;
  const counts = new Float64Array(1 << k);
  const seen = new Set<number>();
  table.histories.forEach((history, index) => {
    const row = index + 1;
    const mask = checkHistory(history, k, row);
    if (seen.has(mask)) {
      throw new MseInputError(
        'duplicate_history',
        `Row ${row} repeats the combination ${history.pattern.join('')}; give each combination of lists once, with its total count.`,
      );
    }
    seen.add(mask);
    if (mask === 0 && history.count > 0) {
      throw new MseInputError(
        'observed_on_no_list',
        `Row ${row} counts persons on no list; those are exactly the persons MSE estimates, so they cannot be observed.`,
      );
    }
    counts[mask] = history.count;
  });
  return cellCountsFrom([...table.lists], counts);
}

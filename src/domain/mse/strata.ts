/**
 * Stratified multiple systems estimation: one estimate per stratum (sex, age
 * band, citizenship, exploitation type, region, or any column of the table),
 * a combined total that is the sum of the stratum estimates, and a combined
 * interval.
 *
 * The combined interval:
 * - with a bootstrap: every replicate resamples each stratum's persons
 *   (multinomially over its cells) and refits it as its estimate was fitted; the
 *   stratum replicates are summed replicate by replicate and the combined limits
 *   are the percentile limits (type 8) of the sums. A stratum replicate with no
 *   finite estimate makes its sum unbounded (counted, never dropped);
 * - without one, a stated approximation: normal on the total, each stratum's
 *   variance read from its Wald interval's half-width, the variances summed.
 *
 * Publication (`publishStrata`) applies the small-cell rule of the statistics
 * module: a stratum observed on fewer persons than the disclosure floor is hidden
 * (primary), and further strata are hidden (complementary, smallest first) until
 * at least two are hidden and together they hold at least the floor, so neither
 * a hidden stratum's count nor its estimate is recoverable by subtracting the
 * published strata from the combined figures.
 */
import { parse } from 'csv-parse/sync';
import { mulberry32 } from '../shared/random';
import { quantileType8 } from './bootstrap';
import { captureTableFromRows } from './csv';
import { estimatePopulationWith, replicateTotal } from './estimate';
import { MseInputError } from './errors';
import type { Glpk } from './lp';
import { resampleCounts } from './random';
import { normalQuantile } from './special';
import { validateCaptureTable, type CaptureTable } from './table';
import type { MseOptions, MseResult } from './types';

/** One stratum's capture table, named by its value of the stratifying variable. */
export interface CaptureStratum {
  readonly name: string;
  readonly table: CaptureTable;
}

export type StratumIntervalMethod = 'percentile_bootstrap' | 'wald';
export type CombinedIntervalMethod = 'summed_bootstrap_replicates' | 'summed_wald_variances';

export interface StratumEstimate {
  readonly name: string;
  readonly observed: number;
  /** Null when this stratum's table admits no estimate (`error` says why). */
  readonly estimate: number | null;
  readonly interval: readonly [number, number] | null;
  readonly intervalMethod: StratumIntervalMethod;
  readonly terms: readonly string[];
  readonly model: MseResult['model'] | null;
  /** Bootstrap only: replicates of this stratum with no finite estimate. */
  readonly failed?: number;
  readonly error?: string;
}

export interface StratifiedResult {
  readonly by: string;
  readonly level: number;
  readonly strata: readonly StratumEstimate[];
  readonly combined: {
    readonly observed: number;
    /** The sum of the stratum estimates; null when some stratum has none. */
    readonly estimate: number | null;
    readonly interval: readonly [number, number] | null;
    readonly intervalMethod: CombinedIntervalMethod;
    /** Bootstrap only: the replicates, and those whose sum was unbounded. */
    readonly replicates?: number;
    readonly failed?: number;
    readonly seed?: number;
  };
}

export interface StratifyOptions extends Omit<MseOptions, 'bootstrap' | 'sensitivity' | 'checkAllModels'> {
  /** Percentile bootstrap with model reselection in each stratum replicate. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number };
}

/**
 * Splits a capture-history CSV with a stratum column (header: lists…, the stratum column, count, in any
 * order except the count last) into one capture table per stratum value, sorted by name.
 */
export function captureStrataFromCsv(text: string, column: string): CaptureStratum[] {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const delimiter = [',', ';', '\t'].find((d) => first.includes(d)) ?? ',';
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, { delimiter, skip_empty_lines: true, relax_column_count: true, info: true }) as never;
  } catch (error) {
    throw new MseInputError('invalid_file', `The CSV cannot be read: ${(error as Error).message}`);
  }
  if (rows.length === 0)
    throw new MseInputError('empty_input', 'The file is empty; expected a header of list names and a count column.');
  const header = rows[0].record.map((cell) => cell.trim());
  const at = header.indexOf(column.trim());
  if (at < 0 || at === header.length - 1)
    throw new MseInputError(
      'invalid_options',
      `The header has no stratum column "${column.trim()}" before the count column; its columns are ${header.join(', ')}.`,
    );
  const without = (record: readonly string[]) => record.filter((_, i) => i !== at);
  const groups = new Map<string, { rows: string[][]; places: string[] }>();
  for (const { record, info } of rows.slice(1)) {
    const name = (record[at] ?? '').trim();
    if (!name)
      throw new MseInputError('invalid_file', `Line ${info.lines} has no value in the stratum column "${column}".`);
    const group = groups.get(name) ?? { rows: [without(header)], places: ['line 1'] };
    group.rows.push(without(record));
    group.places.push(`line ${info.lines}`);
    groups.set(name, group);
  }
  if (groups.size === 0) throw new MseInputError('no_persons', 'The table has no rows of persons.');
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, g]) => ({ name, table: stratumTable(g.rows, g.places) }));
}

/**
 * One stratum's table, its cells checked as any table's. A stratum may well leave a list empty or share
 * nobody between lists: that is for its fit to judge (the stratum then has no estimate), not a refusal of
 * the file. The cells passed the parser's checks before such a refusal, so they read as numbers here.
 */
function stratumTable(rows: string[][], places: string[]): CaptureTable {
  try {
    return captureTableFromRows(rows, places);
  } catch (error) {
    if (!(error instanceof MseInputError) || !['empty_list', 'no_overlaps', 'no_persons'].includes(error.code))
      throw error;
    const [header, ...body] = rows;
    return {
      lists: header.slice(0, -1).map((cell) => cell.trim()),
      histories: body.map((row) => ({
        pattern: row.slice(0, -1).map((cell) => Number(cell.trim())),
        count: Number(row[row.length - 1].trim()),
      })),
    };
  }
}

/** The table without the lists on which this stratum has nobody (they carry no information, as in a replicate). */
function withoutEmptyLists(table: CaptureTable): CaptureTable {
  const kept = table.lists
    .map((_, i) => i)
    .filter((i) => table.histories.some((h) => h.count > 0 && h.pattern[i] === 1));
  if (kept.length === table.lists.length) return table;
  const merged = new Map<string, number>();
  for (const h of table.histories) {
    const pattern = kept.map((i) => h.pattern[i]);
    if (!pattern.includes(1)) continue;
    merged.set(pattern.join(''), (merged.get(pattern.join('')) ?? 0) + h.count);
  }
  return {
    lists: kept.map((i) => table.lists[i]),
    histories: [...merged].map(([key, count]) => ({ pattern: [...key].map(Number), count })),
  };
}

/** Persons observed in a table (the sum of its counts). */
const observedOf = (table: CaptureTable) => table.histories.reduce((sum, h) => sum + h.count, 0);

/** A stratum's total estimate for resampled counts: the stepwise (or chosen) fit; Chapman with two lists. */
function stratumEstimator(lists: readonly string[], glpk: Glpk, options: MseOptions) {
  if (lists.length === 2)
    return (counts: Float64Array) => {
      const [a, b, ab] = [counts[1], counts[2], counts[3]];
      return a + b + ab === 0 ? Infinity : ((a + ab + 1) * (b + ab + 1)) / (ab + 1) - 1;
    };
  return replicateTotal(lists, glpk, options);
}

function attempt(estimate: (counts: Float64Array) => number, counts: Float64Array): number {
  try {
    const total = estimate(counts);
    return Number.isFinite(total) ? total : Infinity;
  } catch {
    return Infinity;
  }
}

/** Estimates every stratum and their combined total and interval. Pure and deterministic for a seed. */
export function estimateStrata(
  glpk: Glpk,
  by: string,
  strata: readonly CaptureStratum[],
  options: StratifyOptions = {},
): StratifiedResult {
  if (strata.length === 0) throw new MseInputError('no_persons', 'There is no stratum to estimate.');
  const level = options.level ?? 0.95;
  const fitOptions: MseOptions = {
    method: options.method ?? 'stepwise',
    ...(options.terms ? { terms: options.terms } : {}),
    ...(options.pThreshold !== undefined ? { pThreshold: options.pThreshold } : {}),
    level,
    profile: false,
    ...(options.goodnessOfFit ? { goodnessOfFit: options.goodnessOfFit } : {}),
  };
  const fits = strata.map((s) => {
    try {
      const table = withoutEmptyLists(s.table);
      return { stratum: s, table, result: estimatePopulationWith(glpk, table, fitOptions) };
    } catch (error) {
      if (error instanceof MseInputError) return { stratum: s, error: error.code };
      throw error;
    }
  });
  const replicates = options.bootstrap?.replicates ?? 0;
  // Replicate by replicate, every stratum resampled from one seeded stream (stratum order is name order).
  const stratumTotals: number[][] = strata.map(() => []);
  const sums: number[] = [];
  if (options.bootstrap && fits.every((f) => f.result)) {
    const random = mulberry32(options.bootstrap.seed);
    const estimators = fits.map((f) => {
      const cells = validateCaptureTable(f.table!);
      return { counts: cells.counts, estimate: stratumEstimator(cells.lists, glpk, fitOptions) };
    });
    for (let r = 1; r <= replicates; r += 1) {
      let sum = 0;
      estimators.forEach((e, s) => {
        const total = attempt(e.estimate, resampleCounts(e.counts, random));
        stratumTotals[s].push(total);
        sum += total;
      });
      sums.push(sum);
      options.onProgress?.(r, replicates);
    }
  }
  const tail = (1 - level) / 2;
  const percentile = (values: number[]): [number, number] => {
    const sorted = [...values].sort((a, b) => a - b);
    return [quantileType8(sorted, tail), quantileType8(sorted, 1 - tail)];
  };
  const estimates: StratumEstimate[] = fits.map((f, s) => {
    const observed = observedOf(f.stratum.table);
    if (!f.result)
      return {
        name: f.stratum.name,
        observed,
        estimate: null,
        interval: null,
        intervalMethod: 'wald',
        terms: [],
        model: null,
        error: f.error,
      };
    const boot = sums.length > 0;
    return {
      name: f.stratum.name,
      observed,
      estimate: f.result.estimate,
      interval: boot ? percentile(stratumTotals[s]) : f.result.interval.wald,
      intervalMethod: boot ? 'percentile_bootstrap' : 'wald',
      terms: f.result.terms,
      model: f.result.model,
      ...(boot ? { failed: stratumTotals[s].filter((t) => t === Infinity).length } : {}),
    };
  });
  const observed = estimates.reduce((sum, e) => sum + e.observed, 0);
  const complete = estimates.every((e) => e.estimate !== null);
  const estimate = complete ? estimates.reduce((sum, e) => sum + e.estimate!, 0) : null;
  if (sums.length > 0)
    return {
      by,
      level,
      strata: estimates,
      combined: {
        observed,
        estimate,
        interval: percentile(sums),
        intervalMethod: 'summed_bootstrap_replicates',
        replicates,
        failed: sums.filter((t) => t === Infinity).length,
        seed: options.bootstrap!.seed,
      },
    };
  let interval: [number, number] | null = null;
  if (complete && estimate !== null) {
    const z = normalQuantile((1 + level) / 2);
    const variance = estimates.reduce((sum, e) => sum + ((e.interval![1] - e.interval![0]) / (2 * z)) ** 2, 0);
    const half = z * Math.sqrt(variance);
    interval = [Math.max(observed, estimate - half), estimate + half];
  }
  return {
    by,
    level,
    strata: estimates,
    combined: { observed, estimate, interval, intervalMethod: 'summed_wald_variances' },
  };
}

export type StratumSuppression = 'primary' | 'complementary' | null;

/**
 * Which strata to hide for a floor: those observed on fewer persons than the floor, then (smallest first)
 * enough others that at least two are hidden and the hidden ones together hold at least the floor.
 * `total` is true when even the combined figure must be hidden (everyone together is below the floor).
 */
export function strataSuppression(
  observed: readonly number[],
  floor: number,
): { strata: StratumSuppression[]; total: boolean } {
  const mask: StratumSuppression[] = observed.map((n) => (n < floor ? 'primary' : null));
  const hidden = () => mask.filter((m) => m !== null).length;
  const hiddenSum = () => observed.reduce((sum, n, i) => sum + (mask[i] ? n : 0), 0);
  while (hidden() > 0 && hidden() < observed.length && (hidden() < 2 || hiddenSum() < floor)) {
    let smallest = -1;
    observed.forEach((n, i) => {
      if (!mask[i] && (smallest < 0 || n < observed[smallest])) smallest = i;
    });
    mask[smallest] = 'complementary';
  }
  const total = observed.reduce((sum, n) => sum + n, 0) < floor;
  return { strata: total ? observed.map((_, i) => mask[i] ?? 'complementary') : mask, total };
}

export type PublishedStratum =
  | (StratumEstimate & { readonly suppressed: false })
  | { readonly name: string; readonly suppressed: 'primary' | 'complementary' };

export interface PublishedStrata {
  readonly by: string;
  readonly level: number;
  readonly floor: number;
  readonly strata: readonly PublishedStratum[];
  /** Null when everyone together is below the floor. */
  readonly combined: StratifiedResult['combined'] | null;
}

/** The result as it may be published under a disclosure floor: hidden strata keep only their name. */
export function publishStrata(result: StratifiedResult, floor: number): PublishedStrata {
  const { strata, total } = strataSuppression(
    result.strata.map((s) => s.observed),
    floor,
  );
  return {
    by: result.by,
    level: result.level,
    floor,
    strata: result.strata.map((s, i) => {
      const reason = strata[i];
      return reason ? { name: s.name, suppressed: reason } : { ...s, suppressed: false as const };
    }),
    combined: total ? null : result.combined,
  };
}

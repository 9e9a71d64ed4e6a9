/**
 * Linkage error in multiple systems estimation. When the capture histories come
 * from record linkage, who is on which lists depends on which records were
 * linked; a missed link splits one person in two (fewer overlaps, a larger
 * estimate), a false link merges two (more overlaps, a smaller one). Treating the
 * linkage as certain leaves that error out of the interval.
 *
 * Here each replicate first redraws the linkage, then the persons:
 * - every candidate pair is linked with its estimated match probability (pairs
 *   decided by a reviewer, or linked with certainty, have probability 1 or 0);
 * - the records are clustered (union-find: links are transitive) and each
 *   cluster is one person on the union of its records' lists;
 * - the table of that linkage is resampled multinomially over its cells, as the
 *   ordinary bootstrap does, and refitted (with model reselection).
 * The percentile limits of the replicate totals then cover both the linkage's
 * and the sampling's uncertainty. With every probability 0 or 1 it is the
 * ordinary percentile bootstrap of the decided table: the draws come from the
 * bootstrap's own generator (xoshiro128** from the seed), and a certain link
 * consumes no draw, so the resampled tables are the bootstrap's, one for one.
 *
 * Percentile, not BCa: BCa's bias correction measures how far the replicates sit
 * from the decided linkage's estimate and moves the limits back towards it, which
 * would take out the very shift the redrawn links are there to carry.
 *
 * Cost: the certain links are contracted once (union-find over every record);
 * a replicate then redraws only the uncertain links, over the groups they touch,
 * on top of the fixed counts of the groups they do not: O(uncertain links + cells)
 * per replicate, whatever the number of persons.
 */
import type { Uniform } from '../shared/random';
import { quantileType8 } from './bootstrap';
import { MseInputError } from './errors';
import { resampleCounts } from './random';
import { xoshiro128 } from './random64';
import type { MseResult } from './types';

const persons = (counts: Float64Array) => counts.reduce((sum, c) => sum + c, 0);

/** Maps a table's counts (indexed by bitmask) to its total estimate; may throw or return a non-finite value. */
export type TableEstimator = (counts: Float64Array) => number;

/** A pair of records that may be the same person, with the linkage's estimated probability that it is. */
export interface CandidateLink {
  readonly a: number;
  readonly b: number;
  readonly probability: number;
  /** Whether the linkage as decided made this link; when absent, a probability of at least 0.5 made it. */
  readonly linked?: boolean;
}

/**
 * The linkage behind a capture table: each record is one organisation's (or one channel's) person, as the
 * bitmask of the lists it is on; links join records that are the same person. A record on no list (mask 0:
 * a record of an organisation outside the table, or a person not counted) is on no cell, but may still
 * join two records that are.
 */
export interface LinkageUncertainty {
  readonly lists: readonly string[];
  readonly records: readonly number[];
  readonly links: readonly CandidateLink[];
}

export interface LinkageErrorOptions {
  readonly replicates: number;
  readonly seed: number;
  readonly level?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LinkageErrorInterval {
  readonly method: 'percentile_with_linkage_resampling';
  readonly interval: [number, number];
  readonly level: number;
  readonly replicates: number;
  /** Replicates with no finite estimate, counted as unbounded (never dropped). */
  readonly failed: number;
  readonly seed: number;
  /** Candidate pairs whose probability lies strictly between 0 and 1: the links redrawn in each replicate. */
  readonly uncertainLinks: number;
  /** Persons in the decided table, and the smallest and largest count of persons over the redrawn linkages. */
  readonly persons: { readonly decided: number; readonly min: number; readonly max: number };
}

/**
 * What an MSE result says of the linkage error it carries: the run the links come from, how many were
 * redrawn, and the percentile interval of the redrawn replicates (the bootstrap interval of the fit, or
 * Chapman's replicates with two lists). Counts only.
 */
export interface LinkageErrorSummary {
  readonly included: true;
  /** The linkage run whose links and match probabilities were redrawn. */
  readonly run: string;
  /** Links whose probability lies strictly between 0 and 1: linked pairs and review-band pairs. */
  readonly uncertainPairs: number;
  readonly method: 'percentile';
  readonly interval: [number, number];
  readonly replicates: number;
  readonly failed: number;
  readonly seed: number;
  /** Persons in the table as linked, and the fewest and most over the redrawn linkages. */
  readonly persons: { readonly decided: number; readonly min: number; readonly max: number };
}

/** Chapman's two-list estimate of cell counts indexed by bitmask (01, 10, 11): the two-list replicate. */
export const chapmanTotal = (counts: Float64Array): number =>
  ((counts[1] + counts[3] + 1) * (counts[2] + counts[3] + 1)) / (counts[3] + 1) - 1;

/** What the linkage side knows before the fit: the fit's bootstrap gives the interval (two lists: given here). */
export type LinkageErrorDraft = Omit<LinkageErrorSummary, 'included' | 'method' | 'interval' | 'failed'> &
  Partial<Pick<LinkageErrorSummary, 'interval' | 'failed'>>;

/** The result with its linkage error stated; the interval is the bootstrap's (over the redrawn resamples). */
export function withLinkageError(result: MseResult, draft: LinkageErrorDraft): MseResult {
  const interval = result.interval.bootstrap ?? draft.interval;
  if (!interval) return result;
  return {
    ...result,
    linkageError: {
      included: true,
      run: draft.run,
      uncertainPairs: draft.uncertainPairs,
      method: 'percentile',
      interval,
      replicates: draft.replicates,
      failed: result.bootstrap?.failed ?? draft.failed ?? 0,
      seed: draft.seed,
      persons: draft.persons,
    },
  };
}

function checkUncertainty(u: LinkageUncertainty): void {
  const cells = 1 << u.lists.length;
  u.records.forEach((mask) => {
    if (!Number.isInteger(mask) || mask < 0 || mask >= cells)
      throw new MseInputError('invalid_options', 'Every linked record must be on lists of the table.');
  });
  for (const link of u.links) {
    const inRange = (r: number) => Number.isInteger(r) && r >= 0 && r < u.records.length;
    if (!inRange(link.a) || !inRange(link.b) || !(link.probability >= 0 && link.probability <= 1))
      throw new MseInputError(
        'invalid_options',
        'A candidate link must join two records of the linkage with a probability between 0 and 1.',
      );
  }
}

/** The cell counts (indexed by bitmask) of the persons formed by the links `linked` says are made. */
export function countsOfLinkage(u: LinkageUncertainty, linked: (link: CandidateLink) => boolean): Float64Array {
  const parent = u.records.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const link of u.links) {
    if (!linked(link)) continue;
    const [a, b] = [root(link.a), root(link.b)];
    if (a !== b) parent[a] = b;
  }
  const masks = new Map<number, number>();
  u.records.forEach((mask, i) => {
    const r = root(i);
    masks.set(r, (masks.get(r) ?? 0) | mask);
  });
  const counts = new Float64Array(1 << u.lists.length);
  for (const mask of masks.values()) if (mask > 0) counts[mask] += 1;
  return counts;
}

/** The table of the linkage as decided: the links it made (`linked`, else a probability of at least `threshold`). */
export function decidedCounts(u: LinkageUncertainty, threshold = 0.5): Float64Array {
  checkUncertainty(u);
  return countsOfLinkage(u, (link) => link.linked ?? link.probability >= threshold);
}

/** The linkage with its certain links contracted: what a replicate keeps, and the few links it redraws. */
export interface CompiledLinkage {
  readonly cells: number;
  /** Counts of the groups no uncertain link touches: the same in every replicate. */
  readonly fixed: Float64Array;
  /** The lists of each group an uncertain link touches (by its local index). */
  readonly groups: Int32Array;
  /** The uncertain links, between local group indices, in the order of the input. */
  readonly links: readonly { readonly a: number; readonly b: number; readonly probability: number }[];
}

/** Contracts the certain links once (O(records + links)). */
export function compileLinkage(u: LinkageUncertainty): CompiledLinkage {
  checkUncertainty(u);
  const parent = new Int32Array(u.records.length).map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const link of u.links) {
    if (link.probability < 1) continue;
    const [a, b] = [root(link.a), root(link.b)];
    if (a !== b) parent[a] = b;
  }
  // Typed arrays indexed by record rather than maps: the one pass over every record stays cheap.
  const groupMask = new Int32Array(u.records.length);
  u.records.forEach((mask, i) => {
    groupMask[root(i)] |= mask;
  });
  const local = new Int32Array(u.records.length).fill(-1);
  let touched = 0;
  const links: { a: number; b: number; probability: number }[] = [];
  const indexOf = (r: number) => (local[r] >= 0 ? local[r] : (local[r] = touched++));
  for (const link of u.links) {
    if (!(link.probability > 0 && link.probability < 1)) continue;
    const [a, b] = [root(link.a), root(link.b)];
    // Already one person through certain links: redrawing it changes nothing.
    if (a !== b) links.push({ a: indexOf(a), b: indexOf(b), probability: link.probability });
  }
  const cells = 1 << u.lists.length;
  const fixed = new Float64Array(cells);
  const groups = new Int32Array(touched);
  parent.forEach((p, r) => {
    if (p !== r) return;
    if (local[r] >= 0) groups[local[r]] = groupMask[r];
    else if (groupMask[r] > 0) fixed[groupMask[r]] += 1;
  });
  return { cells, fixed, groups, links };
}

/** One linkage drawn from a compiled one: O(uncertain links). A certain link draws nothing. */
export function drawCompiled(c: CompiledLinkage, random: Uniform): Float64Array {
  const counts = Float64Array.from(c.fixed);
  const parent = new Int32Array(c.groups.length).map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const link of c.links) {
    if (!(random() < link.probability)) continue;
    const [a, b] = [root(link.a), root(link.b)];
    if (a !== b) parent[a] = b;
  }
  const masks = new Int32Array(c.groups.length);
  c.groups.forEach((mask, i) => {
    masks[root(i)] |= mask;
  });
  parent.forEach((p, i) => {
    if (p === i && masks[i] > 0) counts[masks[i]] += 1;
  });
  return counts;
}

export interface LinkageResamples {
  /** One table per replicate: a redrawn linkage, then its persons resampled multinomially over the cells. */
  readonly tables: Float64Array[];
  readonly uncertainLinks: number;
  readonly persons: { readonly decided: number; readonly min: number; readonly max: number };
}

/**
 * The resampled tables of the linkage-error bootstrap, drawn by xoshiro128** from the seed (the generator of
 * the ordinary bootstrap): fed to the bootstrap as given resamples, every fit and summary works unchanged.
 */
export function linkageResamples(
  u: LinkageUncertainty,
  options: { readonly replicates: number; readonly seed: number },
): LinkageResamples {
  if (!(Number.isInteger(options.replicates) && options.replicates >= 1))
    throw new MseInputError('invalid_options', 'The number of replicates must be a positive whole number.');
  const compiled = compileLinkage(u);
  const random = xoshiro128(options.seed);
  const tables: Float64Array[] = [];
  let [min, max] = [Infinity, 0];
  for (let r = 0; r < options.replicates; r += 1) {
    const drawn = drawCompiled(compiled, random);
    const n = persons(drawn);
    [min, max] = [Math.min(min, n), Math.max(max, n)];
    tables.push(resampleCounts(drawn, random));
  }
  return {
    tables,
    uncertainLinks: u.links.filter((l) => l.probability > 0 && l.probability < 1).length,
    persons: { decided: persons(decidedCounts(u)), min, max },
  };
}

/** One linkage drawn from the match probabilities (every record visited: compileLinkage for many draws). */
export function drawLinkage(u: LinkageUncertainty, random: Uniform): Float64Array {
  return countsOfLinkage(u, (link) => link.probability >= 1 || (link.probability > 0 && random() < link.probability));
}

/** The interval of `estimate` over redrawn linkages and resampled persons. Deterministic for a seed. */
export function linkageErrorInterval(
  u: LinkageUncertainty,
  estimate: TableEstimator,
  options: LinkageErrorOptions,
): LinkageErrorInterval {
  const level = options.level ?? 0.95;
  const drawn = linkageResamples(u, options);
  const totals: number[] = [];
  drawn.tables.forEach((table, r) => {
    let total: number;
    try {
      total = estimate(table);
      if (!Number.isFinite(total)) total = Infinity;
    } catch {
      total = Infinity;
    }
    totals.push(total);
    options.onProgress?.(r + 1, options.replicates);
  });
  totals.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return {
    method: 'percentile_with_linkage_resampling',
    interval: [quantileType8(totals, tail), quantileType8(totals, 1 - tail)],
    level,
    replicates: options.replicates,
    failed: totals.filter((t) => t === Infinity).length,
    seed: options.seed,
    uncertainLinks: drawn.uncertainLinks,
    persons: drawn.persons,
  };
}

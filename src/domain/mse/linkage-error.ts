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
 * ordinary percentile bootstrap of the decided table.
 */
import { mulberry32, type Uniform } from '../shared/random';
import { quantileType8 } from './bootstrap';
import { MseInputError } from './errors';
import { resampleCounts } from './random';

/** Maps a table's counts (indexed by bitmask) to its total estimate; may throw or return a non-finite value. */
export type TableEstimator = (counts: Float64Array) => number;

/** A pair of records that may be the same person, with the linkage's estimated probability that it is. */
export interface CandidateLink {
  readonly a: number;
  readonly b: number;
  readonly probability: number;
}

/**
 * The linkage behind a capture table: each record is one organisation's (or one channel's) person, as the
 * bitmask of the lists it is on; links join records that are the same person.
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

function checkUncertainty(u: LinkageUncertainty): void {
  const cells = 1 << u.lists.length;
  u.records.forEach((mask) => {
    if (!Number.isInteger(mask) || mask <= 0 || mask >= cells)
      throw new MseInputError('invalid_options', 'Every linked record must be on at least one of the lists.');
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
  for (const mask of masks.values()) counts[mask] += 1;
  return counts;
}

/** The table of the linkage as decided: a candidate pair is linked when its probability is at least `threshold`. */
export function decidedCounts(u: LinkageUncertainty, threshold = 0.5): Float64Array {
  checkUncertainty(u);
  return countsOfLinkage(u, (link) => link.probability >= threshold);
}

/** One linkage drawn from the match probabilities. */
export function drawLinkage(u: LinkageUncertainty, random: Uniform): Float64Array {
  return countsOfLinkage(u, (link) => link.probability >= 1 || (link.probability > 0 && random() < link.probability));
}

const persons = (counts: Float64Array) => counts.reduce((sum, c) => sum + c, 0);

/** The interval of `estimate` over redrawn linkages and resampled persons. Deterministic for a seed. */
export function linkageErrorInterval(
  u: LinkageUncertainty,
  estimate: TableEstimator,
  options: LinkageErrorOptions,
): LinkageErrorInterval {
  checkUncertainty(u);
  if (!(Number.isInteger(options.replicates) && options.replicates >= 1))
    throw new MseInputError('invalid_options', 'The number of replicates must be a positive whole number.');
  const level = options.level ?? 0.95;
  const random = mulberry32(options.seed);
  const totals: number[] = [];
  let [min, max] = [Infinity, 0];
  for (let r = 1; r <= options.replicates; r += 1) {
    const drawn = drawLinkage(u, random);
    const n = persons(drawn);
    [min, max] = [Math.min(min, n), Math.max(max, n)];
    let total: number;
    try {
      total = estimate(resampleCounts(drawn, random));
      if (!Number.isFinite(total)) total = Infinity;
    } catch {
      total = Infinity;
    }
    totals.push(total);
    options.onProgress?.(r, options.replicates);
  }
  totals.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return {
    method: 'percentile_with_linkage_resampling',
    interval: [quantileType8(totals, tail), quantileType8(totals, 1 - tail)],
    level,
    replicates: options.replicates,
    failed: totals.filter((t) => t === Infinity).length,
    seed: options.seed,
    uncertainLinks: u.links.filter((l) => l.probability > 0 && l.probability < 1).length,
    persons: { decided: persons(decidedCounts(u)), min, max },
  };
}

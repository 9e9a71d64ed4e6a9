/**
 * Decisions from estimated match probabilities, without hand-tuned constants:
 *  - the auto-link threshold is the lowest probability at which the pairs
 *    linked (all those at or above it) have an expected precision of at least
 *    the target: expected precision = the mean probability of the linked pairs;
 *  - the review band holds pairs below it, the most valuable first (a pair's
 *    value is the chance that leaving it unlinked is wrong: its probability, so
 *    the pairs closest to the decision boundary come first), capped per
 *    organisation so that a person can work through it.
 */
import { LinkageError } from './errors';

export const DEFAULT_TARGET_PRECISION = 0.98;
/** Pairs less likely than this are not worth a person's time. */
export const DEFAULT_REVIEW_FLOOR = 0.2;
/** Default review cap per organisation: this share of its records (at least MIN_REVIEW_CAP pairs). */
export const DEFAULT_REVIEW_SHARE = 0.01;
export const MIN_REVIEW_CAP = 5;

export interface PrecisionThreshold {
  /** Probability at or above which pairs are linked (Infinity-safe: 1 when nothing qualifies). */
  threshold: number;
  /** Pairs at or above the threshold. */
  linked: number;
  expectedPrecision: number;
  /** Expected share of the candidate matches that are linked (blocking misses not counted). */
  expectedRecall: number;
  /** Expected number of true matches among the candidates: Σ p. */
  expectedMatches: number;
}

/** The auto-link threshold meeting `target` expected precision over `probabilities`. */
export function thresholdForPrecision(probabilities: ArrayLike<number>, target: number): PrecisionThreshold {
  if (!(target > 0 && target < 1))
    throw new LinkageError('invalid_options', `The target precision must be in (0, 1); got ${target}`);
  const sorted = Float64Array.from(probabilities).sort().reverse();
  let expectedMatches = 0;
  for (const p of sorted) expectedMatches += p;
  let sum = 0;
  let best = { k: 0, sum: 0 };
  for (let k = 0; k < sorted.length; k++) {
    sum += sorted[k];
    // Pairs tied with the next one go in together, so the threshold is a clean cut.
    if (k + 1 < sorted.length && sorted[k + 1] === sorted[k]) continue;
    if (sum / (k + 1) >= target) best = { k: k + 1, sum };
    else break;
  }
  return {
    threshold: best.k === 0 ? 1 : sorted[best.k - 1],
    linked: best.k,
    expectedPrecision: best.k === 0 ? 1 : best.sum / best.k,
    expectedRecall: expectedMatches === 0 ? 1 : best.sum / expectedMatches,
    expectedMatches,
  };
}

export interface BandCandidate {
  /** Index of the pair in the caller's arrays. */
  pair: number;
  probability: number;
  /** Source (organisation) index of each side. */
  sourceA: number;
  sourceB: number;
}

/**
 * The review band: candidates below `threshold` and at least `floor`, by
 * descending probability, taking a pair only while both its organisations are
 * under their cap. Returns pair indexes in review order.
 */
export function reviewBand(
  candidates: readonly BandCandidate[],
  threshold: number,
  caps: ArrayLike<number>,
  floor = DEFAULT_REVIEW_FLOOR,
): number[] {
  const band = candidates
    .filter((c) => c.probability < threshold && c.probability >= floor)
    .sort((x, y) => y.probability - x.probability || x.pair - y.pair);
  const used = new Float64Array(caps.length);
  const chosen: number[] = [];
  for (const c of band) {
    if (used[c.sourceA] >= caps[c.sourceA] || used[c.sourceB] >= caps[c.sourceB]) continue;
    used[c.sourceA]++;
    used[c.sourceB]++;
    chosen.push(c.pair);
  }
  return chosen;
}

/** Default cap per organisation from its record count. */
export const defaultReviewCap = (records: number): number =>
  Math.max(MIN_REVIEW_CAP, Math.ceil(records * DEFAULT_REVIEW_SHARE));

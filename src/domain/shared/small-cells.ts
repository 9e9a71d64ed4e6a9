/**
 * The one rule for "is this count too small to show?", used by the report
 * tables (statistics/suppression.ts) and the outcome cohorts (outcomes/cohort.ts).
 * Counts from 1 to threshold-1 are always small. Whether a zero is small is an
 * explicit policy of the caller: a zero cell of a cross-table says nobody has
 * that combination and is safe by default, while a cohort count of zero is
 * hidden so that "nobody" cannot be told from "a few".
 */

/** 'shown': a zero may be published; 'hidden': a zero is suppressed like 1…threshold-1. */
export type ZeroPolicy = 'shown' | 'hidden';

/**
 * Whether a count must be hidden on its own (primary suppression).
 * @example isSmallCount(0, 5, 'shown') // false
 * @example isSmallCount(0, 5, 'hidden') // true
 * @example isSmallCount(4, 5, 'shown') // true
 */
export function isSmallCount(count: number, threshold: number, zero: ZeroPolicy): boolean {
  return count === 0 ? zero === 'hidden' : count < threshold;
}

/**
 * The disclosure threshold of a report and its floor. The organisation (and,
 * for network reports, every network and member involved) sets the smallest
 * threshold it accepts; a request may ask for more protection, never less.
 */
import { DomainError } from '../errors';

export const DEFAULT_DISCLOSURE_FLOOR = 5;
/** Below 2 a count of 1 (one identifiable person) would be shown. */
export const MIN_DISCLOSURE_FLOOR = 2;
export const MAX_DISCLOSURE_THRESHOLD = 20;

/** The strictest of several floors: a network report must satisfy every organisation whose persons it counts. */
export function strictestFloor(floors: readonly number[]): number {
  return Math.max(MIN_DISCLOSURE_FLOOR, ...floors);
}

/**
 * The threshold a report uses (or the k of a k-anonymised export): the floor when none is asked,
 * the request when it is at least the floor.
 * @example effectiveThreshold(undefined, 5) // 5
 * @example effectiveThreshold(3, 5) // throws threshold_below_floor
 */
export function effectiveThreshold(requested: number | undefined, floor: number, field = 'threshold'): number {
  if (requested === undefined) return floor;
  if (!Number.isInteger(requested) || requested < floor) {
    throw new DomainError(
      'threshold_below_floor',
      `The disclosure threshold (${field}) cannot be below ${floor}, the floor set for these data`,
      [{ path: [field], code: 'too_small', minimum: floor, message: `Must be at least ${floor}` }],
    );
  }
  return requested;
}

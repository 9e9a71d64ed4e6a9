import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors';
import { effectiveThreshold, strictestFloor } from './threshold';

describe('disclosure threshold floor', () => {
  test.each([
    { requested: undefined, floor: 5, expected: 5 },
    { requested: 7, floor: 5, expected: 7 },
    { requested: 5, floor: 5, expected: 5 },
    { requested: undefined, floor: 8, expected: 8 },
  ])('requested $requested with floor $floor → $expected', ({ requested, floor, expected }) => {
    expect(effectiveThreshold(requested, floor)).toBe(expected);
  });

  test('a request below the floor is refused with a field error on threshold', () => {
    const error = (() => {
      try {
        effectiveThreshold(2, 5);
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('threshold_below_floor');
    expect(error.details).toEqual([expect.objectContaining({ path: ['threshold'], minimum: 5 })]);
  });

  test('network reports take the strictest floor, never below 2', () => {
    expect(strictestFloor([3, 9, 5])).toBe(9);
    expect(strictestFloor([])).toBe(2);
  });
});

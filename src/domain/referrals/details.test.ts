import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors';
import { assertRequestedBy, urgencyRank } from './details';

describe('requested-by date', () => {
  const today = '2026-12-01';
  test.each([
    ['today', '2026-12-01'],
    ['in three weeks', '2026-12-22'],
    ['a year ahead', '2027-12-01'],
  ])('accepts %s', (_name, value) => expect(() => assertRequestedBy(value, today)).not.toThrow());

  test.each([
    ['the past', '2026-11-30'],
    ['year 0001', '0001-01-01'],
    ['year 2999', '2999-01-01'],
    ['a day that does not exist', '2027-02-30'],
  ])('refuses %s with the field path', (_name, value) => {
    const error = (() => {
      try {
        assertRequestedBy(value, today);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('not refused');
    })();
    expect(error.code).toBe('implausible_date');
    expect(error.details).toMatchObject([{ path: ['requestedBy'] }]);
  });

  test('no date is fine', () => expect(() => assertRequestedBy(null, today)).not.toThrow());
});

test('urgency ranks emergency first', () => {
  expect(['routine', 'emergency', 'urgent'].sort((a, b) => urgencyRank(a) - urgencyRank(b))).toEqual([
    'emergency',
    'urgent',
    'routine',
  ]);
});

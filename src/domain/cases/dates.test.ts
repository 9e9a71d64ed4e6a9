import { describe, expect, test } from 'vitest';
import { agendaFor } from './agenda';
import { addMonths, assertNotFuture, assertRange, parseIsoDate, reflectionEnd } from './dates';
import { isMinor } from './person';

describe('dates', () => {
  test.each([
    ['2026-03-01', { days: 30 }, '2026-03-31'],
    ['2026-03-01', { days: 40 }, '2026-04-10'],
    ['2026-01-31', { months: 3 }, '2026-04-30'],
    ['2026-11-30', { months: 3 }, '2027-02-28'],
  ])('reflection from %s with %o ends %s', (start, length, end) => {
    expect(reflectionEnd(start, length)).toBe(end);
  });

  test('impossible dates and ranges are refused', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => assertRange('2026-05-01', '2026-04-01')).toThrow(
      expect.objectContaining({ code: 'invalid_date_range' }),
    );
    expect(() => assertNotFuture('2027-01-01', '2026-11-23')).toThrow(expect.objectContaining({ code: 'future_date' }));
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  test('minority is derived from the date of birth when known', () => {
    const today = new Date('2026-11-23T12:00:00Z');
    expect(isMinor('2008-11-24', today)).toBe(true);
    expect(isMinor('2008-11-23', today)).toBe(false);
    expect(isMinor(undefined, today)).toBeNull();
  });
});

describe('agenda', () => {
  test('collects deadlines within their horizon, flags overdue ones, and sorts by date', () => {
    const items = agendaFor(
      [
        {
          caseId: 'a',
          entries: [
            { kind: 'review', data: { reviewedOn: '2026-09-01', nextReviewOn: '2026-11-01' } },
            { kind: 'legal_event', data: { type: 'reflection_period', date: '2026-10-20', endDate: '2026-11-29' } },
            { kind: 'legal_event', data: { type: 'permit_decision', date: '2026-01-01', validUntil: '2027-06-01' } },
          ],
        },
        {
          caseId: 'b',
          entries: [
            { kind: 'legal_event', data: { type: 'hearing', date: '2026-12-10' } },
            { kind: 'legal_event', data: { type: 'hearing', date: '2026-10-10' } },
            { kind: 'objective', data: { status: 'open', dueDate: '2026-11-20' } },
            { kind: 'objective', data: { status: 'achieved', dueDate: '2026-11-21' } },
          ],
        },
      ],
      '2026-11-23',
    );
    expect(items.map((i) => [i.caseId, i.kind, i.overdue])).toEqual([
      ['a', 'review_due', true],
      ['b', 'objective_due', true],
      ['a', 'reflection_ending', false],
      ['b', 'hearing', false],
    ]);
  });
});

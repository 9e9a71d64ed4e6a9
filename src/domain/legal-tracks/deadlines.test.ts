/** Date arithmetic of the steps, as properties: the end never before the start, inclusive/exclusive, month ends. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../cases/dates';
import { endBounds, extend, resolveEnd, stepEnd } from './deadlines';
import type { TrackStep } from './model';

const isoDay = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const unit = fc.constantFrom('days' as const, 'months' as const);
const amount = fc.integer({ min: 1, max: 400 });

const rangeStep = (min: number | undefined, max: number | undefined, u: 'days' | 'months'): TrackStep => ({
  code: 's',
  label: { en: 'S' },
  kind: 'reflection_period',
  startedBy: ['reflection_period'],
  duration: { unit: u, min, max },
  endInclusive: true,
  source: 'test',
});

describe('step end dates', () => {
  it('never end before they start', () => {
    fc.assert(
      fc.property(isoDay, amount, unit, fc.boolean(), (start, n, u, inclusive) => {
        expect(daysBetween(start, stepEnd(start, { amount: n, unit: u }, inclusive))).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('inclusive ends one day after exclusive', () => {
    fc.assert(
      fc.property(isoDay, amount, unit, (start, n, u) => {
        const inclusive = stepEnd(start, { amount: n, unit: u }, true);
        expect(addDays(stepEnd(start, { amount: n, unit: u }, false), 1)).toBe(inclusive);
      }),
    );
  });

  it('a length in days is exactly that many days (inclusive)', () => {
    fc.assert(
      fc.property(isoDay, amount, (start, n) => {
        expect(daysBetween(start, stepEnd(start, { amount: n, unit: 'days' }, true))).toBe(n);
      }),
    );
  });

  it('months keep the day of the month, or clamp to the month end', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 36 }), (start, n) => {
        const end = stepEnd(start, { amount: n, unit: 'months' }, true);
        const [sy, sm, sd] = start.split('-').map(Number);
        const [ey, em, ed] = end.split('-').map(Number);
        expect((ey - sy) * 12 + (em - sm)).toBe(n);
        const lastOfMonth = new Date(Date.UTC(ey, em, 0)).getUTCDate();
        expect(ed).toBe(Math.min(sd, lastOfMonth));
      }),
    );
    expect(stepEnd('2026-01-31', { amount: 1, unit: 'months' }, true)).toBe('2026-02-28');
    expect(stepEnd('2028-01-31', { amount: 1, unit: 'months' }, true)).toBe('2028-02-29');
    expect(stepEnd('2026-01-31', { amount: 1, unit: 'months' }, false)).toBe('2026-02-27');
  });

  it('a recorded end is kept exactly when it lies within [min, max]', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -10, max: 120 }),
        unit,
        (start, lo, span, offset, u) => {
          const step = rangeStep(lo, lo + span, u);
          const { earliest, latest } = endBounds(step, start);
          const recorded = addDays(start, offset);
          const inside = daysBetween(earliest!, recorded) >= 0 && daysBetween(recorded, latest!) >= 0;
          if (inside) expect(resolveEnd(step, start, recorded, 'reflection_period')).toBe(recorded);
          else expect(() => resolveEnd(step, start, recorded, 'reflection_period')).toThrow();
        },
      ),
    );
  });

  it('an extension never ends before the step it extends', () => {
    const step: TrackStep = {
      ...rangeStep(undefined, undefined, 'days'),
      duration: { unit: 'days', fixed: 30 },
      extension: { amount: 1, unit: 'months', maxCount: null, decideDaysBefore: 7, source: 'test' },
    };
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 30 }), (start, after) => {
        const end = resolveEnd(step, start, undefined, 'reflection_period')!;
        const extended = extend(step, { date: start, end }, [], [], { date: addDays(start, after) });
        expect(daysBetween(end, extended.endDate)).toBeGreaterThan(0);
        expect(daysBetween(extended.extensionDecisionBy!, extended.endDate)).toBe(7);
      }),
    );
  });
});

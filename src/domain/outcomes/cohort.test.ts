import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays } from '../cases/dates';
import type { ElementScore } from './assessment';
import { quantileSorted as quantile } from '../shared/random';
import { cohortAggregates, suppressPart, suppressSmall, suppressedShare } from './cohort';
import type { CaseFacts } from './facts';
import { DEFAULT_OUTCOME_MODEL as model } from './model';

const s = (element: string, score: number): ElementScore => ({ element, score, source: 'own_view' });
const BASE = [s('ptss_recovery', 1), s('place_to_live', 2), s('family_reconciliation', 2)];

function person(i: number, later: ElementScore[], over: Partial<CaseFacts> = {}): CaseFacts {
  const intakeDate = '2024-01-01';
  return {
    caseId: `c${i}`,
    intakeDate,
    events: [],
    circumstances: [],
    assessments: [
      { id: `a${i}-0`, caseId: `c${i}`, date: intakeDate, assessorId: 'u', version: 1, scores: BASE },
      { id: `a${i}-1`, caseId: `c${i}`, date: '2024-08-01', assessorId: 'u', version: 1, scores: later },
    ],
    ...over,
  };
}

const recoveryProgress = [s('ptss_recovery', 3), s('place_to_live', 2), s('family_reconciliation', 2)];
const economicProgress = [s('ptss_recovery', 1), s('place_to_live', 4), s('family_reconciliation', 2)];
const regression = [s('ptss_recovery', 0), s('place_to_live', 2), s('family_reconciliation', 1)];

const fixture: CaseFacts[] = [
  ...Array.from({ length: 8 }, (_, i) =>
    person(i, recoveryProgress, {
      factors: [{ code: 'trusted_provider_relationship', group: 'institutions', level: 'meso', valence: 'positive' }],
      events: [
        { kind: 'thinking_about_future', date: addDays('2024-01-01', 80 + 10 * i) },
        ...(i < 2 ? [{ kind: 'job' as const, date: '2024-06-01' }] : []),
      ],
    }),
  ),
  ...Array.from({ length: 3 }, (_, i) => person(10 + i, economicProgress)),
  ...Array.from({ length: 2 }, (_, i) =>
    person(20 + i, regression, {
      factors: [{ code: 'community_stigma', group: 'family_friends', level: 'meso', valence: 'negative' }],
    }),
  ),
  person(30, recoveryProgress, { circumstances: [{ kind: 'drug_addiction', from: '2024-05-01' }] }),
  // Only a baseline: in no group.
  { ...person(40, []), assessments: [person(40, []).assessments[0]] },
];

describe('suppressSmall', () => {
  test.each([
    [0, true],
    [4, true],
    [5, false],
    [120, false],
  ])('%i hidden: %s', (count, hidden) => {
    expect('suppressed' in suppressSmall(count)).toBe(hidden);
  });

  test.each([
    [4, 100],
    [50, 3],
    [0, 100],
  ])('a share of %i / %i is hidden', (n, d) => {
    expect(suppressedShare(n, d)).toEqual({ suppressed: true });
  });

  test('no visible cell is ever below the threshold (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 20 }), (count, threshold) => {
        const cell = suppressSmall(count, threshold);
        if ('value' in cell) expect(cell.value).toBeGreaterThanOrEqual(threshold);
      }),
    );
  });
});

describe('cohortAggregates', () => {
  const result = cohortAggregates(model, fixture);

  test('progress at 6 months: large cells shown, small cells hidden', () => {
    const sixMonths = result.progressByHorizon.find((h) => h.horizon === '6m')!;
    expect(sixMonths.persons).toEqual({ value: 14 });
    const byDimension = Object.fromEntries(sixMonths.dimensions.map((d) => [d.dimension, d]));
    // The drug-addiction case's recovery progress is withheld: 8, not 9.
    expect(byDimension.recovery).toEqual({ dimension: 'recovery', withProgress: { value: 8 }, share: { value: 57.1 } });
    expect(byDimension.economic).toEqual({
      dimension: 'economic',
      withProgress: { suppressed: true },
      share: { suppressed: true },
    });
    expect(byDimension.social.withProgress).toEqual({ suppressed: true });
    expect(result.progressByHorizon.find((h) => h.horizon === '12m')!.persons).toEqual({ suppressed: true });
  });

  test('time to milestone: quartiles shown for 8 persons, hidden for 2', () => {
    const thinking = result.timeToMilestone.find((m) => m.kind === 'thinking_about_future')!;
    expect(thinking).toEqual({
      kind: 'thinking_about_future',
      persons: { value: 8 },
      quartiles: { q1: 97.5, median: 115, q3: 132.5 },
    });
    expect(result.timeToMilestone.find((m) => m.kind === 'job')).toEqual({
      kind: 'job',
      persons: { suppressed: true },
      quartiles: { suppressed: true },
    });
  });

  test('factor prevalence with and without progress, small cells hidden', () => {
    // 11 with progress of 14 would reveal the 3 without by subtraction: both hidden (complementary suppression).
    expect(result.groups).toEqual({ withProgress: { suppressed: true }, withoutProgress: { suppressed: true } });
    const trusted = result.factorPrevalence.find((f) => f.code === 'trusted_provider_relationship')!;
    // 8 of the 11 with progress leaves 3 without the factor: hidden as well.
    expect(trusted.withProgress).toEqual({ count: { suppressed: true }, share: { suppressed: true } });
    expect(trusted.withoutProgress).toEqual({ count: { suppressed: true }, share: { suppressed: true } });
    const stigma = result.factorPrevalence.find((f) => f.code === 'community_stigma')!;
    expect(stigma.withoutProgress.count).toEqual({ suppressed: true });
  });

  test('exposes no overall success score', () => {
    expect(Object.keys(result).sort()).toEqual([
      'factorPrevalence',
      'groups',
      'progressByHorizon',
      'threshold',
      'timeToMilestone',
    ]);
  });

  test('quantile interpolates between ranks', () => {
    expect([0, 0.25, 0.5, 1].map((p) => quantile([10, 20, 30, 40, 50], p))).toEqual([10, 20, 30, 50]);
  });
});

describe('complementary suppression of parts', () => {
  test('a part is hidden when it, or the rest of its group, is small', () => {
    expect(suppressPart(8, 14)).toEqual({ value: 8 });
    expect(suppressPart(11, 14)).toEqual({ suppressed: true });
    expect(suppressPart(4, 20)).toEqual({ suppressed: true });
    expect(suppressPart(14, 14)).toEqual({ value: 14 });
    expect(suppressedShare(11, 14)).toEqual({ suppressed: true });
  });
});

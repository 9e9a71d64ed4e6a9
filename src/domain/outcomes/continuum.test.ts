import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Assessment, ElementScore } from './assessment';
import { NOT_FAILURE_CIRCUMSTANCES, type Circumstance } from './circumstances';
import { compareAssessments, continuum, dimensionScore, flagsFor } from './continuum';
import * as continuumModule from './continuum';
import type { CaseFacts } from './facts';
import { MARKER_EVENTS, TURNING_POINTS, type CaseEvent } from './milestones';
import { DEFAULT_OUTCOME_MODEL as model } from './model';

const s = (element: string, score: number): ElementScore => ({ element, score, source: 'own_view' });
const assessment = (id: string, date: string, scores: ElementScore[], version = 1): Assessment => ({
  id,
  caseId: 'c1',
  date,
  assessorId: 'u1',
  version,
  scores,
});
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'c1',
  intakeDate: '2025-01-01',
  assessments: [],
  events: [],
  circumstances: [],
  ...over,
});

const baseline = assessment('a0', '2025-01-01', [
  s('ptss_recovery', 1),
  s('physical_recovery', 2),
  s('place_to_live', 2),
  s('financial_stability', 2),
  s('family_reconciliation', 1),
]);

describe('continuum', () => {
  test('mixed progress and regression are both shown', () => {
    const later = assessment('a1', '2025-07-01', [
      s('ptss_recovery', 3),
      s('physical_recovery', 2),
      s('place_to_live', 1),
      s('financial_stability', 1),
      s('family_reconciliation', 1),
    ]);
    const [point] = continuum(model, { assessments: [later, baseline] }).points;
    expect(point.progressOn).toEqual(['recovery']);
    expect(point.regressionOn).toEqual(['economic']);
    expect(Object.fromEntries(point.dimensions.map((d) => [d.dimension, d.change]))).toEqual({
      recovery: 'progress',
      economic: 'regression',
      institutional: 'not_assessed',
      social: 'stable',
    });
    expect(point.daysSinceBaseline).toBe(181);
  });

  test('compares only elements assessed in both', () => {
    // Baseline lacks physical_recovery=0: adding a low score later must not look like regression.
    const first = assessment('a0', '2025-01-01', [s('ptss_recovery', 1)]);
    const later = assessment('a1', '2025-04-01', [s('ptss_recovery', 2), s('physical_recovery', 0)]);
    const { dimensions, elements } = compareAssessments(model, first, later);
    const recovery = dimensions.find((d) => d.dimension === 'recovery')!;
    expect(recovery).toMatchObject({
      change: 'progress',
      baselineMean: 1,
      currentMean: 2,
      comparedElements: ['ptss_recovery'],
      score: 1,
    });
    expect(elements.find((e) => e.element === 'physical_recovery')!.change).toBe('not_assessed');
  });

  test.each([
    [[s('ptss_recovery', 2), s('physical_recovery', 4)], 3],
    [[s('place_to_live', 1)], null],
  ])('dimension score is the mean of assessed elements: %o → %s', (scores, expected) => {
    expect(dimensionScore(model, assessment('x', '2025-01-01', scores), 'recovery')).toBe(expected);
  });

  test('baseline is the first assessment by date, using current versions', () => {
    const revised = { ...baseline, version: 2, scores: [s('ptss_recovery', 0)] };
    const later = assessment('a1', '2025-07-01', [s('ptss_recovery', 1)]);
    const result = continuum(model, { assessments: [later, baseline, revised] });
    expect(result.baseline?.assessmentId).toBe('a0');
    expect(result.points[0].progressOn).toEqual(['recovery']);
    expect(continuum(model, { assessments: [] })).toEqual({ baseline: null, points: [] });
  });

  test('drug addiction withholds progress from success but shows it', () => {
    const later = assessment('a1', '2025-07-01', [s('ptss_recovery', 3)]);
    const circumstances: Circumstance[] = [{ kind: 'drug_addiction', from: '2025-05-01' }];
    const [point] = continuum(model, { assessments: [baseline, later], circumstances }).points;
    expect(point.progressOn).toEqual([]);
    expect(point.progressWithheld).toEqual({ reasons: ['drug_addiction'], dimensions: ['recovery'] });
    expect(point.dimensions.find((d) => d.dimension === 'recovery')!.change).toBe('progress');
    const ended = continuum(model, {
      assessments: [baseline, later],
      circumstances: [{ ...circumstances[0], to: '2025-06-01' }],
    }).points[0];
    expect(ended.progressOn).toEqual(['recovery']);
  });

  test('no overall score is exported', () => {
    expect(Object.keys(continuumModule).sort()).toEqual([
      'compareAssessments',
      'continuum',
      'dimensionScore',
      'flagsFor',
      'hardFailures',
    ]);
  });
});

describe('flagsFor', () => {
  const circumstance = fc.record({
    kind: fc.constantFrom(...NOT_FAILURE_CIRCUMSTANCES, 'drug_addiction' as const),
    from: fc.constantFrom('2025-01-01', '2025-03-01'),
    to: fc.constantFrom(null, '2026-01-01'),
  });
  const nonFailureEvent = fc.record({
    kind: fc.constantFrom(...TURNING_POINTS, ...MARKER_EVENTS),
    date: fc.constant('2025-06-01'),
  });
  const anyScores = fc.array(
    fc.record({
      element: fc.constantFrom(...model.elements.map((e) => e.code)),
      score: fc.integer({ min: 0, max: 4 }),
      source: fc.constant('own_view' as const),
    }),
    { maxLength: 15 },
  );

  test('not-failures never raise a flag, whatever scores say (property)', () => {
    fc.assert(
      fc.property(
        fc.array(circumstance, { maxLength: 8 }),
        fc.array(nonFailureEvent, { maxLength: 4 }),
        anyScores,
        anyScores,
        (circumstances, events, b, c) => {
          const f = facts({
            circumstances,
            events,
            assessments: [assessment('a0', '2025-01-01', b), assessment('a1', '2025-09-01', c)],
          });
          expect(flagsFor(f)).toEqual([]);
        },
      ),
    );
  });

  test.each(['return_to_exploitation', 'violence', 're_trafficking'] as const)(
    '%s is flagged with her stated reasons',
    (kind) => {
      const events: CaseEvent[] = [
        { kind: 'job', date: '2025-03-01' },
        { kind, date: '2025-08-01', statedReasons: 'debt to a relative' },
      ];
      expect(flagsFor(facts({ events }))).toEqual([
        { kind: 'hard_failure', event: kind, date: '2025-08-01', statedReasons: 'debt to a relative' },
      ]);
    },
  );

  test('regression in every dimension is not a failure', () => {
    const worse = assessment(
      'a1',
      '2025-07-01',
      baseline.scores.map((x) => ({ ...x, score: 0 })),
    );
    expect(continuum(model, { assessments: [baseline, worse] }).points[0].regressionOn.length).toBeGreaterThan(0);
    expect(flagsFor(facts({ assessments: [baseline, worse] }))).toEqual([]);
  });
});

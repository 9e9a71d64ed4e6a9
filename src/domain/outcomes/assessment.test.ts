import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { currentVersions, reviseAssessment, validateAssessment, type Assessment } from './assessment';
import { DEFAULT_OUTCOME_MODEL as model } from './model';

const intakeDate = '2025-01-10';
const base: Assessment = {
  id: 'a1',
  caseId: 'c1',
  date: '2025-01-10',
  assessorId: 'u1',
  version: 1,
  scores: [
    { element: 'ptss_recovery', score: 1, source: 'own_view' },
    { element: 'place_to_live', score: 2, source: 'caseworker_observation' },
  ],
};

describe('validateAssessment', () => {
  test('accepts every level of the scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), (score) => {
        expect(
          validateAssessment(
            { ...base, scores: [{ element: 'meaning_making', score, source: 'own_view' }] },
            { model, intakeDate },
          ),
        ).toBeTruthy();
      }),
    );
  });

  test.each([
    [
      'score above the scale',
      { scores: [{ element: 'ptss_recovery', score: 5, source: 'own_view' as const }] },
      'score_out_of_scale',
    ],
    [
      'negative score',
      { scores: [{ element: 'ptss_recovery', score: -1, source: 'own_view' as const }] },
      'score_out_of_scale',
    ],
    [
      'fractional score',
      { scores: [{ element: 'ptss_recovery', score: 2.5, source: 'own_view' as const }] },
      'score_out_of_scale',
    ],
    [
      'unknown element',
      { scores: [{ element: 'happiness', score: 2, source: 'own_view' as const }] },
      'unknown_outcome_element',
    ],
    ['element twice', { scores: [base.scores[0], base.scores[0]] }, 'duplicate_element_score'],
    ['date before intake', { date: '2025-01-09' }, 'assessment_before_intake'],
  ])('refuses %s', (_, change, code) => {
    expect(() => validateAssessment({ ...base, ...change }, { model, intakeDate })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('reviseAssessment', () => {
  test('creates a new version and keeps the earlier ones untouched', () => {
    const before = structuredClone(base);
    const { current, history } = reviseAssessment([base], {
      scores: [{ element: 'ptss_recovery', score: 2, source: 'own_view' }],
      revisedBy: 'u2',
      reason: 'typo',
    });
    expect(current).toMatchObject({ id: 'a1', version: 2, revisedBy: 'u2', revisionReason: 'typo' });
    expect(history.map((a) => a.version)).toEqual([1, 2]);
    expect(base).toEqual(before);
    expect(currentVersions(history)).toEqual([current]);
  });

  test('revises from the highest version and validates when given context', () => {
    const { history } = reviseAssessment([base], { revisedBy: 'u2' });
    const again = reviseAssessment(history, { revisedBy: 'u3', date: '2025-02-01' });
    expect(again.current.version).toBe(3);
    expect(again.current.revisionReason).toBeUndefined();
    expect(() => reviseAssessment(history, { revisedBy: 'u3', date: '2024-12-31' }, { model, intakeDate })).toThrow(
      expect.objectContaining({ code: 'assessment_before_intake' }),
    );
    expect(() => reviseAssessment([], { revisedBy: 'u3' })).toThrow(
      expect.objectContaining({ code: 'empty_assessment_history' }),
    );
  });
});

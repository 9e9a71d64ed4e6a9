import { describe, expect, test } from 'vitest';
import type { Assessment } from './assessment';
import { DEFAULT_OUTCOME_MODEL as model } from './model';
import { suggestNextObjectives } from './priority';

const latest = (scores: [string, number][]): Assessment => ({
  id: 'a',
  caseId: 'c',
  date: '2025-05-01',
  assessorId: 'u',
  version: 1,
  scores: scores.map(([element, score]) => ({ element, score, source: 'own_view' })),
});

describe('suggestNextObjectives', () => {
  test('recovery elements come before economic and social ones, and the hint says so', () => {
    const result = suggestNextObjectives(
      model,
      latest([
        ['financial_stability', 0],
        ['family_reconciliation', 1],
        ['ptss_recovery', 2],
        ['physical_recovery', 1],
      ]),
    );
    expect(result.suggestions.map((s) => s.element)).toEqual([
      'physical_recovery',
      'ptss_recovery',
      'financial_stability',
      'family_reconciliation',
    ]);
    expect(result.hint).toBe('recovery_first');
  });

  test('the hint is not a block: later objectives are still suggested', () => {
    const result = suggestNextObjectives(
      model,
      latest([
        ['ptss_recovery', 0],
        ['place_to_live', 0],
      ]),
    );
    expect(result.suggestions.some((s) => s.dimension === 'economic')).toBe(true);
  });

  test.each([
    [
      'recovery fine',
      [
        ['ptss_recovery', 4],
        ['place_to_live', 1],
      ],
      null,
    ],
    [
      'only recovery outstanding',
      [
        ['ptss_recovery', 1],
        ['place_to_live', 4],
      ],
      null,
    ],
    ['nothing outstanding', [['ptss_recovery', 3]], null],
  ] as const)('no hint when %s', (_, scores, hint) => {
    expect(suggestNextObjectives(model, latest(scores.map(([e, v]) => [e, v]))).hint).toBe(hint);
  });

  test('not-assessed elements are listed only on request, after scored ones of the same priority', () => {
    const result = suggestNextObjectives(model, latest([['meaning_making', 1]]), { includeNotAssessed: true });
    expect(result.suggestions[0]).toMatchObject({ element: 'meaning_making', reason: 'low_score' });
    expect(result.suggestions).toHaveLength(model.elements.length);
    expect(suggestNextObjectives(model, undefined).suggestions).toEqual([]);
  });
});

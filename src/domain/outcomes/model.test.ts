import { describe, expect, test } from 'vitest';
import { DEFAULT_OUTCOME_MODEL_INPUT } from './default-model';
import {
  DEFAULT_OUTCOME_MODEL as M,
  LOCALES,
  anchorFor,
  elementOf,
  elementsOf,
  isOnScale,
  parseOutcomeModel,
} from './model';

describe('default outcome model', () => {
  test('has the four dimensions with their elements', () => {
    const byDimension = Object.fromEntries(M.dimensions.map((d) => [d.code, elementsOf(M, d.code).length]));
    expect(byDimension).toEqual({ recovery: 6, economic: 2, institutional: 3, social: 4 });
  });

  test('every label and anchor is translated into every locale', () => {
    for (const item of [...M.dimensions, ...M.elements])
      for (const l of LOCALES) expect(item.label[l].length).toBeGreaterThan(0);
    for (const d of M.dimensions)
      for (const a of d.anchors) for (const l of LOCALES) expect(a.description[l].length).toBeGreaterThan(0);
  });

  test('recovery elements come first in priority', () => {
    const recovery = M.elements.filter((e) => e.dimension === 'recovery').map((e) => e.priority);
    const others = M.elements.filter((e) => e.dimension !== 'recovery').map((e) => e.priority);
    expect(Math.max(...recovery)).toBeLessThan(Math.min(...others));
  });

  test.each([
    ['safe_attachment', 'own_view'],
    ['family_reconciliation', 'others_acceptance'],
    ['new_family', 'others_acceptance'],
  ])('%s is judged from %s', (code, judgedFrom) => {
    expect(elementOf(M, code).judgedFrom).toBe(judgedFrom);
  });

  test('anchors are per dimension and cover 0–4', () => {
    expect(anchorFor(M, 'economic', 0)?.description.en).toMatch(/place to live/);
    expect(anchorFor(M, 'social', 4)?.label.en).toBe('Thriving / fully resolved');
    expect([0, 4, 2.5, -1, 5].map((s) => isOnScale(M, s))).toEqual([true, true, false, false, false]);
  });
});

describe('parseOutcomeModel', () => {
  const withElements = (elements: unknown[]) => ({ ...DEFAULT_OUTCOME_MODEL_INPUT, elements });
  const first = DEFAULT_OUTCOME_MODEL_INPUT.elements[0];

  test.each([
    ['duplicate element', withElements([first, first])],
    ['unknown dimension', withElements([{ ...first, dimension: 'spiritual' }])],
    ['missing translation', withElements([{ ...first, label: { en: 'x' } }])],
    ['anchors not covering the scale', { ...DEFAULT_OUTCOME_MODEL_INPUT, scale: { min: 0, max: 5 } }],
  ])('refuses a model with %s', (_, input) => {
    expect(() => parseOutcomeModel(input)).toThrow(expect.objectContaining({ code: 'invalid_outcome_model' }));
  });

  test('accepts an extended model', () => {
    const extra = { ...first, code: 'education', dimension: 'economic', subdimension: null, priority: 3 };
    expect(parseOutcomeModel(withElements([...DEFAULT_OUTCOME_MODEL_INPUT.elements, extra])).elements).toHaveLength(16);
  });

  test('unknown element code is a typed error', () => {
    expect(() => elementOf(M, 'nope')).toThrow(expect.objectContaining({ code: 'unknown_outcome_element' }));
  });
});

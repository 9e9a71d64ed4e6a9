import { describe, expect, test } from 'vitest';
import {
  DEFAULT_FACTOR_CATALOGUE,
  FACTOR_GROUPS,
  groupFactors,
  indicatorsFor,
  parseFactorCatalogue,
  recordFactor,
} from './factors';
import { LOCALES } from './model';
import { SURTEES_INDICATORS } from './surtees';
import { TRAFFICKING_TYPES } from './trafficking-types';

describe('factors', () => {
  test('the catalogue covers all six groups and maps to valid Surtees indicators', () => {
    expect(new Set(DEFAULT_FACTOR_CATALOGUE.map((f) => f.group))).toEqual(new Set(FACTOR_GROUPS));
    const numbers = new Set(SURTEES_INDICATORS.map((i) => i.number));
    for (const f of DEFAULT_FACTOR_CATALOGUE) for (const n of f.surtees) expect(numbers.has(n as never)).toBe(true);
    expect(indicatorsFor('housing')).toEqual([1]);
    expect(indicatorsFor('nope')).toEqual([]);
  });

  test('Surtees lists 14 translated indicators; the typology has three translated types', () => {
    expect(SURTEES_INDICATORS.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    for (const item of [
      ...SURTEES_INDICATORS.map((i) => i.label),
      ...TRAFFICKING_TYPES.flatMap((t) => [t.label, t.description]),
    ]) {
      for (const l of LOCALES) expect(item[l].length).toBeGreaterThan(0);
    }
  });

  test.each(['duration', 'trafficking_duration', 'duration_months'])('%s is refused as a factor', (code) => {
    expect(() => recordFactor({ code, valence: 'negative' })).toThrow(
      expect.objectContaining({ code: 'duration_not_a_factor' }),
    );
    const catalogue = [...DEFAULT_FACTOR_CATALOGUE, { ...DEFAULT_FACTOR_CATALOGUE[0], code }];
    expect(() => parseFactorCatalogue(catalogue)).toThrow(expect.objectContaining({ code: 'duration_not_a_factor' }));
  });

  test('records a factor with the catalogue group and default level, overridable', () => {
    expect(recordFactor({ code: 'family_support', valence: 'positive', note: 'mother visits' })).toEqual({
      code: 'family_support',
      group: 'family_friends',
      level: 'micro',
      valence: 'positive',
      note: 'mother visits',
    });
    expect(recordFactor({ code: 'community_stigma', valence: 'negative', level: 'macro' }).level).toBe('macro');
    expect(() => recordFactor({ code: 'luck', valence: 'positive' })).toThrow(
      expect.objectContaining({ code: 'unknown_factor' }),
    );
  });

  test('groups recorded factors by group and valence', () => {
    const grouped = groupFactors([
      recordFactor({ code: 'housing', valence: 'positive' }),
      recordFactor({ code: 'economic_crisis', valence: 'negative' }),
    ]);
    expect(grouped.economic.positive.map((f) => f.code)).toEqual(['housing']);
    expect(grouped.economic.negative.map((f) => f.code)).toEqual(['economic_crisis']);
    expect(grouped.personal).toEqual({ positive: [], negative: [] });
  });
});

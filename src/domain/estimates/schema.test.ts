import { describe, expect, test } from 'vitest';
import { EstimateSchema } from './schema';

const base = {
  id: 'e1',
  unit: 'persons_per_year',
  unitNote: 'n',
  scope: { geography: 'g', period: 'p', forms: [] },
  method: 'unknown',
  caveat: '',
  originalSource: { source: 'S', locator: '001' },
  citingSources: [],
};

describe('EstimateSchema', () => {
  test.each([
    ['a value', { value: 10 }, true],
    ['a closed range', { low: 1, high: 2 }, true],
    ['a degenerate range', { low: 2, high: 2 }, true],
    ['an open range (more than)', { low: 500 }, true],
    ['low above high', { low: 3, high: 2 }, false],
    ['neither value nor range', {}, false],
    ['both value and range', { value: 5, low: 1, high: 9 }, false],
    ['a negative figure', { value: -1 }, false],
    ['a share above 1', { unit: 'share', low: 3, high: 50 }, false],
    ['a share as fractions', { unit: 'share', low: 0.03, high: 0.5 }, true],
    ['an unknown unit', { unit: 'victims', value: 1 }, false],
    ['a citation without locator', { value: 1, originalSource: { source: 'S' } }, false],
  ])('%s → valid %s', (_name, patch, valid) => {
    expect(EstimateSchema.safeParse({ ...base, ...patch }).success).toBe(valid);
  });
});

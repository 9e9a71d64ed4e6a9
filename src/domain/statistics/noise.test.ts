import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addNoise, noiseBound95, sampleGeometric, sampleLaplace, tableSensitivity } from './noise';
import { seededPrng } from './prng';
import type { CountTable } from './table';

const table: CountTable = {
  rows: ['F', 'M'],
  cols: ['MD', 'RO', 'AL'],
  cells: [
    [12, 3, 40],
    [0, 7, 9],
  ],
  rowTotals: [55, 16],
  colTotals: [12, 10, 49],
  grandTotal: 71,
  rowsAddUp: true,
  colsAddUp: true,
};

describe('seededPrng', () => {
  test('same seed, same stream; other seed, other stream; values in [0, 1)', () => {
    const take = (seed: string) =>
      Array.from(
        { length: 50 },
        (
          (rng) => () =>
            rng.next()
        )(seededPrng(seed)),
      );
    expect(take('a')).toEqual(take('a'));
    expect(take('a')).not.toEqual(take('b'));
    expect(take('c').every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('addNoise', () => {
  test.each(['geometric', 'laplace'] as const)(
    '%s: deterministic given the seed, non-negative integers, margins add up',
    (mechanism) => {
      const a = addNoise(table, { mechanism, epsilon: 0.5, sensitivity: 1, seed: 's1' });
      expect(addNoise(table, { mechanism, epsilon: 0.5, sensitivity: 1, seed: 's1' })).toEqual(a);
      expect(addNoise(table, { mechanism, epsilon: 0.5, sensitivity: 1, seed: 's2' })).not.toEqual(a);
      const all = [...a.cells.flat(), ...a.rowTotals, ...a.colTotals, a.grandTotal];
      expect(all.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(a.rowTotals).toEqual(a.cells.map((r) => r.reduce((x, y) => x + y, 0)));
      expect(a.grandTotal).toBe(a.rowTotals.reduce((x, y) => x + y, 0));
      expect(table.cells[0][0]).toBe(12); // input untouched
    },
  );

  test('overlapping columns: row totals get their own noise', () => {
    const overlapping = { ...table, rowsAddUp: false };
    const noisy = addNoise(overlapping, { mechanism: 'geometric', epsilon: 100, sensitivity: 1, seed: 'x' });
    expect(noisy.rowTotals).toEqual([55, 16]); // tiny noise at huge epsilon keeps the true totals
  });

  test.each([[{ epsilon: 0 }], [{ epsilon: -1 }], [{ epsilon: Number.NaN }], [{ sensitivity: 0 }]])(
    'refuses %o',
    (patch) => {
      expect(() =>
        addNoise(table, { mechanism: 'geometric', epsilon: 1, sensitivity: 1, seed: 's', ...patch }),
      ).toThrow(RangeError);
    },
  );

  test('the noise has the right spread: mean near 0, mean |x| near the theory', () => {
    const rng = seededPrng('spread');
    const epsilon = 0.5;
    const alpha = Math.exp(-epsilon);
    const geo = Array.from({ length: 20000 }, () => sampleGeometric(rng, alpha));
    const lap = Array.from({ length: 20000 }, () => sampleLaplace(rng, 1 / epsilon));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(geo))).toBeLessThan(0.1);
    expect(mean(geo.map(Math.abs))).toBeCloseTo((2 * alpha) / (1 - alpha * alpha), 0);
    expect(mean(lap.map(Math.abs))).toBeCloseTo(1 / epsilon, 0);
  });

  test('property: any seed gives integers >= 0 and additive margins', () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0.01, max: 5, noNaN: true }), (seed, epsilon) => {
        const noisy = addNoise(table, { mechanism: 'geometric', epsilon, sensitivity: 1, seed });
        expect(noisy.cells.flat().every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
        expect(noisy.colTotals).toEqual(noisy.cols.map((_, c) => noisy.cells[0][c] + noisy.cells[1][c]));
      }),
    );
  });
});

describe('tableSensitivity', () => {
  test.each([
    ['both single-valued: one cell', { rowsAddUp: true, colsAddUp: true }, 1, 1],
    ['forms as columns, up to 3 per person: 3 cells + 1 noised row total', { rowsAddUp: false, colsAddUp: true }, 3, 4],
    [
      'both overlapping, up to 2: 4 cells + 2 row + 2 column totals + grand',
      { rowsAddUp: false, colsAddUp: false },
      2,
      9,
    ],
  ])('%s', (_name, shape, maxCategories, expected) => {
    expect(tableSensitivity(shape, maxCategories)).toBe(expected);
  });
});

describe('noiseBound95', () => {
  test('matches the empirical 95% half-width of each mechanism', () => {
    for (const mechanism of ['geometric', 'laplace'] as const) {
      const k = noiseBound95(mechanism, 0.5, 2);
      const rng = seededPrng('bound');
      const draws = Array.from({ length: 20_000 }, () =>
        mechanism === 'geometric' ? sampleGeometric(rng, Math.exp(-0.5 / 2)) : sampleLaplace(rng, 2 / 0.5),
      );
      const within = draws.filter((d) => Math.abs(d) <= k).length / draws.length;
      expect(within).toBeGreaterThanOrEqual(0.94);
      expect(draws.filter((d) => Math.abs(d) <= k - 2).length / draws.length).toBeLessThan(0.95);
    }
  });

  test('shrinks as epsilon grows', () => {
    expect(noiseBound95('geometric', 2, 1)).toBeLessThan(noiseBound95('geometric', 0.2, 1));
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32, quantileSorted } from '../shared/random';
import { binomial, poisson, resampleCounts } from './random';

const random = mulberry32(77);

describe('seeded resampling', () => {
  test('mulberry32 is deterministic per seed and uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(Math.abs(draws.reduce((s, u) => s + u, 0) / 1000 - 0.5)).toBeLessThan(0.05);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  test('a resample keeps the number of persons and only uses observed cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 8, maxLength: 8 }),
        fc.integer(),
        (raw, seed) => {
          const counts = Float64Array.from([0, ...raw.slice(1)]);
          const resampled = resampleCounts(counts, mulberry32(seed));
          expect(resampled.reduce((s, c) => s + c, 0)).toBe(counts.reduce((s, c) => s + c, 0));
          resampled.forEach((count, mask) => {
            if (counts[mask] === 0) expect(count).toBe(0);
          });
        },
      ),
    );
  });

  test.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10], 0.9, 10],
    [[0, 10], 0.25, 2.5],
  ])('type-7 quantile of %j at %d', (sorted, p, expected) => {
    expect(quantileSorted(sorted, p)).toBeCloseTo(expected, 12);
  });

  test.each([
    ['binomial, small mean (inversion)', () => binomial(40, 0.1, random), 4, 3.6],
    ['binomial, large n (gamma splitting)', () => binomial(345_000_000, 0.3, random), 103_500_000, 72_450_000],
    ['binomial, p above one half', () => binomial(1000, 0.9, random), 900, 90],
    ['poisson, small mean', () => poisson(3.5, random), 3.5, 3.5],
    ['poisson, large mean', () => poisson(250_000, random), 250_000, 250_000],
  ])('%s draws with the right mean and variance', (_name, draw, mean, variance) => {
    const draws = Array.from({ length: 4000 }, draw);
    expect(draws.every((d) => Number.isInteger(d) && d >= 0)).toBe(true);
    const m = draws.reduce((s, d) => s + d, 0) / draws.length;
    const v = draws.reduce((s, d) => s + (d - m) ** 2, 0) / (draws.length - 1);
    // Five standard errors of the mean; the sample variance within 15%.
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / draws.length));
    expect(v / variance).toBeGreaterThan(0.85);
    expect(v / variance).toBeLessThan(1.15);
  });

  test('a multinomial resample of 345 million persons keeps the total and each cell near its share', () => {
    const counts = Float64Array.from([0, 52e6, 90e6, 3e6, 114e6, 86e6]);
    const resampled = resampleCounts(counts, mulberry32(3));
    expect(resampled.reduce((s, c) => s + c, 0)).toBe(345e6);
    counts.forEach((count, mask) => {
      const sd = Math.sqrt(count * (1 - count / 345e6));
      expect(Math.abs(resampled[mask] - count)).toBeLessThanOrEqual(6 * sd);
    });
  });
});

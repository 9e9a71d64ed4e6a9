import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32, quantileSorted } from '../shared/random';
import { resampleCounts } from './random';

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
});

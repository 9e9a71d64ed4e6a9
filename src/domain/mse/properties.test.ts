import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { estimatePopulationWith } from './estimate';
import { MseInputError } from './errors';
import { loadGlpk, type Glpk } from './lp';
import type { CaptureTable } from './table';
import type { MseOptions, MseResult } from './types';

/** Any table of 3 to 5 lists with counts 0..60 per combination (invalid ones are filtered below). */
const tables: fc.Arbitrary<CaptureTable> = fc.integer({ min: 3, max: 5 }).chain((k) =>
  fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })), {
      minLength: (1 << k) - 1,
      maxLength: (1 << k) - 1,
    })
    .map((counts) => ({
      lists: Array.from({ length: k }, (_, i) => `L${i + 1}`),
      histories: counts.map((count, index) => ({
        pattern: Array.from({ length: k }, (_, i) => ((index + 1) >> i) & 1),
        count,
      })),
    })),
);

let glpk: Glpk;
beforeAll(async () => {
  glpk = await loadGlpk();
});

/** Runs the estimator; undefined when the table is (correctly) refused. */
function tryEstimate(table: CaptureTable, options: MseOptions): MseResult | undefined {
  try {
    return estimatePopulationWith(glpk, table, options);
  } catch (error) {
    if (error instanceof MseInputError) return undefined;
    throw error;
  }
}

describe('properties of the estimator', () => {
  test.each<MseOptions['method']>(['main', 'stepwise'])(
    '%s: the estimate is finite, at least the observed count, inside its intervals',
    (method) => {
      let estimated = 0;
      fc.assert(
        fc.property(tables, (table) => {
          const result = tryEstimate(table, { method, goodnessOfFit: { replicates: 10 } });
          if (!result) return;
          estimated += 1;
          expect(Number.isFinite(result.estimate)).toBe(true);
          expect(result.estimate).toBeGreaterThanOrEqual(result.observed);
          expect(result.interval.wald[0]).toBeLessThanOrEqual(result.estimate);
          expect(result.interval.wald[1]).toBeGreaterThanOrEqual(result.estimate);
          const [lo, hi] = result.interval.profile!;
          expect(lo).toBeLessThanOrEqual(result.estimate * (1 + 1e-9));
          expect(hi).toBeGreaterThanOrEqual(result.estimate * (1 - 1e-9));
        }),
        { numRuns: 80, seed: 20240601 },
      );
      expect(estimated).toBeGreaterThan(20);
    },
  );

  test('the bootstrap with the same seed gives the identical interval', () => {
    fc.assert(
      fc.property(tables, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (table, seed) => {
        const options: MseOptions = {
          profile: false,
          bootstrap: { replicates: 25, seed },
          goodnessOfFit: { replicates: 10 },
        };
        const first = tryEstimate(table, options);
        if (!first) return;
        const second = tryEstimate(table, options);
        expect(second?.interval.bootstrap).toEqual(first.interval.bootstrap);
        expect(first.interval.bootstrap![0]).toBeLessThanOrEqual(first.interval.bootstrap![1]);
      }),
      { numRuns: 12, seed: 7 },
    );
  });
});

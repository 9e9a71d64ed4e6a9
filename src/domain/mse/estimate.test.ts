import { describe, expect, test } from 'vitest';
import { estimatePopulation } from './estimate';
import { MseInputError } from './errors';
import { loadReference } from './fixtures';
import type { CaptureTable } from './table';
import type { MseOptions } from './types';

function table(lists: string[], rows: [string, number][]): CaptureTable {
  return { lists, histories: rows.map(([pattern, count]) => ({ pattern: [...pattern].map(Number), count })) };
}

describe('estimatePopulation', () => {
  test('reports coefficients, goodness of fit and a JSON-safe result', async () => {
    const result = await estimatePopulation(loadReference('western'));
    expect(result.coefficients.map((c) => c.term)).toEqual(['(Intercept)', 'A', 'B', 'C', 'D', 'E', 'A:E']);
    expect(result.hiddenEstimate).toBeCloseTo(Math.exp(result.coefficients[0].estimate), 6);
    expect(result.fit.df).toBe(31 - 7);
    expect(result.fit.pValue).toBeGreaterThan(0);
    expect(result.fit.aic).toBeGreaterThan(result.fit.deviance);
    const [lo, hi] = result.interval.profile!;
    expect(lo).toBeLessThan(result.estimate);
    expect(hi).toBeGreaterThan(result.estimate);
    expect(JSON.parse(JSON.stringify(result)).estimate).toBe(result.estimate);
  });

  test('reports progress and a bootstrap interval around the estimate', async () => {
    const progress: number[] = [];
    const result = await estimatePopulation(loadReference('western'), {
      profile: false,
      bootstrap: { replicates: 40, seed: 3 },
      onProgress: (done, total) => {
        expect(total).toBe(40);
        progress.push(done);
      },
    });
    expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [lo, hi] = result.interval.bootstrap!;
    expect(lo).toBeLessThan(result.estimate);
    expect(hi).toBeGreaterThan(result.estimate);
    expect(result.bootstrap).toMatchObject({ method: 'bca', replicates: 40, seed: 3, failed: 0, failedShare: 0 });
    expect(Number.isFinite(result.bootstrap!.acceleration)).toBe(true);
  });

  test('the percentile interval stays an option and says so', async () => {
    const result = await estimatePopulation(loadReference('western'), {
      profile: false,
      bootstrap: { replicates: 40, seed: 3, method: 'percentile' },
    });
    expect(result.bootstrap?.method).toBe('percentile');
    expect(result.bootstrap?.acceleration).toBeUndefined();
  });

  test('a significant effect whose MLE would not exist is left out with a warning', async () => {
    // B is only ever seen together with A and C: a B:C effect would push the fit to the boundary.
    const data = table(
      ['A', 'B', 'C'],
      [
        ['100', 27],
        ['001', 21],
        ['111', 39],
      ],
    );
    const result = await estimatePopulation(data);
    expect(result.terms).not.toContain('B:C');
    expect(result.warnings.map((w) => w.code)).toContain('term_rejected');
    expect(Number.isFinite(result.estimate)).toBe(true);
  });

  test('a table where even main effects have no finite estimate is refused', async () => {
    // Everybody observed is on list A, so nothing is known about those missed by A.
    const data = table(
      ['A', 'B', 'C'],
      [
        ['100', 10],
        ['110', 5],
        ['101', 4],
        ['111', 2],
      ],
    );
    await expect(estimatePopulation(data)).rejects.toMatchObject({ code: 'no_finite_estimate' });
  });

  test.each<[string, MseOptions]>([
    ['threshold above 1', { pThreshold: 2 }],
    ['level of 1', { level: 1 }],
    ['zero replicates', { bootstrap: { replicates: 0, seed: 1 } }],
    ['unknown method', { method: 'bayes' as never }],
    ['unknown bootstrap interval', { bootstrap: { replicates: 5, seed: 1, method: 'basic' as never } }],
    ['zero goodness-of-fit simulations', { goodnessOfFit: { replicates: 0 } }],
  ])('refuses options: %s', async (_name, options) => {
    await expect(estimatePopulation(loadReference('western'), options)).rejects.toBeInstanceOf(MseInputError);
  });
});

/**
 * Stratified MSE (issue #21): per-stratum estimates, the combined total as their sum, the combined
 * interval from stratum replicates summed replicate by replicate, CSV with a stratum column, and the
 * small-cell rule on published strata (a hidden stratum is never recoverable by subtraction).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../shared/random';
import { estimatePopulationWith } from './estimate';
import { loadGlpk } from './lp';
import { captureStrataFromCsv, estimateStrata, publishStrata, strataSuppression, type CaptureStratum } from './strata';
import type { CaptureTable } from './table';

function simulate(total: number, probabilities: readonly number[], seed: number): CaptureTable {
  const random = mulberry32(seed);
  const counts = new Map<string, number>();
  for (let person = 0; person < total; person += 1) {
    const pattern = probabilities.map((p) => (random() < p ? 1 : 0));
    if (!pattern.includes(1)) continue;
    const key = pattern.join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    lists: probabilities.map((_, i) => `L${i + 1}`),
    histories: [...counts].map(([key, count]) => ({ pattern: [...key].map(Number), count })),
  };
}

const strata: CaptureStratum[] = [
  { name: 'female', table: simulate(900, [0.3, 0.25, 0.35], 11) },
  { name: 'male', table: simulate(600, [0.2, 0.3, 0.3], 12) },
];

describe('estimateStrata', () => {
  test('each stratum is fitted as a table of its own and the combined estimate is their sum', async () => {
    const glpk = await loadGlpk();
    const result = estimateStrata(glpk, 'sex', strata, { method: 'main' });
    strata.forEach((s, i) => {
      const alone = estimatePopulationWith(glpk, s.table, { method: 'main', profile: false });
      expect(result.strata[i].name).toBe(s.name);
      expect(result.strata[i].estimate).toBeCloseTo(alone.estimate, 9);
      expect(result.strata[i].interval).toEqual(alone.interval.wald);
    });
    expect(result.combined.estimate).toBeCloseTo(result.strata[0].estimate! + result.strata[1].estimate!, 9);
    expect(result.combined.observed).toBe(result.strata[0].observed + result.strata[1].observed);
    expect(result.combined.intervalMethod).toBe('summed_wald_variances');
    const [lo, hi] = result.combined.interval!;
    expect(lo).toBeLessThan(result.combined.estimate!);
    expect(hi).toBeGreaterThan(result.combined.estimate!);
    // Summed variances: the combined half-width is below the sum of the stratum half-widths.
    const halves = result.strata.map((s) => (s.interval![1] - s.interval![0]) / 2);
    expect((hi - lo) / 2).toBeLessThan(halves[0] + halves[1]);
  });

  test('the bootstrap sums the stratum replicates replicate by replicate; reproducible for a seed', async () => {
    const glpk = await loadGlpk();
    const progress: number[] = [];
    const options = { method: 'main' as const, bootstrap: { replicates: 120, seed: 5 } };
    const result = estimateStrata(glpk, 'sex', strata, { ...options, onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(120);
    expect(result.combined.intervalMethod).toBe('summed_bootstrap_replicates');
    expect(result.combined.replicates).toBe(120);
    expect(result.strata.every((s) => s.intervalMethod === 'percentile_bootstrap')).toBe(true);
    const [lo, hi] = result.combined.interval!;
    const [s0, s1] = result.strata.map((s) => s.interval!);
    // The sum's interval is narrower than adding the limits (the strata vary independently), wider than either.
    expect(lo).toBeGreaterThan(s0[0] + s1[0]);
    expect(hi).toBeLessThan(s0[1] + s1[1]);
    expect(hi - lo).toBeGreaterThan(Math.max(s0[1] - s0[0], s1[1] - s1[0]));
    expect(lo).toBeLessThan(result.combined.estimate!);
    expect(hi).toBeGreaterThan(result.combined.estimate!);
    expect(estimateStrata(glpk, 'sex', strata, options)).toEqual(result);
  });

  test('a stratum whose table admits no estimate leaves the combined estimate undefined, not partial', async () => {
    const glpk = await loadGlpk();
    const broken: CaptureStratum = {
      name: 'unknown',
      table: {
        lists: ['L1', 'L2', 'L3'],
        histories: [
          { pattern: [1, 0, 0], count: 3 },
          { pattern: [0, 1, 0], count: 2 },
          { pattern: [0, 0, 1], count: 4 },
        ],
      },
    };
    const result = estimateStrata(glpk, 'sex', [...strata, broken], { method: 'main' });
    expect(result.strata[2].estimate).toBeNull();
    expect(result.strata[2].error).toBeTruthy();
    expect(result.combined.estimate).toBeNull();
    expect(result.combined.observed).toBe(result.strata.reduce((sum, s) => sum + s.observed, 0));
  });
});

describe('captureStrataFromCsv', () => {
  test('splits by the stratum column, wherever it stands before the count', () => {
    const csv = ['A,sex,B,C,count', '1,f,0,0,10', '0,f,1,0,8', '1,m,1,0,3', '0,m,0,1,4', '1,f,1,1,2'].join('\n');
    const split = captureStrataFromCsv(csv, 'sex');
    expect(split.map((s) => s.name)).toEqual(['f', 'm']);
    expect(split[0].table.lists).toEqual(['A', 'B', 'C']);
    expect(split[0].table.histories).toEqual([
      { pattern: [1, 0, 0], count: 10 },
      { pattern: [0, 1, 0], count: 8 },
      { pattern: [1, 1, 1], count: 2 },
    ]);
    expect(split[1].table.histories).toHaveLength(2);
  });

  test('refuses a missing stratum column, naming the columns there are', () => {
    expect(() => captureStrataFromCsv('A,B,C,count\n1,0,0,3\n', 'region')).toThrow(/no stratum column "region"/);
  });
});

describe('suppression of published strata', () => {
  test('one small stratum hides the next smallest too, so the total minus the rest recovers neither', async () => {
    const glpk = await loadGlpk();
    const small: CaptureStratum = { name: 'other', table: simulate(12, [0.2, 0.2, 0.2], 3) };
    const result = estimateStrata(glpk, 'sex', [...strata, small], { method: 'main' });
    expect(result.strata[2].observed).toBeLessThan(10);
    const published = publishStrata(result, 10);
    expect(published.strata.map((s) => s.suppressed)).toEqual([false, 'complementary', 'primary']);
    // A hidden stratum leaves nothing but its name.
    expect(published.strata[1]).toEqual({ name: 'male', suppressed: 'complementary' });
    expect(JSON.stringify(published.strata[2])).not.toMatch(/\d/);
    expect(published.combined?.estimate).toBe(result.combined.estimate);
  });

  test('property: whatever the counts, a hidden stratum is never alone and the hidden ones hold the floor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 10 }),
        (observed, floor) => {
          const { strata: mask, total } = strataSuppression(observed, floor);
          const hidden = observed.filter((_, i) => mask[i] !== null);
          // Every small stratum is hidden.
          observed.forEach((n, i) => {
            if (n < floor) expect(mask[i]).not.toBeNull();
          });
          if (total) {
            expect(mask.every((m) => m !== null)).toBe(true);
            return;
          }
          if (hidden.length === 0) return;
          // Subtraction from the published total recovers only the sum of two or more hidden strata, itself at the floor.
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(floor);
        },
      ),
    );
  });

  test('everyone together below the floor hides the combined figure as well', () => {
    expect(strataSuppression([1, 2], 5)).toEqual({ strata: ['primary', 'primary'], total: true });
  });
});

describe('strata with empty lists', () => {
  test('a stratum with nobody on some lists is fitted on the others, not refused', async () => {
    const glpk = await loadGlpk();
    const csv = [
      'A,B,C,D,region,n',
      '1,0,0,0,north,30',
      '0,1,0,0,north,25',
      '0,0,1,0,north,20',
      '0,0,0,1,north,10',
      '1,1,0,0,north,8',
      '0,1,1,0,north,6',
      '1,0,1,0,north,5',
      '1,0,0,1,north,3',
      '1,0,0,0,east,1',
      '1,1,0,0,east,1',
      '0,1,1,0,east,1',
      '1,0,1,0,east,1',
    ].join('\n');
    const split = captureStrataFromCsv(csv, 'region');
    const result = estimateStrata(glpk, 'region', split, { method: 'main' });
    const east = result.strata.find((s) => s.name === 'east')!;
    expect(east.observed).toBe(4);
    expect(east.error ?? null).toBeNull();
    expect(east.estimate).toBeGreaterThanOrEqual(4);
  });
});

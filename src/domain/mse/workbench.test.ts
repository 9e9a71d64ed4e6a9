/**
 * The MSE workbench (issue #21): two lists, the fixed method, checkallmodels, removenoninformativelists,
 * main effects past 12 lists, the sensitivity summary pinned on the UK 6-list table, and the coverage of
 * the model-averaged interval on simulated tables with a known total.
 */
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../shared/random';
import { estimatePopulation, estimatePopulationWith } from './estimate';
import { loadReference } from './fixtures';
import { loadGlpk } from './lp';
import type { CaptureTable } from './table';
import { removeNonInformativeLists } from './workbench';
import { fitIndependence } from './wide';

/** Persons caught independently by each list with the given probabilities; only the observed are tabulated. */
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

describe('two lists', () => {
  test('Chapman and Lincoln-Petersen on a hand-computed table, with the caveats stated', async () => {
    // n1 = 50, n2 = 40, m = 10: LP = 50 * 40 / 10 = 200; Chapman = 51 * 41 / 11 - 1 = 2080 / 11.
    const result = await estimatePopulation({
      lists: ['A', 'B'],
      histories: [
        { pattern: [1, 0], count: 40 },
        { pattern: [0, 1], count: 30 },
        { pattern: [1, 1], count: 10 },
      ],
    });
    expect(result.model).toBe('two_list');
    expect(result.twoList!.lincolnPetersen).toBe(200);
    expect(result.estimate).toBeCloseTo(2080 / 11, 10);
    // Seber: 51 * 41 * 40 * 30 / (11^2 * 12).
    expect(result.twoList!.variance).toBeCloseTo((51 * 41 * 40 * 30) / (121 * 12), 8);
    expect(result.hiddenEstimate).toBeCloseTo((40 * 30) / 11, 10);
    expect(result.interval.wald[0]).toBeGreaterThan(80);
    expect(result.interval.wald[0]).toBeLessThan(result.estimate);
    expect(result.interval.wald[1]).toBeGreaterThan(result.estimate);
    expect(result.caveats.map((c) => c.code)).toEqual(['two_list_independence', 'closed_population']);
  });

  test('no overlap: Lincoln-Petersen unbounded, said so', async () => {
    await expect(
      estimatePopulation({
        lists: ['A', 'B'],
        histories: [
          { pattern: [1, 0], count: 4 },
          { pattern: [0, 1], count: 3 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'no_overlaps' });
  });
});

describe('fixed, checkallmodels, removenoninformativelists', () => {
  test('the fixed method given the stepwise terms reproduces the stepwise estimate', async () => {
    const table = loadReference('ned_5');
    const stepwise = await estimatePopulation(table, { profile: false });
    // Its terms include the effects at -infinity (pairs with nobody in common) that stepwise admitted.
    const terms = [...stepwise.terms, ...stepwise.infiniteTerms];
    const fixed = await estimatePopulation(table, { method: 'fixed', terms, profile: false });
    expect(stepwise.terms.length).toBeGreaterThan(0);
    expect(stepwise.infiniteTerms.length).toBeGreaterThan(0);
    expect(fixed.infiniteTerms).toEqual(stepwise.infiniteTerms);
    expect(fixed.model).toBe('fixed');
    expect(fixed.estimate).toBeCloseTo(stepwise.estimate, 6);
    expect(fixed.interval.wald).toEqual(stepwise.interval.wald);
    await expect(estimatePopulation(table, { method: 'fixed', terms: ['X:Y'] })).rejects.toMatchObject({
      code: 'invalid_options',
    });
  });

  test('checkallmodels: 2^10 models of the 5-list table, all estimable; a sparse 3-list table loses some', async () => {
    const ned = await estimatePopulation(loadReference('ned_5'), { checkAllModels: true, profile: false });
    expect(ned.modelCheck).toMatchObject({ models: 1024, exist: 1024, identifiable: 1024, estimable: 1024 });
    const sparse = await estimatePopulation(
      {
        lists: ['A', 'B', 'C'],
        histories: [
          { pattern: [1, 0, 0], count: 10 },
          { pattern: [0, 1, 0], count: 8 },
          { pattern: [0, 0, 1], count: 6 },
          { pattern: [1, 1, 0], count: 3 },
          { pattern: [0, 1, 1], count: 2 },
        ],
      },
      { checkAllModels: true, method: 'main', profile: false },
    );
    // Three pairs: 8 models. With A:C at -infinity and the saturated model there are fewer cells than parameters.
    expect(sparse.modelCheck!.models).toBe(8);
    expect(sparse.modelCheck!.estimable).toBe(sparse.modelCheck!.models - sparse.modelCheck!.failingTotal);
    expect(sparse.modelCheck!.failingTotal).toBeGreaterThan(0);
    expect(sparse.modelCheck!.failing.every((f) => !f.exists || !f.identifiable)).toBe(true);
  });

  test('an empty list, a duplicate and a list holding everyone are left out, each with its reason', () => {
    const { table, removed, personsDropped } = removeNonInformativeLists({
      lists: ['A', 'B', 'C', 'D', 'E', 'F'],
      histories: [
        { pattern: [1, 0, 0, 1, 0, 1], count: 5 },
        { pattern: [0, 1, 0, 0, 0, 1], count: 4 },
        { pattern: [1, 1, 0, 1, 0, 1], count: 2 },
        { pattern: [0, 0, 1, 0, 0, 1], count: 3 },
        { pattern: [1, 0, 1, 1, 0, 1], count: 1 },
        { pattern: [0, 0, 0, 0, 0, 1], count: 7 },
      ],
    });
    expect(removed).toEqual([
      { list: 'D', reason: 'duplicate', duplicateOf: 'A' },
      { list: 'E', reason: 'empty' },
      { list: 'F', reason: 'contains_everyone' },
    ]);
    expect(table.lists).toEqual(['A', 'B', 'C']);
    expect(personsDropped).toBe(7);
    expect(table.histories.reduce((s, h) => s + h.count, 0)).toBe(15);
  });
});

describe('main effects without the 2^k table', () => {
  test('the closed-form fit equals the dense log-linear fit on the UK 6-list table', async () => {
    const table = loadReference('uk_6');
    const dense = await estimatePopulation(table, { method: 'main', profile: false });
    const onList = table.lists.map((_, i) =>
      table.histories.reduce((s, h) => s + (h.pattern[i] === 1 ? h.count : 0), 0),
    );
    const fit = fitIndependence(onList, dense.observed)!;
    expect(fit.hidden).toBeCloseTo(dense.hiddenEstimate, 4);
    expect(fit.stdErrors[0]).toBeCloseTo(dense.coefficients[0].stdError, 6);
  });

  test('14 lists of simulated data: the truth lies in the interval, fitted without 2^14 cells', async () => {
    const truth = 3000;
    const p = [0.1, 0.12, 0.15, 0.08, 0.2, 0.1, 0.05, 0.12, 0.18, 0.1, 0.07, 0.09, 0.14, 0.11];
    const result = await estimatePopulation(simulate(truth, p, 7), { method: 'main', profile: false });
    expect(result.lists).toHaveLength(14);
    expect(result.interval.wald[0]).toBeLessThan(truth);
    expect(result.interval.wald[1]).toBeGreaterThan(truth);
    expect(Math.abs(result.estimate - truth) / truth).toBeLessThan(0.1);
    // Stepwise models over 14 lists would need the dense table: refused with a way out.
    await expect(estimatePopulation(simulate(truth, p, 7))).rejects.toMatchObject({ code: 'too_many_lists' });
  });
});

describe('sensitivity', () => {
  test('UK 6 lists: 11,418 on six lists, 11,313 with PF and NCA merged (the published 5-list table)', async () => {
    const result = await estimatePopulation(loadReference('uk_6'), { sensitivity: true, profile: false });
    const s = result.sensitivity!;
    expect(Math.round(result.estimate)).toBe(11418);
    expect(Math.round(s.thresholds.find((t) => t.threshold === 0.02)!.estimate)).toBe(11418);
    expect(Math.round(s.merged.find((m) => m.pair.join('+') === 'PF+NCA')!.estimate!)).toBe(11313);
    expect(s.leaveOneOut).toHaveLength(6);
    expect(s.merged).toHaveLength(15);
    expect(s.selections.stepwise.estimate).toBeCloseTo(result.estimate, 6);
    expect(s.models.some((m) => m.selectedBy.includes('bic'))).toBe(true);
    const weights = s.models.reduce((sum, m) => sum + m.aicWeight, 0);
    expect(weights).toBeLessThanOrEqual(1 + 1e-9);
    expect(s.averaged.interval[0]).toBeLessThan(s.averaged.estimate);
    expect(s.averaged.interval[1]).toBeGreaterThan(s.averaged.estimate);
    expect(s.range[0]).toBeLessThanOrEqual(11313);
  }, 120_000);

  test('the model-averaged 95% interval covers a known total in most of 200 simulated tables', async () => {
    const glpk = await loadGlpk();
    const truth = 400;
    let covered = 0;
    let fitted = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const table = simulate(truth, [0.3, 0.25, 0.35], seed);
      const result = estimatePopulationWith(glpk, table, {
        sensitivity: true,
        profile: false,
        goodnessOfFit: { replicates: 1 },
      });
      const [low, high] = result.sensitivity!.averaged.interval;
      fitted += 1;
      if (low <= truth && truth <= high) covered += 1;
    }
    const coverage = covered / fitted;
    console.log(`model-averaged 95% interval: coverage ${covered}/${fitted} = ${coverage.toFixed(3)}`);
    expect(coverage).toBeGreaterThan(0.85);
  }, 300_000);
});

import { describe, expect, test } from 'vitest';
import { allPairs, buildDesign } from './design';
import { loadReference, type ReferenceName } from './fixtures';
import { fitPoisson } from './irls';
import { profileHiddenInterval } from './profile';
import { validateCaptureTable } from './table';

describe('Poisson log-linear fit', () => {
  test.each<[ReferenceName, number]>([
    ['western', 0],
    ['ned_5', 3],
    ['neworl_5', 1],
  ])("%s with %i pairs reproduces its sufficient statistics (X'mu = X'y)", (name, pairCount) => {
    const cells = validateCaptureTable(loadReference(name));
    const pairs = allPairs(cells.lists.length).slice(0, pairCount);
    const design = buildDesign(cells, pairs);
    const fit = fitPoisson(design);
    expect(fit.converged).toBe(true);
    const p = design.columns.length;
    for (let c = 0; c < p; c += 1) {
      let observed = 0;
      let fitted = 0;
      design.y.forEach((y, r) => {
        observed += design.x[r * p + c] * y;
        fitted += design.x[r * p + c] * fit.fitted[r];
      });
      expect(fitted).toBeCloseTo(observed, 6);
    }
  });

  test('a fixed intercept at the MLE leaves the deviance unchanged; moving it raises the deviance', () => {
    const design = buildDesign(validateCaptureTable(loadReference('western')), []);
    const free = fitPoisson(design);
    expect(fitPoisson(design, { fixedIntercept: free.beta[0] }).deviance).toBeCloseTo(free.deviance, 8);
    expect(fitPoisson(design, { fixedIntercept: free.beta[0] + 0.3 }).deviance).toBeGreaterThan(free.deviance);
  });

  test('the profile interval brackets the estimate where the deviance has risen by 3.84', () => {
    const design = buildDesign(validateCaptureTable(loadReference('western')), []);
    const free = fitPoisson(design);
    const [lo, hi] = profileHiddenInterval(design, free.beta[0], free.stdErrors[0], 0.95);
    expect(lo).toBeLessThan(Math.exp(free.beta[0]));
    expect(hi).toBeGreaterThan(Math.exp(free.beta[0]));
    for (const bound of [lo, hi]) {
      expect(fitPoisson(design, { fixedIntercept: Math.log(bound) }).deviance - free.deviance).toBeCloseTo(
        3.841458820694124,
        5,
      );
    }
  });
});

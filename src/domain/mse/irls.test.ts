import { describe, expect, test } from 'vitest';
import { allPairs, buildDesign } from './design';
import { loadReference, type ReferenceName } from './fixtures';
import { describeFitFailure } from './estimate';
import { fitPoisson } from './irls';
import { profileHiddenInterval } from './profile';
import { validateCaptureTable } from './table';

describe('Poisson log-linear fit', () => {
  test.each<ReferenceName>(['western', 'ned_5', 'neworl_5'])(
    '%s: a fit started from fitted values (the goodness-of-fit refits) reaches the same fit in no more steps',
    (name) => {
      const cells = validateCaptureTable(loadReference(name));
      const design = buildDesign(cells, allPairs(cells.lists.length).slice(0, 1));
      const model = fitPoisson(design);
      // A table such as the bootstrap simulates: near the model, not on it.
      const y = Float64Array.from(model.fitted, (mu, r) => Math.max(0, Math.round(mu + (r % 3 === 0 ? 2 : -1))));
      const cold = fitPoisson({ ...design, y });
      const warm = fitPoisson({ ...design, y }, { start: model.fitted });
      expect(warm.converged).toBe(true);
      expect(warm.deviance).toBeCloseTo(cold.deviance, 8);
      warm.beta.forEach((b, i) => expect(b).toBeCloseTo(cold.beta[i], 6));
      expect(warm.iterations).toBeLessThanOrEqual(cold.iterations);
    },
  );

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

describe('non-convergence', () => {
  // Found by a random search: a saturated model of 8 million persons. The deviance (about 1e-9) only moved by
  // rounding, which the relative criterion alone never accepted: 100 iterations and "not converged".
  const table = validateCaptureTable({
    lists: ['A', 'B', 'C'],
    histories: [
      { pattern: [1, 0, 0], count: 223763 },
      { pattern: [0, 1, 0], count: 4834610 },
      { pattern: [1, 1, 0], count: 354650 },
      { pattern: [0, 0, 1], count: 696572 },
      { pattern: [1, 0, 1], count: 2193 },
    ],
  });
  const pairs = [
    { i: 0, j: 1 },
    { i: 1, j: 2 },
  ];

  test('a table that made IRLS fail now converges, judged on the scale of its counts', () => {
    const fit = fitPoisson(buildDesign(table, pairs));
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(30);
    expect(fit.failure).toBeUndefined();
  });

  test('a fit that runs out of iterations says so, with the last change, not "no estimate"', () => {
    const fit = fitPoisson(buildDesign(table, pairs), { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.failure).toMatchObject({ cause: 'iteration_limit' });
    expect(describeFitFailure(fit.failure)).toMatch(/iteration limit \(relative change in deviance [\d.e+-]+/);
  });

  test('step-halving: a fit started far off still lowers the deviance at every step', () => {
    const western = validateCaptureTable(loadReference('western'));
    const design = buildDesign(western, allPairs(5));
    const fit = fitPoisson(design);
    expect(fit.converged).toBe(true);
  });
});

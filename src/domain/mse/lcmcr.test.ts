/**
 * The latent-class estimator (LCMCR) and its diagnostics, on a population simulated with known
 * heterogeneity (two latent classes with different capture probabilities). The full coverage study
 * (200 simulations, LCMCR's 95% credible interval beside the independence model's Wald interval) is
 * bench/mse-lcmcr.ts; the small one below runs always.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, type Uniform } from '../shared/random';
import { chaoLowerBound } from './chao';
import { effectiveSampleSize, estimateLcmcr, gewekeZ, splitRHat, type LcmcrOptions } from './lcmcr';
import { coverageStudy, independenceInterval, simulateTwoClasses } from './lcmcr-simulate';
import type { CellCounts } from './table';

const FAST: LcmcrOptions = { burnIn: 1000, samples: 1000, thin: 3, chains: 2 };

function normalStream(random: Uniform) {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('convergence diagnostics', () => {
  it('split R-hat is near 1 for chains of the same distribution and large when one chain is shifted', () => {
    const draw = normalStream(mulberry32(3));
    const a = Float64Array.from({ length: 2000 }, draw);
    const b = Float64Array.from({ length: 2000 }, draw);
    expect(splitRHat([a, b])).toBeLessThan(1.01);
    const shifted = b.map((x) => x + 1);
    expect(splitRHat([a, shifted])).toBeGreaterThan(1.1);
    // A trend within one chain shows in its halves, even when both chains agree overall.
    const trend = Float64Array.from({ length: 2000 }, (_, i) => a[i] + (i < 1000 ? -1 : 1));
    expect(splitRHat([trend, trend.map((x) => x + 0.01)])).toBeGreaterThan(1.1);
  });

  it('the effective sample size is the draws for independent chains and n(1 - phi)/(1 + phi) for AR(1)', () => {
    const draw = normalStream(mulberry32(5));
    const iid = [0, 1].map(() => Float64Array.from({ length: 4000 }, draw));
    expect(effectiveSampleSize(iid)).toBeGreaterThan(6500);
    expect(effectiveSampleSize(iid)).toBeLessThan(9500);
    const phi = 0.9;
    const ar = [0, 1].map(() => {
      let x = 0;
      return Float64Array.from({ length: 4000 }, () => (x = phi * x + Math.sqrt(1 - phi * phi) * draw()));
    });
    const expected = (8000 * (1 - phi)) / (1 + phi);
    expect(effectiveSampleSize(ar)).toBeGreaterThan(expected * 0.6);
    expect(effectiveSampleSize(ar)).toBeLessThan(expected * 1.5);
  });

  it("Geweke's z is small for a stationary chain and large for a chain that drifts", () => {
    const draw = normalStream(mulberry32(11));
    const stationary = Float64Array.from({ length: 2000 }, draw);
    expect(Math.abs(gewekeZ(stationary))).toBeLessThan(3);
    const drifting = stationary.map((x, i) => x + i / 200);
    expect(Math.abs(gewekeZ(drifting))).toBeGreaterThan(3);
  });
});

describe('estimateLcmcr', () => {
  const cells = simulateTwoClasses(mulberry32(2024));

  it('is reproducible from its seed and changes with it', () => {
    const options = { burnIn: 200, samples: 100, thin: 2, seed: 9 };
    const first = estimateLcmcr(cells, options);
    expect(estimateLcmcr(cells, options)).toEqual(first);
    expect(estimateLcmcr(cells, { ...options, seed: 10 }).trace).not.toEqual(first.trace);
    expect(first.trace).toHaveLength(2);
    expect(first.histogram.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(190);
  });

  it('covers the true total of a heterogeneous population where the independence model does not', () => {
    const fit = estimateLcmcr(cells, { ...FAST, seed: 1 });
    const [lo, hi] = fit.interval;
    expect(lo).toBeLessThanOrEqual(2000);
    expect(hi).toBeGreaterThanOrEqual(2000);
    expect(fit.estimate).toBeGreaterThan(cells.observed);
    expect(independenceInterval(cells)[1]).toBeLessThan(2000);
    // Chao's bound is a floor: below the truth, above the persons observed.
    const chao = chaoLowerBound(cells);
    expect(chao.estimate).toBeGreaterThan(cells.observed);
    expect(chao.estimate).toBeLessThan(2000);
    expect(fit.diagnostics.rHat).toBeLessThan(1.1);
    expect(fit.diagnostics.ess).toBeGreaterThan(10);
  });

  it('warns when the chains have not converged (a burn-in of nothing and a handful of draws)', () => {
    const fit = estimateLcmcr(cells, { burnIn: 0, samples: 20, thin: 1, seed: 3 });
    expect(fit.warnings.map((w) => w.code)).toContain('lcmcr_low_ess');
  });

  it('refuses fewer than three lists and nonsense settings', () => {
    const two: CellCounts = { lists: ['A', 'B'], counts: Float64Array.from([0, 5, 4, 2]), observed: 11 };
    expect(() => estimateLcmcr(two)).toThrow(/at least 3 lists/);
    expect(() => estimateLcmcr(cells, { chains: 1 })).toThrow(/chains/);
    expect(() => estimateLcmcr(cells, { maxClasses: 1 })).toThrow(/classes/);
  });
});

describe('coverage on simulated heterogeneous populations (small; bench/mse-lcmcr.ts runs 200)', () => {
  it(
    'the LCMCR interval holds the truth in most of 4 simulations, the independence interval in none',
    { timeout: 180_000 },
    () => {
      const report = coverageStudy(4, { burnIn: 500, samples: 500, thin: 3, chains: 2 }, 99);
      expect(report.lcmcr).toBeGreaterThanOrEqual(0.75);
      expect(report.independence).toBe(0);
      expect(report.chaoBelow).toBe(1);
    },
  );
});

import { describe, expect, test } from 'vitest';
import { chiSquareSf, gammaP, gammaQ, logGamma, normalQuantile, poissonLowerTail, poissonUpperTail } from './special';

describe('special functions', () => {
  test.each([
    ['logGamma(10)', () => logGamma(10), Math.log(362880)],
    ['logGamma(0.5)', () => logGamma(0.5), Math.log(Math.sqrt(Math.PI))],
    ['chi-square 5% point, 1 df', () => chiSquareSf(3.841458820694124, 1), 0.05],
    ['chi-square(10; 5 df)', () => chiSquareSf(10, 5), 0.07523524614651217],
    ['chi-square(400; 390 df)', () => chiSquareSf(400, 390), 0.35239407601965644],
    ['P(X >= 3), X ~ Poisson(1)', () => poissonUpperTail(3, 1), 1 - Math.exp(-1) * 2.5],
    ['P(X <= 1), X ~ Poisson(2)', () => poissonLowerTail(1, 2), 3 * Math.exp(-2)],
    ['P(X >= 0)', () => poissonUpperTail(0, 5), 1],
    ['P(X <= 0), X ~ Poisson(7.5)', () => poissonLowerTail(0, 7.5), Math.exp(-7.5)],
    ['normal 97.5% point', () => normalQuantile(0.975), 1.959963984540054],
    ['normal 0.1% point', () => normalQuantile(0.001), -3.090232306167813],
  ])('%s', (_name, compute, expected) => {
    expect(compute()).toBeCloseTo(expected, 9);
  });

  test('P and Q are complementary across the series/fraction switch', () => {
    for (const [a, x] of [
      [0.5, 0.2],
      [3, 3.9],
      [3, 4.1],
      [50, 60],
      [200, 150],
    ]) {
      expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 12);
    }
  });
});

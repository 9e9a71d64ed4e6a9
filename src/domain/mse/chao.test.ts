import { describe, expect, it } from 'vitest';
import { chaoFromFrequencies, chaoLowerBound } from './chao';

describe("Chao's lower bound", () => {
  it('is n + f1^2 / (2 f2) with the variance of Chao (1987)', () => {
    const bound = chaoFromFrequencies(10, 5, 30);
    expect(bound.form).toBe('classic');
    expect(bound.estimate).toBe(40);
    // f2 (r^4 / 4 + r^3 + r^2 / 2) with r = f1 / f2 = 2: 5 (4 + 8 + 2).
    expect(bound.variance).toBe(70);
    // Log-normal interval: C = exp(1.96 sqrt(log(1 + 70 / 100))).
    const c = Math.exp(1.959963984540054 * Math.sqrt(Math.log(1.7)));
    expect(bound.interval[0]).toBeCloseTo(30 + 10 / c, 9);
    expect(bound.interval[1]).toBeCloseTo(30 + 10 * c, 9);
    expect(bound.interval[0]).toBeGreaterThan(30);
  });

  it('takes the bias-corrected form when nobody is on exactly two lists', () => {
    const bound = chaoFromFrequencies(4, 0, 10);
    expect(bound.form).toBe('bias_corrected');
    expect(bound.estimate).toBe(10 + 6);
    expect(Number.isFinite(bound.interval[1])).toBe(true);
  });

  it('counts f1 and f2 from the cells by the number of lists', () => {
    // Lists A, B, C: A only 6, B only 4, A+B 3, B+C 2, A+B+C 1.
    const counts = new Float64Array(8);
    counts[0b001] = 6;
    counts[0b010] = 4;
    counts[0b011] = 3;
    counts[0b110] = 2;
    counts[0b111] = 1;
    const bound = chaoLowerBound({ lists: ['A', 'B', 'C'], counts, observed: 16 });
    expect([bound.f1, bound.f2, bound.observed]).toEqual([10, 5, 16]);
    expect(bound.estimate).toBe(26);
  });

  it('adds nothing when nobody is on only one list', () => {
    const bound = chaoFromFrequencies(0, 3, 9);
    expect(bound.estimate).toBe(9);
    expect(bound.interval).toEqual([9, 9]);
  });
});

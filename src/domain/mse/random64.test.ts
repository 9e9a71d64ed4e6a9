import { describe, expect, test } from 'vitest';
import { seedState, xoshiro128, xoshiro128ss } from './random64';

/** xoshiro128** written again with BigInt and explicit 32-bit masks, from the published algorithm. */
function reference(state: [number, number, number, number]): () => number {
  const mask = 0xffffffffn;
  let [s0, s1, s2, s3] = state.map(BigInt);
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & mask;
  return () => {
    const result = (rotl((s1 * 5n) & mask, 7n) * 9n) & mask;
    const t = (s1 << 9n) & mask;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
    return Number(result);
  };
}

describe('xoshiro128** for the MSE bootstrap', () => {
  test('matches the published algorithm word for word', () => {
    // From state (1, 2, 3, 4) the first output is rotl(2 * 5, 7) * 9 = 11520.
    expect(xoshiro128ss([1, 2, 3, 4])()).toBe(11520);
    for (const state of [[1, 2, 3, 4], seedState(1), seedState(2 ** 31), seedState(987654321)] as const) {
      const fast = xoshiro128ss(state as [number, number, number, number]);
      const slow = reference([...state] as [number, number, number, number]);
      for (let i = 0; i < 2000; i += 1) expect(fast()).toBe(slow());
    }
  });

  test('uniforms are reproducible, in [0, 1), use 53 bits and differ between seeds', () => {
    const a = Array.from({ length: 5000 }, xoshiro128(7));
    expect(Array.from({ length: 5000 }, xoshiro128(7))).toEqual(a);
    expect(a.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(Math.abs(a.reduce((s, u) => s + u, 0) / a.length - 0.5)).toBeLessThan(0.02);
    // A 32-bit generator's uniforms are multiples of 2^-32; these are not.
    expect(a.some((u) => !Number.isInteger(u * 2 ** 32))).toBe(true);
    const seeds = [0, 1, 2, 3, 2 ** 32, 2 ** 32 + 1, -1].map((seed) => xoshiro128(seed)());
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  test('refuses an all-zero state and a seed that is not a whole number', () => {
    expect(() => xoshiro128ss([0, 0, 0, 0])).toThrow(RangeError);
    expect(() => xoshiro128(1.5)).toThrow(RangeError);
  });
});

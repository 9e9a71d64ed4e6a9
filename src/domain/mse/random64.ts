/**
 * The generator of the MSE bootstrap: xoshiro128** (Blackman & Vigna, 2018), 128 bits of state in 32-bit
 * operations, so a stream of millions of draws never comes near its period (2^128 - 1) and, unlike mulberry32's
 * 32-bit state, two seeds never fall onto the same stream after a few billion draws. Each uniform takes two 32-bit
 * outputs and keeps 53 bits, the full precision of a double. The state is filled from the seed by splitmix32, so
 * seeds 0, 1, 2 ... give unrelated streams. mulberry32 (shared/random.ts) stays for the callers whose synthetic
 * data depend on its exact sequence.
 */
import type { Uniform } from '../shared/random';

/** The name stored with every bootstrap that drew its own resamples. */
export const GENERATOR = 'xoshiro128**' as const;

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** The raw 32-bit output stream of xoshiro128** from a given state (four 32-bit words, not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0);
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** needs a state that is not all zero');
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
}

/** splitmix32 (the 32-bit finaliser of MurmurHash3 over a Weyl sequence): spreads a seed over the state. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The four state words for a whole-number seed: its low and high 32 bits (two's complement) through two streams. */
export function seedState(seed: number): [number, number, number, number] {
  if (!Number.isSafeInteger(seed)) throw new RangeError('The seed must be a whole number');
  const low = splitmix32(seed >>> 0);
  const high = splitmix32((Math.floor(seed / 2 ** 32) ^ 0x6a09e667) >>> 0);
  const state = [0, 1, 2, 3].map(() => (low() ^ rotl(high(), 13)) >>> 0) as [number, number, number, number];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/**
 * Uniform [0, 1) doubles with 53 random bits from xoshiro128** seeded by `seed`.
 * @example const random = xoshiro128(1); random() // the same number on every machine
 */
export function xoshiro128(seed: number): Uniform {
  const next = xoshiro128ss(seedState(seed));
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/**
 * Deterministic pseudo-random numbers from a seed: SHA-256 in counter mode.
 * The same seed gives the same noise, so a release can be reproduced; the
 * seed must be secret and random, because whoever knows it can remove the noise.
 */
import { createHash } from 'node:crypto';

export interface Prng {
  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number;
}

/**
 * A generator for a seed (any string, e.g. 32 random bytes in hex).
 * @example const rng = seededPrng('c0ffee'); rng.next()
 */
export function seededPrng(seed: string): Prng {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return {
    next() {
      if (offset + 8 > block.length) {
        block = createHash('sha256').update(seed).update(':').update(String(counter++)).digest();
        offset = 0;
      }
      // 53 bits: the high 21 bits of one word and all 32 of the next.
      const high = block.readUInt32BE(offset) >>> 11;
      const low = block.readUInt32BE(offset + 4);
      offset += 8;
      return (high * 2 ** 32 + low) / 2 ** 53;
    },
  };
}

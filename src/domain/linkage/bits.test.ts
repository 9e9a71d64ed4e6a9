import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { andPopcount, bitsFromBase64, bitsToBase64, dice, popcount, popcount32 } from './bits';
import { LinkageError } from './errors';

/** The obvious bit-by-bit count, as the reference. */
function naivePopcount(word: number): number {
  let n = 0;
  for (let bit = 0; bit < 32; bit++) n += (word >>> bit) & 1;
  return n;
}

const words = (n: number) => fc.uint32Array({ minLength: n, maxLength: n });

describe('popcount', () => {
  test.each([
    [0, 0],
    [1, 1],
    [0xffffffff, 32],
    [0x80000000, 1],
    [0x55555555, 16],
    [0xf0f0f0f0, 16],
  ])('popcount32(%i) = %i', (word, expected) => expect(popcount32(word)).toBe(expected));

  test('SWAR matches the bit-by-bit count on any word', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
        expect(popcount32(w)).toBe(naivePopcount(w));
      }),
    );
  });

  test('andPopcount counts the intersection at offsets', () => {
    fc.assert(
      fc.property(words(8), words(8), (a, b) => {
        const expected = Array.from(a, (w, i) => naivePopcount((w & b[i]) >>> 0)).reduce((s, x) => s + x, 0);
        expect(andPopcount(a, 0, b, 0, 8)).toBe(expected);
        expect(andPopcount(a, 4, b, 4, 4)).toBe(
          Array.from(a.slice(4), (w, i) => naivePopcount((w & b[i + 4]) >>> 0)).reduce((s, x) => s + x, 0),
        );
      }),
    );
  });
});

describe('dice', () => {
  test.each([
    [[0b1111], [0b1111], 1],
    [[0b1100], [0b0011], 0],
    [[0b1110], [0b0111], 2 / 3],
    [[0], [0], 0],
  ])('dice(%j, %j) = %d', (a, b, expected) =>
    expect(dice(Uint32Array.from(a), Uint32Array.from(b))).toBeCloseTo(expected),
  );

  test('is symmetric, in [0, 1] and 1 on itself', () => {
    fc.assert(
      fc.property(words(4), words(4), (a, b) => {
        const d = dice(a, b);
        expect(d).toBe(dice(b, a));
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        if (popcount(a) > 0) expect(dice(a, a)).toBe(1);
      }),
    );
  });

  test('refuses vectors of different length', () => {
    expect(() => dice(new Uint32Array(2), new Uint32Array(3))).toThrow(LinkageError);
  });
});

describe('base64', () => {
  test('round-trips', () => {
    fc.assert(
      fc.property(words(32), (a) => {
        expect(bitsFromBase64(bitsToBase64(a), 1024)).toEqual(a);
      }),
    );
  });

  test.each([
    ['wrong length', bitsToBase64(new Uint32Array(16)), 'wrong_length'],
    ['not base64', '@@@@', 'malformed_encoding'],
  ])('refuses %s', (_, encoded, code) => {
    expect(() => bitsFromBase64(encoded, 1024)).toThrow(expect.objectContaining({ code }));
  });
});

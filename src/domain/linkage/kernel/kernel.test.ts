import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dice, popcount } from '../bits';
import type { BlockingIndex } from '../blocking';
import { scoreCandidates } from '../compare';
import type { EncodedRecord } from '../encode';
import { DEFAULT_SCHEMA } from '../schema';
import { INPUTS_SHA256 } from './dice-wasm.generated';
import {
  diceKernel,
  jsKernel,
  setDiceKernel,
  wasmScalarKernel,
  wasmSimdKernel,
  type DiceKernel,
  type DiceSession,
} from './index';

const WORDS = DEFAULT_SCHEMA.bits / 32;
const simd = wasmSimdKernel();
const scalar = wasmScalarKernel();
const wasmKernels = [simd, scalar].filter((k): k is DiceKernel => k !== null);

/** A CLK of `words` words: all zeros, all ones, sparse, dense or any bits. */
const clk = (words: number) =>
  fc.oneof(
    fc.constant(new Uint32Array(words)),
    fc.constant(new Uint32Array(words).fill(0xffffffff)),
    fc
      .tuple(
        fc.uint32Array({ minLength: words, maxLength: words }),
        fc.uint32Array({ minLength: words, maxLength: words }),
      )
      .map(([a, b]) => a.map((w, i) => w & b[i])),
    fc
      .tuple(
        fc.uint32Array({ minLength: words, maxLength: words }),
        fc.uint32Array({ minLength: words, maxLength: words }),
      )
      .map(([a, b]) => a.map((w, i) => w | b[i])),
    fc.uint32Array({ minLength: words, maxLength: words }),
  );

/** Records of one word count, an anchor, a candidate list (repeats allowed) and a floor. */
const batchOf = (words: fc.Arbitrary<number>) =>
  words.chain((w) =>
    fc.array(clk(w), { minLength: 1, maxLength: 24 }).chain((records) =>
      fc.record({
        words: fc.constant(w),
        records: fc.constant(records),
        a: fc.nat(records.length - 1),
        candidates: fc.array(fc.nat(records.length - 1), { maxLength: 40 }),
        floor: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
      }),
    ),
  );

interface Scored {
  popcounts: number[];
  index: number[];
  score: number[];
}

function scoreWith(
  kernel: DiceKernel,
  b: { words: number; records: Uint32Array[]; a: number; candidates: number[]; floor: number },
): Scored {
  const session: DiceSession = kernel.open(b.records.length, b.words, Math.max(1, b.candidates.length));
  b.records.forEach((r, i) => session.set(i, r));
  session.candidates.set(b.candidates);
  const kept = session.score(b.a, b.candidates.length, b.floor);
  return {
    popcounts: Array.from(session.popcounts),
    index: Array.from(session.keptIndex.subarray(0, kept)),
    score: Array.from(session.keptScore.subarray(0, kept)),
  };
}

describe('Dice kernels', () => {
  test('the generated WebAssembly matches its inputs (run npm run build:wasm after changing assembly/dice.ts)', async () => {
    const script = '../../../../scripts/build-wasm.mjs';
    const { inputsHash } = (await import(/* @vite-ignore */ script)) as { inputsHash: () => string };
    expect(INPUTS_SHA256).toBe(inputsHash());
  });

  test('node runs both WebAssembly kernels, and auto picks one of them (the faster here)', () => {
    expect(simd?.name).toBe('wasm-simd');
    expect(scalar?.name).toBe('wasm');
    expect([simd, scalar]).toContain(diceKernel('auto'));
    expect(diceKernel('wasm')).toBe(diceKernel('auto'));
    expect(diceKernel('js')).toBe(jsKernel);
  });

  test('setDiceKernel changes the default kernel', () => {
    try {
      setDiceKernel('js');
      expect(diceKernel().name).toBe('js');
      setDiceKernel('auto');
      expect(diceKernel().name).toMatch(/^wasm/);
    } finally {
      setDiceKernel('auto');
    }
  });

  test("WebAssembly and JavaScript give identical scores on CLKs of the schema's length", () => {
    fc.assert(
      fc.property(batchOf(fc.constant(WORDS)), (b) => {
        const reference = scoreWith(jsKernel, b);
        // The JS kernel against the plain definition (bits.ts dice), then every kernel against the JS one.
        const expected = b.candidates
          .map((c) => ({ c, s: dice(b.records[b.a], b.records[c]) }))
          .filter(({ s }) => s >= b.floor);
        expect(reference.index).toEqual(expected.map(({ c }) => c));
        expect(reference.score).toEqual(expected.map(({ s }) => s));
        expect(reference.popcounts).toEqual(b.records.map((r) => popcount(r)));
        for (const kernel of wasmKernels) expect(scoreWith(kernel, b)).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  test('identical scores at any word count (padding to 128-bit lanes, tails of odd words)', () => {
    fc.assert(
      fc.property(batchOf(fc.integer({ min: 1, max: 70 })), (b) => {
        const reference = scoreWith(jsKernel, b);
        for (const kernel of wasmKernels) expect(scoreWith(kernel, b)).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  test('edge cases: empty CLKs score 0, identical ones 1, all ones against all zeros 0', () => {
    const zeros = new Uint32Array(WORDS);
    const ones = new Uint32Array(WORDS).fill(0xffffffff);
    const half = new Uint32Array(WORDS).fill(0x0000ffff);
    const b = { words: WORDS, records: [zeros, ones, half, zeros, ones], a: 1, candidates: [0, 1, 2, 3, 4], floor: 0 };
    for (const kernel of [jsKernel, ...wasmKernels]) {
      expect(scoreWith(kernel, b), kernel.name).toEqual({
        popcounts: [0, 1024, 512, 0, 1024],
        index: [0, 1, 2, 3, 4],
        score: [0, 1, (2 * 512) / 1536, 0, 1],
      });
      expect(scoreWith(kernel, { ...b, a: 0 }).score, kernel.name).toEqual([0, 0, 0, 0, 0]);
    }
  });

  test('a batch larger than the session was opened for is refused', () => {
    for (const kernel of wasmKernels) {
      const session = kernel.open(2, WORDS, 4);
      expect(() => session.score(0, 5, 0)).toThrow(RangeError);
    }
  });
});

describe('scoreCandidates with each kernel', () => {
  /** Every record in one block: all cross-source pairs are candidates. */
  const oneBlock = (n: number): BlockingIndex => ({
    groupings: [
      {
        bucketOf: new Int32Array(n),
        start: Int32Array.from([0, n]),
        members: Int32Array.from({ length: n }, (_, i) => i),
      },
    ],
    oversizedBuckets: 0,
    maxBucketSize: n,
  });
  /** A kernel whose sessions hold only `batch` candidates, so scoreCandidates must flush mid-anchor. */
  const smallBatches = (kernel: DiceKernel, batch: number): DiceKernel => ({
    name: kernel.name,
    open: (records, words) => kernel.open(records, words, batch),
  });

  test('gives the same pairs, in the same order, whatever the kernel and batch size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(clk(WORDS), fc.nat(2)), { minLength: 2, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (records, floor) => {
          const encodings = records.map(([bits]) => ({ clk: bits }) as unknown as EncodedRecord);
          const sourceOf = Int32Array.from(records.map(([, s]) => s));
          const index = oneBlock(records.length);
          const run = (kernel: DiceKernel) =>
            scoreCandidates(encodings, sourceOf, index, WORDS, floor, undefined, kernel);
          const reference = run(jsKernel);
          // The reference itself: every cross-source pair a < b that reaches the floor, by brute force.
          const expected = [];
          for (let a = 0; a < records.length; a++)
            for (let b = a + 1; b < records.length; b++) {
              if (sourceOf[a] === sourceOf[b]) continue;
              const score = dice(records[a][0], records[b][0]);
              if (score >= floor && popcount(records[a][0]) + popcount(records[b][0]) > 0)
                expected.push({ a, b, score });
            }
          expect(reference.pairs).toEqual(expected);
          for (const kernel of [
            ...wasmKernels,
            smallBatches(jsKernel, 1),
            ...wasmKernels.map((k) => smallBatches(k, 3)),
          ])
            expect(run(kernel)).toEqual(reference);
        },
      ),
      { numRuns: 100 },
    );
  });
});

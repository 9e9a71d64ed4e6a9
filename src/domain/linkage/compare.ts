/**
 * Candidate comparison: walks the blocking index once, deduplicates pairs with
 * a stamp array (no pair set), skips pairs whose popcounts alone rule out the
 * floor score, and scores the rest with Sørensen–Dice over packed CLKs, in
 * batches (one anchor record against its candidates) handed to the Dice kernel:
 * WebAssembly with SIMD where the engine has it, else the JavaScript fallback
 * (kernel/index.ts; ARIADNE_LINKAGE_KERNEL=js forces it).
 */
import { popcount } from './bits';
import type { BlockingIndex } from './blocking';
import type { EncodedRecord } from './encode';
import { diceKernel, type DiceKernel } from './kernel';

export interface ScoredPair {
  /** Record indexes into the encodings array, a < b. */
  a: number;
  b: number;
  score: number;
}

export interface ComparisonStats {
  /** Distinct cross-source pairs sharing at least one block. */
  candidatePairs: number;
  /** Dice scores computed (candidates not ruled out by popcount). */
  comparisons: number;
}

/** Packs CLKs into one contiguous array and precomputes each record's popcount. */
export function packClks(
  encodings: readonly EncodedRecord[],
  words: number,
): { packed: Uint32Array; popcounts: Int32Array } {
  const packed = new Uint32Array(encodings.length * words);
  const popcounts = new Int32Array(encodings.length);
  encodings.forEach((e, i) => {
    packed.set(e.clk, i * words);
    popcounts[i] = popcount(e.clk);
  });
  return { packed, popcounts };
}

/**
 * Scores every candidate pair of records from different sources; keeps those scoring at least `floor`,
 * in the order the blocking index yields them (whatever the kernel). `kernel` defaults to the one set
 * for this process or worker thread (setDiceKernel).
 */
export function scoreCandidates(
  encodings: readonly EncodedRecord[],
  sourceOf: Int32Array,
  index: BlockingIndex,
  words: number,
  floor: number,
  onProgress?: (done: number, total: number) => void,
  kernel: DiceKernel = diceKernel(),
): { pairs: ScoredPair[]; stats: ComparisonStats } {
  const n = encodings.length;
  const session = kernel.open(n, words);
  for (let i = 0; i < n; i++) session.set(i, encodings[i].clk);
  const { popcounts, candidates, keptIndex, keptScore } = session;
  const batch = candidates.length;
  const stamp = new Int32Array(n).fill(-1);
  const pairs: ScoredPair[] = [];
  let candidatePairs = 0;
  let comparisons = 0;
  const flush = (a: number, count: number) => {
    const kept = session.score(a, count, floor);
    for (let j = 0; j < kept; j++) pairs.push({ a, b: keptIndex[j], score: keptScore[j] });
  };
  for (let a = 0; a < n; a++) {
    const sourceA = sourceOf[a];
    const countA = popcounts[a];
    let count = 0;
    for (const { bucketOf, start, members } of index.groupings) {
      const bucket = bucketOf[a];
      if (bucket < 0) continue;
      const from = start[bucket];
      const to = start[bucket + 1];
      if (to - from < 2 || to - from > index.maxBucketSize) continue;
      for (let k = from; k < to; k++) {
        const b = members[k];
        if (b <= a || stamp[b] === a || sourceOf[b] === sourceA) continue;
        stamp[b] = a;
        candidatePairs++;
        const countB = popcounts[b];
        const sum = countA + countB;
        // Dice can be at most 2·min/(sum): skip pairs that cannot reach the floor.
        if (sum === 0 || (2 * Math.min(countA, countB)) / sum < floor) continue;
        comparisons++;
        candidates[count++] = b;
        if (count === batch) {
          flush(a, count);
          count = 0;
        }
      }
    }
    if (count > 0) flush(a, count);
    if (onProgress && (a % 2048 === 0 || a === n - 1)) onProgress(a + 1, n);
  }
  return { pairs, stats: { candidatePairs, comparisons } };
}

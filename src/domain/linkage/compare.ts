/**
 * Candidate comparison: walks the blocking index once, deduplicates pairs with
 * a stamp array (no pair set), skips pairs whose popcounts alone rule out the
 * floor score, and scores the rest with Sørensen–Dice over packed CLKs.
 */
import { andPopcount, popcount } from './bits';
import type { BlockingIndex } from './blocking';
import type { EncodedRecord } from './encode';

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

/** Scores every candidate pair of records from different sources; keeps those scoring at least `floor`. */
export function scoreCandidates(
  encodings: readonly EncodedRecord[],
  sourceOf: Int32Array,
  index: BlockingIndex,
  words: number,
  floor: number,
  onProgress?: (done: number, total: number) => void,
): { pairs: ScoredPair[]; stats: ComparisonStats } {
  const { packed, popcounts } = packClks(encodings, words);
  const n = encodings.length;
  const stamp = new Int32Array(n).fill(-1);
  const pairs: ScoredPair[] = [];
  let candidatePairs = 0;
  let comparisons = 0;
  for (let a = 0; a < n; a++) {
    const sourceA = sourceOf[a];
    const countA = popcounts[a];
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
        const sum = countA + popcounts[b];
        // Dice can be at most 2·min/(sum): skip pairs that cannot reach the floor.
        if (sum === 0 || (2 * Math.min(countA, popcounts[b])) / sum < floor) continue;
        comparisons++;
        const score = (2 * andPopcount(packed, a * words, packed, b * words, words)) / sum;
        if (score >= floor) pairs.push({ a, b, score });
      }
    }
    if (onProgress && (a % 2048 === 0 || a === n - 1)) onProgress(a + 1, n);
  }
  return { pairs, stats: { candidatePairs, comparisons } };
}

/**
 * The JavaScript Dice kernel: SWAR popcount over Uint32Array words (bits.ts). The fallback when
 * WebAssembly is unavailable or ARIADNE_LINKAGE_KERNEL=js forces it, and the reference the
 * WebAssembly kernels are tested against.
 */
import { andPopcount, popcount } from '../bits';
import { DEFAULT_BATCH, type DiceKernel, type DiceSession } from './types';

export const jsKernel: DiceKernel = {
  name: 'js',
  open(records: number, words: number, batch = DEFAULT_BATCH): DiceSession {
    const packed = new Uint32Array(records * words);
    const popcounts = new Int32Array(records);
    const candidates = new Int32Array(batch);
    const keptIndex = new Int32Array(batch);
    const keptScore = new Float64Array(batch);
    return {
      popcounts,
      candidates,
      keptIndex,
      keptScore,
      set(i, clk) {
        packed.set(clk.subarray(0, words), i * words);
        popcounts[i] = popcount(clk, 0, words);
      },
      score(a, count, floor) {
        const countA = popcounts[a];
        const offsetA = a * words;
        let kept = 0;
        for (let k = 0; k < count; k++) {
          const b = candidates[k];
          const sum = countA + popcounts[b];
          const score = sum === 0 ? 0 : (2 * andPopcount(packed, offsetA, packed, b * words, words)) / sum;
          if (score >= floor) {
            keptIndex[kept] = b;
            keptScore[kept] = score;
            kept++;
          }
        }
        return kept;
      },
    };
  },
};

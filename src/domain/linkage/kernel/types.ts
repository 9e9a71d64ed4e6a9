/**
 * The Dice kernel's interface: a workspace holding every record's packed CLK and popcount, and a
 * batch call that scores one record against a list of candidates and keeps those above a floor.
 * Batching keeps the per-pair cost of crossing into WebAssembly out of the hot loop.
 */

/** `wasm-simd`: WebAssembly with 128-bit SIMD; `wasm`: WebAssembly with i64.popcnt; `js`: the SWAR fallback. */
export type DiceKernelName = 'wasm-simd' | 'wasm' | 'js';

/** What a caller may ask for: `auto` takes the fastest kernel the engine supports. */
export type DiceKernelChoice = 'auto' | 'wasm' | 'js';

export const DICE_KERNEL_CHOICES: readonly DiceKernelChoice[] = ['auto', 'wasm', 'js'];

/** Candidates scored per call unless the caller asks otherwise. */
export const DEFAULT_BATCH = 4096;

export interface DiceKernel {
  readonly name: DiceKernelName;
  /** A workspace for `records` CLKs of `words` 32-bit words and batches of up to `batch` candidates. */
  open(records: number, words: number, batch?: number): DiceSession;
}

export interface DiceSession {
  /** Copies record `i`'s CLK (of the session's `words`) in and counts its bits into `popcounts[i]`. */
  set(i: number, clk: Uint32Array): void;
  /** Set bits of each record, as `set` counted them. */
  readonly popcounts: Int32Array;
  /** The batch: fill `candidates[0..count)` with record indexes, then call `score`. */
  readonly candidates: Int32Array;
  /** After `score`: the kept candidates' indexes and scores, in candidate order, in `[0..kept)`. */
  readonly keptIndex: Int32Array;
  readonly keptScore: Float64Array;
  /**
   * Scores record `a` against `candidates[0..count)` with Sørensen–Dice, 2|A∩B| / (|A|+|B|) (0 for two
   * empty CLKs), keeps those scoring at least `floor` and returns how many were kept.
   */
  score(a: number, count: number, floor: number): number;
}

/**
 * Which Dice kernel linkage runs with. `auto` (the default) takes the faster of the two WebAssembly
 * kernels on this machine (SIMD or i64.popcnt, measured once), else JavaScript; `js` forces the JavaScript kernel; `wasm` requires
 * WebAssembly and fails loudly without it. The choice is set once per process or worker thread
 * by its entry (ARIADNE_LINKAGE_KERNEL, read in src/config): the domain reads no environment.
 */
import { jsKernel } from './js';
import type { DiceKernel, DiceKernelChoice } from './types';
import { wasmScalarKernel, wasmSimdKernel } from './wasm';

export * from './types';
export { jsKernel } from './js';
export { wasmScalarKernel, wasmSimdKernel } from './wasm';

let choice: DiceKernelChoice = 'auto';

/** Sets the kernel `diceKernel()` returns from now on. */
export function setDiceKernel(next: DiceKernelChoice): void {
  choice = next;
}

let fastest: DiceKernel | null | undefined;

/** Milliseconds of 32,768 comparisons (wall clock: CPU time is not to be had in every engine), best of three. */
function millisecondsFor(kernel: DiceKernel): number {
  const records = 256;
  const words = 32;
  const session = kernel.open(records, words, 128);
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const clk = new Uint32Array(words);
  for (let i = 0; i < records; i++) {
    for (let w = 0; w < words; w++) clk[w] = next() & next();
    session.set(i, clk);
  }
  for (let k = 0; k < 128; k++) session.candidates[k] = next() % records;
  let best = Infinity;
  for (let run = 0; run < 4; run++) {
    const start = performance.now();
    for (let a = 0; a < records; a++) session.score(a, 128, 0.5);
    // The first run lets the engine's optimising tier take over; it is not counted.
    if (run > 0) best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * The faster WebAssembly kernel on this machine, measured once (a few ms): SIMD popcount wins where the
 * CPU counts bytes in vectors cheaply (arm64), the unrolled i64.popcnt where it has a scalar popcount
 * and SIMD's is emulated (x86-64 without AVX-512). Both give identical scores, so only speed depends on it.
 */
function fastestWasm(): DiceKernel | null {
  if (fastest === undefined) {
    const simd = wasmSimdKernel();
    const scalar = wasmScalarKernel();
    fastest = simd && scalar ? (millisecondsFor(simd) <= millisecondsFor(scalar) ? simd : scalar) : (simd ?? scalar);
  }
  return fastest;
}

/** The kernel for `preference` (default: the one set with setDiceKernel). */
export function diceKernel(preference: DiceKernelChoice = choice): DiceKernel {
  if (preference === 'js') return jsKernel;
  const wasm = fastestWasm();
  if (wasm) return wasm;
  if (preference === 'wasm')
    throw new Error('The WebAssembly Dice kernel was asked for, but this engine cannot run it');
  return jsKernel;
}

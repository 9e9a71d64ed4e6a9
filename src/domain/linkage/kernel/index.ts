/**
 * Which Dice kernel linkage runs with. `auto` (the default) takes WebAssembly with SIMD, else
 * WebAssembly without, else JavaScript; `js` forces the JavaScript kernel; `wasm` requires
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

/** The kernel for `preference` (default: the one set with setDiceKernel). */
export function diceKernel(preference: DiceKernelChoice = choice): DiceKernel {
  if (preference === 'js') return jsKernel;
  const wasm = wasmSimdKernel() ?? wasmScalarKernel();
  if (wasm) return wasm;
  if (preference === 'wasm')
    throw new Error('The WebAssembly Dice kernel was asked for, but this engine cannot run it');
  return jsKernel;
}

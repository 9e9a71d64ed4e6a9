/**
 * The WebAssembly Dice kernels (assembly/dice.ts, built by scripts/build-wasm.mjs): compiled
 * synchronously from bytes embedded in this bundle, so they load the same way in node, worker
 * threads and a browser, with no file to find. One instance (and one memory) per session: the
 * memory goes with the session when it is no longer referenced.
 */
import { DICE_WASM_SCALAR, DICE_WASM_SIMD } from './dice-wasm.generated';
import { DEFAULT_BATCH, type DiceKernel, type DiceKernelName, type DiceSession } from './types';

interface DiceExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  scoreAgainst(
    clks: number,
    stride: number,
    popcounts: number,
    a: number,
    candidates: number,
    count: number,
    floor: number,
    outIndex: number,
    outScore: number,
  ): number;
  countBits(clks: number, stride: number, records: number, popcounts: number): void;
}

const PAGE = 65536;
/** wasm32 memory: 65,536 pages of 64 KiB. */
const MAX_BYTES = 4 * 1024 ** 3;

const align16 = (n: number) => Math.ceil(n / 16) * 16;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A compiled module, or null when this engine has no WebAssembly or does not accept the module (no SIMD). */
function compile(base64: string): WebAssembly.Module | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') return null;
  const bytes = decodeBase64(base64);
  if (!WebAssembly.validate(bytes)) return null;
  try {
    return new WebAssembly.Module(bytes);
  } catch {
    return null;
  }
}

function kernelOf(name: DiceKernelName, module: WebAssembly.Module): DiceKernel {
  return {
    name,
    open(records: number, words: number, batch = DEFAULT_BATCH): DiceSession {
      const wasm = new WebAssembly.Instance(module, {}).exports as unknown as DiceExports;
      // Each CLK padded with zero words to a multiple of 16 bytes: the padding adds nothing to a popcount.
      const strideWords = Math.ceil(words / 4) * 4;
      const stride = strideWords * 4;
      const clks = wasm.heapBase();
      const popcountsAt = align16(clks + records * stride);
      const candidatesAt = align16(popcountsAt + records * 4);
      const indexAt = align16(candidatesAt + batch * 4);
      const scoreAt = align16(indexAt + batch * 4);
      const end = scoreAt + batch * 8;
      if (end > MAX_BYTES) throw new RangeError(`${records} CLKs of ${words * 32} bits do not fit in 4 GiB`);
      const pages = Math.ceil(end / PAGE) - wasm.memory.buffer.byteLength / PAGE;
      if (pages > 0) wasm.memory.grow(pages);
      // Views taken after growing: growing detaches the old buffer.
      const buffer = wasm.memory.buffer;
      const packed = new Uint32Array(buffer, clks, records * strideWords);
      const popcounts = new Int32Array(buffer, popcountsAt, records);
      const candidates = new Int32Array(buffer, candidatesAt, batch);
      const keptIndex = new Int32Array(buffer, indexAt, batch);
      const keptScore = new Float64Array(buffer, scoreAt, batch);
      return {
        popcounts,
        candidates,
        keptIndex,
        keptScore,
        set(i, clk) {
          const at = i * strideWords;
          packed.set(clk.subarray(0, words), at);
          wasm.countBits(clks + i * stride, stride, 1, popcountsAt + i * 4);
        },
        score(a, count, floor) {
          if (count > batch) throw new RangeError(`a batch holds at most ${batch} candidates`);
          return wasm.scoreAgainst(clks, stride, popcountsAt, a, candidatesAt, count, floor, indexAt, scoreAt);
        },
      };
    },
  };
}

let simd: DiceKernel | null | undefined;
let scalar: DiceKernel | null | undefined;

/** The WebAssembly kernel with SIMD, or null when the engine cannot run it. Compiled on first use. */
export function wasmSimdKernel(): DiceKernel | null {
  if (simd === undefined) {
    const module = compile(DICE_WASM_SIMD);
    simd = module && kernelOf('wasm-simd', module);
  }
  return simd;
}

/** The WebAssembly kernel without SIMD (i64.popcnt), or null without WebAssembly. */
export function wasmScalarKernel(): DiceKernel | null {
  if (scalar === undefined) {
    const module = compile(DICE_WASM_SCALAR);
    scalar = module && kernelOf('wasm', module);
  }
  return scalar;
}

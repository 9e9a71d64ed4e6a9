/**
 * Loads the GLPK linear-programming solver once. glpk.js builds its WebAssembly
 * module asynchronously, but the Node build then solves synchronously, which
 * keeps the stepwise search and the bootstrap loop free of awaits.
 */
import GLPK from 'glpk.js/node';

export type Glpk = Awaited<ReturnType<typeof GLPK>>;

let loading: Promise<Glpk> | undefined;

/** The shared solver instance (created on first use). */
export function loadGlpk(): Promise<Glpk> {
  loading ??= GLPK();
  return loading;
}

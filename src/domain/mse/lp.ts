/**
 * Loads the GLPK linear-programming solver once. glpk.js builds its WebAssembly
 * module asynchronously, but the Node build then solves synchronously, which
 * keeps the stepwise search and the bootstrap loop free of awaits. The module
 * itself loads on first use: most fits need no linear program at all (a model
 * whose positive cells determine every parameter has an MLE: existence.ts), and
 * its WebAssembly is a fifth of the cold start of `ariadne mse --point`.
 */
import type GLPK from 'glpk.js/node';

export type Glpk = Awaited<ReturnType<typeof GLPK>>;

let loading: Promise<Glpk> | undefined;
let loaded: Glpk | undefined;

/** The shared solver instance (created on first use). */
export function loadGlpk(): Promise<Glpk> {
  loading ??= import('glpk.js/node').then((module) => module.default()).then((glpk) => (loaded = glpk));
  return loading;
}

/** The shared solver if it has loaded already. */
export function loadedGlpk(): Glpk | undefined {
  return loaded;
}

/**
 * A stand-in for the solver, for a fit that may need none: any use of it is recorded and throws.
 * A result computed while `used()` stays false is the one the real solver gives (it was never
 * asked); otherwise the caller discards whatever came out, errors included, and fits again.
 *
 * @example const probe = solverProbe(); const r = fit(probe.glpk); if (probe.used()) refit(await loadGlpk());
 */
export function solverProbe(): { readonly glpk: Glpk; used(): boolean } {
  let used = false;
  const glpk = new Proxy({} as Glpk, {
    get() {
      used = true;
      throw new Error('The linear-programming solver is not loaded yet.');
    },
  });
  return { glpk, used: () => used };
}

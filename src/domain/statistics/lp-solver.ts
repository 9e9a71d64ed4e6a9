/**
 * Loads the GLPK linear-programming solver once (WebAssembly, synchronous
 * solve in Node). Callers pass the instance to the audit, keeping it pure.
 */
import GLPK from 'glpk.js/node';
import type { LpSolver } from './lp-audit';

let instance: Promise<LpSolver> | undefined;

/** The shared solver instance. */
export function loadLpSolver(): Promise<LpSolver> {
  instance ??= GLPK();
  return instance;
}

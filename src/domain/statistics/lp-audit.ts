/**
 * Disclosure audit by linear programming: for each hidden position, the
 * smallest and largest value consistent with everything published (all
 * counts non-negative, lines add up or, where categories overlap, satisfy
 * "cells >= total" and "cell <= total"). A narrow interval means the
 * hidden count can be recovered or nearly so.
 */
import type { GLPK, LP } from 'glpk.js/node';
import type { SuppressionMask, SuppressionReason } from './suppression';
import { gridLines } from './table';

/** The synchronous GLPK instance (see lp-solver.ts), passed in so this module stays pure. */
export type LpSolver = Pick<
  GLPK,
  'solve' | 'GLP_MAX' | 'GLP_MIN' | 'GLP_FX' | 'GLP_LO' | 'GLP_UP' | 'GLP_OPT' | 'GLP_UNBND' | 'GLP_MSG_OFF'
>;

export interface CellInterval {
  r: number;
  c: number;
  reason: SuppressionReason;
  min: number;
  /** Infinity when nothing published bounds it. */
  max: number;
  width: number;
  /** Width every hidden count needs (the protection level). */
  required: number;
  protected: boolean;
}

export interface AuditResult {
  ok: boolean;
  intervals: CellInterval[];
}

/**
 * Another published number that is a linear combination of grid positions
 * (e.g. a provenance count equal to the grand total): sum(coef · x[r][c]) relation value.
 */
export interface PublishedRelation {
  terms: [r: number, c: number, coef: number][];
  relation: 'eq' | 'ge' | 'le';
  value: number;
}

type Term = { name: string; coef: number };
type Constraint = LP['subjectTo'][number];

const varName = (r: number, c: number) => `x_${r}_${c}`;

/** Linear relations an attacker knows about the grid, with published values moved to the bound. */
function buildConstraints(
  grid: number[][],
  mask: SuppressionMask,
  rowsAddUp: boolean,
  colsAddUp: boolean,
  solver: LpSolver,
  published: readonly PublishedRelation[],
): Constraint[] {
  const constraints: Constraint[] = [];
  const add = (terms: [number, number, number][], type: 'eq' | 'ge' | 'le', rhs = 0) => {
    const vars: Term[] = [];
    let constant = -rhs;
    for (const [r, c, coef] of terms) {
      if (mask[r][c] !== null) vars.push({ name: varName(r, c), coef });
      else constant += coef * grid[r][c];
    }
    if (vars.length === 0) return;
    const bound = -constant;
    const bnds =
      type === 'eq'
        ? { type: solver.GLP_FX, lb: bound, ub: bound }
        : type === 'ge'
          ? { type: solver.GLP_LO, lb: bound, ub: 0 }
          : { type: solver.GLP_UP, lb: 0, ub: bound };
    constraints.push({ name: `k${constraints.length}`, vars, bnds });
  };
  for (const line of gridLines(grid.length - 1, grid[0].length - 1)) {
    const addsUp = line.kind === 'row' ? rowsAddUp : colsAddUp;
    const [tr, tc] = line.total;
    const sum: [number, number, number][] = [
      ...line.cells.map(([r, c]) => [r, c, 1] as [number, number, number]),
      [tr, tc, -1],
    ];
    add(sum, addsUp ? 'eq' : 'ge');
    // Overlapping categories: each cell is still a subset of its total.
    if (!addsUp)
      for (const [r, c] of line.cells)
        add(
          [
            [r, c, 1],
            [tr, tc, -1],
          ],
          'le',
        );
  }
  // Whatever else the release states about the grid is known to the reader too.
  for (const fact of published) add(fact.terms, fact.relation, fact.value);
  return constraints;
}

function optimise(
  solver: LpSolver,
  constraints: Constraint[],
  names: string[],
  target: string,
  direction: number,
): number {
  const lp: LP = {
    name: 'audit',
    objective: { direction, name: 'obj', vars: [{ name: target, coef: 1 }] },
    subjectTo: constraints,
    bounds: names.map((name) => ({ name, type: solver.GLP_LO, lb: 0, ub: 0 })),
  };
  // Presolve off: with it GLPK reports an unbounded problem as "undefined".
  const { result } = solver.solve(lp, { msglev: solver.GLP_MSG_OFF, presol: false });
  if (result.status === solver.GLP_UNBND) return direction === solver.GLP_MAX ? Infinity : -Infinity;
  if (result.status !== solver.GLP_OPT)
    throw new Error(`Audit LP did not solve (status ${result.status}); the table is inconsistent`);
  return Math.round(result.z * 1e6) / 1e6;
}

/**
 * Feasible interval of every hidden position given what is published.
 * @example auditSuppression(toGrid(table), mask, table, solver, 5).ok
 */
export function auditSuppression(
  grid: number[][],
  mask: SuppressionMask,
  shape: { rowsAddUp: boolean; colsAddUp: boolean },
  solver: LpSolver,
  protectionLevel: number,
  published: readonly PublishedRelation[] = [],
): AuditResult {
  // GLPK aborts the whole WebAssembly module on NaN, so bad input is refused here.
  if (!grid.every((row) => row.every((v) => Number.isFinite(v) && v >= 0)))
    throw new RangeError('Counts must be finite and non-negative');
  const constraints = buildConstraints(grid, mask, shape.rowsAddUp, shape.colsAddUp, solver, published);
  const hidden: [number, number, SuppressionReason][] = [];
  mask.forEach((row, r) => row.forEach((reason, c) => reason && hidden.push([r, c, reason])));
  const names = hidden.map(([r, c]) => varName(r, c));
  const intervals = hidden.map(([r, c, reason]): CellInterval => {
    const min = optimise(solver, constraints, names, varName(r, c), solver.GLP_MIN);
    const max = optimise(solver, constraints, names, varName(r, c), solver.GLP_MAX);
    const width = max - min;
    // Every hidden count gets the full protection level, complements too: a reader must not
    // learn any hidden number to better than that interval, whatever the reason it is hidden.
    const required = protectionLevel;
    return { r, c, reason, min, max, width, required, protected: width >= required - 1e-9 && width > 1e-9 };
  });
  return { ok: intervals.every((i) => i.protected), intervals };
}

/**
 * Existence and identifiability of the maximum likelihood estimate, the two
 * tests of Chan, Silverman & Vincent (2019). Existence follows Fienberg &
 * Rinaldo (2012): the MLE exists iff some strictly positive table has the same
 * sufficient statistics (X'm = X'y) as the data, i.e. the data lie in the
 * relative interior of the marginal cone. A linear program maximises the
 * smallest cell of such a table. The LP is skipped when the rows of positive
 * cells alone have full column rank: then no direction of the parameters can
 * raise the likelihood for ever, so the MLE exists. Identifiability asks the
 * design (after the cells fixed at zero by -infinity effects are dropped) for
 * full column rank.
 */
import { matrixRank } from './linalg';
import type { ModelDesign } from './design';
import type { Glpk } from './lp';

export interface ModelCheck {
  readonly exists: boolean;
  readonly identifiable: boolean;
  /** Largest achievable smallest cell of a table with the data's margins (capped at 1); 1 when the LP was not needed. */
  readonly lpValue: number;
}

/** Below this the LP optimum is treated as zero: integer data give optima far above it when positive. */
const LP_ZERO = 1e-7;

/** Largest t such that a table m >= t (every cell) has X'm = X'y; 0 means the MLE does not exist. */
export function largestMinimumCell(design: ModelDesign, glpk: Glpk): number {
  const { x, y } = design;
  const n = y.length;
  const p = design.columns.length;
  if (y.every((count) => count > 0)) return 1;
  const cell = (r: number) => `m${r}`;
  const margins = Array.from({ length: p }, (_, c) => {
    let target = 0;
    const vars: { name: string; coef: number }[] = [];
    for (let r = 0; r < n; r += 1) {
      if (x[r * p + c] === 0) continue;
      vars.push({ name: cell(r), coef: x[r * p + c] });
      target += x[r * p + c] * y[r];
    }
    return { name: `margin${c}`, vars, bnds: { type: glpk.GLP_FX, lb: target, ub: target } };
  });
  const floors = Array.from({ length: n }, (_, r) => ({
    name: `floor${r}`,
    vars: [
      { name: cell(r), coef: 1 },
      { name: 't', coef: -1 },
    ],
    bnds: { type: glpk.GLP_LO, lb: 0, ub: 0 },
  }));
  const result = glpk.solve(
    {
      name: 'mle-existence',
      objective: { direction: glpk.GLP_MAX, name: 'smallest-cell', vars: [{ name: 't', coef: 1 }] },
      subjectTo: [...margins, ...floors],
      bounds: [
        ...Array.from({ length: n }, (_, r) => ({ name: cell(r), type: glpk.GLP_LO, lb: 0, ub: 0 })),
        { name: 't', type: glpk.GLP_DB, lb: 0, ub: 1 },
      ],
    },
    { msglev: glpk.GLP_MSG_OFF },
  );
  if (result.result.status !== glpk.GLP_OPT) return 0;
  return result.result.z;
}

/** Whether the rows of cells with persons already pin down every parameter (a sufficient condition for existence). */
export function positiveCellsDetermineModel(design: ModelDesign): boolean {
  const p = design.columns.length;
  const rows: number[] = [];
  design.y.forEach((count, r) => {
    if (count > 0) rows.push(r);
  });
  if (rows.length < p) return false;
  const positive = new Float64Array(rows.length * p);
  rows.forEach((r, i) => positive.set(design.x.subarray(r * p, (r + 1) * p), i * p));
  return matrixRank(positive, rows.length, p) === p;
}

/** Whether the design has full column rank on the cells it keeps. */
export function isIdentifiable(design: ModelDesign): boolean {
  const p = design.columns.length;
  return design.y.length >= p && matrixRank(design.x, design.y.length, p) === p;
}

/** Both tests of SparseMSE's `checkident`, implemented from the published conditions. */
export function checkModel(design: ModelDesign, glpk: Glpk): ModelCheck {
  const lpValue = positiveCellsDetermineModel(design) ? 1 : largestMinimumCell(design, glpk);
  return { exists: lpValue > LP_ZERO, identifiable: isIdentifiable(design), lpValue };
}

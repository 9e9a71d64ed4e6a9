/**
 * Diagnostics of a fitted log-linear model, as data (the MSE page draws them, `ariadne mse --json` prints them):
 * - every fitted cell, observed against fitted, with its Pearson residual (y - mu) / sqrt(mu) and its deviance
 *   residual sign(y - mu) sqrt(2 (y log(y / mu) - (y - mu)));
 * - the influence of each cell: its leverage h (the diagonal of the IRLS hat matrix W^1/2 X (X'WX)^-1 X' W^1/2,
 *   with W = diag(mu) at the fit), Cook's distance r² h / (p (1 - h)²) as R's cooks.distance gives it for a
 *   Poisson glm (dispersion 1), and, for tables of up to 8 lists, the estimate when the same model is refitted
 *   with the cell left out of the likelihood (its persons still counted as observed);
 * - the influence of each list: the leave-one-list-out estimates of the sensitivity analysis, as a change;
 * - every pair of lists with its overlap (persons on both) against the fitted overlap, flagged below a threshold:
 *   such pairs drive -infinity effects and unstable estimates (Chan, Silverman & Vincent 2019).
 * The bootstrap histogram (`histogram`) bins the replicate estimates.
 */
import { allPairs } from './design';
import { fitPoisson } from './irls';
import { cholesky, choleskySolve } from './linalg';
import type { AlternativeEstimate } from './sensitivity';
import type { FittedModel } from './stepwise';
import { overlapCount, type CellCounts } from './table';

/** Pairs of lists sharing fewer persons than this are flagged (default). */
export const SMALL_OVERLAP = 5;
/** Cells are refitted one by one up to 2^8 - 1 cells (8 lists); beyond, leverage and Cook's distance only. */
export const MAX_REFIT_CELLS = 255;
/** At most this many bins in a bootstrap histogram. */
export const MAX_BINS = 40;

export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface Histogram {
  /** Equal-width bins over the finite estimates (the last bin closed on the right). */
  readonly bins: readonly HistogramBin[];
  readonly finite: number;
  /** Replicates without a finite estimate (not in any bin). */
  readonly unbounded: number;
}

export interface CellDiagnostic {
  /** The lists the cell's persons are on. */
  readonly lists: readonly string[];
  readonly observed: number;
  readonly fitted: number;
  readonly pearson: number;
  readonly deviance: number;
  readonly leverage: number;
  /** Infinite when the cell alone determines a parameter (leverage 1). */
  readonly cooksDistance: number;
  /** The total estimate with this cell left out of the fit; null when not refitted or the refit has no estimate. */
  readonly estimateWithout: number | null;
}

export interface PairOverlap {
  readonly lists: readonly [string, string];
  /** Persons on both lists, whatever other lists they are on. */
  readonly overlap: number;
  /** The same under the fitted model (0 for an effect at -infinity). */
  readonly fitted: number;
  readonly small: boolean;
}

export interface ListInfluence {
  readonly list: string;
  /** The estimate without the list; null when the reduced table admits none. */
  readonly estimate: number | null;
  /** (estimate without the list - estimate) / estimate. */
  readonly change: number | null;
}

export interface MseDiagnostics {
  readonly cells: readonly CellDiagnostic[];
  /** Whether `estimateWithout` was computed (tables of up to 8 lists). */
  readonly cellsRefitted: boolean;
  readonly pairs: readonly PairOverlap[];
  readonly smallOverlapThreshold: number;
  /** Present when the sensitivity analysis ran (its leave-one-list-out estimates). */
  readonly lists?: readonly ListInfluence[];
}

/**
 * Equal-width bins over the finite values, the width by the Freedman–Diaconis rule (2 IQR n^-1/3), between 1 and
 * MAX_BINS bins. Infinite values are counted apart.
 */
export function histogram(values: readonly number[]): Histogram {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const unbounded = values.length - finite.length;
  const n = finite.length;
  if (n === 0) return { bins: [], finite: 0, unbounded };
  const [min, max] = [finite[0], finite[n - 1]];
  if (max === min) return { bins: [{ from: min, to: max, count: n }], finite: n, unbounded };
  const at = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return finite[lo] + (h - lo) * (finite[Math.min(n - 1, lo + 1)] - finite[lo]);
  };
  const width = (2 * (at(0.75) - at(0.25))) / Math.cbrt(n);
  const count = width > 0 ? Math.min(MAX_BINS, Math.max(1, Math.ceil((max - min) / width))) : MAX_BINS;
  const step = (max - min) / count;
  const counts = new Array<number>(count).fill(0);
  for (const value of finite) counts[Math.min(count - 1, Math.floor((value - min) / step))] += 1;
  return {
    bins: counts.map((c, b) => ({ from: min + b * step, to: b === count - 1 ? max : min + (b + 1) * step, count: c })),
    finite: n,
    unbounded,
  };
}

/** Leverages of the rows at the fitted values: mu_r x_r' (X'WX)^-1 x_r; NaN when the information is singular. */
export function leverages(model: FittedModel): Float64Array {
  const { x } = model.design;
  const mu = model.fit.fitted;
  const p = model.design.columns.length;
  const info = new Float64Array(p * p);
  for (let r = 0; r < mu.length; r += 1)
    for (let a = 0; a < p; a += 1) {
      const xa = x[r * p + a];
      if (xa !== 0) for (let b = 0; b < p; b += 1) info[a * p + b] += mu[r] * xa * x[r * p + b];
    }
  const h = new Float64Array(mu.length).fill(Number.NaN);
  if (!cholesky(info, p)) return h;
  for (let r = 0; r < mu.length; r += 1) {
    const row = x.subarray(r * p, (r + 1) * p);
    const solved = choleskySolve(info, p, Float64Array.from(row));
    let quad = 0;
    for (let a = 0; a < p; a += 1) quad += row[a] * solved[a];
    h[r] = Math.min(1, mu[r] * quad);
  }
  return h;
}

function devianceResidual(y: number, mu: number): number {
  const unit = 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
  return Math.sign(y - mu) * Math.sqrt(Math.max(0, unit));
}

/** The model refitted with row `r` of its design left out; the total or null. */
function estimateWithout(model: FittedModel, observed: number, r: number): number | null {
  const { design } = model;
  const p = design.columns.length;
  const keep = (_: unknown, row: number) => row !== r;
  const rows = design.y.length - 1;
  if (rows < p) return null;
  const x = new Float64Array(rows * p);
  let to = 0;
  for (let row = 0; row < design.y.length; row += 1) {
    if (row === r) continue;
    x.set(design.x.subarray(row * p, (row + 1) * p), to * p);
    to += 1;
  }
  const fit = fitPoisson({
    ...design,
    cells: design.cells.filter(keep),
    x,
    y: design.y.filter(keep),
  });
  // A parameter the cell alone determined is no longer identified: no estimate, not a wild one.
  if (!fit.converged || !fit.stdErrors.every(Number.isFinite)) return null;
  const total = observed + Math.exp(fit.beta[0]);
  return Number.isFinite(total) ? total : null;
}

const listsOf = (lists: readonly string[], mask: number) => lists.filter((_, i) => mask & (1 << i));

/** The diagnostics of `model`, fitted to `cells`, whose total estimate is `estimate`. */
export function fitDiagnostics(
  cells: CellCounts,
  model: FittedModel,
  estimate: number,
  options: {
    readonly smallOverlap?: number;
    readonly leaveOneOut?: readonly (AlternativeEstimate & { readonly left: string })[];
  } = {},
): MseDiagnostics {
  const { design, fit } = model;
  const p = design.columns.length;
  const h = leverages(model);
  const refit = design.y.length <= MAX_REFIT_CELLS;
  const cellRows = Array.from(design.cells, (mask, r) => {
    const [y, mu] = [design.y[r], fit.fitted[r]];
    const pearson = (y - mu) / Math.sqrt(mu);
    const leverage = h[r];
    return {
      lists: listsOf(cells.lists, mask),
      observed: y,
      fitted: mu,
      pearson,
      deviance: devianceResidual(y, mu),
      leverage,
      cooksDistance: leverage >= 1 ? Infinity : (pearson * pearson * leverage) / (p * (1 - leverage) ** 2),
      estimateWithout: refit ? estimateWithout(model, cells.observed, r) : null,
    };
  });
  const threshold = options.smallOverlap ?? SMALL_OVERLAP;
  const pairs = allPairs(cells.lists.length).map((pair) => {
    const both = (1 << pair.i) | (1 << pair.j);
    let fitted = 0;
    design.cells.forEach((mask, r) => {
      if ((mask & both) === both) fitted += fit.fitted[r];
    });
    const overlap = overlapCount(cells, pair.i, pair.j);
    return {
      lists: [cells.lists[pair.i], cells.lists[pair.j]] as const,
      overlap,
      fitted,
      small: overlap < threshold,
    };
  });
  const lists = options.leaveOneOut?.map((l) => ({
    list: l.left,
    estimate: l.estimate,
    change: l.estimate === null ? null : (l.estimate - estimate) / estimate,
  }));
  return {
    cells: cellRows,
    cellsRefitted: refit,
    pairs,
    smallOverlapThreshold: threshold,
    ...(lists ? { lists } : {}),
  };
}

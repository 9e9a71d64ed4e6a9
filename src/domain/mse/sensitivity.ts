/**
 * Sensitivity of an estimate to the analyst's choices, as a result in its own
 * right: the estimate against the stepwise threshold; with each list left out,
 * and with each pair of lists merged into one; and a table of competing models
 * with AIC, AICc and BIC, the model each criterion selects, and an AIC-weighted
 * model average.
 *
 * Candidate models: every model of the hierarchy up to two-list effects when
 * there are at most 4 lists (64 models); otherwise the models the forward
 * searches evaluate (the stepwise path, and at each step of the AIC, AICc and
 * BIC searches every model one effect larger). Only models whose MLE exists
 * and is identifiable, and whose fit converges, are candidates.
 *
 * Model averaging (Buckland, Burnham & Augustin 1997): weights
 * w_m = exp(-ΔAIC_m / 2), normalised; the estimate is the weighted mean of the
 * totals; the interval is normal on the log of the hidden count with the
 * unconditional standard error sum_m w_m sqrt(se_m^2 + (θ_m - θ̄)^2), θ_m the
 * log hidden count of model m and θ̄ their weighted mean, so the spread between
 * models widens it. AICc and BIC take n = persons observed.
 */
import { allPairs, buildDesign, pairLabel, type Pair } from './design';
import { MseInputError } from './errors';
import { checkModel } from './existence';
import type { Glpk } from './lp';
import { normalQuantile } from './special';
import { fitModel, stepwiseFit, type FittedModel } from './stepwise';
import { cellCountsFrom, MIN_LOG_LINEAR_LISTS, type CellCounts } from './table';
import { twoListEstimate } from './workbench';

export type Criterion = 'aic' | 'aicc' | 'bic';
export type Selection = 'stepwise' | Criterion;

export interface ModelRow {
  readonly terms: readonly string[];
  readonly infiniteTerms: readonly string[];
  readonly parameters: number;
  readonly deviance: number;
  readonly df: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
  readonly estimate: number;
  /** Wald interval of the total, at the result's level. */
  readonly interval: [number, number];
  readonly aicWeight: number;
  readonly selectedBy: readonly Selection[];
}

export interface AlternativeEstimate {
  /** The lists of the reduced table ("A+B" for a merged pair). */
  readonly lists: readonly string[];
  readonly model: string;
  readonly terms: readonly string[];
  /** Null when the reduced table admits no estimate; `error` then says why. */
  readonly estimate: number | null;
  readonly interval: [number, number] | null;
  readonly error?: string;
}

export interface SensitivitySummary {
  readonly level: number;
  /** The threshold of the stepwise selection reported under `selections.stepwise`. */
  readonly threshold: number;
  /** Stepwise estimate at each threshold of the grid. */
  readonly thresholds: readonly {
    readonly threshold: number;
    readonly estimate: number;
    readonly interval: [number, number];
    readonly terms: readonly string[];
  }[];
  readonly leaveOneOut: readonly (AlternativeEstimate & { readonly left: string })[];
  readonly merged: readonly (AlternativeEstimate & { readonly pair: readonly [string, string] })[];
  /** Competing models by AIC (at most 25 shown), with their weights. */
  readonly models: readonly ModelRow[];
  readonly candidates: { readonly considered: number; readonly set: 'all' | 'searched' };
  readonly selections: Readonly<Record<Selection, { readonly terms: readonly string[]; readonly estimate: number }>>;
  readonly averaged: {
    readonly estimate: number;
    readonly interval: [number, number];
    readonly method: 'aic_weights_buckland';
    readonly models: number;
  };
  /** Smallest and largest estimate over the threshold curve, the left-out and the merged lists. */
  readonly range: [number, number];
}

export const THRESHOLD_GRID = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3] as const;

interface Scored {
  readonly pairs: readonly Pair[];
  readonly model: FittedModel;
  readonly row: Omit<ModelRow, 'aicWeight' | 'selectedBy'>;
  readonly logHidden: number;
  readonly logHiddenSe: number;
}

const keyOf = (pairs: readonly Pair[]) =>
  pairs
    .map((p) => `${p.i}-${p.j}`)
    .sort()
    .join(',');

/** Fits and scores candidate models once each. */
class Candidates {
  readonly scored = new Map<string, Scored | null>();
  constructor(
    private readonly cells: CellCounts,
    private readonly glpk: Glpk,
    private readonly z: number,
  ) {}

  score(pairs: readonly Pair[]): Scored | null {
    const key = keyOf(pairs);
    if (this.scored.has(key)) return this.scored.get(key)!;
    const value = this.compute(pairs);
    this.scored.set(key, value);
    return value;
  }

  private compute(pairs: readonly Pair[]): Scored | null {
    const { cells } = this;
    if (pairs.length) {
      const check = checkModel(buildDesign(cells, pairs), this.glpk);
      if (!check.exists || !check.identifiable) return null;
    }
    const model = fitModel(cells, pairs);
    const [b0, se] = [model.fit.beta[0], model.fit.stdErrors[0]];
    if (!model.fit.converged || !Number.isFinite(se)) return null;
    return { pairs, model, logHidden: b0, logHiddenSe: se, row: rowOf(cells, model, this.z) };
  }

  get valid(): Scored[] {
    return [...this.scored.values()].filter((s): s is Scored => s !== null);
  }
}

function rowOf(cells: CellCounts, model: FittedModel, z: number): Scored['row'] {
  const { design, fit } = model;
  // As the AIC of the result: -infinity effects count as parameters.
  const p = design.columns.length + design.infinitePairs.length;
  const n = cells.observed;
  const aic = -2 * fit.logLik + 2 * p;
  const [b0, se] = [fit.beta[0], fit.stdErrors[0]];
  return {
    terms: design.finitePairs.map((pair) => pairLabel(cells.lists, pair)),
    infiniteTerms: design.infinitePairs.map((pair) => pairLabel(cells.lists, pair)),
    parameters: p,
    deviance: Math.max(0, fit.deviance),
    df: design.y.length - design.columns.length,
    aic,
    aicc: n - p - 1 > 0 ? aic + (2 * p * (p + 1)) / (n - p - 1) : Infinity,
    bic: -2 * fit.logLik + p * Math.log(n),
    estimate: n + Math.exp(b0),
    interval: [n + Math.exp(b0 - z * se), n + Math.exp(b0 + z * se)],
  };
}

/** Forward search by an information criterion: add the effect that lowers it most, until none does. */
function forwardSearch(cells: CellCounts, candidates: Candidates, criterion: Criterion): Scored {
  let current = candidates.score([])!;
  const pairs = allPairs(cells.lists.length);
  for (;;) {
    let best: Scored | null = null;
    for (const pair of pairs) {
      if (current.pairs.some((q) => q.i === pair.i && q.j === pair.j)) continue;
      const next = candidates.score([...current.pairs, pair]);
      if (next && (!best || next.row[criterion] < best.row[criterion])) best = next;
    }
    if (!best || !(best.row[criterion] < current.row[criterion])) return current;
    current = best;
  }
}

/** Projects the counts onto new lists: `target[i]` is the new list of old list i, or -1 to drop it. */
function project(cells: CellCounts, names: readonly string[], target: readonly number[]): CellCounts {
  const counts = new Float64Array(1 << names.length);
  cells.counts.forEach((count, mask) => {
    if (count <= 0) return;
    let to = 0;
    target.forEach((t, i) => {
      if (t >= 0 && mask & (1 << i)) to |= 1 << t;
    });
    counts[to] += count;
  });
  // Persons only on a dropped list are no longer observed by the lists kept.
  counts[0] = 0;
  return cellCountsFrom(names, counts);
}

export type Refit = (cells: CellCounts) => { model: FittedModel; name: string };

function alternative(make: () => CellCounts, refit: Refit, level: number): AlternativeEstimate {
  let lists: readonly string[] = [];
  try {
    const cells = make();
    lists = cells.lists;
    if (cells.lists.length < MIN_LOG_LINEAR_LISTS) {
      const two = twoListEstimate(cells, level);
      return { lists, model: 'two_list', terms: [], estimate: two.estimate, interval: two.interval.wald };
    }
    const { model, name } = refit(cells);
    const row = rowOf(cells, model, normalQuantile((1 + level) / 2));
    return { lists, model: name, terms: row.terms, estimate: row.estimate, interval: row.interval };
  } catch (error) {
    if (!(error instanceof MseInputError)) throw error;
    return { lists, model: 'none', terms: [], estimate: null, interval: null, error: error.code };
  }
}

/**
 * The sensitivity summary of a table with at least three lists. `refit` fits a
 * reduced table the way the estimate was fitted (same method and threshold).
 */
export function sensitivityAnalysis(
  cells: CellCounts,
  glpk: Glpk,
  options: { readonly level: number; readonly threshold: number; readonly refit: Refit },
): SensitivitySummary {
  const { level, refit } = options;
  const z = normalQuantile((1 + level) / 2);
  const candidates = new Candidates(cells, glpk, z);
  const k = cells.lists.length;

  const thresholds = THRESHOLD_GRID.map((threshold) => {
    const model = stepwiseFit(cells, glpk, threshold);
    const row = rowOf(cells, model, z);
    candidates.score(model.pairs);
    return { threshold, estimate: row.estimate, interval: row.interval, terms: row.terms };
  });
  // Every prefix of the widest stepwise path is a candidate too.
  const widest = stepwiseFit(cells, glpk, THRESHOLD_GRID[THRESHOLD_GRID.length - 1]);
  widest.pairs.forEach((_, n) => candidates.score(widest.pairs.slice(0, n + 1)));

  const leaveOneOut = cells.lists.map((left, i) => ({
    left,
    ...alternative(
      () =>
        project(
          cells,
          cells.lists.filter((_, j) => j !== i),
          cells.lists.map((_, j) => (j === i ? -1 : j < i ? j : j - 1)),
        ),
      refit,
      level,
    ),
  }));
  const merged = allPairs(k).map(({ i, j }) => {
    const names = [`${cells.lists[i]}+${cells.lists[j]}`, ...cells.lists.filter((_, l) => l !== i && l !== j)];
    const target = cells.lists.map((_, l) => {
      if (l === i || l === j) return 0;
      return 1 + cells.lists.filter((_, m) => m !== i && m !== j).indexOf(cells.lists[l]);
    });
    return {
      pair: [cells.lists[i], cells.lists[j]] as const,
      ...alternative(() => project(cells, names, target), refit, level),
    };
  });

  let set: 'all' | 'searched' = 'searched';
  const pairs = allPairs(k);
  if (pairs.length <= 6) {
    set = 'all';
    for (let subset = 0; subset < 1 << pairs.length; subset += 1)
      candidates.score(pairs.filter((_, n) => subset & (1 << n)));
  }
  const stepwise = stepwiseFit(cells, glpk, options.threshold);
  const selected = candidates.score(stepwise.pairs);
  const byCriterion = {
    aic: forwardSearch(cells, candidates, 'aic'),
    aicc: forwardSearch(cells, candidates, 'aicc'),
    bic: forwardSearch(cells, candidates, 'bic'),
  };
  const valid = candidates.valid;
  if (set === 'all') {
    // With every model scored, each criterion selects its global best rather than the forward search's.
    for (const criterion of ['aic', 'aicc', 'bic'] as const)
      byCriterion[criterion] = valid.reduce((a, b) => (b.row[criterion] < a.row[criterion] ? b : a));
  }
  const minAic = Math.min(...valid.map((s) => s.row.aic));
  const raw = valid.map((s) => Math.exp(-(s.row.aic - minAic) / 2));
  const totalWeight = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / totalWeight);
  const theta = valid.reduce((sum, s, m) => sum + weights[m] * s.logHidden, 0);
  const seU = valid.reduce(
    (sum, s, m) => sum + weights[m] * Math.sqrt(s.logHiddenSe ** 2 + (s.logHidden - theta) ** 2),
    0,
  );
  const averagedEstimate = valid.reduce((sum, s, m) => sum + weights[m] * s.row.estimate, 0);

  const selectionOf = (s: Scored | null, fallback: FittedModel) => {
    const row = s?.row ?? rowOf(cells, fallback, z);
    return { terms: row.terms, estimate: row.estimate };
  };
  const keyed = (s: Scored | null) => (s ? keyOf(s.pairs) : '');
  const selectedKeys: Record<Selection, string> = {
    stepwise: keyed(selected),
    aic: keyOf(byCriterion.aic.pairs),
    aicc: keyOf(byCriterion.aicc.pairs),
    bic: keyOf(byCriterion.bic.pairs),
  };
  const models = valid
    .map((s, m) => ({
      ...s.row,
      aicWeight: weights[m],
      selectedBy: (Object.keys(selectedKeys) as Selection[]).filter((name) => selectedKeys[name] === keyOf(s.pairs)),
    }))
    .sort((a, b) => a.aic - b.aic)
    .filter((row, index) => index < 25 || row.selectedBy.length > 0);

  const estimates = [
    ...thresholds.map((t) => t.estimate),
    ...leaveOneOut.map((l) => l.estimate),
    ...merged.map((l) => l.estimate),
  ].filter((e): e is number => e !== null && Number.isFinite(e));
  return {
    level,
    threshold: options.threshold,
    thresholds,
    leaveOneOut,
    merged,
    models,
    candidates: { considered: valid.length, set },
    selections: {
      stepwise: selectionOf(selected, stepwise),
      aic: selectionOf(byCriterion.aic, byCriterion.aic.model),
      aicc: selectionOf(byCriterion.aicc, byCriterion.aicc.model),
      bic: selectionOf(byCriterion.bic, byCriterion.bic.model),
    },
    averaged: {
      estimate: averagedEstimate,
      interval: [cells.observed + Math.exp(theta - z * seU), cells.observed + Math.exp(theta + z * seU)],
      method: 'aic_weights_buckland',
      models: valid.length,
    },
    range: [Math.min(...estimates), Math.max(...estimates)],
  };
}

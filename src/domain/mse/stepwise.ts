/**
 * Forward stepwise selection of two-list effects, as SparseMSE's
 * `stepwisefit`. Each candidate is scored by the one-sided Poisson p-value of
 * the number of persons on both of its lists, whose mean under the current
 * model is the sum of the fitted cells on both lists; the tail is the one the
 * observation falls in, so avoidance (fewer in common than expected) counts too.
 * The lowest p-value below the threshold is added, provided the enlarged model
 * passes both existence and identifiability checks. A pair with no overlap can
 * enter this way: its effect is -infinity (see design.ts). This is what
 * reproduces SparseMSE on the Netherlands data, where K:R enters before IO:K.
 */
import { allPairs, buildDesign, pairLabel, type ModelDesign, type Pair } from './design';
import { checkModel } from './existence';
import { fitPoisson, type PoissonFit } from './irls';
import { poissonLowerTail, poissonUpperTail } from './special';
import { overlapCount, type CellCounts } from './table';
import type { Glpk } from './lp';

export interface StepwiseStep {
  readonly term: string;
  readonly pValue: number;
}

export interface RejectedTerm {
  readonly term: string;
  readonly pValue: number;
  readonly reason: 'mle_does_not_exist' | 'not_identifiable' | 'not_converged';
}

export interface FittedModel {
  readonly pairs: readonly Pair[];
  readonly design: ModelDesign;
  readonly fit: PoissonFit;
}

export interface StepwiseResult extends FittedModel {
  readonly steps: readonly StepwiseStep[];
  /** Significant terms that were passed over because the enlarged model fails a check. */
  readonly rejected: readonly RejectedTerm[];
}

/** Fits main effects plus `pairs` (no checks: the caller has checked the model). */
export function fitModel(cells: CellCounts, pairs: readonly Pair[]): FittedModel {
  const design = buildDesign(cells, pairs);
  return { pairs, design, fit: fitPoisson(design) };
}

/** P-value of adding `pair` to a fitted model: persons on both lists against their fitted mean. */
export function additionPValue(model: FittedModel, cells: CellCounts, pair: Pair): number {
  const both = (1 << pair.i) | (1 << pair.j);
  let expected = 0;
  model.design.cells.forEach((mask, row) => {
    if ((mask & both) === both) expected += model.fit.fitted[row];
  });
  const observed = overlapCount(cells, pair.i, pair.j);
  return Math.min(poissonUpperTail(observed, expected), poissonLowerTail(observed, expected));
}

/** Runs the stepwise search from the main-effects model. */
export function stepwiseFit(cells: CellCounts, glpk: Glpk, pThreshold: number): StepwiseResult {
  let model = fitModel(cells, []);
  const steps: StepwiseStep[] = [];
  const rejected: RejectedTerm[] = [];
  const inModel = (pair: Pair) => model.pairs.some((q) => q.i === pair.i && q.j === pair.j);
  for (;;) {
    const scored = allPairs(cells.lists.length)
      .filter((pair) => !inModel(pair))
      .map((pair) => ({ pair, pValue: additionPValue(model, cells, pair) }))
      .filter((candidate) => candidate.pValue < pThreshold)
      .sort((a, b) => a.pValue - b.pValue);
    let added = false;
    for (const { pair, pValue } of scored) {
      const pairs = [...model.pairs, pair];
      const check = checkModel(buildDesign(cells, pairs), glpk);
      const term = pairLabel(cells.lists, pair);
      if (check.exists && check.identifiable) {
        const next = fitModel(cells, pairs);
        if (!next.fit.converged) {
          // A numerical failure, not a property of the model: passed over, but reported.
          if (!rejected.some((r) => r.term === term)) rejected.push({ term, pValue, reason: 'not_converged' });
          continue;
        }
        model = next;
        steps.push({ term, pValue });
        added = true;
        break;
      }
      if (!rejected.some((r) => r.term === term)) {
        rejected.push({ term, pValue, reason: check.exists ? 'not_identifiable' : 'mle_does_not_exist' });
      }
    }
    if (!added) return { ...model, steps, rejected };
  }
}

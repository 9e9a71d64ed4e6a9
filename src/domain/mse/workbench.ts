/**
 * What SparseMSE offers beside the stepwise fit, written from its documented
 * behaviour: a model the user chooses (`fixed`), the check of every model of
 * the hierarchy (`checkallmodels`), the removal of lists that carry no
 * information (`removenoninformativelists`); and what it lacks: two lists,
 * estimated by Lincoln-Petersen and Chapman with their caveats stated.
 */
import { allPairs, buildDesign, pairLabel, type Pair } from './design';
import { MseInputError } from './errors';
import { checkModel } from './existence';
import type { Glpk } from './lp';
import { normalQuantile } from './special';
import type { CaptureTable, CellCounts } from './table';
import type { MseCaveat, MseResult, RemovedList } from './types';

/** Reads "A:B" terms against the lists; refuses unknown lists, a list paired with itself and repeats. */
export function parseTerms(lists: readonly string[], terms: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  for (const term of terms) {
    const names = term.split(':').map((name) => name.trim());
    const [a, b] = names.map((name) => lists.indexOf(name));
    if (names.length !== 2 || a < 0 || b < 0 || a === b)
      throw new MseInputError(
        'invalid_options',
        `The term "${term}" must name two different lists of the table, as "${lists[0]}:${lists[1]}".`,
      );
    const pair = { i: Math.min(a, b), j: Math.max(a, b) };
    if (pairs.some((p) => p.i === pair.i && p.j === pair.j))
      throw new MseInputError('invalid_options', `The term "${term}" is given twice.`);
    pairs.push(pair);
  }
  return pairs;
}

/**
 * Leaves out the lists that cannot inform the estimate: a list with nobody, a
 * list that holds everyone observed (nobody is known to be missing from it), and
 * a list that repeats another one person for person. Persons left on no list
 * are dropped from the table and counted.
 */
export function removeNonInformativeLists(table: CaptureTable): {
  table: CaptureTable;
  removed: RemovedList[];
  personsDropped: number;
} {
  const rows = table.histories.filter((h) => h.count > 0);
  const observed = rows.reduce((sum, h) => sum + h.count, 0);
  const removed: RemovedList[] = [];
  const kept: number[] = [];
  table.lists.forEach((list, i) => {
    const on = rows.reduce((sum, h) => sum + (h.pattern[i] === 1 ? h.count : 0), 0);
    if (on === 0) return removed.push({ list, reason: 'empty' });
    if (on === observed) return removed.push({ list, reason: 'contains_everyone' });
    const twin = kept.find((j) => rows.every((h) => h.pattern[i] === h.pattern[j]));
    if (twin !== undefined) return removed.push({ list, reason: 'duplicate', duplicateOf: table.lists[twin] });
    kept.push(i);
  });
  if (!removed.length) return { table, removed, personsDropped: 0 };
  const merged = new Map<string, number>();
  let personsDropped = 0;
  for (const h of rows) {
    const pattern = kept.map((i) => h.pattern[i]);
    if (!pattern.includes(1)) {
      personsDropped += h.count;
      continue;
    }
    const key = pattern.join('');
    merged.set(key, (merged.get(key) ?? 0) + h.count);
  }
  return {
    table: {
      lists: kept.map((i) => table.lists[i]),
      histories: [...merged].map(([key, count]) => ({ pattern: [...key].map(Number), count })),
    },
    removed,
    personsDropped,
  };
}

const CLOSED_POPULATION: MseCaveat = {
  code: 'closed_population',
  message:
    'The estimate assumes a closed population: nobody entered or left it over the period the lists cover, and a person on both lists is recognised as the same person.',
};

/**
 * Two lists: Lincoln-Petersen n1 n2 / m and Chapman (n1 + 1)(n2 + 1)/(m + 1) - 1
 * (Chapman 1951), with Seber's (1970) variance. The interval is Chao's (1987)
 * log-normal one on the persons on no list, so it never falls below the number observed.
 */
export function twoListEstimate(cells: CellCounts, level: number): MseResult {
  const n1 = cells.counts[1] + cells.counts[3];
  const n2 = cells.counts[2] + cells.counts[3];
  const m = cells.counts[3];
  const chapman = ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
  const lincolnPetersen = m > 0 ? (n1 * n2) / m : Infinity;
  const variance = ((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m)) / ((m + 1) ** 2 * (m + 2));
  const hidden = ((n1 - m) * (n2 - m)) / (m + 1);
  const z = normalQuantile((1 + level) / 2);
  const spread = hidden > 0 ? Math.exp(z * Math.sqrt(Math.log(1 + variance / hidden ** 2))) : 1;
  const caveats: MseCaveat[] = [
    {
      code: 'two_list_independence',
      message:
        'With two lists the estimate assumes that being on one list does not change the chance of being on the other. Two lists cannot test this: if the lists tend to find the same persons, the hidden population is underestimated; if they avoid each other, it is overestimated.',
    },
    CLOSED_POPULATION,
  ];
  if (m === 0)
    caveats.push({
      code: 'lincoln_petersen_undefined',
      message:
        'Nobody is on both lists: the Lincoln-Petersen estimate is unbounded, and the Chapman estimate rests on no overlap at all.',
    });
  return {
    lists: cells.lists,
    model: 'two_list',
    observed: cells.observed,
    hiddenEstimate: hidden,
    estimate: chapman,
    interval: { level, wald: [cells.observed + hidden / spread, cells.observed + hidden * spread] },
    terms: [],
    infiniteTerms: [],
    steps: [],
    coefficients: [],
    fit: {
      deviance: 0,
      df: 0,
      pValue: Number.NaN,
      aic: Number.NaN,
      test: 'none',
      cells: 3,
      expectedBelow5: 0,
      expectedBelow1: 0,
    },
    warnings: [],
    caveats,
    twoList: { onFirst: n1, onSecond: n2, onBoth: m, lincolnPetersen, chapman, variance },
  };
}

/** Every model of the hierarchy up to two-list effects, checked: 2^(k(k-1)/2) of them. */
export const MAX_CHECKED_MODELS = 2 ** 15;

export interface AllModelsCheck {
  readonly models: number;
  readonly exist: number;
  readonly identifiable: number;
  /** Models that both exist and are identifiable: the ones that can give an estimate. */
  readonly estimable: number;
  /** The models that cannot (at most 200 listed), by their terms. */
  readonly failing: readonly {
    readonly terms: readonly string[];
    readonly exists: boolean;
    readonly identifiable: boolean;
  }[];
  readonly failingTotal: number;
}

/** SparseMSE's checkallmodels: the existence and identifiability checks of existence.ts on every model. */
export function checkAllModels(cells: CellCounts, glpk: Glpk): AllModelsCheck {
  const pairs = allPairs(cells.lists.length);
  const models = 2 ** pairs.length;
  if (models > MAX_CHECKED_MODELS)
    throw new MseInputError(
      'too_many_lists',
      `Checking every model is offered up to 6 lists (${MAX_CHECKED_MODELS} models); this table has ${cells.lists.length} lists, that is ${models} models.`,
    );
  let exist = 0;
  let identifiable = 0;
  let estimable = 0;
  const failing: { terms: string[]; exists: boolean; identifiable: boolean }[] = [];
  let failingCount = 0;
  for (let subset = 0; subset < models; subset += 1) {
    const chosen = pairs.filter((_, index) => subset & (1 << index));
    const check = checkModel(buildDesign(cells, chosen), glpk);
    if (check.exists) exist += 1;
    if (check.identifiable) identifiable += 1;
    if (check.exists && check.identifiable) estimable += 1;
    else {
      failingCount += 1;
      if (failing.length < 200)
        failing.push({
          terms: chosen.map((pair) => pairLabel(cells.lists, pair)),
          exists: check.exists,
          identifiable: check.identifiable,
        });
    }
  }
  return { models, exist, identifiable, estimable, failing, failingTotal: failingCount };
}

/**
 * The promise of a suppressed report, checked from the outside: from random
 * person-level facts, tabulate and protect, then play the reader who sees only
 * what is published (cells, totals and every number in the provenance) and
 * bound each hidden count by linear programming, independently of the audit.
 */
import fc from 'fast-check';
import type { LP } from 'glpk.js/node';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PersonFact } from './facts';
import type { LpSolver } from './lp-audit';
import { loadLpSolver } from './lp-solver';
import { POPULATIONS } from './populations';
import { isSuppressed, protectReport, type PublishedCount, type PublishedReport } from './protect';
import { crossTabulate } from './report';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

type Constraint = LP['subjectTo'][number];

/** Every hidden count's feasible interval given everything the release states. */
function readerIntervals(published: PublishedReport): { name: string; width: number }[] {
  // What leaves the server is JSON: work on exactly that.
  const release = JSON.parse(JSON.stringify(published)) as PublishedReport;
  const { cells, rowTotals, colTotals, grandTotal, rowsAddUp, colsAddUp } = release.table;
  const R = rowTotals.length;
  const C = colTotals.length;
  const grid: PublishedCount[][] = [...cells.map((row, r) => [...row, rowTotals[r]]), [...colTotals, grandTotal]];
  const name = (r: number, c: number) => `v${r}_${c}`;
  const constraints: Constraint[] = [];
  const relate = (terms: [number, number, number][], type: 'eq' | 'ge' | 'le', rhs: number) => {
    let bound = rhs;
    const vars: { name: string; coef: number }[] = [];
    for (const [r, c, coef] of terms) {
      const v = grid[r][c];
      if (isSuppressed(v)) vars.push({ name: name(r, c), coef });
      else bound -= coef * v;
    }
    if (vars.length === 0) return;
    const bnds =
      type === 'eq'
        ? { type: solver.GLP_FX, lb: bound, ub: bound }
        : type === 'ge'
          ? { type: solver.GLP_LO, lb: bound, ub: 0 }
          : { type: solver.GLP_UP, lb: 0, ub: bound };
    constraints.push({ name: `k${constraints.length}`, vars, bnds });
  };
  // Rows (the margin row too) add up when columns do not overlap; otherwise cells cover the total and each is within it.
  for (let r = 0; r <= R; r++) {
    const terms: [number, number, number][] = [
      ...Array.from({ length: C }, (_, c) => [r, c, 1] as [number, number, number]),
      [r, C, -1],
    ];
    relate(terms, rowsAddUp ? 'eq' : 'ge', 0);
    if (!rowsAddUp)
      for (let c = 0; c < C; c++)
        relate(
          [
            [r, c, 1],
            [r, C, -1],
          ],
          'le',
          0,
        );
  }
  for (let c = 0; c <= C; c++) {
    const terms: [number, number, number][] = [
      ...Array.from({ length: R }, (_, r) => [r, c, 1] as [number, number, number]),
      [R, c, -1],
    ];
    relate(terms, colsAddUp ? 'eq' : 'ge', 0);
    if (!colsAddUp)
      for (let r = 0; r < R; r++)
        relate(
          [
            [r, c, 1],
            [R, c, -1],
          ],
          'le',
          0,
        );
  }
  // The provenance: the persons counted are the grand total.
  if (release.provenance.personsCounted !== undefined) relate([[R, C, 1]], 'eq', release.provenance.personsCounted);
  const hidden: [number, number][] = [];
  grid.forEach((row, r) => row.forEach((v, c) => isSuppressed(v) && hidden.push([r, c])));
  const bounds = hidden.map(([r, c]) => ({ name: name(r, c), type: solver.GLP_LO, lb: 0, ub: 0 }));
  const solve = (target: string, direction: number) => {
    const { result } = solver.solve(
      {
        name: 'reader',
        objective: { direction, name: 'obj', vars: [{ name: target, coef: 1 }] },
        subjectTo: constraints,
        bounds,
      },
      { msglev: solver.GLP_MSG_OFF, presol: false },
    );
    if (result.status === solver.GLP_UNBND) return direction === solver.GLP_MAX ? Infinity : -Infinity;
    expect(result.status).toBe(solver.GLP_OPT);
    return result.z;
  };
  return hidden.map(([r, c]) => ({
    name: name(r, c),
    width: solve(name(r, c), solver.GLP_MAX) - solve(name(r, c), solver.GLP_MIN),
  }));
}

const forms = ['sexual_exploitation', 'forced_labour', 'begging'];
const people = fc.array(
  fc.record({
    sex: fc.constantFrom('female', 'male', null),
    citizenship: fc.constantFrom('MD', 'RO', 'NG', null),
    year: fc.constantFrom(2024, 2025),
    forms: fc.subarray(forms),
    status: fc.constantFrom('assisted', 'assisted', 'potential_victim'),
  }),
  { maxLength: 40 },
);
const dimensions = fc.constantFrom('sex', 'citizenship', 'year', 'formOfExploitation', 'all') as fc.Arbitrary<
  'sex' | 'citizenship' | 'year' | 'formOfExploitation' | 'all'
>;

describe('a published report: nothing hidden can be recovered from what it states (property)', () => {
  test('every hidden count keeps a feasible interval at least the protection level wide, given all published numbers', () => {
    let hiddenTotals = 0;
    fc.assert(
      fc.property(people, dimensions, dimensions, fc.constantFrom(3, 5), (rows, rowDim, colDim, threshold) => {
        const facts: PersonFact[] = rows.map((p, i) => ({
          personId: `p${i}`,
          yearFirstIdentified: p.year,
          sex: p.sex,
          ageBand: 'unknown',
          citizenship: p.citizenship,
          formsOfExploitation: p.forms,
          identificationChannel: null,
          programmeType: null,
          outcome: null,
          status: p.status as PersonFact['status'],
        }));
        const report = crossTabulate(facts, POPULATIONS.assisted_persons, rowDim === 'all' ? 'sex' : rowDim, colDim, {
          period: { from: 2024, to: 2025 },
          scope: { description: 't' },
          generatedAt: 'x',
        });
        const published = protectReport(report, solver, { threshold });
        const level = published.table.options.protectionLevel;
        for (const interval of readerIntervals(published))
          expect(interval.width, interval.name).toBeGreaterThanOrEqual(level - 1e-6);
        // The provenance states no number but the published grand total.
        const numbers = Object.entries(published.provenance).filter(([, v]) => typeof v === 'number');
        expect(numbers.map(([k]) => k)).toEqual(isSuppressed(published.table.grandTotal) ? [] : ['personsCounted']);
        if (isSuppressed(published.table.grandTotal)) hiddenTotals += 1;
      }),
      { numRuns: 120, seed: 1913 },
    );
    // The runs did exercise a hidden grand total.
    expect(hiddenTotals).toBeGreaterThan(0);
  });

  test('a hidden grand total is not stated as the persons counted, nor are the facts given', async () => {
    const facts: PersonFact[] = ['MD', 'MD', 'RO'].map((citizenship, i) => ({
      personId: `p${i}`,
      yearFirstIdentified: 2025,
      sex: 'female',
      ageBand: 'unknown',
      citizenship,
      formsOfExploitation: [],
      identificationChannel: null,
      programmeType: null,
      outcome: null,
      status: 'assisted',
    }));
    const report = crossTabulate(facts, POPULATIONS.assisted_persons, 'citizenship', 'sex', {
      period: { from: 2025, to: 2025 },
      scope: { description: 't' },
      generatedAt: 'x',
    });
    const published = protectReport(report, solver);
    expect(isSuppressed(published.table.grandTotal)).toBe(true);
    expect(published.provenance).not.toHaveProperty('personsCounted');
    expect(published.provenance).not.toHaveProperty('factsConsidered');
    expect(published.provenance.disclosureControl.join(' ')).toMatch(/persons counted withheld/);
  });
});

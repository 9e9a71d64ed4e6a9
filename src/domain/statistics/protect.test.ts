import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { auditSuppression, type LpSolver } from './lp-audit';
import { loadLpSolver } from './lp-solver';
import type { PersonFact } from './facts';
import { POPULATIONS } from './populations';
import { isSuppressed, protectReport, protectTable, type ProtectedTable } from './protect';
import { crossTabulate } from './report';
import { singlySuppressedLines } from './suppression';
import { toGrid, type CountTable } from './table';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

/** An additive table from interior cells, margins computed. */
function additive(cells: number[][]): CountTable {
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = cells[0].map((_, c) => cells.reduce((a, row) => a + row[c], 0));
  return {
    rows: cells.map((_, r) => `r${r}`),
    cols: cells[0].map((_, c) => `c${c}`),
    cells,
    rowTotals,
    colTotals,
    grandTotal: rowTotals.reduce((a, b) => a + b, 0),
    rowsAddUp: true,
    colsAddUp: true,
  };
}

/** The published grid rendered with "x" for hidden counts, margins last. */
function render(t: ProtectedTable): (number | 'x')[][] {
  const show = (v: ProtectedTable['grandTotal']): number | 'x' => (isSuppressed(v) ? 'x' : v);
  return [
    ...t.cells.map((row, r) => [...row.map(show), show(t.rowTotals[r])]),
    [...t.colTotals.map(show), show(t.grandTotal)],
  ];
}

function maskOf(t: ProtectedTable) {
  const m = (v: ProtectedTable['grandTotal']) => (isSuppressed(v) ? v.reason : null);
  return [...t.cells.map((row, r) => [...row.map(m), m(t.rowTotals[r])]), [...t.colTotals.map(m), m(t.grandTotal)]];
}

describe('protectTable: known examples', () => {
  test.each([
    {
      name: 'one small cell: complements form a rectangle, margins stay published',
      cells: [
        [1, 10, 20],
        [10, 20, 30],
        [15, 25, 35],
      ],
      options: { protectionLevel: 1 },
      expected: [
        ['x', 'x', 20, 31],
        ['x', 'x', 30, 60],
        [15, 25, 35, 75],
        [26, 55, 85, 166],
      ],
    },
    {
      name: 'two small cells in one row protect each other in that row',
      cells: [
        [2, 3, 50],
        [20, 30, 40],
      ],
      options: {},
      expected: [
        ['x', 'x', 50, 55],
        ['x', 'x', 40, 90],
        [22, 33, 90, 145],
      ],
    },
    {
      name: 'a small margin is hidden with its row',
      cells: [
        [1, 2],
        [30, 40],
        [50, 60],
      ],
      options: { protectionLevel: 1 },
      expected: [
        ['x', 'x', 'x'],
        ['x', 'x', 'x'],
        [50, 60, 110],
        [81, 102, 183],
      ],
    },
    {
      name: 'zeros are shown by default',
      cells: [
        [0, 10],
        [10, 20],
      ],
      options: {},
      expected: [
        [0, 10, 10],
        [10, 20, 30],
        [10, 30, 40],
      ],
    },
  ])('$name', ({ cells, options, expected }) => {
    expect(render(protectTable(additive(cells), solver, options))).toEqual(expected);
  });

  test('without complements the hidden cell is recovered by subtraction; with them it is not', () => {
    const table = additive([
      [1, 10, 20],
      [10, 20, 30],
      [15, 25, 35],
    ]);
    const grid = [
      [1, 10, 20, 31],
      [10, 20, 30, 60],
      [15, 25, 35, 75],
      [26, 55, 85, 166],
    ];
    const onlyPrimary = grid.map((row, r) => row.map((_, c) => (r === 0 && c === 0 ? ('primary' as const) : null)));
    const naive = auditSuppression(grid, onlyPrimary, table, solver, 5);
    expect(naive.intervals[0]).toMatchObject({ min: 1, max: 1, protected: false });
    const safe = protectTable(table, solver);
    const cell = safe.audit.intervals.find((i) => i.r === 0 && i.c === 0)!;
    expect(cell.max - cell.min).toBeGreaterThanOrEqual(5);
    expect(safe.audit.ok).toBe(true);
  });

  test('zero cells can be made unsafe', () => {
    expect(
      render(
        protectTable(
          additive([
            [0, 10],
            [10, 20],
          ]),
          solver,
          { zeroIsSafe: false },
        ),
      )[0][0],
    ).toBe('x');
  });

  test('overlapping columns: the audit uses inequalities and still protects', () => {
    // Forms of exploitation as columns: persons in two forms make rows sum above their totals.
    const table: CountTable = {
      rows: ['F', 'M'],
      cols: ['sexual', 'labour', 'begging'],
      cells: [
        [30, 3, 12],
        [8, 25, 9],
      ],
      rowTotals: [40, 38],
      colTotals: [38, 28, 21],
      grandTotal: 78,
      rowsAddUp: false,
      colsAddUp: true,
    };
    const result = protectTable(table, solver);
    expect(isSuppressed(result.cells[0][1])).toBe(true);
    expect(result.audit.ok).toBe(true);
    expect(singlySuppressedLines(maskOf(result))).toEqual([]);
  });
});

describe('protectTable: recovery by subtraction is impossible (property)', () => {
  const tables = fc
    .record({ rows: fc.integer({ min: 1, max: 5 }), cols: fc.integer({ min: 1, max: 5 }) })
    .chain(({ rows, cols }) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
          minLength: cols,
          maxLength: cols,
        }),
        { minLength: rows, maxLength: rows },
      ),
    );

  test.each([
    ['default options', {}],
    ['threshold 3, zeros unsafe', { threshold: 3, zeroIsSafe: false }],
    ['protection level 1', { protectionLevel: 1 }],
  ])('%s', (_name, options) => {
    fc.assert(
      fc.property(tables, (cells) => {
        const result = protectTable(additive(cells), solver, options);
        const mask = maskOf(result);
        expect(singlySuppressedLines(mask)).toEqual([]);
        // Re-audit independently: every hidden count has a feasible interval of width > 0.
        const grid = toGrid(additive(cells));
        const audit = auditSuppression(grid, mask, result, solver, result.options.protectionLevel);
        for (const interval of audit.intervals) {
          expect(interval.width).toBeGreaterThan(0);
          if (interval.reason === 'primary')
            expect(interval.width).toBeGreaterThanOrEqual(result.options.protectionLevel);
        }
        // Every small non-zero count is hidden.
        cells.forEach((row, r) =>
          row.forEach((v, c) => v > 0 && v < result.options.threshold && expect(mask[r][c]).not.toBeNull()),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('protectReport: end to end from person facts (property)', () => {
  const forms = ['sexual_exploitation', 'forced_labour', 'begging', 'illegal_activities'];
  const personFacts = fc.array(
    fc.record({
      sex: fc.constantFrom('female', 'male', null),
      citizenship: fc.constantFrom('md', 'ro', 'al', 'ua', null),
      forms: fc.subarray(forms),
      status: fc.constantFrom('assisted', 'potential_victim', 'smuggling'),
    }),
    { maxLength: 120 },
  );

  test('overlapping categories (forms of exploitation) are protected too', () => {
    fc.assert(
      fc.property(
        personFacts,
        fc.constantFrom('citizenship', 'sex') as fc.Arbitrary<'citizenship' | 'sex'>,
        (rows, other) => {
          const facts: PersonFact[] = rows.map((p, i) => ({
            personId: `p${i}`,
            yearFirstIdentified: 2024,
            sex: p.sex,
            ageBand: 'unknown',
            citizenship: p.citizenship,
            formsOfExploitation: p.forms,
            identificationChannel: null,
            programmeType: null,
            outcome: null,
            status: p.status as PersonFact['status'],
          }));
          const report = crossTabulate(facts, POPULATIONS.assisted_persons, other, 'formOfExploitation', {
            period: { from: 2024, to: 2024 },
            scope: { description: 't' },
            generatedAt: 'x',
          });
          const published = protectReport(report, solver);
          expect(published.table.audit.ok).toBe(true);
          expect(singlySuppressedLines(maskOf(published.table))).toEqual([]);
          for (const i of published.table.audit.intervals) expect(i.width).toBeGreaterThan(0);
          expect(published.provenance.disclosureControl?.[0]).toMatch(/LP audit/);
        },
      ),
      { numRuns: 60 },
    );
  });
});

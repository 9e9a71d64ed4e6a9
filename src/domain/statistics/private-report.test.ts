import { describe, expect, test } from 'vitest';
import { privateReport } from './private-report';
import type { Report } from './report';

const report = {
  counts: 'persons',
  population: 'assisted_persons',
  populationKind: 'assisted',
  definition: 'd',
  period: { from: 2024, to: 2025 },
  scope: { description: 'Demo network' },
  provenance: { generatedAt: '2026-01-01T00:00:00.000Z', factsConsidered: 30, personsCounted: 22 },
  rowDimension: 'sex',
  colDimension: 'year',
  notes: [],
  table: {
    rows: ['female', 'male'],
    cols: ['2024', '2025'],
    cells: [
      [12, 3],
      [0, 7],
    ],
    rowTotals: [15, 7],
    colTotals: [12, 10],
    grandTotal: 22,
    rowsAddUp: true,
    colsAddUp: true,
  },
} as unknown as Report;

describe('privateReport', () => {
  test('noisy, non-negative integers that still add up, with the mechanism and its 95% range stated', () => {
    const released = privateReport(report, { mechanism: 'geometric', epsilon: 0.5, seed: 's1' });
    const { table } = released;
    expect(table.cells.flat().every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    expect(table.rowTotals).toEqual(table.cells.map((r) => r[0] + r[1]));
    expect(table.grandTotal).toBe(table.rowTotals[0] + table.rowTotals[1]);
    expect(released.privacy).toMatchObject({ mechanism: 'geometric', epsilon: 0.5, sensitivity: 1 });
    expect(released.provenance.disclosureControl!.at(-1)).toMatch(/epsilon 0.5 .*within ±\d+/);
    expect(released.counts).toBe('persons');
    expect(released.provenance).not.toHaveProperty('personsCounted');
    expect(released.provenance).not.toHaveProperty('factsConsidered');
  });

  test('the same seed gives the same numbers; another seed, other numbers', () => {
    const a = privateReport(report, { mechanism: 'laplace', epsilon: 0.3, seed: 'same' });
    expect(privateReport(report, { mechanism: 'laplace', epsilon: 0.3, seed: 'same' }).table).toEqual(a.table);
    const others = ['x', 'y', 'z'].map((seed) =>
      JSON.stringify(privateReport(report, { mechanism: 'laplace', epsilon: 0.3, seed }).table.cells),
    );
    expect(others.some((o) => o !== JSON.stringify(a.table.cells))).toBe(true);
  });

  test('overlapping dimensions raise the sensitivity', () => {
    const overlapping = { ...report, table: { ...report.table, colsAddUp: false } } as Report;
    expect(
      privateReport(overlapping, { mechanism: 'geometric', epsilon: 1, seed: 's' }).privacy.sensitivity,
    ).toBeGreaterThan(1);
  });
});

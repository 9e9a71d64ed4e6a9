import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contactStatistics, monthsBetween, type ContactCell, type PersonGroup } from './contacts';
import { loadLpSolver } from './lp-solver';
import { isSuppressed, type PublishedCount } from './protect';

const scope = { description: 'test', organisationIds: ['o'] };
const at = '2026-04-01T00:00:00.000Z';

function personsOf(cells: ContactCell[]): PersonGroup[] {
  // One chain per contact (the worst case for suppression): distinct = sum.
  const sum = (f: (c: ContactCell) => boolean) => cells.filter(f).reduce((s, c) => s + c.contacts, 0);
  const months = [...new Set(cells.map((c) => c.month))];
  const kinds = [...new Set(cells.map((c) => c.kind))];
  return [
    ...months.flatMap((m) =>
      kinds.map((k) => ({ month: m, kind: k, persons: sum((c) => c.month === m && c.kind === k) })),
    ),
    ...months.map((m) => ({ month: m, kind: null, persons: sum((c) => c.month === m) })),
    ...kinds.map((k) => ({ month: null, kind: k, persons: sum((c) => c.kind === k) })),
    { month: null, kind: null, persons: sum(() => true) },
  ];
}

describe('contact statistics', () => {
  test('months of a period', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  test('contacts and persons apart; big counts published and the channels add up to the month', async () => {
    const cells: ContactCell[] = [
      { month: '2026-01', kind: 'hotline_call', place: 'Palermo', contacts: 20 },
      { month: '2026-01', kind: 'outreach', place: 'Palermo', contacts: 10 },
      { month: '2026-02', kind: 'hotline_call', place: 'Palermo', contacts: 12 },
      { month: '2026-02', kind: 'outreach', place: 'Palermo', contacts: 9 },
    ];
    const persons: PersonGroup[] = [
      { month: '2026-01', kind: 'hotline_call', persons: 8 },
      { month: '2026-01', kind: 'outreach', persons: 7 },
      { month: '2026-02', kind: 'hotline_call', persons: 6 },
      { month: '2026-02', kind: 'outreach', persons: 9 },
      { month: '2026-01', kind: null, persons: 12 },
      { month: '2026-02', kind: null, persons: 13 },
      { month: null, kind: 'hotline_call', persons: 10 },
      { month: null, kind: 'outreach', persons: 12 },
      { month: null, kind: null, persons: 18 },
    ];
    const s = contactStatistics(cells, persons, { from: '2026-01', to: '2026-02' }, scope, at, await loadLpSolver());
    expect(s.contactsByChannel.counts).toBe('contacts');
    expect(s.personsByChannel.counts).toBe('persons');
    expect(s.contactsByChannel.grandTotal).toBe(51);
    expect(s.personsByChannel.grandTotal).toBe(18);
    expect(s.contactsByChannel.rowTotals).toEqual([30, 21]);
    expect(s.contactsByTerritory.cols).toEqual(['Palermo']);
    expect(s.provenance).toMatchObject({ contactsCounted: 51, personsCounted: 18 });
    expect(JSON.stringify(s)).not.toContain('69'); // never contacts + persons
  });

  test('a small cell is hidden and cannot be recovered from totals, the other table or the provenance', async () => {
    const cells: ContactCell[] = [
      { month: '2026-01', kind: 'hotline_call', place: 'Palermo', contacts: 20 },
      { month: '2026-01', kind: 'outreach', place: 'Catania', contacts: 2 },
      { month: '2026-01', kind: 'drop_in', place: 'Palermo', contacts: 9 },
      { month: '2026-02', kind: 'hotline_call', place: 'Palermo', contacts: 15 },
    ];
    const s = contactStatistics(
      cells,
      personsOf(cells),
      { from: '2026-01', to: '2026-02' },
      scope,
      at,
      await loadLpSolver(),
      {
        threshold: 5,
      },
    );
    const outreach = s.contactsByChannel.cols.indexOf('outreach');
    expect(isSuppressed(s.contactsByChannel.cells[0][outreach])).toBe(true);
    const catania = s.contactsByTerritory.cols.indexOf('Catania');
    expect(isSuppressed(s.contactsByTerritory.cells[0][catania])).toBe(true);
    expect(isSuppressed(s.personsByChannel.cells[0][outreach])).toBe(true);
    // Not by subtraction: the month's total or every other channel of it is hidden too.
    const jan = s.contactsByChannel;
    const othersPublished = jan.cells[0].every((v, c) => c === outreach || typeof v === 'number');
    expect(othersPublished && typeof jan.rowTotals[0] === 'number').toBe(false);
    const colOthers = jan.cells.every((row, r) => r === 0 || typeof row[outreach] === 'number');
    expect(colOthers && typeof jan.colTotals[outreach] === 'number').toBe(false);
    // The provenance states a total only as the published grand total.
    if (s.provenance.contactsCounted !== undefined) expect(s.provenance.contactsCounted).toBe(jan.grandTotal);
    if (isSuppressed(jan.grandTotal)) expect(s.provenance).not.toHaveProperty('contactsCounted');
    expect(s.provenance.personsCounted).toBe(s.personsByChannel.grandTotal);
  });
});

const CHANNELS = ['hotline_call', 'outreach', 'drop_in', 'message'];

/** Contact cells from counts per month, channel and place: counts[month][channel][place]. */
function cellsOf(counts: number[][][]): ContactCell[] {
  return counts.flatMap((byChannel, m) =>
    byChannel.flatMap((byPlace, k) =>
      byPlace.map((contacts, p) => ({
        month: `2026-${String(m + 1).padStart(2, '0')}`,
        kind: CHANNELS[k],
        place: `Place ${p}`,
        contacts,
      })),
    ),
  );
}

/** Persons that fit their contacts: about two contacts each, margins between the largest cell and the sum. */
function fewerPersons(cells: ContactCell[]): PersonGroup[] {
  const months = [...new Set(cells.map((c) => c.month))];
  const sum = (f: (c: ContactCell) => boolean) => cells.filter(f).reduce((s, c) => s + c.contacts, 0);
  const cell = (m: string, k: string) => Math.ceil(sum((c) => c.month === m && c.kind === k) / 2);
  const margin = (parts: number[]) => Math.max(0, ...parts, Math.ceil(0.7 * parts.reduce((s, v) => s + v, 0)));
  const rowTotals = months.map((m) => margin(CHANNELS.map((k) => cell(m, k))));
  const colTotals = CHANNELS.map((k) => margin(months.map((m) => cell(m, k))));
  return [
    ...months.flatMap((m) => CHANNELS.map((k) => ({ month: m, kind: k, persons: cell(m, k) }))),
    ...months.map((m, r) => ({ month: m, kind: null, persons: rowTotals[r] })),
    ...CHANNELS.map((k, c) => ({ month: null, kind: k, persons: colTotals[c] })),
    { month: null, kind: null, persons: Math.max(...rowTotals, ...colTotals) },
  ];
}

type Series = ReturnType<typeof contactStatistics>['contactsByChannel'];

/** Every line a reader can subtract along: rows and columns with their totals, and the margins. */
function linesOf(s: Series): PublishedCount[][] {
  return [
    ...s.cells.map((row, r) => [...row, s.rowTotals[r]]),
    ...s.cols.map((_, c) => [...s.cells.map((row) => row[c]), s.colTotals[c]]),
    [...s.colTotals, s.grandTotal],
    [...s.rowTotals, s.grandTotal],
  ];
}

const hiddenIn = (values: PublishedCount[]) => values.filter(isSuppressed).length;
const allOf = (s: Series) => [...s.cells.flat(), ...s.rowTotals, ...s.colTotals, s.grandTotal];
const large = fc.integer({ min: 10, max: 60 });

describe('contact statistics: suppression properties', () => {
  // endOnFailure: shrinking re-runs the LP audit hundreds of times; the first counterexample is small enough.
  const run = async (counts: number[][][]) => {
    const cells = cellsOf(counts);
    const to = `2026-${String(counts.length).padStart(2, '0')}`;
    return contactStatistics(cells, fewerPersons(cells), { from: '2026-01', to }, scope, at, await loadLpSolver());
  };

  test('no hidden count is recoverable by subtracting along one row or column', async () => {
    const count = fc.oneof(
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 5, arbitrary: fc.integer({ min: 5, max: 40 }) },
    );
    const table = fc.integer({ min: 1, max: 3 }).chain((places) =>
      fc.array(fc.array(fc.array(count, { minLength: places, maxLength: places }), { minLength: 4, maxLength: 4 }), {
        minLength: 1,
        maxLength: 6,
      }),
    );
    await fc.assert(
      fc.asyncProperty(table, async (counts) => {
        const s = await run(counts);
        for (const series of [s.contactsByChannel, s.contactsByTerritory])
          for (const line of linesOf(series)) expect(hiddenIn(line)).not.toBe(1);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  test('one small cell in a table of large counts hides at most four counts, never a total', async () => {
    const table = fc
      .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 4 }))
      .chain(([months, small]) =>
        fc.tuple(
          fc.array(fc.array(large, { minLength: 4, maxLength: 4 }), { minLength: months, maxLength: months }),
          fc.nat(months - 1),
          fc.nat(3),
          fc.constant(small),
        ),
      );
    await fc.assert(
      fc.asyncProperty(table, async ([grid, m, k, small]) => {
        grid[m][k] = small;
        const s = await run(grid.map((row) => row.map((v) => [v])));
        expect(s.contactsByChannel.cells[m][k]).toMatchObject({ suppressed: true, reason: 'primary' });
        expect(hiddenIn(allOf(s.contactsByChannel))).toBeLessThanOrEqual(4);
        expect(hiddenIn([...s.contactsByChannel.rowTotals, ...s.contactsByChannel.colTotals])).toBe(0);
        expect(hiddenIn(allOf(s.contactsByTerritory))).toBe(0);
        expect(s.provenance.contactsCounted).toBe(s.contactsByChannel.grandTotal);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  test('large totals stay published when the small cells can be protected inside the table', async () => {
    // At most one small cell per month and per channel, with at least three months of four channels: a
    // rectangle of cells inside the table always protects them, so no total needs hiding. (Two small
    // cells of one channel can add up to less than the threshold; their column total then says they
    // are both small, and the solver may hide that total: seed 895347439 found [2, 2, 33].)
    const month = fc.tuple(fc.array(large, { minLength: 4, maxLength: 4 }), fc.option(fc.nat(3)), fc.nat(4));
    await fc.assert(
      fc.asyncProperty(fc.array(month, { minLength: 3, maxLength: 8 }), async (months) => {
        const channels = new Set<number>();
        const grid = months.map(([row, small, value]) => {
          const alone = small !== null && !channels.has(small);
          if (alone) channels.add(small);
          return row.map((v, k) => (alone && k === small ? value : v));
        });
        const s = await run(grid.map((row) => row.map((v) => [v])));
        for (const series of [s.contactsByChannel, s.contactsByTerritory])
          expect(hiddenIn([...series.rowTotals, ...series.colTotals, series.grandTotal])).toBe(0);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });
});

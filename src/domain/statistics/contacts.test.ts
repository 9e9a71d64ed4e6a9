import { describe, expect, test } from 'vitest';
import { contactStatistics, monthsBetween, type ContactCell, type PersonGroup } from './contacts';
import { loadLpSolver } from './lp-solver';
import { isSuppressed } from './protect';

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

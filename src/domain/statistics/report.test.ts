import { describe, expect, test } from 'vitest';
import { ageBandOf, type PersonFact } from './facts';
import { definePopulation, POPULATIONS } from './populations';
import { crossTabulate, tabulate } from './report';

const fact = (id: string, patch: Partial<PersonFact> = {}): PersonFact => ({
  personId: id,
  yearFirstIdentified: 2024,
  sex: 'female',
  ageBand: '18-24',
  citizenship: 'md',
  formsOfExploitation: ['sexual_exploitation'],
  identificationChannel: 'outreach',
  programmeType: 'shelter',
  outcome: null,
  status: 'assisted',
  ...patch,
});
const options = {
  period: { from: 2023, to: 2024 },
  scope: { description: 'Test network' },
  generatedAt: '2025-01-01T00:00:00Z',
};

const facts: PersonFact[] = [
  fact('a'),
  fact('b', { formsOfExploitation: ['sexual_exploitation', 'forced_labour'], sex: 'male' }),
  fact('c', { formsOfExploitation: [], citizenship: null }),
  fact('d', { status: 'smuggling' }),
  fact('e', { status: 'irregular_migration' }),
  fact('f', { yearFirstIdentified: 2019 }),
  fact('g', { status: 'determined_victim_authority', ageBand: '12-17' }),
];

describe('crossTabulate', () => {
  test('counts only the one population within the period, and says what it counts', () => {
    const report = crossTabulate(facts, POPULATIONS.assisted_persons, 'sex', 'citizenship', options);
    expect(report).toMatchObject({ counts: 'persons', population: 'assisted_persons', period: options.period });
    expect(report.definition).toMatch(/assistance/);
    expect(report.table.grandTotal).toBe(3);
    expect(report.table.cols).toEqual(['MD', 'unknown']);
    expect(report.table.cells).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(report.provenance).toMatchObject({ factsConsidered: 7, personsCounted: 3 });
  });

  test('a multi-valued dimension: rows overlap, totals are distinct persons, and a note says so', () => {
    const report = crossTabulate(facts, POPULATIONS.assisted_persons, 'formOfExploitation', 'sex', options);
    const { table } = report;
    expect(table.rows).toEqual(['forced_labour', 'sexual_exploitation', 'unknown']);
    expect(table.rowTotals).toEqual([1, 2, 1]);
    expect(table.colTotals).toEqual([2, 1]);
    expect(table.grandTotal).toBe(3);
    expect(table.rowTotals.reduce((a, b) => a + b, 0)).toBeGreaterThan(table.grandTotal);
    expect(table).toMatchObject({ colsAddUp: false, rowsAddUp: true });
    expect(report.notes.join(' ')).toMatch(/distinct persons, not the sum/);
  });

  test('a separate population is reported alone and marked as not a trafficking figure', () => {
    const report = tabulate(facts, POPULATIONS.smuggling, 'sex', options);
    expect(report.table.grandTotal).toBe(1);
    expect(report.populationKind).toBe('separate');
    expect(report.notes.join(' ')).toMatch(/Not a trafficking figure/);
  });

  test('composite trafficking population counts each person once', () => {
    const report = tabulate(
      [...facts, fact('h', { status: 'determined_victim_org' })],
      POPULATIONS.determined_victims,
      'ageBand',
      options,
    );
    expect(report.table.grandTotal).toBe(2);
    expect(report.table.rows).toEqual(['0-11', '12-17', '18-24', '25-34', '35-44', '45+', 'unknown']);
    expect(report.table.rowTotals).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });

  test('refuses duplicate persons', () => {
    expect(() => tabulate([fact('a'), fact('a')], POPULATIONS.assisted_persons, 'sex', options)).toThrow(/twice/);
  });

  test('populations cannot mix trafficking with separate categories, by type and at run time', () => {
    expect(() =>
      // @ts-expect-error a trafficking population cannot hold smuggling
      definePopulation({ key: 'mixed', kind: 'trafficking', statuses: ['assisted', 'smuggling'], definition: 'x' }),
    ).toThrow();
    expect(() =>
      // @ts-expect-error a separate population holds exactly one status
      definePopulation({ key: 'mixed', kind: 'separate', statuses: ['smuggling', 'sex_work'], definition: 'x' }),
    ).toThrow();
    expect(() =>
      // @ts-expect-error a report takes one population, not several
      crossTabulate(facts, [POPULATIONS.smuggling, POPULATIONS.assisted_persons], 'sex', 'all', options),
    ).toThrow();
  });
});

describe('ageBandOf', () => {
  test.each([
    [0, '0-11'],
    [11, '0-11'],
    [12, '12-17'],
    [17, '12-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-44'],
    [44, '35-44'],
    [45, '45+'],
    [90, '45+'],
    [null, 'unknown'],
    [-1, 'unknown'],
  ] as const)('%s → %s', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});

describe('closed categories (for differentially private releases)', () => {
  test('the categories are the fixed list plus unknown, whatever the data; values outside the list count as unknown', () => {
    const closed = { ...options, closedCategories: true, categories: { sex: ['female', 'male', 'other'] } };
    const one = crossTabulate([fact('a')], POPULATIONS.assisted_persons, 'sex', 'all', closed);
    const none = crossTabulate([], POPULATIONS.assisted_persons, 'sex', 'all', closed);
    expect(one.table.rows).toEqual(['female', 'male', 'other', 'unknown']);
    expect(none.table.rows).toEqual(one.table.rows);
    const odd = crossTabulate([fact('x', { sex: 'intersex' })], POPULATIONS.assisted_persons, 'sex', 'all', closed);
    expect(odd.table.rows).toEqual(['female', 'male', 'other', 'unknown']);
    expect(odd.table.rowTotals).toEqual([0, 0, 0, 1]);
  });

  test('a dimension whose categories would come from the data is refused', () => {
    expect(() =>
      crossTabulate(facts, POPULATIONS.assisted_persons, 'citizenship', 'all', { ...options, closedCategories: true }),
    ).toThrow(/come from the data/);
  });
});

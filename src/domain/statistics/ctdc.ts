/**
 * CTDC-like aggregate JSON: long records named like the Counter Trafficking
 * Data Collaborative's k-anonymised data (yearOfRegistration, gender,
 * ageBroad, citizenship, typeOfExploitation) with a count, where a hidden
 * count is marked suppressed rather than given a number.
 */
import type { DimensionKey } from './dimensions';
import { isSuppressed, type PublishedCount, type PublishedReport } from './protect';

/** Our dimensions under CTDC-style field names. */
export const CTDC_FIELD: Record<DimensionKey, string | null> = {
  year: 'yearOfRegistration',
  sex: 'gender',
  ageBand: 'ageBroad',
  citizenship: 'citizenship',
  formOfExploitation: 'typeOfExploitation',
  identificationChannel: 'identificationChannel',
  programmeType: 'programmeType',
  outcome: 'outcome',
  all: null,
};

export type CtdcRecord = Record<string, string | number | boolean | null>;

export interface CtdcAggregate {
  format: 'ariadne.ctdc-like-aggregate.v1';
  counts: 'persons';
  population: string;
  definition: string;
  period: { from: number; to: number };
  scope: string;
  notes: string[];
  disclosureControl: string[];
  generatedAt: string;
  fields: string[];
  records: CtdcRecord[];
}

/**
 * The report as CTDC-like records. Totals are records whose other field is "Total";
 * `level` tells them apart so nobody adds totals to cells.
 */
export function toCtdcAggregate(report: PublishedReport): CtdcAggregate {
  const rowField = CTDC_FIELD[report.rowDimension];
  const colField = CTDC_FIELD[report.colDimension];
  const fields = [rowField, colField].filter((f): f is string => f !== null && f !== undefined);
  const { table } = report;
  const value = (field: string, v: string) => (field === 'yearOfRegistration' && /^\d{4}$/.test(v) ? Number(v) : v);
  const record = (row: string, col: string, level: string, count: PublishedCount): CtdcRecord => ({
    ...(rowField ? { [rowField]: value(rowField, row) } : {}),
    ...(colField && colField !== rowField ? { [colField]: value(colField, col) } : {}),
    level,
    count: isSuppressed(count) ? null : count,
    suppressed: isSuppressed(count),
  });
  const records: CtdcRecord[] = [
    ...(colField
      ? table.rows.flatMap((r, i) => table.cols.map((c, j) => record(r, c, 'cell', table.cells[i][j])))
      : []),
    ...table.rows.map((r, i) => record(r, 'Total', 'row_total', table.rowTotals[i])),
    ...(colField ? table.cols.map((c, j) => record('Total', c, 'col_total', table.colTotals[j])) : []),
    record('Total', 'Total', 'grand_total', table.grandTotal),
  ];
  return {
    format: 'ariadne.ctdc-like-aggregate.v1',
    counts: report.counts,
    population: report.population,
    definition: report.definition,
    period: report.period,
    scope: report.scope.description,
    notes: report.notes,
    disclosureControl: report.provenance.disclosureControl ?? [],
    generatedAt: report.provenance.generatedAt,
    fields,
    records,
  };
}

/**
 * CSV export: an RFC 4180 writer (CRLF, quoting when needed) with a guard
 * against formula injection, and the long layout of a published report in
 * which every line repeats what it counts, so no line can be read out of context.
 */
import { isSuppressed, type PublishedCount, type PublishedReport } from './protect';

export type CsvValue = string | number | boolean | null | undefined;

// Spreadsheets run cells starting with these as formulas (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** A field quoted per RFC 4180; text that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV text of a header and rows, CRLF line ends and a final CRLF.
 * @example toCsv(['a', 'b'], [[1, '=SUM(A1)']]) // 'a,b\r\n1,\'=SUM(A1)\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const REPORT_CSV_HEADER = [
  'counts',
  'population',
  'period_from',
  'period_to',
  'scope',
  'row_dimension',
  'row_value',
  'col_dimension',
  'col_value',
  'level',
  'count',
  'suppressed',
] as const;

/** Every published count of a report as a line (cells, then row, column and grand totals). */
export function reportCsvRows(report: PublishedReport): CsvValue[][] {
  const { table } = report;
  const line = (rowValue: string, colValue: string, level: string, value: PublishedCount): CsvValue[] => [
    report.counts,
    report.population,
    report.period.from,
    report.period.to,
    report.scope.description,
    report.rowDimension,
    rowValue,
    report.colDimension,
    colValue,
    level,
    isSuppressed(value) ? null : value,
    isSuppressed(value) ? value.reason : '',
  ];
  return [
    ...table.rows.flatMap((r, i) => table.cols.map((c, j) => line(r, c, 'cell', table.cells[i][j]))),
    ...table.rows.map((r, i) => line(r, '', 'row_total', table.rowTotals[i])),
    ...table.cols.map((c, j) => line('', c, 'col_total', table.colTotals[j])),
    line('', '', 'grand_total', table.grandTotal),
  ];
}

/** The published report as CSV, long layout. */
export function reportToCsv(report: PublishedReport): string {
  return toCsv(REPORT_CSV_HEADER, reportCsvRows(report));
}

/**
 * XLSX export of a published report: a "Report" sheet with the statement of
 * what is counted above the table (hidden counts shown as "x", explained in
 * a legend), and an "About" sheet with provenance and disclosure control.
 */
import ExcelJS from 'exceljs';
import { isSuppressed, type PublishedCount, type PublishedReport } from './protect';

export const SUPPRESSED_MARK = 'x';

const cellValue = (v: PublishedCount): string | number => (isSuppressed(v) ? SUPPRESSED_MARK : v);

/**
 * The workbook as a Buffer (exceljs writes asynchronously; nothing else leaves the function).
 * @example await writeFile('report.xlsx', await reportToXlsx(published))
 */
export async function reportToXlsx(report: PublishedReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  workbook.created = new Date(report.provenance.generatedAt);
  const sheet = workbook.addWorksheet('Report');
  const { table } = report;
  const statement: [string, string][] = [
    ['Counts', report.counts],
    ['Population', report.population],
    ['Definition', report.definition],
    ['Period (year of first identification)', `${report.period.from}–${report.period.to}`],
    ['Scope', report.scope.description],
    ['Legend', `${SUPPRESSED_MARK} = hidden to protect the persons counted`],
  ];
  for (const [label, value] of statement) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  for (const note of report.notes) sheet.addRow(['Note', note]);
  sheet.addRow([]);
  const totalLabel = 'Total (distinct persons)';
  const header = sheet.addRow([`${report.rowDimension} \\ ${report.colDimension}`, ...table.cols, totalLabel]);
  header.font = { bold: true };
  table.rows.forEach((row, r) => sheet.addRow([row, ...table.cells[r].map(cellValue), cellValue(table.rowTotals[r])]));
  sheet.addRow([totalLabel, ...table.colTotals.map(cellValue), cellValue(table.grandTotal)]).font = { bold: true };
  sheet.getColumn(1).width = 36;

  const about = workbook.addWorksheet('About');
  const p = report.provenance;
  const rows: [string, string | number][] = [
    ['Generated at', p.generatedAt],
    ['Source', p.source],
    // Only what the published report states: a hidden total stays hidden here too.
    ...(p.personsCounted === undefined ? [] : [['Persons counted', p.personsCounted] as [string, number]]),
    ['Deduplication', p.deduplication],
    ...(p.disclosureControl ?? []).map((d): [string, string] => ['Disclosure control', d]),
  ];
  for (const row of rows) about.addRow(row);
  about.getColumn(1).width = 24;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

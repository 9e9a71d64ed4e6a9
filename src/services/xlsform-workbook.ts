/**
 * The XLSForm workbook itself, read and written with exceljs (the mapping is pure:
 * src/domain/forms/xlsform.ts). No database here, so tests and the CLI read a file without one.
 */
import ExcelJS from 'exceljs';
import { DomainError } from '../domain/errors';
import type { SheetOut, SheetRow, XlsFormSheets } from '../domain/forms/xlsform';

/** Uploads larger than this are refused before exceljs unzips anything. */
export const XLSFORM_MAX_BYTES = 5 * 1024 * 1024;
/** Rows per sheet read at most (the HTCDS form has 35 questions and 331 choices). */
const MAX_ROWS = 20_000;

/** Spreadsheet cells can be numbers, booleans, formulas or rich text: the import reads their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

const notAWorkbook = () => new DomainError('invalid_file', 'The file is not a readable .xlsx workbook');

/** The survey, choices and settings sheets of a workbook, each row's cells by lower-cased header. */
export async function readXlsForm(bytes: Buffer | Uint8Array): Promise<XlsFormSheets> {
  if (bytes.length > XLSFORM_MAX_BYTES)
    throw new DomainError('file_too_large', `An XLSForm is at most ${XLSFORM_MAX_BYTES / 1024 / 1024} MB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notAWorkbook();
  }
  const sheet = (name: string): SheetRow[] => {
    const found = workbook.worksheets.find((w) => w.name.trim().toLowerCase() === name);
    if (!found) return [];
    if (found.rowCount > MAX_ROWS)
      throw new DomainError('invalid_xlsform', `The ${name} sheet has more than ${MAX_ROWS} rows`, {
        rows: [{ sheet: name, row: MAX_ROWS + 1, reason: `more than ${MAX_ROWS} rows` }],
      });
    const header = ((found.getRow(1).values as ExcelJS.CellValue[]) ?? []).map((v) => cellText(v).trim().toLowerCase());
    const rows: SheetRow[] = [];
    found.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) return;
      const values = row.values as ExcelJS.CellValue[];
      const cells: Record<string, string> = {};
      header.forEach((h, c) => {
        if (h !== '') cells[h] = cellText(values[c]).trim();
      });
      rows.push({ row: number, cells });
    });
    return rows;
  };
  if (!workbook.worksheets.some((w) => w.name.trim().toLowerCase() === 'survey'))
    throw new DomainError('invalid_xlsform', 'An XLSForm has a survey sheet', {
      rows: [{ sheet: 'survey', row: 1, reason: 'the workbook has no sheet named survey' }],
    });
  return { survey: sheet('survey'), choices: sheet('choices'), settings: sheet('settings') };
}

/** Sheets as an .xlsx workbook (a bold header row on each). */
export async function writeXlsForm(sheets: SheetOut[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ariadne';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.addRow(sheet.header);
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads a capture-history table from an .xlsx workbook laid out like the CSV
 * (one column per list, then count). Pure, so it can run in a worker thread.
 */
import ExcelJS from 'exceljs';
import { captureTableFromRows } from './csv';
import { MseInputError } from './errors';
import type { CaptureTable } from './table';

/** Spreadsheet cells can be formulas or rich text; MSE wants their displayed value. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value && typeof value === 'object') {
    if ('result' in value) return value.result;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return value.text;
  }
  return value;
}

/** The first worksheet of an .xlsx, laid out like the CSV (one column per list, then count). */
export async function captureTableFromXlsx(data: Buffer | ArrayBuffer | Uint8Array): Promise<CaptureTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new MseInputError('invalid_file', 'The file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new MseInputError('invalid_file', 'The workbook has no worksheet');
  const rows: unknown[][] = [];
  const names: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellValue));
    names.push(`row ${rowNumber}`);
  });
  return captureTableFromRows(rows, names);
}

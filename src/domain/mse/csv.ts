/**
 * Parsing of the capture-history layout: a header of list names and a final
 * count column, then one row per observed combination of lists (0/1 flags, count).
 */
import { MseInputError } from './errors';
import { validateCaptureTable, type CaptureTable } from './table';

/** Splits one CSV line, honouring double quotes ("" is an escaped quote). */
function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/** Spreadsheets exported in some locales use ';' or tabs; the header tells us which. */
function detectDelimiter(header: string): string {
  for (const candidate of [',', ';', '\t']) if (header.includes(candidate)) return candidate;
  return ',';
}

function toNumber(cell: unknown): number {
  if (typeof cell === 'number') return cell;
  const text = String(cell ?? '').trim();
  return text === '' ? Number.NaN : Number(text);
}

/**
 * Builds a capture table from rows of cells (header first), as read from CSV or a
 * spreadsheet. Throws MseInputError when the layout or the counts are unusable.
 */
export function captureTableFromRows(rows: readonly (readonly unknown[])[]): CaptureTable {
  const nonEmpty = rows.filter((row) => row.some((cell) => String(cell ?? '').trim() !== ''));
  if (nonEmpty.length === 0)
    throw new MseInputError('empty_input', 'The file is empty; expected a header of list names and a count column.');
  const header = nonEmpty[0].map((cell) => String(cell ?? '').trim());
  if (header.length < 2 || header.every((name) => /^\d+$/.test(name))) {
    throw new MseInputError(
      'missing_header',
      'The first row must name the lists, followed by a count column (for example: A,B,C,frequency).',
    );
  }
  const lists = header.slice(0, -1);
  const histories = nonEmpty.slice(1).map((row, index) => {
    if (row.length !== header.length) {
      throw new MseInputError(
        'wrong_row_width',
        `Row ${index + 1} has ${row.length} columns but the header has ${header.length}.`,
      );
    }
    return { pattern: row.slice(0, -1).map(toNumber), count: toNumber(row[row.length - 1]) };
  });
  const table = { lists, histories };
  validateCaptureTable(table);
  return table;
}

/** Parses capture-history CSV text into a validated capture table. Pure: takes the file's text. */
export function parseCaptureCsv(text: string): CaptureTable {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (lines.length === 0)
    throw new MseInputError('empty_input', 'The file is empty; expected a header of list names and a count column.');
  const delimiter = detectDelimiter(lines[0]);
  return captureTableFromRows(lines.map((line) => splitLine(line, delimiter)));
}

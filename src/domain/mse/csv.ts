/**
 * Parsing of the capture-history layout: a header of list names and a final
 * count column, then one row per observed combination of lists (0/1 flags, count).
 * The CSV syntax (quotes, escaped quotes, line ends, a BOM) is csv-parse's; this
 * module decides what a cell may say, deliberately:
 * - spaces around a cell are ignored (" 12 " is 12): spreadsheets pad them;
 * - a count is a whole number of persons written in decimal digits, optionally
 *   in scientific notation when that is still a whole number (1e3 and 1.5E+06
 *   are what spreadsheets export for large counts); "0x10", "0b1", "1_000",
 *   "+4", "Infinity", "2.5" and "1,000" are refused, never read as numbers;
 * - an empty cell is refused, not read as 0: a blank may mean "unknown";
 * - a list flag is 0 or 1 (also written 0.0, 1.0 or 1e0).
 * Every refusal quotes the offending text with its line (or sheet row) and column.
 */
import { parse } from 'csv-parse/sync';
import { MseInputError, type MseInputErrorCode } from './errors';
import { validateCaptureTable, type CaptureTable } from './table';

/** Decimal digits, an optional fraction and an optional decimal exponent; nothing else is a number here. */
const DECIMAL = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Spreadsheets exported in some locales use ';' or tabs; the header tells us which. */
function detectDelimiter(header: string): string {
  for (const candidate of [',', ';', '\t']) if (header.includes(candidate)) return candidate;
  return ',';
}

interface Place {
  /** "line 3" for a CSV file, "row 3" for a worksheet. */
  readonly row: string;
  readonly column: string;
}

function refuse(code: MseInputErrorCode, place: Place, text: string, expected: string): never {
  throw new MseInputError(
    code,
    `${place.row[0].toUpperCase()}${place.row.slice(1)}, column ${place.column}: ${text === '' ? 'the cell is empty' : `"${text}" is not accepted`}; expected ${expected}.`,
    { row: place.row, column: place.column, text },
  );
}

/** Reads one cell as a number under the rules above; a spreadsheet's own numbers pass as they are. */
function readNumber(cell: unknown, place: Place, code: MseInputErrorCode, expected: string): number {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) refuse(code, place, String(cell), expected);
    return cell;
  }
  const text = String(cell ?? '').trim();
  if (!DECIMAL.test(text)) refuse(code, place, text, expected);
  return Number(text);
}

function readCount(cell: unknown, place: Place): number {
  const expected = 'a whole number of persons (0 or more, in digits)';
  const count = readNumber(cell, place, 'invalid_count', expected);
  if (!Number.isSafeInteger(count) || count < 0) refuse('invalid_count', place, String(cell).trim(), expected);
  return count;
}

function readFlag(cell: unknown, place: Place): number {
  const expected = '0 or 1 (whether the persons are on this list)';
  const flag = readNumber(cell, place, 'invalid_flag', expected);
  if (flag !== 0 && flag !== 1) refuse('invalid_flag', place, String(cell).trim(), expected);
  return flag;
}

/**
 * Builds a capture table from rows of cells (header first), as read from CSV or a
 * spreadsheet. `rowNames[i]` names row i for messages ("line 4"); by default
 * "row i+1". Throws MseInputError when the layout or the counts are unusable.
 */
export function captureTableFromRows(
  rows: readonly (readonly unknown[])[],
  rowNames?: readonly string[],
): CaptureTable {
  const named = rows.map((row, index) => ({ row, name: rowNames?.[index] ?? `row ${index + 1}` }));
  const nonEmpty = named.filter(({ row }) => row.some((cell) => String(cell ?? '').trim() !== ''));
  if (nonEmpty.length === 0)
    throw new MseInputError('empty_input', 'The file is empty; expected a header of list names and a count column.');
  const header = nonEmpty[0].row.map((cell) => String(cell ?? '').trim());
  if (header.length < 2 || header.every((name) => /^\d+$/.test(name))) {
    throw new MseInputError(
      'missing_header',
      'The first row must name the lists, followed by a count column (for example: A,B,C,frequency).',
    );
  }
  const lists = header.slice(0, -1);
  const columnName = (c: number) => `${c + 1} ("${header[c]}")`;
  const histories = nonEmpty.slice(1).map(({ row, name }) => {
    if (row.length !== header.length) {
      throw new MseInputError(
        'wrong_row_width',
        `${name[0].toUpperCase()}${name.slice(1)} has ${row.length} columns but the header has ${header.length}.`,
        { row: name },
      );
    }
    const at = (c: number): Place => ({ row: name, column: columnName(c) });
    return {
      pattern: row.slice(0, -1).map((cell, c) => readFlag(cell, at(c))),
      count: readCount(row[row.length - 1], at(row.length - 1)),
    };
  });
  const table = { lists, histories };
  validateCaptureTable(table);
  return table;
}

/** Parses capture-history CSV text into a validated capture table. Pure: takes the file's text. */
export function parseCaptureCsv(text: string): CaptureTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '');
  if (firstLine === undefined)
    throw new MseInputError('empty_input', 'The file is empty; expected a header of list names and a count column.');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(firstLine),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    // csv-parse names the line and the problem (an unclosed quote, a stray quote inside a field).
    throw new MseInputError('invalid_file', `The CSV cannot be read: ${(error as Error).message}`);
  }
  return captureTableFromRows(
    records.map((r) => r.record),
    records.map((r) => `line ${r.info.lines}`),
  );
}

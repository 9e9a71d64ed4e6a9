import { describe, expect, test } from 'vitest';
import { parseCaptureCsv } from './csv';
import { MseInputError } from './errors';

const VALID = '"A","B","C","n"\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n';

function codeOf(text: string): string | undefined {
  try {
    parseCaptureCsv(text);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(MseInputError);
    expect((error as MseInputError).message.length).toBeGreaterThan(20);
    return (error as MseInputError).code;
  }
}

describe('parseCaptureCsv', () => {
  test('reads list names, flags and counts', () => {
    const table = parseCaptureCsv(VALID);
    expect(table.lists).toEqual(['A', 'B', 'C']);
    expect(table.histories).toHaveLength(4);
    expect(table.histories[3]).toEqual({ pattern: [1, 1, 0], count: 6 });
  });

  test.each([
    ['semicolons', 'A;B;C;n\n1;0;0;4\n1;1;0;2\n0;0;1;3\n0;1;0;1\n'],
    ['tabs and CRLF', 'A\tB\tC\tn\r\n1\t0\t0\t4\r\n1\t1\t0\t2\r\n0\t0\t1\t3\r\n0\t1\t0\t1\r\n'],
    ['a BOM and blank lines', '\uFEFFA,B,C,n\n\n1,0,0,4\n1,1,0,2\n0,0,1,3\n\n0,1,0,1\n'],
    ['explicit zero rows', 'A,B,C,n\n1,0,0,4\n1,1,0,2\n0,0,1,3\n0,1,0,1\n1,1,1,0\n'],
  ])('accepts %s', (_name, text) => {
    const table = parseCaptureCsv(text);
    expect(table.lists).toEqual(['A', 'B', 'C']);
    expect(table.histories.reduce((sum, h) => sum + h.count, 0)).toBe(10);
  });

  test.each([
    ['empty_input', ''],
    ['missing_header', '1,0,0,4\n0,1,0,3\n'],
    ['too_few_lists', 'A,n\n1,4\n'],
    ['duplicate_list', 'A,B,A,n\n1,0,0,4\n1,1,0,2\n'],
    ['missing_header', 'A,,C,n\n1,0,0,4\n1,1,0,2\n'],
    ['wrong_row_width', 'A,B,C,n\n1,0,0,4\n1,1,2\n'],
    ['invalid_flag', 'A,B,C,n\n1,0,2,4\n1,1,0,2\n'],
    ['invalid_count', 'A,B,C,n\n1,0,0,-4\n1,1,0,2\n0,0,1,1\n'],
    ['invalid_count', 'A,B,C,n\n1,0,0,2.5\n1,1,0,2\n0,0,1,1\n'],
    ['invalid_count', 'A,B,C,n\n1,0,0,many\n1,1,0,2\n0,0,1,1\n'],
    ['duplicate_history', 'A,B,C,n\n1,0,0,4\n1,0,0,2\n0,1,1,1\n'],
    ['observed_on_no_list', 'A,B,C,n\n0,0,0,4\n1,1,0,2\n0,0,1,1\n'],
    ['no_persons', 'A,B,C,n\n1,0,0,0\n1,1,0,0\n'],
    ['empty_list', 'A,B,C,n\n1,0,0,4\n1,1,0,2\n'],
    ['no_overlaps', 'A,B,C,n\n1,0,0,4\n0,1,0,2\n0,0,1,3\n'],
  ])('rejects with %s', (code, text) => {
    expect(codeOf(text)).toBe(code);
  });

  test.each([
    ['hexadecimal', '0x10'],
    ['binary', '0b1'],
    ['a plus sign', '+4'],
    ['digit grouping', '"1,000"'],
    ['a separator', '1_000'],
    ['Infinity', 'Infinity'],
    ['a fraction', '2.5'],
    ['a fraction in scientific notation', '2.5e0'],
  ])('refuses a count written with %s, quoting it with its line and column', (_name, cell) => {
    const text = `A,B,C,n\n1,0,0,4\n1,1,0,${cell}\n0,0,1,1\n`;
    expect(codeOf(text)).toBe('invalid_count');
    const message = (() => {
      try {
        parseCaptureCsv(text);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain(`"${cell.replaceAll('"', '')}"`);
    expect(message).toContain('Line 3, column 4 ("n")');
    expect(message).not.toContain('NaN');
  });

  test('reads scientific notation of a whole number and padded cells, and numbers lines as in the file', () => {
    const table = parseCaptureCsv('A,B,C,n\n\n1,0,0,1e3\n 1 , 1 ,0, 12 \n0,0,1,1.5E+01\n');
    expect(table.histories.map((h) => h.count)).toEqual([1000, 12, 15]);
    expect(table.histories[1].pattern).toEqual([1, 1, 0]);
    expect(() => parseCaptureCsv('A,B,C,n\n\n1,0,0,4\n1,1,0,\n0,0,1,1\n')).toThrow(
      'Line 4, column 4 ("n"): the cell is empty',
    );
  });

  test('an empty flag is refused, not read as 0', () => {
    expect(codeOf('A,B,C,n\n1,,0,4\n1,1,0,2\n0,0,1,1\n')).toBe('invalid_flag');
  });

  test('an unclosed quote is a readable refusal', () => {
    expect(codeOf('A,B,C,n\n1,0,0,4\n1,"1,0,2\n0,0,1,1\n')).toBe('invalid_file');
  });
});

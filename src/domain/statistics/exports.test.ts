import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { csvField, reportToCsv, toCsv } from './csv';
import { toCtdcAggregate } from './ctdc';
import type { PersonFact } from './facts';
import { loadLpSolver } from './lp-solver';
import { POPULATIONS } from './populations';
import { protectReport, type PublishedReport } from './protect';
import { crossTabulate } from './report';
import { reportToXlsx } from './xlsx';

describe('csvField', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+33 1 23', "'+33 1 23"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['=1,2', '"\'=1,2"'],
    [12, '12'],
    [-3, '-3'],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
  ] as const)('%j → %s', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  test('rows end with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('report exports', () => {
  let published: PublishedReport;
  beforeAll(async () => {
    const facts: PersonFact[] = [];
    const add = (n: number, sex: string, citizenship: string) => {
      for (let i = 0; i < n; i++) {
        facts.push({
          personId: `${sex}-${citizenship}-${i}`,
          yearFirstIdentified: 2024,
          sex,
          ageBand: '25-34',
          citizenship,
          formsOfExploitation: ['forced_labour'],
          identificationChannel: null,
          programmeType: null,
          outcome: null,
          status: 'assisted',
        });
      }
    };
    add(2, 'female', 'md');
    add(20, 'female', 'ro');
    add(30, 'female', 'al');
    add(15, 'male', 'md');
    add(25, 'male', 'ro');
    add(9, 'male', 'al');
    const report = crossTabulate(facts, POPULATIONS.assisted_persons, 'sex', 'citizenship', {
      period: { from: 2024, to: 2024 },
      scope: { description: 'Network =evil' },
      generatedAt: '2025-02-01T00:00:00.000Z',
    });
    published = protectReport(report, await loadLpSolver());
  });

  test('CSV: long layout, the population on every line, hidden counts empty and marked', () => {
    const lines = reportToCsv(published).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'counts,population,period_from,period_to,scope,row_dimension,row_value,col_dimension,col_value,level,count,suppressed',
    );
    expect(
      lines
        .slice(1)
        .every(
          (l) =>
            l.startsWith("persons,assisted_persons,2024,2024,'=evil") ||
            l.startsWith('persons,assisted_persons,2024,2024,Network =evil'),
        ),
    ).toBe(true);
    expect(lines).toContain('persons,assisted_persons,2024,2024,Network =evil,sex,female,citizenship,MD,cell,,primary');
    expect(lines).toContain('persons,assisted_persons,2024,2024,Network =evil,sex,,citizenship,,grand_total,101,');
  });

  test('CTDC-like JSON: CTDC field names, suppressed instead of a number', () => {
    const json = toCtdcAggregate(published);
    expect(json.fields).toEqual(['gender', 'citizenship']);
    expect(json.counts).toBe('persons');
    expect(json.records).toContainEqual({
      gender: 'female',
      citizenship: 'MD',
      level: 'cell',
      count: null,
      suppressed: true,
    });
    expect(json.records).toContainEqual({
      gender: 'Total',
      citizenship: 'Total',
      level: 'grand_total',
      count: 101,
      suppressed: false,
    });
    expect(JSON.stringify(json)).not.toMatch(/"count":2\b/);
  });

  test('XLSX: statement of what is counted, then the table with x for hidden counts', async () => {
    const buffer = await reportToXlsx(published);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    const values = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(values[0]).toEqual(['Counts', 'persons']);
    expect(values).toContainEqual(['female', 30, 'x', 'x', 52]);
    expect(values).toContainEqual(['Total (distinct persons)', 39, 17, 45, 101]);
    expect(workbook.getWorksheet('About')).toBeDefined();
  });
});

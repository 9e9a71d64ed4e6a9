/** `ariadne forms import` and `ariadne forms export` (XLSForm, issue #17), with --json. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './support/cli';
import { readXlsForm } from '../../src/services/xlsform-workbook';

const HTCDS = path.resolve(import.meta.dirname, '../fixtures/htcds_xlsform.xlsx');
let dataDir: string;

const ariadne = cliRunner(() => dataDir);

describe('ariadne forms import | export', () => {
  const as = ['--org', 'north', '--as', 'admin@north.demo.test', '--json'];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-xlsform-cli-'));
    const seeded = await ariadne('seed-demo', '--cases', '1', '--json');
    expect(seeded.code, seeded.err).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('imports the HTCDS XLSForm as a draft and exports it again', async () => {
    const imported = await ariadne('forms', 'import', HTCDS, '--code', 'htcds', ...as);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatchObject({ code: 'htcds', status: 'draft', target: 'case', fields: 31 });
    expect(imported.out.skipped.map((s: any) => s.name)).toEqual(['start', 'end', '__version__']);

    const out = path.join(dataDir, 'htcds.xlsx');
    const exported = await ariadne('forms', 'export', 'htcds', '--out', out, ...as);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toMatchObject({ code: 'htcds', file: out });
    const sheets = await readXlsForm(readFileSync(out));
    expect(sheets.settings[0].cells.form_id).toBe('htcds');
    expect(sheets.survey.filter((r) => r.cells.name === 'prs_Gender')).toHaveLength(1);
  });

  test('a caseworker is refused', async () => {
    const refused = await ariadne(
      'forms',
      'import',
      HTCDS,
      '--org',
      'north',
      '--as',
      'caseworker@north.demo.test',
      '--json',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/forbidden|not allowed|permission/i);
  });
});

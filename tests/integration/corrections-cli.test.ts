/** `ariadne record`: a record's history, the voided records and voiding, from the command line, with --json. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './support/cli';

let dataDir: string;

const ariadne = cliRunner(() => dataDir);

describe('ariadne record', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-record-cli-'));
    const seeded = await ariadne('seed-demo', '--cases', '5', '--json');
    expect(seeded.code, seeded.err).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('lists the voided records of a case, refuses an unknown record and another organisation', async () => {
    const as = ['--org', 'north', '--as', 'caseworker@north.demo.test'];
    const listed = await ariadne('case', 'list', ...as, '--json');
    expect(listed.code, listed.err).toBe(0);
    const reference = listed.out.cases[0].reference as string;
    const voided = await ariadne('record', 'voided', ...as, '--case', reference, '--json');
    expect(voided.code, voided.err).toBe(0);
    expect(voided.out).toEqual({ entries: [] });
    const unknown = await ariadne(
      'record',
      'history',
      ...as,
      '--case',
      reference,
      '--entry',
      '00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.code).not.toBe(0);
    const foreign = await ariadne(
      'record',
      'voided',
      '--org',
      'south',
      '--as',
      'caseworker@south.demo.test',
      '--case',
      reference,
    );
    expect(foreign.code).not.toBe(0);
  }, 120_000);
});

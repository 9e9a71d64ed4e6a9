/** `ariadne lists`: show, add, label, reorder, retire, restore and the release proposals, from the command line, with --json. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cliRunner } from './support/cli';

let dataDir: string;

const ariadne = cliRunner(() => dataDir);

describe('ariadne lists', () => {
  const as = ['--org', 'north', '--as', 'admin@north.demo.test', '--json'];
  const item = (out: any, code: string) => out.list.items.find((i: any) => i.code === code);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-lists-cli-'));
    const seeded = await ariadne('seed-demo', '--cases', '1', '--json');
    expect(seeded.code, seeded.err).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('an administrator adds, labels, reorders, retires and restores; a stale version and a caseworker are refused', async () => {
    const shown = await ariadne('lists', 'show', ...as, '--list', 'services');
    expect(shown.code, shown.err).toBe(0);
    const version = shown.out.lists[0].version as number;
    const add = await ariadne(
      'lists',
      'add',
      ...as,
      '--list',
      'services',
      '--code',
      'dental_care',
      '--label',
      'en=Dental care',
      '--label',
      'fr=Soins dentaires',
    );
    expect(add.code, add.err).toBe(0);
    expect(item(add.out, 'dental_care')).toMatchObject({
      label: { en: 'Dental care', fr: 'Soins dentaires' },
      active: true,
    });
    const stale = await ariadne(
      'lists',
      'label',
      ...as,
      '--list',
      'services',
      '--code',
      'dental_care',
      '--label',
      'en=Teeth',
      '--version',
      String(version),
    );
    expect(stale.code).not.toBe(0);
    const label = await ariadne(
      'lists',
      'label',
      ...as,
      '--list',
      'services',
      '--code',
      'dental_care',
      '--label',
      'en=Dental care',
      '--label',
      'it=Cure dentistiche',
    );
    expect(label.code, label.err).toBe(0);
    expect(item(label.out, 'dental_care').label).toEqual({ en: 'Dental care', it: 'Cure dentistiche' });
    const codes = (label.out.list.items as any[]).map((i) => i.code);
    const reorder = await ariadne(
      'lists',
      'reorder',
      ...as,
      '--list',
      'services',
      '--codes',
      [codes.at(-1), ...codes.slice(0, -1)].join(','),
    );
    expect(reorder.code, reorder.err).toBe(0);
    expect(reorder.out.list.items[0].code).toBe('dental_care');
    const retire = await ariadne('lists', 'retire', ...as, '--list', 'services', '--code', 'dental_care');
    expect(retire.code, retire.err).toBe(0);
    expect(item(retire.out, 'dental_care').active).toBe(false);
    const restore = await ariadne('lists', 'restore', ...as, '--list', 'services', '--code', 'dental_care');
    expect(item(restore.out, 'dental_care').active).toBe(true);
    const worker = await ariadne(
      'lists',
      'retire',
      '--org',
      'north',
      '--as',
      'caseworker@north.demo.test',
      '--list',
      'services',
      '--code',
      'dental_care',
    );
    expect(worker.code).not.toBe(0);
    const proposals = await ariadne('lists', 'proposals', ...as);
    expect(proposals.code, proposals.err).toBe(0);
    expect(proposals.out).toEqual({ proposals: [] });
    expect((await ariadne('lists', 'accept', ...as, '--list', 'services', '--code', 'health_checkup')).code).not.toBe(
      0,
    );
  }, 120_000);
});

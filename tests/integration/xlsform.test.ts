/**
 * XLSForm import and export of custom forms (issue #17), on both engines: an administrator imports
 * an .xlsx as a DRAFT form with its labels in fr/it/sk; a refused import names every bad row; export
 * → import gives the same definition; IOM's HTCDS XLSForm imports; a caseworker cannot import (403);
 * another organisation cannot export north's form.
 */
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SheetOut } from '../../src/domain/forms/xlsform';
import { readXlsForm, writeXlsForm } from '../../src/services/xlsform-workbook';
import { createTestApp, type TestApp } from './support/app';
import { ENGINES } from './support/engines';
import type { ApiClient } from './support/http';

const HTCDS = readFileSync(path.resolve(import.meta.dirname, '../fixtures/htcds_xlsform.xlsx'));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----ariadne-xlsform-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const workbook = (
  survey: string[][],
  choices: string[][] = [['list_name', 'name', 'label']],
  settings?: string[][],
) => {
  const sheet = (name: SheetOut['name'], rows: string[][]): SheetOut => ({
    name,
    header: rows[0],
    rows: rows.slice(1),
  });
  return writeXlsForm([
    sheet('survey', survey),
    sheet('choices', choices),
    ...(settings ? [sheet('settings', settings)] : []),
  ]);
};

const ARRIVAL = () => ARRIVAL_AS('arrival');
const ARRIVAL_AS = (formId: string) =>
  workbook(
    [
      ['type', 'name', 'label::English (en)', 'label::Français (fr)', 'label::it', 'label::sk', 'required', 'relevant'],
      ['begin_group', 'arrival', 'Arrival', 'Arrivée', 'Arrivo', 'Príchod', '', ''],
      ['date', 'arrived_on', 'Arrived on', 'Arrivée le', 'Arrivata il', 'Prišla dňa', 'yes', ''],
      ['select_one routes', 'route', 'Route', 'Itinéraire', 'Percorso', 'Trasa', '', ''],
      [
        'text',
        'route_other',
        'Other route',
        'Autre itinéraire',
        'Altro percorso',
        'Iná trasa',
        '',
        "${route} = 'other'",
      ],
      ['end_group', '', '', '', '', '', '', ''],
    ],
    [
      ['list_name', 'name', 'label::en', 'label::fr', 'label::it', 'label::sk'],
      ['routes', 'sea', 'By sea', 'Par la mer', 'Via mare', 'Po mori'],
      ['routes', 'other', 'Other', 'Autre', 'Altro', 'Iné'],
    ],
    [
      ['form_id', 'form_title', 'default_language'],
      [formId, 'Arrival', 'en'],
    ],
  );

describe.each(ENGINES.map((e) => [e.name, e] as const))('XLSForm import and export on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let caseworker: ApiClient;
  let southAdmin: ApiClient;

  const upload = async (client: ApiClient, bytes: Buffer, fields: Record<string, string> = {}) => {
    const { body, contentType } = multipart(fields, { name: 'form.xlsx', bytes });
    return client.request('POST', '/api/forms/import', body, { 'content-type': contentType });
  };
  /** The export's bytes as sent (the client decodes bodies as text). */
  const download = async (client: ApiClient, code: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/forms/${code}/xlsform`,
      headers: { cookie: client.cookie! },
    });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    caseworker = await t.as('caseworker@north.demo.test');
    southAdmin = await t.as('admin@south.demo.test');
  });
  afterAll(() => t.close());

  test('an import makes a draft form with its labels in fr, it and sk', async () => {
    const res = await upload(admin, await ARRIVAL());
    expect(res.status).toBe(201);
    expect(res.body.skipped).toEqual([]);
    const form = res.body.form;
    expect(form).toMatchObject({ code: 'arrival', status: 'draft', currentVersion: 0, published: null });
    const fields = form.draft.sections[0].fields;
    expect(form.draft.sections[0].label).toEqual({ en: 'Arrival', fr: 'Arrivée', it: 'Arrivo', sk: 'Príchod' });
    expect(fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      'arrived_on:date',
      'route:select_one',
      'route_other:text',
    ]);
    expect(fields[1].choices.options[0]).toEqual({
      code: 'sea',
      label: { en: 'By sea', fr: 'Par la mer', it: 'Via mare', sk: 'Po mori' },
    });
    expect(fields[2].relevant).toBe("${route} = 'other'");
    // A draft: the staff's list of published forms does not offer it.
    const published = await caseworker.get('/api/forms');
    expect(published.body.forms.map((f: { code: string }) => f.code)).not.toContain('arrival');
    // The same code again is the forms service's conflict.
    expect((await upload(admin, await ARRIVAL())).status).toBe(409);
  });

  test('the same submission twice (one idempotency key) makes one form', async () => {
    const { body, contentType } = multipart({ code: 'once' }, { name: 'once.xlsx', bytes: await ARRIVAL_AS('once') });
    const headers = { 'content-type': contentType, 'idempotency-key': crypto.randomUUID() };
    const first = await admin.request('POST', '/api/forms/import', body, headers);
    const second = await admin.request('POST', '/api/forms/import', body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.form.id).toBe(first.body.form.id);
  });

  test('a refused import names every bad row at once, and makes nothing', async () => {
    const bad = await workbook(
      [
        ['type', 'name', 'label', 'relevant'],
        ['text', 'ok', 'Fine', ''],
        ['geopoint', 'where', 'Where', ''],
        ['begin_repeat', 'kids', 'Kids', ''],
        ['text', 'kid', 'Kid', ''],
        ['end_repeat', '', '', ''],
        ['integer', 'age', 'Age', '${nobody} > 2'],
        ['select_one nolist', 'pick', 'Pick', ''],
        ['text', 'ok', 'Twice', ''],
      ],
      undefined,
      [['form_id'], ['refused_form']],
    );
    const res = await upload(admin, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_xlsform');
    expect(res.body.error.details.rows).toEqual([
      { sheet: 'survey', row: 3, reason: expect.stringMatching(/^geopoint: /) },
      { sheet: 'survey', row: 4, reason: expect.stringMatching(/repeat groups do not map/) },
      { sheet: 'survey', row: 7, reason: 'relevant: ${nobody} is not a field of this form' },
      { sheet: 'survey', row: 8, reason: 'the choice list "nolist" is not in the choices sheet' },
      { sheet: 'survey', row: 9, reason: 'the name "ok" is used twice (first in row 2)' },
    ]);
    expect((await admin.get('/api/configuration/forms/refused_form')).status).toBe(404);
    // Not a workbook at all.
    const junk = await upload(admin, Buffer.from('not a spreadsheet'));
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('invalid_file');
  });

  test('export → import gives the same definition', async () => {
    const file = await download(admin, 'arrival');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX);
    expect(String(file.headers['content-disposition'])).toContain('arrival.xlsx');
    const sheets = await readXlsForm(file.bytes);
    expect(sheets.settings[0].cells.form_id).toBe('arrival');
    const original = (await admin.get('/api/configuration/forms/arrival')).body.form.draft;
    // Imported again under another code, it is the same form.
    const again = await upload(southAdmin, file.bytes);
    expect(again.status).toBe(201);
    expect(again.body.form.draft).toEqual(original);
  });

  test("IOM's published HTCDS XLSForm imports; the metadata rows are named as skipped", async () => {
    const res = await upload(admin, HTCDS, { code: 'htcds_core' });
    expect(res.status).toBe(201);
    expect(res.body.form.code).toBe('htcds_core');
    expect(res.body.skipped.map((s: { name: string }) => s.name)).toEqual(['start', 'end', '__version__']);
    expect(res.body.renamed).toContainEqual({ list: 'gender', from: 'Feminine', to: 'feminine' });
    expect(res.body.form.draft.sections.flatMap((s: { fields: unknown[] }) => s.fields)).toHaveLength(31);
  });

  test('a caseworker can neither import nor export; another organisation cannot export north’s form', async () => {
    expect((await upload(caseworker, await ARRIVAL(), { code: 'mine' })).status).toBe(403);
    expect((await download(caseworker, 'arrival')).status).toBe(403);
    const other = await t.as('admin@east.demo.test');
    const res = await download(other, 'arrival');
    expect(res.status).toBe(404);
    expect(res.bytes.includes(Buffer.from('Arrivée'))).toBe(false);
  });
});

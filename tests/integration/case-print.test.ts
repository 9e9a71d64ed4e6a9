/** The printed case file (PDF) through the API, on both engines: chosen sections only, footer, audit, tenancy. */
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { ENGINES } from './support/engines';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';
import { formatTimestamp } from '../../src/domain/cases/case-file';

describe.each(ENGINES.map((e) => [e.name, e] as const))('printing a case file on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    const created = await worker.post(
      '/api/cases',
      intake({
        person: { givenName: 'Demo Žofia', familyName: 'Kováčová-Müller Print', sex: 'female', pronouns: 'she/her' },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
    const placement = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'placement',
      data: { type: 'emergency', startOn: daysAgo(30), address: 'Demo Secret Lane 7' },
    });
    expect(placement.status, JSON.stringify(placement.body)).toBe(201);
    const service = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'service',
      data: { service: 'social_counselling', deliveredOn: daysAgo(20), provider: 'own' },
    });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
  });
  afterAll(() => t.close());

  async function print(client: ApiClient, body: unknown) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/print`,
      headers: { cookie: client.cookie!, 'x-csrf-token': client.csrf!, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    return res;
  }

  async function pdfText(bytes: Buffer) {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text, totalPages } = await extractText(pdf, { mergePages: false });
    return { pages: text as string[], totalPages };
  }

  test('the PDF holds the chosen sections, not the others, with a footer on every page and an audit row', async () => {
    const before = new Date();
    const res = await print(worker, { sections: ['person', 'accommodation'], language: 'en', timeZone: 'UTC' });
    const after = new Date();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="case-file-NOR-\d{4}-\d{4}\.pdf"$/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, totalPages } = await pdfText(res.rawPayload);
    const all = pages.join('\n');
    expect(all).toContain('Person and identity');
    expect(all).toContain('Demo Žofia Kováčová-Müller Print');
    expect(all).toContain('she/her');
    expect(all).toContain('Accommodation');
    expect(all).toContain('Demo Secret Lane 7');
    // Unchosen sections are absent, and so is what they hold.
    expect(all).not.toContain('Services');
    expect(all).not.toContain('Intake and risk');
    expect(all).not.toContain('Demo Town');
    const stamps = new Set([
      formatTimestamp(before.toISOString(), 'en', 'UTC'),
      formatTimestamp(after.toISOString(), 'en', 'UTC'),
    ]);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Printed by Demo Caseworker North on');
      expect(
        [...stamps].some((s) => page.includes(s)),
        `page ${i + 1}: ${page}`,
      ).toBe(true);
      expect(page).toContain(`Page ${i + 1} of ${totalPages}`);
    }
    const audit = await sql<{ action: string; fields: string[] }>`
      SELECT action, fields FROM audit_log WHERE entity_id = ${caseId} AND action = 'case.print'`.execute(
      t.ctx.db.system,
    );
    expect(audit.rows).toHaveLength(1);
    expect([...audit.rows[0].fields].sort()).toEqual(['accommodation', 'person']);
  });

  test('labels and dates follow the requested language', async () => {
    const res = await print(worker, { sections: ['services'], language: 'fr', timeZone: 'Europe/Paris' });
    expect(res.statusCode).toBe(200);
    const all = (await pdfText(res.rawPayload)).pages.join('\n');
    expect(all).toContain('Imprimé par Demo Caseworker North');
    expect(all).not.toContain('Printed by');
    expect(all).not.toContain(daysAgo(20));
  });

  test('a custom form prints in its own section with the labels of its version; unchosen, it is absent', async () => {
    const admin = await t.as('admin@north.demo.test');
    const definition = {
      code: 'print_check',
      title: { en: 'Print check form', fr: 'Formulaire de contrôle' },
      target: 'case',
      sections: [
        {
          name: 'main',
          label: { en: 'Main', fr: 'Principal' },
          fields: [
            { name: 'has_phone', type: 'yes_no', label: { en: 'Has a phone', fr: 'A un téléphone' } },
            {
              name: 'transport',
              type: 'select_one',
              label: { en: 'Transport', fr: 'Transport' },
              choices: { options: [{ code: 'bus', label: { en: 'By bus', fr: 'En bus' } }] },
            },
          ],
        },
      ],
    };
    expect((await admin.post('/api/configuration/forms', { definition })).status).toBe(201);
    const form = (await admin.get('/api/configuration/forms/print_check')).body.form;
    expect(
      (await admin.post('/api/configuration/forms/print_check/publish', { lockVersion: form.lockVersion })).status,
    ).toBe(200);
    const recorded = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'custom_form',
      data: { form: 'print_check', version: 1, values: { has_phone: true, transport: 'bus' } },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const chosen = (
      await pdfText((await print(worker, { sections: ['forms'], language: 'fr' })).rawPayload)
    ).pages.join('\n');
    expect(chosen).toContain('Formulaire de contrôle (version 1 du formulaire)');
    expect(chosen).toContain('A un téléphone');
    expect(chosen).toContain('Oui');
    expect(chosen).toContain('En bus');
    const other = (await pdfText((await print(worker, { sections: ['person', 'services'] })).rawPayload)).pages.join(
      '\n',
    );
    expect(other).not.toContain('Print check form');
    expect(other).not.toContain('By bus');
  });

  test('another organisation gets 404 and no audit row of a print', async () => {
    const other = await t.as('caseworker@south.demo.test');
    const res = await print(other, { sections: ['person'] });
    expect(res.statusCode).toBe(404);
    expect(res.rawPayload.toString()).not.toContain('%PDF');
  });

  test('a role that may not read cases is refused, and no section is refused', async () => {
    const auditor = await t.as('auditor@north.demo.test');
    expect((await print(auditor, { sections: ['person'] })).statusCode).toBe(403);
    expect((await print(worker, { sections: [] })).statusCode).toBe(400);
    expect((await print(worker, { sections: ['secrets'] })).statusCode).toBe(400);
  });
});

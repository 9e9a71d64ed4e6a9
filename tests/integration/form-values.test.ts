/**
 * Custom values everywhere the record goes (issue #17), on both engines: the case file PDF prints a
 * form's record with the labels of its own version (and custom fields of a service with the service),
 * and the CSV export has one column per field over every version, never a sealed value.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FormDefinitionInput } from '../../src/domain/forms/definition';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

// Canaries: sealed values that must never reach an export.
const FREE_TEXT = 'Demo canary: she stayed above the Demo Bakery';
const SENSITIVE = 'Demo canary nationality';

const health = (label = 'Pregnant'): FormDefinitionInput => ({
  code: 'health',
  title: { en: 'Health check', fr: 'Bilan de santé' },
  target: 'case',
  referralSection: 'health',
  sections: [
    {
      name: 'general',
      label: { en: 'General', fr: 'Général' },
      fields: [
        { name: 'pregnant', type: 'yes_no', label: { en: label, fr: 'Enceinte' } },
        {
          name: 'weeks',
          type: 'number',
          label: { en: 'Weeks of pregnancy', fr: 'Semaines de grossesse' },
          relevant: '${pregnant} = true()',
        },
        {
          name: 'needs',
          type: 'select_multiple',
          label: { en: 'Health needs', fr: 'Besoins de santé' },
          choices: {
            options: [
              { code: 'dental', label: { en: 'Dental care', fr: 'Soins dentaires' } },
              { code: 'eyes', label: { en: 'Eye care', fr: 'Soins des yeux' } },
            ],
          },
        },
        { name: 'seen_on', type: 'date', label: { en: 'Seen on', fr: 'Vue le' } },
        { name: 'remarks', type: 'long_text', label: { en: 'Remarks', fr: 'Remarques' } },
        { name: 'origin', type: 'text', label: { en: 'Origin' }, sensitive: true },
      ],
    },
  ],
});

describe.each(ENGINES.map((e) => [e.name, e] as const))(
  'custom values in the case file and CSV on %s',
  (_n, engine) => {
    let t: TestApp;
    let admin: ApiClient;
    let worker: ApiClient;
    let owner: ApiClient;
    let caseId: string;
    let reference: string;

    const publish = async (code: string) => {
      const form = (await admin.get(`/api/configuration/forms/${code}`)).body.form;
      const res = await admin.post(`/api/configuration/forms/${code}/publish`, { lockVersion: form.lockVersion });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };

    async function print(body: unknown) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/print`,
        headers: { cookie: worker.cookie!, 'x-csrf-token': worker.csrf!, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, res.body).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true });
      return text as string;
    }

    const csv = (client: ApiClient, code: string, language = 'en') =>
      t.app.inject({
        method: 'GET',
        url: `/api/forms/${code}/export.csv?language=${language}`,
        headers: { cookie: client.cookie! },
      });

    beforeAll(async () => {
      t = await createTestApp(engine);
      admin = await t.as('admin@north.demo.test');
      worker = await t.as('caseworker@north.demo.test');
      owner = await t.as('case_owner@north.demo.test');
      const created = await worker.post('/api/cases', intake());
      caseId = created.body.id;
      reference = created.body.reference;
      expect((await admin.post('/api/configuration/forms', { definition: health() })).status).toBe(201);
      await publish('health');
      const first = await worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'custom_form',
        data: {
          form: 'health',
          version: 1,
          values: {
            pregnant: true,
            weeks: 12,
            needs: ['dental', 'eyes'],
            seen_on: '2026-03-04',
            remarks: FREE_TEXT,
            origin: SENSITIVE,
          },
        },
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      // Version 2 relabels a field and retires another; the first record keeps version 1's labels.
      const v2 = health('Is pregnant');
      v2.sections[0]!.fields[3] = { ...v2.sections[0]!.fields[3]!, retired: true };
      v2.sections[0]!.fields.push({ name: 'smoker', type: 'yes_no', label: { en: 'Smoker', fr: 'Fumeuse' } });
      const form = (await admin.get('/api/configuration/forms/health')).body.form;
      const edited = await admin.put('/api/configuration/forms/health/draft', {
        definition: v2,
        lockVersion: form.lockVersion,
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      await publish('health');
      const second = await worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'custom_form',
        data: { form: 'health', version: 2, values: { pregnant: false, smoker: true } },
      });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      // Custom fields on a service record.
      const extra: FormDefinitionInput = {
        code: 'service_extra',
        title: { en: 'Service follow-up' },
        target: 'service',
        sections: [
          {
            name: 'follow',
            label: { en: 'Follow-up' },
            fields: [
              {
                name: 'satisfied',
                type: 'yes_no',
                label: { en: 'Satisfied with the service', fr: 'Satisfaite du service' },
              },
            ],
          },
        ],
      };
      expect((await admin.post('/api/configuration/forms', { definition: extra })).status).toBe(201);
      await publish('service_extra');
      const service = await worker.post(`/api/cases/${caseId}/entries`, {
        kind: 'service',
        data: {
          service: 'social_counselling',
          deliveredOn: daysAgo(3),
          provider: 'own',
          custom: { form: 'service_extra', version: 1, values: { satisfied: true } },
        },
      });
      expect(service.status, JSON.stringify(service.body)).toBe(201);
    });
    afterAll(() => t.close());

    test('the case file prints each record with its own version, in the reader language', async () => {
      const text = await print({ sections: ['forms', 'services'], language: 'fr', timeZone: 'UTC' });
      expect(text).toContain('Formulaires complémentaires');
      expect(text).toContain('Bilan de santé (version 1 du formulaire)');
      expect(text).toContain('Bilan de santé (version 2 du formulaire)');
      expect(text).toContain('Enceinte');
      expect(text).toContain('Oui');
      expect(text).toContain('Semaines de grossesse');
      expect(text).toContain('Soins dentaires, Soins des yeux');
      expect(text).toContain('4 mars 2026');
      // Sealed values are for staff, and the file is read by staff: printed.
      expect(text).toContain(FREE_TEXT);
      expect(text).toContain('Fumeuse');
      // The service's own custom fields print with the service.
      expect(text).toContain('Satisfaite du service');
      const english = await print({ sections: ['forms'], language: 'en', timeZone: 'UTC' });
      // Version 1's label for version 1's record, version 2's for version 2's.
      expect(english).toContain('Pregnant');
      expect(english).toContain('Is pregnant');
      expect(english).toContain('Seen on');
    });

    test('a form the printer did not choose is not in the file', async () => {
      const text = await print({ sections: ['person', 'intake'], language: 'en', timeZone: 'UTC' });
      expect(text).not.toContain('Health check');
      expect(text).not.toContain('Weeks of pregnancy');
      expect(text).not.toContain(FREE_TEXT);
      expect(text).not.toContain('Satisfied with the service');
    });

    test('the CSV has one column per field over every version and no sealed value', async () => {
      const res = await csv(owner, 'health');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['x-withheld-fields']).toBe('remarks,origin');
      const [header, ...rows] = res.body.trim().split('\r\n');
      expect(header.split(',')).toEqual([
        'case_reference',
        'recorded_on',
        'form_version',
        'pregnant (Is pregnant)',
        'weeks (Weeks of pregnancy)',
        'needs (Health needs)',
        'seen_on (Seen on)',
        'smoker (Smoker)',
      ]);
      const recordedOn = rows.map((r) => r.split(',')[1]);
      expect(rows).toEqual([
        `${reference},${recordedOn[0]},1,yes,12,dental (Dental care); eyes (Eye care),2026-03-04,`,
        `${reference},${recordedOn[1]},2,no,,,,yes`,
      ]);
      expect(recordedOn[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.body).not.toContain(FREE_TEXT);
      expect(res.body).not.toContain(SENSITIVE);
      expect(res.body).not.toContain('Remarks');
      // Labels in the language asked for.
      expect((await csv(admin, 'health', 'fr')).body).toContain('needs (Besoins de santé)');
      // Audited like other exports, field names only.
      const audit = await t.ctx.db.system
        .selectFrom('audit_log')
        .select(['action', 'fields'])
        .where('action', '=', 'export.form_values')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(audit)).not.toContain('remarks');
    });

    test('a caseworker without the permission gets 403; south cannot export north’s form', async () => {
      expect((await csv(worker, 'health')).statusCode).toBe(403);
      const southAdmin = await t.as('admin@south.demo.test');
      const res = await csv(southAdmin, 'health');
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(reference);
    });
  },
);

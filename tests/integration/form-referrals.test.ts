/**
 * Custom records across the referral seam (issue #17), on both engines: a form's record crosses
 * only within the referral section it declares and only when that section was chosen; the receiver
 * reads its values with the labels of its version; a form with no referral section never crosses;
 * her withdrawal makes it unreadable at once. "Nothing crosses" is checked in the receiver's API
 * answers and in the raw rows the receiver can decrypt.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FormDefinitionInput } from '../../src/domain/forms/definition';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const SHARED_TEXT = 'Demo canary: sees the Demo Clinic on Tuesdays';
const CLOSED_TEXT = 'Demo canary: never leaves north';

const form = (code: string, referralSection: string | null): FormDefinitionInput => ({
  code,
  title: { en: `Form ${code}`, fr: `Formulaire ${code}` },
  target: 'case',
  referralSection,
  sections: [
    {
      name: 'main',
      label: { en: 'Main' },
      fields: [
        { name: 'doctor', type: 'yes_no', label: { en: 'Has a doctor', fr: 'A un médecin' } },
        {
          name: 'care',
          type: 'select_one',
          label: { en: 'Care', fr: 'Soins' },
          choices: { options: [{ code: 'dental', label: { en: 'Dental care', fr: 'Soins dentaires' } }] },
        },
        { name: 'notes', type: 'long_text', label: { en: 'Notes' } },
      ],
    },
  ],
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('custom records on referrals on %s', (_n, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let north: ApiClient;
  let south: ApiClient;
  let southId: string;
  const db = () => t.ctx.db.system;

  const consent = (caseId: string, action: 'granted' | 'withdrawn') =>
    north.post(`/api/cases/${caseId}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        partnerOrganisationId: southId,
        action,
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(1),
      },
    });

  async function caseWithRecords() {
    const c = (await north.post('/api/cases', intake())).body;
    expect((await consent(c.id, 'granted')).status).toBe(201);
    for (const [code, notes] of [
      ['health', SHARED_TEXT],
      ['internal', CLOSED_TEXT],
    ])
      expect(
        (
          await north.post(`/api/cases/${c.id}/entries`, {
            kind: 'custom_form',
            data: { form: code, version: 1, values: { doctor: true, care: 'dental', notes } },
          })
        ).status,
      ).toBe(201);
    return c;
  }

  const refer = (caseId: string, sections: string[]) =>
    north.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
      sections,
    });

  /** Everything the receiver can decrypt of the referral's row, as text. */
  async function receiverRow(referralId: string): Promise<string> {
    const row = await db()
      .selectFrom('referrals')
      .select(['snapshot_enc'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    return t.ctx.keyRing.decrypt(southId, row.snapshot_enc as string);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(db())).rows[0]!.id;
    for (const definition of [form('health', 'health'), form('internal', null)]) {
      expect((await admin.post('/api/configuration/forms', { definition })).status).toBe(201);
      const f = (await admin.get(`/api/configuration/forms/${definition.code}`)).body.form;
      expect(
        (await admin.post(`/api/configuration/forms/${definition.code}/publish`, { lockVersion: f.lockVersion }))
          .status,
      ).toBe(200);
    }
  });
  afterAll(() => t.close());

  test('a shared section carries its form: the receiver reads the values with their labels', async () => {
    const c = await caseWithRecords();
    const sent = await refer(c.id, ['health']);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.sharedSections).toContain('health');
    const read = await south.get(`/api/referrals/${sent.body.id}`);
    expect(read.status).toBe(200);
    const forms = read.body.snapshot.forms;
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ form: 'health', version: 1, title: { fr: 'Formulaire health' } });
    expect(forms[0].values).toEqual([
      { name: 'doctor', value: true },
      { name: 'care', value: 'dental' },
      { name: 'notes', value: SHARED_TEXT },
    ]);
    expect(forms[0].sections[0].fields.find((f: { name: string }) => f.name === 'care').choices.options).toEqual([
      { code: 'dental', label: { en: 'Dental care', fr: 'Soins dentaires' } },
    ]);
    // A form with referralSection null never crosses, even beside a shared section.
    expect(JSON.stringify(read.body)).not.toContain(CLOSED_TEXT);
    expect(await receiverRow(sent.body.id)).not.toContain(CLOSED_TEXT);
    expect(await receiverRow(sent.body.id)).not.toContain('internal');
  });

  test('a section not chosen carries nothing of the form, in the API or the raw row', async () => {
    const c = await caseWithRecords();
    const sent = await refer(c.id, ['identification']);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const read = await south.get(`/api/referrals/${sent.body.id}`);
    expect(read.body.snapshot).not.toHaveProperty('forms');
    const text = JSON.stringify(read.body) + (await receiverRow(sent.body.id));
    for (const canary of [SHARED_TEXT, CLOSED_TEXT, 'Form health', 'Has a doctor']) expect(text).not.toContain(canary);
    // Choosing a section no form of hers declares is refused.
    const unknown = await refer(c.id, ['nonexistent_section']);
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_section']);
  });

  test('her withdrawal makes the shared form unreadable at once', async () => {
    const c = await caseWithRecords();
    const sent = await refer(c.id, ['health']);
    expect((await south.get(`/api/referrals/${sent.body.id}`)).body.snapshot.forms).toHaveLength(1);
    expect((await consent(c.id, 'withdrawn')).status).toBe(201);
    const read = await south.get(`/api/referrals/${sent.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.snapshot).toBeNull();
    expect(JSON.stringify(read.body)).not.toContain(SHARED_TEXT);
  });
});

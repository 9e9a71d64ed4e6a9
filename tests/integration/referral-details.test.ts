/**
 * What a referral carries besides the snapshot (issue #16), on both engines: a message sealed for both
 * organisations and nobody else, an urgency and a requested-by date (implausible dates refused at the
 * field), her identity facts for the partner only when identity was shared, and a case's own referrals
 * listed by case with each side's own case reference only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const MESSAGE = 'Demo message: she needs a female doctor, Thursday mornings only 7731';

describe.each(ENGINES.map((e) => [e.name, e] as const))('referral details on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let east: ApiClient;
  let northId: string;
  let southId: string;
  const orgId = async (slug: string) =>
    (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)).rows[0].id;
  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    east = await t.as('caseworker@east.demo.test');
    northId = await orgId('north');
    southId = await orgId('south');
  });
  afterAll(() => t.close());

  async function caseWithConsent(person: Record<string, unknown> = {}) {
    const base = intake();
    const c = (await north.post('/api/cases', { ...base, person: { ...base.person, ...person } })).body;
    expect(c.id, JSON.stringify(c)).toBeTruthy();
    const consent = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        partnerOrganisationId: southId,
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(60),
      },
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    return c as { id: string; reference: string };
  }

  const refer = (caseId: string, extra: Record<string, unknown> = {}) =>
    north.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
      ...extra,
    });

  test('the message is sealed at rest under each organisation’s own key; both read it, a third organisation nothing', async () => {
    const c = await caseWithConsent();
    const sent = await refer(c.id, { message: `  ${MESSAGE}  `, urgency: 'urgent', requestedBy: daysAgo(-14) });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ message: MESSAGE, urgency: 'urgent', requestedBy: daysAgo(-14) });

    const row = (
      await sql<Record<string, unknown>>`SELECT * FROM referrals WHERE id = ${sent.body.id}`.execute(t.ctx.db.system)
    ).rows[0];
    // Nowhere in clear: not in any column of the row.
    expect(JSON.stringify(row)).not.toContain('7731');
    const fromEnc = row.message_from_enc as string;
    const toEnc = row.message_to_enc as string;
    expect(await t.ctx.keyRing.decrypt(northId, fromEnc)).toBe(MESSAGE);
    expect(await t.ctx.keyRing.decrypt(southId, toEnc)).toBe(MESSAGE);
    // Each copy is bound to its organisation: the receiver's key does not open the sender's copy, nor the reverse.
    await expect(t.ctx.keyRing.decrypt(southId, fromEnc)).rejects.toThrow();
    await expect(t.ctx.keyRing.decrypt(northId, toEnc)).rejects.toThrow();

    for (const side of [north, south]) {
      const view = await side.get(`/api/referrals/${sent.body.id}`);
      expect([view.status, view.body.message, view.body.urgency, view.body.requestedBy]).toEqual([
        200,
        MESSAGE,
        'urgent',
        daysAgo(-14),
      ]);
    }
    expect((await east.get(`/api/referrals/${sent.body.id}`)).status).toBe(404);
    expect(JSON.stringify((await east.get('/api/referrals')).body)).not.toContain(sent.body.id);
    // The read of the message is in the receiver's trail (field names only).
    const audited = await sql<{ fields: string[] }>`
      SELECT fields FROM audit_log WHERE organisation_id = ${southId} AND entity_id = ${sent.body.id} AND action = 'referral.read'`.execute(
      t.ctx.db.system,
    );
    expect(audited.rows.some((r) => r.fields.includes('message'))).toBe(true);
  });

  test('without a message nothing is sealed; urgency defaults to routine and shows in both lists', async () => {
    const c = await caseWithConsent();
    const sent = await refer(c.id);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ message: null, urgency: 'routine', requestedBy: null });
    const row = (
      await sql<{ f: string | null; t: string | null }>`
        SELECT message_from_enc AS f, message_to_enc AS t FROM referrals WHERE id = ${sent.body.id}`.execute(
        t.ctx.db.system,
      )
    ).rows[0];
    expect(row).toEqual({ f: null, t: null });
    const emergency = await refer(c.id, { urgency: 'emergency', requestedBy: daysAgo(0) });
    expect(emergency.status, JSON.stringify(emergency.body)).toBe(201);
    for (const side of [north, south]) {
      const rows = (await side.get('/api/referrals')).body.referrals as { id: string; urgency: string }[];
      expect(rows.find((r) => r.id === sent.body.id)?.urgency).toBe('routine');
      expect(rows.find((r) => r.id === emergency.body.id)).toMatchObject({
        urgency: 'emergency',
        requestedBy: daysAgo(0),
      });
    }
  });

  test.each([
    // Plausible as a date, but not as a day a referral is needed by: the referral's own rule.
    ['a past day', daysAgo(3), 'implausible_date'],
    ['more than a year ahead', daysAgo(-400), 'implausible_date'],
    // Not a plausible date at all: refused by the date's own schema (a real day in 1900-2100).
    ['year 0001', '0001-06-01', 'validation_failed'],
    ['year 2999', '2999-06-01', 'validation_failed'],
    ['a day that does not exist', '2027-02-30', 'validation_failed'],
  ])('a requested-by date on %s is refused at its field, and nothing is written', async (_name, requestedBy, code) => {
    const c = await caseWithConsent();
    const res = await refer(c.id, { requestedBy });
    expect([res.status, res.body.error.code]).toEqual([400, code]);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: ['requestedBy'] })]);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM referrals WHERE from_case_id = ${c.id}`.execute(
      t.ctx.db.system,
    );
    expect(n.rows[0].n).toBe(0);
  });

  test('an unknown urgency and an over-long message are refused with their field paths and the limit', async () => {
    const c = await caseWithConsent();
    const urgency = await refer(c.id, { urgency: 'whenever' });
    expect([urgency.status, urgency.body.error.code]).toEqual([400, 'validation_failed']);
    expect(urgency.body.error.details.map((d: { path: string[] }) => d.path)).toEqual([['urgency']]);
    const long = await refer(c.id, { message: 'x'.repeat(2001) });
    expect([long.status, long.body.error.code]).toEqual([400, 'validation_failed']);
    expect(long.body.error.details).toEqual([
      expect.objectContaining({ path: ['message'], code: 'too_big', maximum: 2000 }),
    ]);
  });

  test('the partner sees date of birth, sex, citizenship and the minor flag only when identity was shared', async () => {
    const minorBorn = daysAgo(365 * 16);
    const c = await caseWithConsent({ dateOfBirth: minorBorn, citizenship: 'MD', sex: 'female' });
    const withIdentity = (await refer(c.id, { sections: ['identity'] })).body;
    const without = (await refer(c.id)).body;

    const shared = (await south.get(`/api/referrals/${withIdentity.id}`)).body;
    expect(shared.snapshot.identity).toMatchObject({
      dateOfBirth: minorBorn,
      sex: 'female',
      citizenship: 'MD',
      minor: true,
    });
    const notShared = (await south.get(`/api/referrals/${without.id}`)).body;
    expect(notShared.snapshot.identity).toBeUndefined();
    expect(JSON.stringify(notShared)).not.toContain(minorBorn);
    expect(JSON.stringify(notShared)).not.toMatch(/"minor"|citizenship|dateOfBirth/);
    // The sender never receives the snapshot back.
    expect((await north.get(`/api/referrals/${withIdentity.id}`)).body.snapshot).toBeNull();

    const adult = await caseWithConsent({ dateOfBirth: '1990-01-15' });
    const adultShared = (await refer(adult.id, { sections: ['identity'] })).body;
    expect((await south.get(`/api/referrals/${adultShared.id}`)).body.snapshot.identity.minor).toBe(false);
  });

  test("a case's referrals are listed by case, each side seeing only its own case reference", async () => {
    const one = await caseWithConsent();
    const other = await caseWithConsent();
    const a = (await refer(one.id, { urgency: 'urgent' })).body;
    const b = (await refer(one.id, { kind: 'referral', requestedService: 'social_counselling' })).body;
    const elsewhere = (await refer(other.id)).body;

    const listed = await north.get(`/api/cases/${one.id}/referrals`);
    expect(listed.status).toBe(200);
    const rows = listed.body.referrals as { id: string; caseId: string; caseReference: string; urgency: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(rows.every((r) => r.caseId === one.id && r.caseReference === one.reference)).toBe(true);
    expect(rows.find((r) => r.id === a.id)?.urgency).toBe('urgent');
    expect(rows.map((r) => r.id)).not.toContain(elsewhere.id);

    // The sender's list names her case; the receiver's never does (it has no case of its own for a referral).
    const senderRow = (await north.get('/api/referrals')).body.referrals.find((r: { id: string }) => r.id === a.id);
    expect(senderRow).toMatchObject({ caseId: one.id, caseReference: one.reference });
    const receiverRow = (await south.get('/api/referrals')).body.referrals.find((r: { id: string }) => r.id === a.id);
    expect(receiverRow).toMatchObject({ caseId: null, caseReference: null });
    expect(JSON.stringify((await south.get('/api/referrals')).body)).not.toContain(one.reference);
    expect(JSON.stringify(await south.get(`/api/referrals/${a.id}`).then((r) => r.body))).not.toContain(one.reference);
    expect((await north.get(`/api/referrals/${a.id}`)).body.caseReference).toBe(one.reference);
    // Another organisation cannot list a case it does not hold.
    expect((await south.get(`/api/cases/${one.id}/referrals`)).status).toBe(404);
  });

  test('a transfer accepted: the receiver sees her own new case reference, never the sender’s', async () => {
    const c = await caseWithConsent();
    const sent = (await refer(c.id, { kind: 'transfer', sections: ['identity'], message: MESSAGE })).body;
    const accepted = await south.post(`/api/referrals/${sent.id}/accept`, { version: sent.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const receiverRow = (await south.get('/api/referrals')).body.referrals.find(
      (r: { id: string }) => r.id === sent.id,
    );
    expect(receiverRow.caseId).toBe(accepted.body.toCaseId);
    expect(receiverRow.caseReference).toMatch(/\S/);
    expect(receiverRow.caseReference).not.toBe(c.reference);
    expect(accepted.body.caseReference).toBe(receiverRow.caseReference);
    expect(accepted.body.message).toBe(MESSAGE);
  });
});

/**
 * Issue #13 at the referral seam, on both engines: her withdrawal takes effect at once
 * (read, accept, notification, both sides), consent is per named partner, a transfer is
 * one atomic command that carries what she agreed to share and nothing else, the network
 * person identity travels, and referral notes are encrypted at rest.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { backfillReferralNotes } from '../../src/services/referral-notes-backfill';
import { casesRepo } from '../../src/storage/repositories/cases';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(ENGINES.map((e) => [e.name, e] as const))('referral privacy on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let east: ApiClient;
  let southId: string;
  let eastId: string;
  const db = () => t.ctx.db.system;
  const orgId = async (slug: string) =>
    (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(db())).rows[0].id;
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db())).rows[0].n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    east = await t.as('caseworker@east.demo.test');
    southId = await orgId('south');
    eastId = await orgId('east');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(() => t.close());

  const consent = (caseId: string, action: 'granted' | 'withdrawn', partner?: string, purpose = 'referral_sharing') =>
    north.post(`/api/cases/${caseId}/entries`, {
      kind: 'consent',
      data: {
        purpose,
        action,
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(1),
        ...(partner ? { partnerOrganisationId: partner } : {}),
      },
    });

  async function openCase(partners: string[]) {
    const c = (
      await north.post(
        '/api/cases',
        intake({
          intake: {
            channel: 'hotline',
            contactDate: daysAgo(30),
            municipality: 'Demo Town',
            language: 'ro',
            mediatorUsed: true,
            immediateNeeds: ['shelter', 'medical'],
          },
        }),
      )
    ).body;
    for (const p of partners) expect((await consent(c.id, 'granted', p)).status).toBe(201);
    return c;
  }

  test('her withdrawal hides the snapshot at once, refuses accept, tells the partner and shows on both sides', async () => {
    const c = await openCase([southId]);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'transfer',
        requestedService: 'accommodation',
        sections: ['identity'],
      })
    ).body;
    expect((await south.get(`/api/referrals/${sent.id}`)).body.snapshot).toMatchObject({
      identity: { familyName: 'Person 501' },
    });
    const casesBefore = await count(
      sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE organisation_id = ${southId}`,
    );

    expect((await consent(c.id, 'withdrawn', southId)).status).toBe(201);

    const view = await south.get(`/api/referrals/${sent.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'consent_withdrawn', consentWithdrawn: true, snapshot: null });
    expect(view.body.consentWithdrawnAt).toEqual(expect.any(String));
    expect(JSON.stringify(view.body)).not.toMatch(/Person 501|1999/);

    const accept = await south.post(`/api/referrals/${sent.id}/accept`, { version: view.body.version });
    expect([accept.status, accept.body.error.code]).toEqual([409, 'consent_withdrawn']);
    expect(
      await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE organisation_id = ${southId}`),
    ).toBe(casesBefore);
    expect((await north.get(`/api/cases/${c.id}`)).body.status).not.toBe('closed');

    // The partner is told, with codes and the sender's name only.
    const inbox = (await south.get('/api/notifications')).body;
    const told = inbox.notifications.find(
      (n: { kind: string; referralId: string }) => n.kind === 'referral.consent_withdrawn' && n.referralId === sent.id,
    );
    expect(told).toMatchObject({ partner: 'Demo Shelter North', read: false });
    expect(JSON.stringify(inbox)).not.toMatch(/Person 501|1999|Secret/);

    // The sender sees it on the referral and on the case's referral list.
    expect((await north.get(`/api/referrals/${sent.id}`)).body).toMatchObject({
      status: 'consent_withdrawn',
      consentWithdrawn: true,
    });
    expect((await north.get(`/api/cases/${c.id}/referrals`)).body.referrals).toEqual([
      expect.objectContaining({ id: sent.id, status: 'consent_withdrawn', toName: 'Demo Outreach South' }),
    ]);
    // Both trails record it.
    const actions = async (org: string) =>
      (
        await sql<{
          action: string;
        }>`SELECT action FROM audit_log WHERE organisation_id = ${org} AND entity_id = ${sent.id}`.execute(db())
      ).rows.map((r) => r.action);
    expect(await actions(await orgId('north'))).toContain('referral.consent_withdrawn');
    expect(await actions(southId)).toContain('referral.consent_withdrawn_by_sender');

    // A renewed consent does not reopen the old snapshot; a new referral is the way.
    expect((await consent(c.id, 'granted', southId)).status).toBe(201);
    expect((await south.get(`/api/referrals/${sent.id}`)).body).toMatchObject({
      status: 'consent_withdrawn',
      snapshot: null,
    });
  });

  test('consent is the one for the named partner: for A, a referral to B is refused; withdrawing A leaves B', async () => {
    const onlyEast = await openCase([eastId]);
    const refused = await north.post(`/api/cases/${onlyEast.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'consent_not_granted']);

    const both = await openCase([eastId, southId]);
    const toSouth = (
      await north.post(`/api/cases/${both.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      })
    ).body;
    const toEast = (
      await north.post(`/api/cases/${both.id}/referrals`, {
        toOrganisationId: eastId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      })
    ).body;
    expect((await consent(both.id, 'withdrawn', eastId)).status).toBe(201);
    expect((await south.get(`/api/referrals/${toSouth.id}`)).body).toMatchObject({
      status: 'pending',
      consentWithdrawn: false,
      snapshot: { chosenTerm: 'survivor' },
    });
    expect((await east.get(`/api/referrals/${toEast.id}`)).body).toMatchObject({
      status: 'consent_withdrawn',
      snapshot: null,
    });
    expect((await south.post(`/api/referrals/${toSouth.id}/accept`, { version: 1 })).body.status).toBe('accepted');
  });

  test('the consent is checked again on every read and on accept, not only through the referral state', async () => {
    const c = await openCase([southId]);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      })
    ).body;
    await consent(c.id, 'withdrawn', southId);
    // Even if the referral's own state were lost (restored backup, a bug), her consent still rules.
    await sql`UPDATE referrals SET status = 'pending', consent_withdrawn_at = NULL WHERE id = ${sent.id}`.execute(db());
    const view = (await south.get(`/api/referrals/${sent.id}`)).body;
    expect([view.status, view.consentWithdrawn, view.snapshot]).toEqual(['pending', true, null]);
    const accept = await south.post(`/api/referrals/${sent.id}/accept`, { version: view.version });
    expect([accept.status, accept.body.error.code]).toEqual([409, 'consent_withdrawn']);
  });

  test('a partner on a purpose that takes none is refused; referral sharing still needs one', async () => {
    const c = await openCase([]);
    const res = await consent(c.id, 'granted', southId, 'network_deduplication');
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
      400,
      'partner_not_applicable',
      { field: 'partnerOrganisationId' },
    ]);
    expect((await consent(c.id, 'granted', undefined, 'network_deduplication')).status).toBe(201);
    expect((await consent(c.id, 'granted', undefined)).body.error.code).toBe('partner_required');
    expect((await north.get(`/api/cases/${c.id}`)).body.consents).toEqual([
      expect.objectContaining({ purpose: 'network_deduplication', granted: true }),
    ]);
  });

  async function transferReady() {
    const c = await openCase([southId]);
    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'placement',
      data: { type: 'emergency', startOn: daysAgo(20), address: 'Demo Secret Street 1' },
    });
    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'own_account',
      data: { text: 'Demo private words', recordedOn: daysAgo(20) },
    });
    const ident = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'identification',
      data: {
        acts: ['recruitment'],
        means: ['coercion'],
        purposes: ['sexual_exploitation'],
        formsOfExploitation: ['sexual'],
        methodsOfControl: ['debt_bondage'],
        recruiterRelationship: 'intimate_partner',
        assessedOn: daysAgo(15),
      },
    });
    expect(ident.status, JSON.stringify(ident.body)).toBe(201);
    const legal = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'legal_event',
      data: { type: 'reflection_period', date: daysAgo(10), country: 'IT', note: 'Demo legal free text' },
    });
    expect(legal.status, JSON.stringify(legal.body)).toBe(201);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'transfer',
        requestedService: 'accommodation',
        sections: ['identity', 'identification', 'legal'],
      })
    ).body;
    await north.post(`/api/referrals/${sent.id}/notes`, { kind: 'note', data: { text: 'Demo sender-only note' } });
    return { c, sent, reflectionEnd: legal.body.data.endDate as string };
  }

  const southCases = () =>
    count(sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE organisation_id = ${southId}`);

  async function expectUntouched(c: { id: string }, sent: { id: string }, before: number) {
    expect((await south.get(`/api/referrals/${sent.id}`)).body).toMatchObject({
      status: 'pending',
      version: 1,
      toCaseId: null,
    });
    expect(await southCases()).toBe(before);
    expect(
      await count(
        sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM persons p JOIN referrals r ON r.network_person_id = p.network_person_id WHERE r.id = ${sent.id} AND p.organisation_id = ${southId}`,
      ),
    ).toBe(0);
    expect((await north.get(`/api/cases/${c.id}`)).body.status).toBe('contact');
  }

  test('a transfer is one transaction: a failure in case creation leaves it pending, no case, the sender open', async () => {
    const { c, sent } = await transferReady();
    const before = await southCases();
    // The receiver's list lacks the intake channel: case creation fails after the status moved on.
    await sql`UPDATE reference_items SET active = false WHERE organisation_id = ${southId} AND list_key = 'channels' AND code = 'partner'`.execute(
      db(),
    );
    try {
      const res = await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 });
      expect([res.status, res.body.error.code]).toEqual([400, 'unknown_list_value']);
    } finally {
      await sql`UPDATE reference_items SET active = true WHERE organisation_id = ${southId} AND list_key = 'channels' AND code = 'partner'`.execute(
        db(),
      );
    }
    await expectUntouched(c, sent, before);

    // A fault at the very end (the sender's side) rolls back the receiver's new case too.
    const addEvent = casesRepo.addEvent;
    vi.spyOn(casesRepo, 'addEvent').mockImplementation((tx, e) =>
      e.kind === 'transfer.completed' ? Promise.reject(new Error('injected')) : addEvent(tx, e),
    );
    expect((await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 })).status).toBe(500);
    vi.restoreAllMocks();
    await expectUntouched(c, sent, before);

    expect((await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 })).body.status).toBe('accepted');
  });

  test("the receiver's case starts from what she shared, and nothing unshared crosses; her network identity travels", async () => {
    const { c, sent, reflectionEnd } = await transferReady();
    const accepted = (await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 })).body;
    expect(accepted).toMatchObject({ status: 'accepted', toCaseId: expect.any(String) });
    const entries = (await south.get(`/api/cases/${accepted.toCaseId}/entries`)).body.entries as {
      kind: string;
      data: Record<string, unknown>;
    }[];
    const of = (kind: string) => entries.filter((e) => e.kind === kind).map((e) => e.data);
    expect(of('risk_assessment')).toEqual([expect.objectContaining({ level: 'high' })]);
    expect(of('identification')).toEqual([
      expect.objectContaining({
        acts: ['recruitment'],
        means: ['coercion'],
        purposes: ['sexual_exploitation'],
        formsOfExploitation: ['sexual'],
        methodsOfControl: ['debt_bondage'],
        assessedOn: daysAgo(15),
      }),
    ]);
    expect(of('legal_event')).toEqual([
      expect.objectContaining({ type: 'reflection_period', date: daysAgo(10), endDate: reflectionEnd }),
    ]);
    expect([...new Set(entries.map((e) => e.kind))].sort()).toEqual([
      'identification',
      'legal_event',
      'risk_assessment',
    ]);
    const everything = JSON.stringify([
      entries,
      (await south.get(`/api/cases/${accepted.toCaseId}`)).body,
      (await south.get(`/api/cases/${accepted.toCaseId}/timeline`)).body.events,
      accepted,
    ]);
    expect(everything).not.toMatch(
      /Secret Street|private words|exploiter knows|legal free text|sender-only|intimate_partner|Demo Town/,
    );
    expect(of('identification')[0]).not.toHaveProperty('recruiterRelationship');
    // Her consents do not travel: the new case asks for them afresh, and has none yet.
    expect((await south.get(`/api/cases/${accepted.toCaseId}`)).body.consents).toEqual([]);
    expect(
      (await south.get(`/api/cases/${accepted.toCaseId}/timeline`)).body.events.map((e: { kind: string }) => e.kind),
    ).toEqual(expect.arrayContaining(['transfer.received', 'consent.record_afresh']));
    // The prompt sits on the new owner's agenda until a first consent is recorded.
    const prompts = async () =>
      ((await south.get('/api/agenda')).body.items as { caseId: string; kind: string }[])
        .filter((i) => i.caseId === accepted.toCaseId && i.kind === 'consents_to_record')
        .map((i) => i.kind);
    expect(await prompts()).toEqual(['consents_to_record']);
    const given = await south.post(`/api/cases/${accepted.toCaseId}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'assistance',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(0),
      },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(await prompts()).toEqual([]);

    const persons = (
      await sql<{ organisation_id: string; network_person_id: string }>`
      SELECT p.organisation_id, p.network_person_id FROM persons p JOIN cases k ON k.organisation_id = p.organisation_id AND k.person_id = p.id
      WHERE k.id IN (${c.id}, ${accepted.toCaseId})`.execute(db())
    ).rows;
    expect(persons).toHaveLength(2);
    expect(persons[0].network_person_id).toBe(persons[1].network_person_id);
    expect(
      (
        await sql<{ network_person_id: string }>`SELECT network_person_id FROM referrals WHERE id = ${sent.id}`.execute(
          db(),
        )
      ).rows[0].network_person_id,
    ).toBe(persons[0].network_person_id);
    expect((await north.get(`/api/cases/${c.id}`)).body).toMatchObject({
      status: 'closed',
      closureReason: 'moved_to_other_organisation',
    });
  });

  test('a shared code the receiver does not know is kept out and said so on the new case', async () => {
    const { sent } = await transferReady();
    await sql`UPDATE reference_items SET active = false WHERE organisation_id = ${southId} AND list_key = 'methods_of_control' AND code = 'debt_bondage'`.execute(
      db(),
    );
    try {
      const accepted = (await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 })).body;
      const identification = (await south.get(`/api/cases/${accepted.toCaseId}/entries?kind=identification`)).body
        .entries[0].data;
      expect(identification.methodsOfControl).toEqual([]);
      const received = (await south.get(`/api/cases/${accepted.toCaseId}/timeline`)).body.events.find(
        (e: { kind: string }) => e.kind === 'transfer.received',
      );
      expect(received.data.omitted).toEqual({ 'identification.methodsOfControl': ['debt_bondage'] });
    } finally {
      await sql`UPDATE reference_items SET active = true WHERE organisation_id = ${southId} AND list_key = 'methods_of_control' AND code = 'debt_bondage'`.execute(
        db(),
      );
    }
  });

  test('referral notes are encrypted at rest; rows written in clear before are read, then sealed once', async () => {
    const c = await openCase([southId]);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      })
    ).body;
    const added = await south.post(`/api/referrals/${sent.id}/notes`, {
      kind: 'service',
      data: { service: 'legal_counselling', note: 'Demo receiver words' },
    });
    expect(added.body.notes).toEqual([
      expect.objectContaining({ kind: 'service', data: { service: 'legal_counselling', note: 'Demo receiver words' } }),
    ]);
    const raw = async () =>
      (await sql<Record<string, unknown>>`SELECT * FROM referral_notes WHERE referral_id = ${sent.id}`.execute(db()))
        .rows;
    expect(JSON.stringify(await raw())).not.toMatch(/receiver words|legal_counselling/);

    // A row as written before the change: clear JSON.
    await sql`INSERT INTO referral_notes (organisation_id, id, referral_id, kind, data, created_by) VALUES (${southId}, ${crypto.randomUUID()}, ${sent.id}, 'note', ${JSON.stringify({ note: 'Demo legacy words' })}::jsonb, NULL)`.execute(
      db(),
    );
    expect(
      (await south.get(`/api/referrals/${sent.id}`)).body.notes.map((n: { data: { note: string } }) => n.data.note),
    ).toEqual(['Demo receiver words', 'Demo legacy words']);
    expect(await backfillReferralNotes(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await backfillReferralNotes(t.ctx)).toBe(0);
    expect(JSON.stringify(await raw())).not.toMatch(/legacy words|receiver words/);
    expect(
      (await south.get(`/api/referrals/${sent.id}`)).body.notes.map((n: { data: { note: string } }) => n.data.note),
    ).toEqual(['Demo receiver words', 'Demo legacy words']);
    expect((await north.get(`/api/referrals/${sent.id}`)).body.notes).toEqual([]);
  });
});

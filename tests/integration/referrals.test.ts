/** Referrals and transfers across two demo organisations, on both engines: consent gate, minimum data, workflow, isolation. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNetwork } from '../../src/services/networks';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('referrals on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let southId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system))
      .rows[0].id;
  });
  afterAll(() => t.close());

  async function caseWithConsent(partner: string | null) {
    const c = (await north.post('/api/cases', intake())).body;
    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'placement',
      data: { type: 'emergency', startOn: daysAgo(61), address: 'Demo Secret Street 1' },
    });
    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'own_account',
      data: { text: 'Demo private words', recordedOn: daysAgo(61) },
    });
    if (partner)
      await north.post(`/api/cases/${c.id}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'referral_sharing',
          partnerOrganisationId: partner,
          action: 'granted',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(61),
        },
      });
    return c;
  }

  test('without sharing consent for that partner the referral is refused and nothing is written', async () => {
    const c = await caseWithConsent(null);
    const res = await north.post(`/api/cases/${c.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'consent_not_granted']);
    expect(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM referrals WHERE from_case_id = ${c.id}`.execute(
          t.ctx.db.system,
        )
      ).rows[0].n,
    ).toBe(0);
  });

  test('refer → accept → add a service → complete, with minimum data and isolation both ways', async () => {
    const c = await caseWithConsent(southId);
    const sent = await north.post(`/api/cases/${c.id}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'pending',
      direction: 'outgoing',
      sharedSections: ['chosen_term', 'language', 'needs', 'requested_service'],
      snapshot: null,
    });

    const incoming = (await south.get(`/api/referrals/${sent.body.id}`)).body;
    expect(incoming.snapshot).toEqual({
      chosenTerm: 'survivor',
      language: 'ro',
      needs: ['shelter', 'medical'],
      requestedService: 'legal_counselling',
    });
    expect(incoming.fromCaseId).toBeNull();
    expect(JSON.stringify(incoming)).not.toMatch(/Secret Street|private words|Person 501|1999/);
    // Nothing else of the sender's case through any endpoint.
    for (const path of [
      `/api/cases/${c.id}`,
      `/api/cases/${c.id}/entries`,
      `/api/cases/${c.id}/timeline`,
      `/api/cases/${c.id}/possible-duplicates`,
    ]) {
      expect((await south.get(path)).status, path).toBe(404);
    }
    const accepted = await south.post(`/api/referrals/${sent.body.id}/accept`, { version: incoming.version });
    expect(accepted.body.status).toBe('accepted');
    await south.post(`/api/referrals/${sent.body.id}/notes`, {
      kind: 'service',
      data: { service: 'legal_counselling', note: 'Demo receiver-only note' },
    });
    const done = await south.post(`/api/referrals/${sent.body.id}/complete`, { version: accepted.body.version });
    expect(done.body.status).toBe('completed');
    const senderView = (await north.get(`/api/referrals/${sent.body.id}`)).body;
    expect(senderView.status).toBe('completed');
    expect(senderView.notes).toEqual([]);
    expect(JSON.stringify(senderView)).not.toContain('receiver-only');
  });

  test('accepting an already-declined referral is a 409', async () => {
    const c = await caseWithConsent(southId);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'social_counselling',
      })
    ).body;
    const declined = (
      await south.post(`/api/referrals/${sent.id}/decline`, { reason: 'No capacity this month', version: 1 })
    ).body;
    const again = await south.post(`/api/referrals/${sent.id}/accept`, { version: declined.version });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_referral_transition']);
    expect((await north.post(`/api/referrals/${sent.id}/accept`, { version: declined.version })).status).toBe(404);
  });

  test('transfer: the partner owns a new linked case; the old one closes as moved', async () => {
    const c = await caseWithConsent(southId);
    expect(
      (
        await north.post(`/api/cases/${c.id}/referrals`, {
          toOrganisationId: southId,
          kind: 'transfer',
          requestedService: 'accommodation',
        })
      ).body.error.code,
    ).toBe('identity_required');
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'transfer',
        requestedService: 'accommodation',
        sections: ['identity'],
      })
    ).body;
    const accepted = (await south.post(`/api/referrals/${sent.id}/accept`, { version: 1 })).body;
    const newCase = (await south.get(`/api/cases/${accepted.toCaseId}`)).body;
    expect(newCase.person).toMatchObject({ givenName: 'Demo', familyName: 'Person 501', chosenTerm: 'survivor' });
    expect(JSON.stringify((await south.get(`/api/cases/${accepted.toCaseId}/entries`)).body)).not.toMatch(
      /Secret Street|private words/,
    );
    expect((await north.get(`/api/cases/${c.id}`)).body).toMatchObject({
      status: 'closed',
      closureReason: 'moved_to_other_organisation',
    });
  });

  test('a network needs at least three organisations', async () => {
    await expect(
      createNetwork(t.ctx, {
        name: 'Demo pair',
        formal: false,
        level: 'municipal',
        structure: 'other',
        members: [{ organisationId: southId }, { organisationId: southId }],
      }),
    ).rejects.toMatchObject({ code: 'network_too_small' });
  });

  test("notifications: the receiving organisation's duty users hear of a referral, the sender of the answer; no personal data", async () => {
    const southAdmin = await t.as('admin@south.demo.test');
    const southOwner = await t.as('case_owner@south.demo.test');
    const unread = async (client: ApiClient) => (await client.get('/api/notifications')).body;
    const before = {
      worker: (await unread(south)).notifications.length,
      owner: (await unread(southOwner)).notifications.length,
    };

    // Only the caseworker is on duty in the south.
    const staff = (await southAdmin.get('/api/users')).body.users as {
      id: string;
      email: string;
      version: number;
      onDuty: boolean;
    }[];
    const worker = staff.find((u) => u.email === 'caseworker@south.demo.test')!;
    const onDuty = await southAdmin.request('PATCH', `/api/users/${worker.id}`, {
      onDuty: true,
      version: worker.version,
    });
    expect([onDuty.status, onDuty.body.onDuty]).toEqual([200, true]);

    const c = await caseWithConsent(southId);
    const sent = (
      await north.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      })
    ).body;
    const workerView = await unread(south);
    expect(workerView.notifications.length).toBe(before.worker + 1);
    expect(workerView.notifications[0]).toMatchObject({
      kind: 'referral.received',
      referralId: sent.id,
      partner: 'Demo Shelter North',
      requestedService: 'legal_counselling',
      read: false,
    });
    expect(JSON.stringify(workerView)).not.toMatch(/Person 501|Secret Street|1999/);
    expect((await unread(southOwner)).notifications.length).toBe(before.owner);

    const incoming = (await south.get(`/api/referrals/${sent.id}`)).body;
    await south.post(`/api/referrals/${sent.id}/accept`, { version: incoming.version });
    const senderView = await unread(north);
    expect(senderView.notifications[0]).toMatchObject({
      kind: 'referral.accepted',
      referralId: sent.id,
      partner: 'Demo Outreach South',
    });

    expect((await south.post(`/api/notifications/${workerView.notifications[0].id}/read`, {})).status).toBe(204);
    expect((await unread(south)).notifications[0].read).toBe(true);
    // Someone else's notification is not found; marking all read clears the count.
    expect((await southOwner.post(`/api/notifications/${workerView.notifications[0].id}/read`, {})).status).toBe(404);
    expect((await north.post('/api/notifications/all/read', {})).status).toBe(204);
    expect((await unread(north)).unread).toBe(0);
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('directory and network view on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  test('the directory is searchable across the network by service and language', async () => {
    const worker = await t.as('caseworker@north.demo.test');
    const legal = (await worker.get('/api/directory?service=legal_counselling')).body.entries.map((e: any) => e.name);
    expect(legal).toEqual(['Demo Legal Aid East']);
    expect((await worker.get('/api/directory?language=fr')).body.entries.map((e: any) => e.name)).toEqual([
      'Demo Outreach South',
    ]);
  });

  test('an administrator updates capacity; the gap report shows gaps and exhausted capacity', async () => {
    const admin = await t.as('admin@north.demo.test');
    const coordinator = await t.as('coordinator@north.demo.test');
    const gaps = (await coordinator.get('/api/network/gaps')).body;
    const cell = (territory: string, service: string) =>
      gaps.cells.find((c: any) => c.territory === territory && c.service === service);
    expect(cell('Demo Region North', 'accommodation')).toMatchObject({ providers: 1, capacityExhausted: true });
    expect(cell('Demo Region East', 'accommodation')).toMatchObject({ providers: 0, gap: true });
    const update = await admin.request('PUT', '/api/directory/me', {
      organisationType: 'ngo',
      territoryLevel: 'nuts2',
      territory: 'Demo Region North',
      languages: ['it'],
      services: ['accommodation'],
      targetGroups: ['women'],
      shelterPlacesTotal: 12,
      shelterPlacesFree: 2,
    });
    expect(update.status).toBe(204);
    expect(
      (await coordinator.get('/api/network/gaps')).body.cells.find(
        (c: any) => c.territory === 'Demo Region North' && c.service === 'accommodation',
      ).capacityExhausted,
    ).toBe(false);
    const bad = await admin.request('PUT', '/api/directory/me', {
      organisationType: 'ngo',
      territoryLevel: 'nuts2',
      territory: 'X',
      languages: [],
      services: [],
      targetGroups: [],
      shelterPlacesTotal: 1,
      shelterPlacesFree: 5,
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await (
          await t.as('caseworker@north.demo.test')
        ).request('PUT', '/api/directory/me', {
          organisationType: 'ngo',
          territoryLevel: 'nuts2',
          territory: 'X',
          languages: [],
          services: [],
          targetGroups: [],
        })
      ).status,
    ).toBe(403);
  });

  test('the network graph has the three organisations, the agreement and referral counts, and no case content', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const graph = (await coordinator.get('/api/network/graph')).body;
    expect(graph.nodes.map((n: any) => n.name).sort()).toEqual([
      'Demo Legal Aid East',
      'Demo Outreach South',
      'Demo Shelter North',
    ]);
    expect(graph.agreements[0].members).toHaveLength(3);
    expect(Array.isArray(graph.flows)).toBe(true);
    // Filters: organisations offering a service, or working in a territory, and only the flows for that service.
    const language = (await coordinator.get('/api/network/graph?service=language_course')).body;
    expect(language.nodes.map((n: any) => n.name)).toEqual(['Demo Outreach South']);
    expect(language.agreements).toEqual([]);
    const east = (await coordinator.get('/api/network/graph?territory=Demo%20Region%20East')).body;
    expect(east.nodes.map((n: any) => n.name)).toEqual(['Demo Legal Aid East']);
    expect([east.agreements, east.flows]).toEqual([[], []]);
    expect((await coordinator.get('/api/network/graph?service=Not%20a%20code')).status).toBe(400);
  });
});

/** Network agreements and the EX-CHANGE questionnaire, on both engines: at least three members, invitations before access, skip logic at the API. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrganisation, createUserInOrganisation } from '../../src/services/organisations';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('networks on %s', (_name, engine) => {
  let t: TestApp;
  let northAdmin: ApiClient;
  let westAdmin: ApiClient;
  const ids: Record<string, string> = {};
  const networkCount = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM networks`.execute(t.ctx.db.system)).rows[0].n;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createOrganisation(t.ctx, { slug: 'west', name: 'Demo Health West' });
    await createUserInOrganisation(t.ctx, {
      organisationSlug: 'west',
      email: 'admin@west.demo.test',
      displayName: 'Demo Admin West',
      password: DEMO_PASSWORD,
      roles: ['admin'],
    });
    for (const slug of ['north', 'south', 'east', 'west'])
      ids[slug] = (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)
      ).rows[0].id;
    northAdmin = await t.as('admin@north.demo.test');
    westAdmin = await t.as('admin@west.demo.test');
  });
  afterAll(() => t.close());

  const proposal = (members: string[]) => ({
    name: 'Demo Health Network',
    formal: true,
    level: 'regional',
    structure: 'lead_and_partners',
    multiAgency: true,
    objectives: 'Demo: health access for survivors',
    composition: ['ngos', 'public_administration'],
    agreement: { title: 'Demo protocol', document: 'Demo protocol text', from: daysAgo(334), to: daysAgo(-395) },
    members: members.map((organisationId) => ({ organisationId })),
  });

  test('two organisations are a partnership, not a network: refused with the definition, nothing written', async () => {
    const before = await networkCount();
    const res = await northAdmin.post('/api/networks', proposal([ids.west]));
    expect([res.status, res.body.error.code]).toEqual([400, 'network_too_small']);
    expect(res.body.error.message).toMatch(/partnership, not a network/);
    expect(await networkCount()).toBe(before);
    expect(
      (await (await t.as('caseworker@north.demo.test')).post('/api/networks', proposal([ids.west, ids.south]))).status,
    ).toBe(403);
    const backwards = await northAdmin.post('/api/networks', {
      ...proposal([ids.west, ids.south]),
      agreement: { from: daysAgo(-31), to: daysAgo(334) },
    });
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_dates']);
  });

  test('an invited organisation gains access only once it accepts', async () => {
    const created = await northAdmin.post('/api/networks', proposal([ids.south, ids.west]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const mine = (await northAdmin.get('/api/networks')).body.networks.find(
      (n: { id: string }) => n.id === created.body.id,
    );
    expect(mine).toMatchObject({
      myStatus: 'active',
      activeMembers: 1,
      agreement: { title: 'Demo protocol', from: daysAgo(334), to: daysAgo(-395) },
    });
    expect(mine.members.map((m: { name: string; status: string }) => `${m.name}:${m.status}`).sort()).toEqual([
      'Demo Health West:invited',
      'Demo Outreach South:invited',
      'Demo Shelter North:active',
    ]);

    const invitation = (await westAdmin.get('/api/networks')).body.networks;
    expect(invitation.map((n: { id: string; myStatus: string }) => [n.id, n.myStatus])).toEqual([
      [created.body.id, 'invited'],
    ]);
    // Not yet a partner: no referral target, no directory entry, no network aggregates.
    const worker = await t.as('caseworker@north.demo.test');
    expect((await worker.get('/api/network/partners')).body.partners.map((p: { id: string }) => p.id)).not.toContain(
      ids.west,
    );

    expect((await westAdmin.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(204);
    expect((await westAdmin.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(409);
    expect((await worker.get('/api/network/partners')).body.partners.map((p: { id: string }) => p.id)).toContain(
      ids.west,
    );
    // East was never invited: it cannot answer, and sees nothing of the network.
    const east = await t.as('admin@east.demo.test');
    expect((await east.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(404);
    expect((await east.get('/api/networks')).body.networks.map((n: { id: string }) => n.id)).not.toContain(
      created.body.id,
    );
  });

  test('a declined invitation stays on record for the proposer and gives the decliner no access', async () => {
    const created = await northAdmin.post('/api/networks', {
      ...proposal([ids.south, ids.west]),
      name: 'Demo Declined Network',
    });
    expect(created.status).toBe(201);
    expect((await westAdmin.post(`/api/networks/${created.body.id}/decline`, {})).status).toBe(204);
    const mine = (await northAdmin.get('/api/networks')).body.networks.find(
      (n: { id: string }) => n.id === created.body.id,
    );
    expect(mine.members.map((m: { name: string; status: string }) => `${m.name}:${m.status}`).sort()).toEqual([
      'Demo Health West:declined',
      'Demo Outreach South:invited',
      'Demo Shelter North:active',
    ]);
    expect(mine.activeMembers).toBe(1);
    // West no longer sees the network, cannot change its answer, and is no partner through it.
    expect((await westAdmin.get('/api/networks')).body.networks.map((n: { id: string }) => n.id)).not.toContain(
      created.body.id,
    );
    expect((await westAdmin.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(404);
    const row = await sql<{
      status: string;
      answered_at: Date | null;
      joined_at: Date | null;
    }>`SELECT status, answered_at, joined_at FROM network_memberships WHERE network_id = ${created.body.id} AND organisation_id = ${ids.west}`.execute(
      t.ctx.db.system,
    );
    expect(row.rows[0]).toMatchObject({ status: 'declined', joined_at: null });
    expect(row.rows[0].answered_at).not.toBeNull();
    const audit = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = ${ids.west} AND action = 'network.decline' AND entity_id = ${created.body.id}`.execute(
      t.ctx.db.system,
    );
    expect(audit.rows[0].n).toBe(1);
  });

  test('the questionnaire enforces its skip logic and keeps every version; answers stay with the organisation', async () => {
    const skipped = await northAdmin.request('PUT', '/api/questionnaire', {
      answers: {
        A1: { value: 'Demo Shelter North' },
        A3: { value: ['social_assistance_reintegration'] },
        B1: { value: false },
        C2: { value: 'Demo' },
      },
    });
    expect([skipped.status, skipped.body.error.code]).toEqual([400, 'invalid_questionnaire']);
    expect(skipped.body.error.details).toContainEqual({ item: 'C2', code: 'skipped_item_answered' });

    const answers = {
      A1: { value: 'Demo Shelter North' },
      A3: { value: ['social_assistance_reintegration', 'other'], specify: 'Demo drop-in' },
      B1: { value: true },
      B2: { value: true },
      C1: { value: 'formalised' },
      C2: { value: 'Demo Anti-Trafficking Network' },
      C3: { value: 'regional' },
      C5: { value: 'multi_agency' },
      C6: { value: 'lead_and_partners' },
      C7: { value: ['leading_organisation', 'ngos'] },
      C9: { value: ['various_services'] },
      C12: { value: ['final_beneficiaries'] },
      C14: { value: ['local', 'national'] },
    };
    const saved = await northAdmin.request('PUT', '/api/questionnaire', { answers });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      network: {
        name: 'Demo Anti-Trafficking Network',
        formal: true,
        level: 'regional',
        structure: 'lead_and_partners',
        multiAgency: true,
      },
    });
    expect(saved.body.visible).toContain('C18');
    expect(saved.body.visible).not.toContain('B3');
    expect(
      (
        await northAdmin.request('PUT', '/api/questionnaire', {
          answers: { ...answers, C8: { value: 'Demo objectives' } },
        })
      ).body.version,
    ).toBe(2);
    expect((await westAdmin.get('/api/questionnaire')).body).toMatchObject({ version: 0, answers: {} });
  });
});

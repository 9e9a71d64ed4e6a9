/**
 * The tenant predicate of the policy table is real: requireAccess is given the loaded record's
 * organisation, so where a record is visible to more than one organisation (a referral, a
 * network's budget) only the organisation the rule names may act. Each test here fails if
 * sameOrganisation in src/policies/policies.ts is made always true.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUserInOrganisation } from '../../src/services/organisations';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('requireAccess sees the record on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    const orgs = await sql<{ id: string; slug: string }>`SELECT id, slug FROM organisations`.execute(t.ctx.db.system);
    ids = Object.fromEntries(orgs.rows.map((o) => [o.slug, o.id]));
    // One caseworker who works for both the sender and the receiver (home: north).
    for (const slug of ['north', 'south'])
      await createUserInOrganisation(t.ctx, {
        organisationSlug: slug,
        email: 'both.caseworker@demo.test',
        displayName: 'Demo Caseworker Both',
        password: DEMO_PASSWORD,
        roles: ['caseworker'],
      });
  });
  afterAll(() => t.close());

  async function referralToSouth(client: ApiClient) {
    const c = (await client.post('/api/cases', intake())).body;
    await client.post(`/api/cases/${c.id}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        partnerOrganisationId: ids.south,
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(60),
      },
    });
    const sent = await client.post(`/api/cases/${c.id}/referrals`, {
      toOrganisationId: ids.south,
      kind: 'referral',
      requestedService: 'legal_counselling',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body as { id: string; version: number };
  }
  const statusOf = async (id: string) =>
    (
      await sql<{ status: string; version: number }>`SELECT status, version FROM referrals WHERE id = ${id}`.execute(
        t.ctx.db.system,
      )
    ).rows[0];

  test('only the receiver answers a referral: the sender accepting, declining or completing it is 404 and changes nothing', async () => {
    const referral = await referralToSouth(north);
    // The sender sees its referral (it is named in it), yet answering it is not hers.
    expect((await north.get(`/api/referrals/${referral.id}`)).status).toBe(200);
    for (const [action, body] of [
      ['accept', { version: 1 }],
      ['decline', { reason: 'Demo reason', version: 1 }],
      ['complete', { version: 1 }],
    ] as const) {
      const res = await north.post(`/api/referrals/${referral.id}/${action}`, body);
      expect([res.status, res.body.error?.code], action).toEqual([404, 'not_found']);
    }
    expect(await statusOf(referral.id)).toEqual({ status: 'pending', version: 1 });
    const accepted = await south.post(`/api/referrals/${referral.id}/accept`, { version: 1 });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
  });

  test("a caseworker of both organisations answers only from the receiving organisation's session", async () => {
    const both = await t.as('both.caseworker@demo.test');
    const referral = await referralToSouth(both);
    // In the sender's session the referral is hers to read, not to answer.
    const fromSender = await both.post(`/api/referrals/${referral.id}/accept`, { version: 1 });
    expect([fromSender.status, fromSender.body.error?.code]).toEqual([404, 'not_found']);
    expect((await statusOf(referral.id))!.status).toBe('pending');
    expect((await both.post('/api/session/organisation', { organisationId: ids.south })).status).toBe(200);
    const fromReceiver = await both.post(`/api/referrals/${referral.id}/accept`, { version: 1 });
    expect([fromReceiver.status, fromReceiver.body.status]).toEqual([200, 'accepted']);
  });

  test("a network administrator in a member's session cannot set the lead organisation's privacy budget", async () => {
    const admin = await t.as('network.admin@demo.test');
    const networkId = (await admin.get('/api/networks')).body.networks[0].id as string;
    const budget = async () =>
      Number(
        (
          await sql<{ b: string }>`SELECT privacy_budget AS b FROM networks WHERE id = ${networkId}`.execute(
            t.ctx.db.system,
          )
        ).rows[0]!.b,
      );
    const before = await budget();
    for (const member of ['south', 'east']) {
      expect((await admin.post('/api/session/organisation', { organisationId: ids[member] })).status).toBe(200);
      const res = await admin.put(`/api/statistics/releases/${networkId}/budget`, { totalEpsilon: 42 });
      expect([res.status, res.body.error?.code], member).toEqual([403, 'forbidden']);
    }
    expect(await budget()).toBe(before);
    // The lead organisation (north) may.
    expect((await admin.post('/api/session/organisation', { organisationId: ids.north })).status).toBe(200);
    expect((await admin.put(`/api/statistics/releases/${networkId}/budget`, { totalEpsilon: 4 })).status).toBe(200);
    expect(await budget()).toBe(4);
  });
});

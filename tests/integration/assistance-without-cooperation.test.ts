/**
 * Assistance never depends on cooperation with the police: a case whose person declines to
 * cooperate with the authorities (or does not) still receives every kind of assistance record
 * and can be referred to a partner, through the API, on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('assistance without cooperation on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let southId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system))
      .rows[0]!.id;
  });
  afterAll(() => t.close());

  test.each(['declined', 'not_cooperating', 'unknown'])(
    'cooperation %s: services, placements, the plan and a referral are all recorded',
    async (cooperation) => {
      const created = await worker.post(
        '/api/cases',
        intake({ intake: { ...intake().intake, contactDate: daysAgo(30) } }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const c = created.body;
      const patched = await worker.patch(`/api/cases/${c.id}`, {
        cooperationWithAuthorities: cooperation,
        version: c.version,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.cooperationWithAuthorities).toBe(cooperation);

      const records = [
        { kind: 'service', data: { service: 'social_counselling', deliveredOn: daysAgo(20), provider: 'own' } },
        { kind: 'service', data: { service: 'legal_counselling', deliveredOn: daysAgo(19), provider: 'own' } },
        { kind: 'placement', data: { type: 'emergency', startOn: daysAgo(25), address: 'Demo Secret Street 9' } },
        { kind: 'objective', data: { title: 'Health check-up', status: 'open', microObjectives: [] } },
        {
          kind: 'consent',
          data: {
            purpose: 'referral_sharing',
            partnerOrganisationId: southId,
            action: 'granted',
            language: 'en',
            interpreterUsed: false,
            recordedOn: daysAgo(10),
          },
        },
      ];
      for (const record of records) {
        const res = await worker.post(`/api/cases/${c.id}/entries`, record);
        expect(res.status, `${record.kind}: ${JSON.stringify(res.body)}`).toBe(201);
      }
      const referral = await worker.post(`/api/cases/${c.id}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'legal_counselling',
      });
      expect(referral.status, JSON.stringify(referral.body)).toBe(201);
      const kinds = (await worker.get(`/api/cases/${c.id}/entries`)).body.entries.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['service', 'placement', 'objective']));
    },
  );
});

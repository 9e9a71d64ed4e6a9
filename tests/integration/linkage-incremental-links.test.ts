/**
 * Incremental linkage meets the MSE's linkage error (#20, #21), on both engines: a full run, new records,
 * an incremental run. The run replaces the links of the part it solved again (linkage_links), so the
 * network table's linkage still reproduces the table and the job with linkage error runs on it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runNetworkLinkage } from '../../src/services/linkage';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const consent = (purpose: string) => ({
  kind: 'consent',
  data: { purpose, action: 'granted', language: 'en', interpreterUsed: false, recordedOn: daysAgo(61) },
});

describe.each(ENGINES.map((e) => [e.name, e] as const))(
  'incremental linkage and linkage error on %s',
  (_name, engine) => {
    let t: TestApp;
    let north: ApiClient;
    let south: ApiClient;
    let east: ApiClient;
    let coordinator: ApiClient;

    beforeAll(async () => {
      t = await createTestApp(engine);
      north = await t.as('caseworker@north.demo.test');
      south = await t.as('caseworker@south.demo.test');
      east = await t.as('caseworker@east.demo.test');
      coordinator = await t.as('coordinator@north.demo.test');
    }, 600_000);
    afterAll(() => t.close());

    /** A case whose person consented to deduplication and to anonymous statistics; her person id. */
    async function newCase(client: ApiClient, familyName: string, dateOfBirth: string): Promise<string> {
      const c = (
        await client.post(
          '/api/cases',
          intake({ person: { givenName: 'Demo', familyName, dateOfBirth, sex: 'female', citizenship: 'RO' } }),
        )
      ).body;
      expect(c.id, JSON.stringify(c)).toBeTruthy();
      for (const purpose of ['network_deduplication', 'anonymous_statistics'])
        expect((await client.post(`/api/cases/${c.id}/entries`, consent(purpose))).status).toBe(201);
      return c.person.id as string;
    }

    const linksOf = async (personId: string) =>
      (
        await sql<{ run_id: string }>`SELECT run_id FROM linkage_links
        WHERE a_person_id = ${personId} OR b_person_id = ${personId}`.execute(t.ctx.db.system)
      ).rows.map((r) => r.run_id);

    async function finished(id: string) {
      for (let i = 0; i < 3000; i++) {
        const res = await coordinator.get(`/api/mse/jobs/${id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        if (res.body.state !== 'running') return res.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('MSE job did not finish');
    }

    test('after an incremental run the new links are stored and the MSE job with linkage error runs', async () => {
      // Persons on one list or two, so that a three-list model has overlaps to estimate from; names
      // unlike each other, so that the few pairs leave the network to the fixed Dice thresholds.
      const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'du', 'fe', 'gu'];
      const nameOf = (n: number) => [n, n * 5 + 3, n * 7 + 1].map((k) => syllables[k % 12]).join('');
      const lists: [ApiClient[], number][] = [
        [[north], 3],
        [[south], 3],
        [[east], 2],
        [[north, south], 3],
        [[north, east], 2],
        [[south, east], 2],
      ];
      let n = 0;
      const alone: string[] = [];
      for (const [clients, count] of lists)
        for (let i = 0; i < count; i++, n++)
          for (const client of clients) {
            const id = await newCase(client, nameOf(n), `19${60 + n}-0${1 + (n % 9)}-${10 + (n % 18)}`);
            if (clients.length === 1) alone.push(id);
          }
      const kept = await newCase(north, 'Person 921', '1991-04-12');
      await newCase(south, 'Person 921', '1991-04-12');
      const other = await newCase(north, 'Person 922', '1983-09-27');
      await newCase(east, 'Person 922', '1983-09-27');
      const full = await runNetworkLinkage(t.ctx, undefined, { mode: 'full' });
      expect(full.mode).toBe('full');
      expect(full.stats.matches, JSON.stringify(full.stats)).toBeGreaterThanOrEqual(9);
      expect(await linksOf(kept)).toEqual([full.runId]);
      const untouched = await linksOf(other);
      expect(untouched).toEqual([full.runId]);

      // New: Person 921 at East (joins her), Person 923 at North and South (a new person).
      const joined = await newCase(east, 'Person 921', '1991-04-12');
      const fresh = await newCase(north, 'Person 923', '1975-12-02');
      await newCase(south, 'Person 923', '1975-12-02');
      const step = await runNetworkLinkage(t.ctx);
      expect(step.mode).toBe('incremental');
      expect(step.stats.comparedRecords).toBe(3);

      // The new records' links are this run's. The person East's record joined stands: her earlier
      // link keeps the full run's row (not compared again), beside the new one; the person the run
      // did not reach keeps the full run's.
      expect(await linksOf(joined)).toContain(step.runId);
      expect([...new Set(await linksOf(kept))].sort()).toEqual([full.runId, step.runId].sort());
      expect(await linksOf(fresh)).toEqual([step.runId]);
      expect(await linksOf(other)).toEqual(untouched);

      const fit = async () => {
        const res = await coordinator.post('/api/mse/jobs', {
          bootstrap: 50,
          seed: 7,
          sensitivity: false,
          method: 'main',
          network: { by: 'organisation', linkageError: true },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        const job = await finished(res.body.id);
        expect([job.state, job.errorCode ?? job.error?.code], JSON.stringify(job)).toEqual(['succeeded', undefined]);
        expect(job.result.linkageError).toMatchObject({ included: true, run: step.runId });
        return job.result.linkageError.uncertainPairs as number;
      };
      const uncertain = await fit();

      // A pair the full run left pending in the review band (North's and South's first person on one list):
      // still pending after the incremental run, so one more uncertain link the linkage error redraws.
      const orgId = async (slug: string) =>
        (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)).rows[0]!
          .id;
      await sql`INSERT INTO linkage_reviews (id, a_organisation_id, a_person_id, b_organisation_id, b_person_id, score, run_id, probability)
        VALUES (gen_random_uuid(), ${await orgId('north')}, ${alone[0]}, ${await orgId('south')}, ${alone[3]}, 0.7, ${full.runId}, 0.4)`.execute(
        t.ctx.db.system,
      );
      expect(await fit()).toBe(uncertain + 1);
    }, 900_000);
  },
);

/**
 * Linkage error in the MSE interval (issue #21), on both engines: two organisations' cases on three
 * identification channels, a linkage run whose links and review-band pairs carry match probabilities; the
 * MSE job builds the network table itself and, with linkage error, redraws the uncertain links in every
 * replicate. The interval is wider than the plain bootstrap's and says so; with every probability 0 or 1 it
 * is the plain percentile bootstrap of the same seed; only counts leave; the registry keeps it.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE with linkage error on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;
  const run = crypto.randomUUID();
  /** Every pseudonymous id the test wrote: none may leave with a result. */
  const ids: string[] = [run];
  let northId: string;
  let southId: string;

  /** `n` persons of one organisation first met on `channel`, each consenting to statistics; their person ids. */
  async function persons(client: ApiClient, channel: string, n: number, from: number): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const body = intake({
        person: {
          givenName: 'Demo',
          familyName: `Linked ${from + i}`,
          citizenship: 'MD',
          sex: 'female',
          dateOfBirth: '1997-03-03',
        },
      });
      const c = (await client.post('/api/cases', { ...body, intake: { ...body.intake, channel } })).body;
      expect(c.id, JSON.stringify(c)).toBeTruthy();
      await client.post(`/api/cases/${c.id}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'anonymous_statistics',
          action: 'granted',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(61),
        },
      });
      const row = await sql<{ person_id: string }>`SELECT person_id FROM cases WHERE id = ${c.id}`.execute(
        t.ctx.db.system,
      );
      out.push(row.rows[0]!.person_id);
    }
    ids.push(...out);
    return out;
  }

  /** A link of the run: both records in one cluster, as a run writes them. */
  async function link(north: string, south: string, probability: number) {
    const cluster = crypto.randomUUID();
    ids.push(cluster);
    for (const [org, person, partner] of [
      [northId, north, southId],
      [southId, south, northId],
    ])
      await sql`INSERT INTO linkage_matches (organisation_id, person_id, cluster_id, partner_organisation_ids, run_id)
        VALUES (${org}, ${person}, ${cluster}, ARRAY[${partner}]::uuid[], ${run})`.execute(t.ctx.db.system);
    await sql`INSERT INTO linkage_links (run_id, a_organisation_id, a_person_id, b_organisation_id, b_person_id, probability)
      VALUES (${run}, ${northId}, ${north}, ${southId}, ${south}, ${probability})`.execute(t.ctx.db.system);
  }

  async function finished(id: string) {
    for (let i = 0; i < 3000; i++) {
      const res = await coordinator.get(`/api/mse/jobs/${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      if (res.body.state !== 'running') return res.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('MSE job did not finish');
  }

  async function fit(body: Record<string, unknown>) {
    const res = await coordinator.post('/api/mse/jobs', body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = await finished(res.body.id);
    expect(job.state, JSON.stringify(job)).toBe('succeeded');
    return job;
  }

  /** The job the CLI's output is compared with. */
  const linkedJob = () => fit({ ...base, network: { by: 'channel', linkageError: true } });

  const REPLICATES = 200;
  const base = { bootstrap: REPLICATES, seed: 7, sensitivity: false, method: 'main' } as const;

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
    const north = await t.as('caseworker@north.demo.test');
    const south = await t.as('caseworker@south.demo.test');
    const orgId = async (slug: string) =>
      (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)).rows[0]!
        .id;
    [northId, southId] = [await orgId('north'), await orgId('south')];
    const northHotline = await persons(north, 'hotline', 30, 800);
    const northOutreach = await persons(north, 'outreach_unit', 16, 830);
    const southDropIn = await persons(south, 'drop_in_centre', 24, 850);
    const southHotline = await persons(south, 'hotline', 12, 880);
    await sql`INSERT INTO linkage_runs (id, started_at, finished_at, schema_version, stats, capture_histories)
      VALUES (${run}, now(), now() + interval '1 minute', 'test', '{}', '{}')`.execute(t.ctx.db.system);
    // Linked pairs with their one-to-one match probabilities, across the channels.
    for (let i = 0; i < 10; i += 1) await link(northHotline[i]!, southDropIn[i]!, 0.6 + 0.035 * i);
    for (let i = 0; i < 8; i += 1) await link(northOutreach[i]!, southDropIn[10 + i]!, 0.7);
    for (let i = 0; i < 5; i += 1) await link(northOutreach[8 + i]!, southHotline[i]!, 0.8);
    // Review-band pairs the run did not link, with their probability.
    for (let i = 0; i < 5; i += 1)
      await sql`INSERT INTO linkage_reviews (id, a_organisation_id, a_person_id, b_organisation_id, b_person_id, score, run_id, probability)
        VALUES (${crypto.randomUUID()}, ${northId}, ${northHotline[10 + i]}, ${southId}, ${southDropIn[18 + i]}, 0.8, ${run}, 0.3)`.execute(
        t.ctx.db.system,
      );
  }, 600_000);
  afterAll(() => t.close());

  test('the interval redraws the uncertain links: wider than the plain bootstrap, and it says so', async () => {
    const plain = await fit({ ...base, interval: 'percentile', network: { by: 'channel' } });
    const linked = await fit({ ...base, network: { by: 'channel', linkageError: true } });
    const [p, l] = [plain.result, linked.result];
    expect(p.linkageError).toBeUndefined();
    // The same table (the linkage as decided), so the same point estimate.
    expect(l.estimate).toBeCloseTo(p.estimate, 9);
    expect(l.overlaps).toEqual(p.overlaps);
    expect(l.linkageError).toMatchObject({ included: true, run, uncertainPairs: 28, method: 'percentile' });
    expect(l.linkageError.replicates).toBe(REPLICATES);
    expect(l.linkageError.interval).toEqual(l.interval.bootstrap);
    expect(l.linkageError.persons.max).toBeGreaterThan(l.linkageError.persons.min);
    expect(l.bootstrap.method).toBe('percentile');
    const width = (i: number[]) => i[1] - i[0];
    expect(width(l.interval.bootstrap)).toBeGreaterThan(width(p.interval.bootstrap));
    // Closed schema: the field is named, and nothing else of the domain object leaves.
    expect(Object.keys(l)).toContain('linkageError');
    expect(Object.keys(l.linkageError).sort()).toEqual(
      ['included', 'run', 'uncertainPairs', 'method', 'interval', 'replicates', 'failed', 'seed', 'persons'].sort(),
    );
    // Counts only: no person, cluster or name of the linkage leaves with the result (the run id does).
    const text = JSON.stringify(linked);
    for (const id of ids.slice(1)) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Linked \d+/);
  });

  test('with every probability 0 or 1 it is the plain percentile bootstrap of the same seed', async () => {
    await sql`UPDATE linkage_links SET probability = 1 WHERE run_id = ${run}`.execute(t.ctx.db.system);
    await sql`UPDATE linkage_reviews SET probability = 0 WHERE run_id = ${run}`.execute(t.ctx.db.system);
    try {
      const plain = await fit({ ...base, interval: 'percentile', network: { by: 'channel' } });
      const linked = await fit({ ...base, network: { by: 'channel', linkageError: true } });
      expect(linked.result.linkageError.uncertainPairs).toBe(0);
      expect(linked.result.interval.bootstrap).toEqual(plain.result.interval.bootstrap);
      expect(linked.result.linkageError.persons.min).toBe(linked.result.linkageError.persons.max);
    } finally {
      await sql`UPDATE linkage_links SET probability = 0.7 WHERE run_id = ${run}`.execute(t.ctx.db.system);
      await sql`UPDATE linkage_reviews SET probability = 0.3 WHERE run_id = ${run}`.execute(t.ctx.db.system);
    }
  });

  test('ariadne mse-network --linkage-error --json prints the same closed result, run and pairs named', async () => {
    // What the command runs and prints (src/cli/commands/statistics.ts), on this test's database.
    const { runNetworkMse } = await import('../../src/services/mse-jobs');
    const { overlapsOf, presentMseResult } = await import('../../src/server/presenters/mse');
    const operator = {
      userId: '00000000-0000-0000-0000-000000000000',
      organisationId: northId,
      roles: ['coordinator' as const],
    };
    const fit = await runNetworkMse(t.ctx, operator, { ...base, network: { by: 'channel', linkageError: true } });
    const printed = JSON.parse(
      JSON.stringify(presentMseResult(fit.result, fit.result.warnings, overlapsOf(fit.lists, fit.histories))),
    );
    const job = await linkedJob();
    expect(printed.linkageError).toEqual(job.result.linkageError);
    expect(printed.interval).toEqual(job.result.interval);
  });

  test('saved to the registry, the estimate states the linkage error; the request is checked at the edge', async () => {
    const job = await fit({
      ...base,
      network: { by: 'organisation', linkageError: true },
      save: { label: 'Linkage error demo', geography: 'Testland', period: '2026' },
    });
    // Two organisations: two lists, Chapman's replicates over the redrawn linkages give the interval.
    expect(job.result.model).toBe('two_list');
    expect(job.result.linkageError).toMatchObject({ included: true, run });
    expect(job.result.linkageError.interval[1]).toBeGreaterThan(job.result.linkageError.interval[0]);
    const saved = (await coordinator.get('/api/estimates')).body.estimates.find(
      (e: { id: string }) => e.id === job.savedEstimateId,
    );
    expect(saved.caveat).toContain(`linkage run ${run}`);
    expect(JSON.stringify(saved)).not.toMatch(/Linked \d+/);
    const both = await coordinator.post('/api/mse/jobs', { csv: 'A,B,C,count\n1,0,0,1\n', network: { by: 'channel' } });
    expect([both.status, both.body.error?.code]).toEqual([400, 'validation_failed']);
  });
});

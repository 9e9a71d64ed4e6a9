/** Linkage runs through the API, on both engines: secret write-only, one run at a time, progress, counts-only summary, policies. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runNetworkLinkage } from '../../src/services/linkage';
import { linkageJob, linkageStatus, startLinkageRun } from '../../src/services/linkage-runs';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const dedupConsent = {
  kind: 'consent',
  data: {
    purpose: 'network_deduplication',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(61),
  },
};

describe.each(ENGINES.map((e) => [e.name, e] as const))('linkage runs on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let coordinator: ApiClient;
  let caseworker: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
    caseworker = await t.as('caseworker@north.demo.test');
  });
  afterAll(() => t.close());

  async function waitForRun(client: ApiClient, id: string) {
    for (let i = 0; i < 500; i++) {
      const job = (await client.get(`/api/linkage/runs/${id}`)).body;
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('linkage run did not finish');
  }

  test('the secret is write-only, stored encrypted, and only administrators set it', async () => {
    expect((await admin.put('/api/linkage/secret', { secret: 'too short' })).status).toBe(400);
    expect((await coordinator.put('/api/linkage/secret', { secret: 'a-long-enough-network-secret-2026' })).status).toBe(
      403,
    );
    const res = await admin.put('/api/linkage/secret', { secret: 'a-long-enough-network-secret-2026' });
    expect(res.status).toBe(204);
    const status = await admin.get('/api/linkage/status');
    expect(status.status).toBe(200);
    expect(status.body.secret).toMatchObject({ set: true, schemaVersion: expect.any(String) });
    expect(JSON.stringify(status.body)).not.toContain('a-long-enough-network-secret-2026');
    const stored = await sql<{
      secret_enc: string;
    }>`SELECT secret_enc FROM linkage_secrets s JOIN organisations o ON o.id = s.organisation_id WHERE o.slug = 'north'`.execute(
      t.ctx.db.system,
    );
    expect(stored.rows[0].secret_enc).toMatch(/^enc1\./);
    expect(stored.rows[0].secret_enc).not.toContain('network-secret');
    const audit = await sql<{
      actor_user_id: string | null;
      fields: string[];
    }>`SELECT actor_user_id, fields FROM audit_log WHERE action = 'linkage.secret.set' ORDER BY at DESC LIMIT 1`.execute(
      t.ctx.db.system,
    );
    expect(audit.rows[0].actor_user_id).not.toBeNull();
    // Restore the demo secret the other organisations share, or nothing would link.
    expect(
      (await admin.put('/api/linkage/secret', { secret: 'demo-network-linkage-secret-not-for-production' })).status,
    ).toBe(204);
  });

  test('a run starts in the background, shows its progress, and reports counts only', async () => {
    const north = await caseworker.post(
      '/api/cases',
      intake({
        person: {
          givenName: 'Demo',
          familyName: 'Person 901',
          dateOfBirth: '1994-02-03',
          sex: 'female',
          citizenship: 'RO',
        },
      }),
    );
    expect((await caseworker.post(`/api/cases/${north.body.id}/entries`, dedupConsent)).status).toBe(201);
    const south = await t.as('caseworker@south.demo.test');
    const other = await south.post(
      '/api/cases',
      intake({
        person: {
          givenName: 'Demo',
          familyName: 'Person 901',
          dateOfBirth: '1994-02-03',
          sex: 'female',
          citizenship: 'RO',
        },
      }),
    );
    expect((await south.post(`/api/cases/${other.body.id}/entries`, dedupConsent)).status).toBe(201);

    // Sent as the web client sends it: a POST without any body.
    const started = await coordinator.request('POST', '/api/linkage/runs');
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', summary: null });

    const job = await waitForRun(coordinator, started.body.id);
    expect(job.state).toBe('succeeded');
    expect(job.phase).toBe('cluster');
    expect(job.summary.organisations.map((o: any) => o.name)).toEqual(expect.arrayContaining(['Demo Shelter North']));
    expect(job.summary.stats.records).toBeGreaterThanOrEqual(2);
    expect(job.summary.personsDeduplicated).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(job)).not.toMatch(/Person 901|1994-02-03/);

    const status = (await coordinator.get('/api/linkage/status')).body;
    expect(status.lastRun.id).toBe(job.summary.runId);
    // The estimated parameters (or null: too few pairs, the Dice thresholds decided) in the job and the status alike.
    expect(status.lastRun.model).toEqual(job.summary.model);
    if (job.summary.model) {
      expect(job.summary.model.fields.length).toBeGreaterThan(0);
      expect(job.summary.model.expectedPrecision).toBeGreaterThanOrEqual(job.summary.model.targetPrecision);
      expect(job.summary.organisations.every((o: any) => Number.isInteger(o.reviewCap))).toBe(true);
    } else expect(job.summary.organisations.every((o: any) => o.reviewCap === null)).toBe(true);
    expect(status.encodings).toBeGreaterThanOrEqual(1);
    expect(status.job.id).toBe(started.body.id);
    // The partner's caseworker now sees the hint on her case.
    const hint = await south.get(`/api/cases/${other.body.id}/possible-duplicates`);
    expect(hint.body.organisations.map((p: any) => p.name)).toContain('Demo Shelter North');

    // An organisation outside the network learns the counts, but no names of the network's organisations.
    const { createOrganisation } = await import('../../src/services/organisations');
    await createOrganisation(t.ctx, { slug: 'elsewhere', name: 'Demo Elsewhere' });
    const elsewhere = {
      userId: '00000000-0000-0000-0000-000000000002',
      organisationId: (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'elsewhere'`.execute(t.ctx.db.system)
      ).rows[0].id,
      roles: ['coordinator' as const],
    };
    const outside = await linkageJob(t.ctx, elsewhere, started.body.id);
    expect(outside.summary?.organisations).toEqual([]);
    expect(outside.summary?.personsDeduplicated).toBe(job.summary.personsDeduplicated);
    expect((await linkageStatus(t.ctx, elsewhere)).participatingOrganisations).toBe(0);
    expect(status.participatingOrganisations).toBe(3);

    // And a new run may start once the last one finished.
    const again = await coordinator.post('/api/linkage/runs');
    expect(again.status).toBe(202);
    expect((await waitForRun(coordinator, again.body.id)).state).toBe('succeeded');
  });

  test('only one run at a time: a second start while one runs is a 409, and nothing is lost', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const actor = {
      userId: '00000000-0000-0000-0000-000000000001',
      organisationId: (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'north'`.execute(t.ctx.db.system)
      ).rows[0].id,
      roles: ['coordinator' as const],
    };
    const job = await startLinkageRun(t.ctx, actor, async (ctx, onProgress) => {
      await held;
      return runNetworkLinkage(ctx, onProgress);
    });
    const refused = await admin.post('/api/linkage/runs');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('linkage_running');
    expect((await coordinator.get(`/api/linkage/runs/${job.id}`)).body.state).toBe('running');
    release();
    expect((await waitForRun(coordinator, job.id)).state).toBe('succeeded');
  });

  test('runs started at the same time by different processes replace the matches one after the other', async () => {
    // Two full runs on separate connections, as from a server and the CLI: both finish, and the matches are one
    // run's (an incremental run replaces only the matches of the persons it reaches).
    const [a, b] = await Promise.all([
      runNetworkLinkage(t.ctx, undefined, { mode: 'full' }),
      runNetworkLinkage(t.ctx, undefined, { mode: 'full' }),
    ]);
    expect(a.personsDeduplicated).toBe(b.personsDeduplicated);
    const runs = await sql<{ run_id: string }>`SELECT DISTINCT run_id FROM linkage_matches`.execute(t.ctx.db.system);
    expect(runs.rows.length).toBe(1);
    // The matches are those of the run that finished last, as the run log says.
    const last = await sql<{
      id: string;
    }>`SELECT id FROM linkage_runs WHERE id IN (${a.runId}, ${b.runId}) ORDER BY finished_at DESC LIMIT 1`.execute(
      t.ctx.db.system,
    );
    expect(runs.rows[0].run_id).toBe(last.rows[0].id);
  });

  test('a start that cannot even be audited fails, and does not block the next start', async () => {
    const ghost = {
      userId: '00000000-0000-0000-0000-000000000003',
      organisationId: '00000000-0000-4000-8000-00000000dead',
      roles: ['coordinator' as const],
    };
    await expect(startLinkageRun(t.ctx, ghost)).rejects.toThrow();
    const next = await coordinator.post('/api/linkage/runs');
    expect(next.status).toBe(202);
    expect((await waitForRun(coordinator, next.body.id)).state).toBe('succeeded');
  });

  test('case staff cannot start runs or read linkage status; unknown runs are not found', async () => {
    expect((await caseworker.get('/api/linkage/status')).status).toBe(403);
    expect((await caseworker.post('/api/linkage/runs')).status).toBe(403);
    expect((await coordinator.get('/api/linkage/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

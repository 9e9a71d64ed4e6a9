/**
 * Durable background jobs (pg-boss) on both engines: a worker that stops heart-beating has its
 * linkage run retried, then failed, never left running; the scheduled session purge; and, on
 * PostgreSQL, a run started on one server followed to completion from another.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/app';
import { KeyRing } from '../../src/security/field-encryption';
import type { AppContext } from '../../src/services/context';
import { seedDemo, DEMO_PASSWORD } from '../../src/services/demo-seed';
import {
  JOB,
  jobQueue,
  queuedJobState,
  startJobs,
  stopJobs,
  superviseJobs,
  workQueue,
  enqueueJob,
  stopWorkingQueue,
} from '../../src/services/jobs';
import { openDatabase } from '../../src/storage/database';
import { migrate } from '../../src/storage/migrate';
import { keyStore } from '../../src/storage/repositories/keys';
import { sessionsRepo } from '../../src/storage/repositories/sessions';
import { createTestApp, type TestApp } from './support/app';
import { ENGINES, testConfig } from './support/engines';
import { ApiClient } from './support/http';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not reached');
}

/** The worker's last heart-beat (and start) an hour back: what the supervisor sees once a crashed worker has been silent that long. */
async function silenceWorker(ctx: AppContext, id: string) {
  await sql`UPDATE pgboss.job SET heartbeat_on = heartbeat_on - interval '1 hour', started_on = started_on - interval '1 hour' WHERE id = ${id}::uuid`.execute(
    ctx.db.system,
  );
  // And the supervisor's own interval has passed since its last pass over the queue.
  await sql`UPDATE pgboss.queue SET monitor_on = NULL, monitor_claim_on = NULL WHERE name = ${JOB.linkageRun}`.execute(
    ctx.db.system,
  );
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('background jobs on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    // This server only queues: the test plays the workers.
    t = await createTestApp(engine, { config: { jobs: 'off' } });
    coordinator = await t.as('coordinator@north.demo.test');
  });
  afterAll(() => t.close());

  const run = async (id: string) => (await coordinator.get(`/api/linkage/runs/${id}`)).body;

  test('a linkage run whose worker stops heart-beating is retried by a live worker and completes', async () => {
    const started = await coordinator.post('/api/linkage/runs');
    expect(started.status).toBe(202);
    const queue = await jobQueue(t.ctx);
    // A worker claims the job, then dies: it never heart-beats again.
    const [claimed] = await queue.fetch(JOB.linkageRun);
    expect(claimed.id).toBe(started.body.id);
    await silenceWorker(t.ctx, claimed.id);
    await superviseJobs(t.ctx, JOB.linkageRun);
    expect((await queuedJobState(t.ctx, JOB.linkageRun, claimed.id))?.state).toBe('retry');
    expect((await run(claimed.id)).state).toBe('running');
    // A second start is still refused while the retry waits.
    expect((await coordinator.post('/api/linkage/runs')).status).toBe(409);

    await workQueue(t.ctx, JOB.linkageRun);
    const done = await waitFor(
      () => run(claimed.id),
      (job) => job.state !== 'running',
    );
    expect(done).toMatchObject({ state: 'succeeded', phase: 'cluster', errorCode: null });
    expect(done.summary.stats.records).toBeGreaterThanOrEqual(0);
    await stopWorkingQueue(t.ctx, JOB.linkageRun);
  });

  test('a run whose workers are lost on every attempt is marked failed, and the next run may start', async () => {
    const started = await coordinator.post('/api/linkage/runs');
    expect(started.status).toBe(202);
    const queue = await jobQueue(t.ctx);
    for (let attempt = 0; attempt < 2; attempt++) {
      // The retry becomes fetchable within a moment of being released.
      const [claimed] = await waitFor(
        () => queue.fetch(JOB.linkageRun, { ignoreStartAfter: true } as never),
        (jobs) => jobs.length > 0,
      );
      expect(claimed.id).toBe(started.body.id);
      await silenceWorker(t.ctx, claimed.id);
      await superviseJobs(t.ctx, JOB.linkageRun);
    }
    expect((await queuedJobState(t.ctx, JOB.linkageRun, started.body.id))?.state).toBe('failed');
    const job = await run(started.body.id);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'worker_lost', summary: null });
    expect(job.finishedAt).not.toBeNull();
    expect((await coordinator.get('/api/linkage/status')).body.job).toMatchObject({
      id: started.body.id,
      state: 'failed',
    });

    const next = await coordinator.post('/api/linkage/runs');
    expect(next.status).toBe(202);
    await workQueue(t.ctx, JOB.linkageRun);
    expect(
      (
        await waitFor(
          () => run(next.body.id),
          (j) => j.state !== 'running',
        )
      ).state,
    ).toBe('succeeded');
    await stopWorkingQueue(t.ctx, JOB.linkageRun);
  });

  test('the session purge job deletes expired and idle sessions, and servers with ARIADNE_JOBS=on schedule it', async () => {
    const user = (
      await sql<{
        id: string;
        organisation_id: string;
      }>`SELECT id, organisation_id FROM users WHERE email = 'caseworker@north.demo.test'`.execute(t.ctx.db.system)
    ).rows[0];
    const expired = crypto.randomBytes(16).toString('hex');
    await sessionsRepo.insert(t.ctx.db.system, {
      tokenHash: expired,
      userId: user.id,
      organisationId: user.organisation_id,
      csrfToken: 'x',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const id = crypto.randomUUID();
    expect(await enqueueJob(t.ctx, JOB.sessionsPurge, { id })).toBe(id);
    await workQueue(t.ctx, JOB.sessionsPurge);
    await waitFor(
      () => queuedJobState(t.ctx, JOB.sessionsPurge, id),
      (s) => s?.state === 'completed',
    );
    const left = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${expired}`.execute(t.ctx.db.system);
    expect(left.rows[0].n).toBe(0);
    // The coordinator's own live session survives.
    expect((await coordinator.get('/api/linkage/status')).status).toBe(200);
    await stopWorkingQueue(t.ctx, JOB.sessionsPurge);

    // A server working every queue keeps the purge on its schedule (another context on the same database).
    const scheduler: AppContext = { ...t.ctx, config: { ...t.ctx.config, jobs: 'on' } };
    await startJobs(scheduler);
    const schedules = await (await jobQueue(scheduler)).getSchedules();
    expect(schedules.map((s: { name: string }) => s.name)).toContain(JOB.sessionsPurge);
    expect(schedules.map((s: { name: string }) => s.name)).toContain(JOB.deadlinesRemind);
    await stopJobs(scheduler);
  });

  test('the deadline reminder job tells a case owner once of an overdue review, with codes and ids only, and nothing of another organisation', async () => {
    const worker = await t.as('caseworker@north.demo.test');
    const created = await worker.post('/api/cases', intake());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body;
    const dueDate = daysAgo(5);
    expect(
      (
        await worker.post(`/api/cases/${c.id}/entries`, {
          kind: 'review',
          data: { reviewedOn: daysAgo(40), notes: 'Demo review', nextReviewOn: dueDate },
        })
      ).status,
    ).toBe(201);

    const remind = async () => {
      const id = crypto.randomUUID();
      expect(await enqueueJob(t.ctx, JOB.deadlinesRemind, { id })).toBe(id);
      await workQueue(t.ctx, JOB.deadlinesRemind);
      await waitFor(
        () => queuedJobState(t.ctx, JOB.deadlinesRemind, id),
        (s) => s?.state === 'completed',
      );
    };
    await remind();
    await remind();
    await stopWorkingQueue(t.ctx, JOB.deadlinesRemind);

    // The review's reminder (the case also lacks its baseline assessment: that is a reminder of its own).
    const mine = (await worker.get('/api/notifications')).body.notifications.filter(
      (n: { caseId: string | null; detail: string | null }) => n.caseId === c.id && n.detail === 'review_due',
    );
    expect(mine).toEqual([
      {
        id: expect.any(String),
        kind: 'deadline.overdue',
        referralId: null,
        requestedService: null,
        partner: '',
        createdAt: expect.any(String),
        read: false,
        caseId: c.id,
        caseReference: c.reference,
        detail: 'review_due',
        dueDate,
      },
    ]);
    // Nobody of another organisation hears of it.
    const south = await t.as('caseworker@south.demo.test');
    expect(
      (await south.get('/api/notifications')).body.notifications.some(
        (n: { caseId: string | null }) => n.caseId === c.id,
      ),
    ).toBe(false);
    // Every reminder went to a case of the recipient's own organisation, owned by her.
    const stray = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM notifications n JOIN cases c ON c.id = n.case_id
      WHERE n.kind LIKE 'deadline.%' AND (c.organisation_id <> n.organisation_id OR c.owner_user_id <> n.user_id)`.execute(
      t.ctx.db.system,
    );
    expect(stray.rows[0].n).toBe(0);
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM notifications WHERE case_id = ${c.id}::uuid AND detail = 'review_due'`.execute(
      t.ctx.db.system,
    );
    expect(rows.rows[0].n).toBe(1);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('two servers on one PostgreSQL database', () => {
  const name = `ariadne_test_${crypto.randomBytes(6).toString('hex')}`;
  const contexts: AppContext[] = [];
  const servers: Awaited<ReturnType<typeof buildServer>>[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = '/' + name;
    const masterKey = crypto.randomBytes(32);
    for (let i = 0; i < 2; i++) {
      // Each server its own pool and context, as two processes would have.
      const db = await openDatabase({ databaseUrl: url.toString() });
      if (i === 0) await migrate(db);
      contexts.push({
        config: testConfig({ logLevel: 'silent' }),
        db,
        keyRing: new KeyRing(masterKey, keyStore(db.system)),
      });
    }
    await seedDemo(contexts[0]);
    for (const ctx of contexts) servers.push(await buildServer(ctx));
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const ctx of contexts) await ctx.db.close();
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  test('a linkage run started on one server is followed to completion from the other', async () => {
    const [a, b] = [new ApiClient(servers[0]), new ApiClient(servers[1])];
    expect((await a.login('coordinator@north.demo.test', DEMO_PASSWORD)).status).toBe(200);
    expect((await b.login('coordinator@south.demo.test', DEMO_PASSWORD)).status).toBe(200);
    const started = await a.post('/api/linkage/runs');
    expect(started.status).toBe(202);
    // The other server knows of it at once, refuses a second run, and sees it finish.
    expect((await b.get(`/api/linkage/runs/${started.body.id}`)).body.id).toBe(started.body.id);
    expect((await b.post('/api/linkage/runs')).status).toBe(409);
    const seen = new Set<string>();
    const done = await waitFor(
      async () => (await b.get(`/api/linkage/runs/${started.body.id}`)).body,
      (job) => {
        seen.add(job.state);
        return job.state !== 'running';
      },
    );
    expect(seen.has('running')).toBe(true);
    expect(done).toMatchObject({ state: 'succeeded', phase: 'cluster' });
    // Both coordinators' organisations took part (three demo organisations hold the secret).
    expect(done.summary.organisations).toHaveLength(3);
    expect((await b.get('/api/linkage/status')).body.job).toMatchObject({ id: started.body.id, state: 'succeeded' });
    expect((await a.get(`/api/linkage/runs/${started.body.id}`)).body).toEqual(done);
  });
});

/**
 * Commands are atomic, on both engines: a failure injected in a command's last write leaves
 * nothing of its earlier writes (proposing a network, answering an invitation, starting a
 * linkage run). The accepted transfer's own atomicity is shown in its referral tests.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { auditRepo, type AuditEvent } from '../../src/storage/repositories/audit';
import { jobProgressRepo } from '../../src/storage/repositories/job-progress';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('commands on %s', (_name, engine) => {
  let t: TestApp;
  let northAdmin: ApiClient;
  let eastAdmin: ApiClient;
  const ids: Record<string, string> = {};
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    (await query.execute(t.ctx.db.system)).rows[0].n;
  const audits = (action: string, entityId?: string) =>
    count(
      entityId
        ? sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`
        : sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`,
    );
  /** Makes auditRepo.append throw for entries of this action, and only those. */
  const failAudit = (action: string) => {
    const append = auditRepo.append.bind(auditRepo);
    vi.spyOn(auditRepo, 'append').mockImplementation(async (db, event: AuditEvent, at?: Date) => {
      if (event.action === action) throw new Error('injected failure');
      return append(db, event, at);
    });
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const slug of ['north', 'south', 'east'])
      ids[slug] = (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)
      ).rows[0].id;
    northAdmin = await t.as('admin@north.demo.test');
    eastAdmin = await t.as('admin@east.demo.test');
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => t.close());

  const proposal = (name: string) => ({
    name,
    formal: true,
    level: 'regional',
    structure: 'lead_and_partners',
    members: [ids.south, ids.east].map((organisationId) => ({ organisationId })),
  });

  test("proposing a network: a failure in the last invited organisation's audit entry leaves no network, membership or audit entry", async () => {
    const networks = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM networks`);
    const memberships = await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM network_memberships`);
    const [proposed, invited] = [await audits('network.propose'), await audits('network.invited')];
    failAudit('network.invited');
    expect((await northAdmin.post('/api/networks', proposal('Demo Failed Network'))).status).toBe(500);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM networks`)).toBe(networks);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM network_memberships`)).toBe(memberships);
    expect([await audits('network.propose'), await audits('network.invited')]).toEqual([proposed, invited]);

    vi.restoreAllMocks();
    const created = await northAdmin.post('/api/networks', proposal('Demo Committed Network'));
    expect(created.status).toBe(201);
    // Audited on every side, the proposer's entry naming who proposed.
    expect(await audits('network.propose', created.body.id)).toBe(1);
    expect(await audits('network.invited', created.body.id)).toBe(2);
    const own = await sql<{
      actor_user_id: string | null;
    }>`SELECT actor_user_id FROM audit_log WHERE action = 'network.propose' AND entity_id = ${created.body.id}`.execute(
      t.ctx.db.system,
    );
    expect(own.rows[0].actor_user_id).not.toBeNull();
  });

  test("answering an invitation: a failure in the proposer's audit entry leaves the invitation open and no entry on either side", async () => {
    const created = await northAdmin.post('/api/networks', proposal('Demo Answered Network'));
    expect(created.status).toBe(201);
    const membership = async () =>
      (
        await sql<{
          status: string;
          answered_at: Date | null;
        }>`SELECT status, answered_at FROM network_memberships WHERE network_id = ${created.body.id} AND organisation_id = ${ids.east}`.execute(
          t.ctx.db.system,
        )
      ).rows[0];
    failAudit('network.accepted_by_partner');
    expect((await eastAdmin.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(500);
    expect(await membership()).toMatchObject({ status: 'invited', answered_at: null });
    expect(await audits('network.accept', created.body.id)).toBe(0);

    vi.restoreAllMocks();
    expect((await eastAdmin.post(`/api/networks/${created.body.id}/accept`, {})).status).toBe(204);
    expect((await membership()).status).toBe('active');
    const entries = await sql<{
      organisation_id: string;
      action: string;
    }>`SELECT organisation_id, action FROM audit_log WHERE entity_id = ${created.body.id} AND action IN ('network.accept', 'network.accepted_by_partner')`.execute(
      t.ctx.db.system,
    );
    expect(
      entries.rows
        .map(
          (r) =>
            `${r.organisation_id === ids.east ? 'east' : r.organisation_id === ids.north ? 'north' : '?'}:${r.action}`,
        )
        .sort(),
    ).toEqual(['east:network.accept', 'north:network.accepted_by_partner']);
  });

  test('starting a linkage run: a failure in the progress row leaves no audit entry and no job on the queue, and the next start runs', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const started = await audits('linkage.run.start');
    const jobs = async () =>
      count(sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'linkage.run'`);
    await northAdmin.put('/api/linkage/secret', { secret: 'demo-network-linkage-secret-not-for-production' });
    // The queue exists once a first run has been queued: start one and let it finish.
    const first = await coordinator.post('/api/linkage/runs');
    expect(first.status).toBe(202);
    for (
      let i = 0;
      i < 500 && (await coordinator.get(`/api/linkage/runs/${first.body.id}`)).body.state === 'running';
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 20));
    const [queued, progress] = [
      await jobs(),
      await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM job_progress`),
    ];

    vi.spyOn(jobProgressRepo, 'create').mockRejectedValue(new Error('injected failure'));
    expect((await coordinator.post('/api/linkage/runs')).status).toBe(500);
    expect(await audits('linkage.run.start')).toBe(started + 1);
    expect(await jobs()).toBe(queued);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM job_progress`)).toBe(progress);

    vi.restoreAllMocks();
    const next = await coordinator.post('/api/linkage/runs');
    expect(next.status).toBe(202);
    expect(await audits('linkage.run.start')).toBe(started + 2);
  });
});

/** Differentially private network releases on both engines: stored and re-served without spending, a per-network budget that cannot be overdrawn, even concurrently. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrganisation, createUserInOrganisation } from '../../src/services/organisations';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('private releases on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let networkId: string;
  const releases = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM privacy_releases`.execute(t.ctx.db.system)).rows[0].n;
  const request = (overrides: Record<string, unknown> = {}) => ({
    networkId,
    population: 'assisted_persons',
    rows: 'year',
    cols: 'all',
    from: 2020,
    to: 2026,
    epsilon: 1,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('coordinator@north.demo.test');
    networkId = (await north.get('/api/networks')).body.networks[0].id;
  });
  afterAll(() => t.close());

  test('a release spends budget once; asking again, from any member, returns the same noisy numbers for free', async () => {
    const ledger = await north.get(`/api/statistics/releases/${networkId}`);
    expect(ledger.body).toMatchObject({
      budget: { total: 3, spent: 0, remaining: 3 },
      releases: [],
      canSetBudget: true,
    });

    const first = await north.post('/api/statistics/releases', request());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      reused: false,
      epsilon: 1,
      mechanism: 'geometric',
      budget: { spent: 1, remaining: 2 },
      report: { counts: 'persons', population: 'assisted_persons' },
    });
    expect(first.body.report.privacy).toMatchObject({ mechanism: 'geometric', epsilon: 1 });
    expect(first.body.report.table.cells.flat().every((c: unknown) => Number.isInteger(c) && (c as number) >= 0)).toBe(
      true,
    );
    expect(first.body.report.provenance.disclosureControl.join(' ')).toMatch(/Differential privacy/);
    // Exact totals would undo the noise; categories are fixed in advance, never taken from the data.
    expect(first.body.report.provenance).not.toHaveProperty('personsCounted');
    expect(first.body.report.table.rows).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);

    const again = await north.post('/api/statistics/releases', request());
    expect(again.status).toBe(200);
    expect(again.body.reused).toBe(true);
    expect(again.body.report.table).toEqual(first.body.report.table);
    const partner = await (await t.as('coordinator@south.demo.test')).post('/api/statistics/releases', request());
    expect([partner.status, partner.body.releaseKey]).toEqual([200, first.body.releaseKey]);
    expect(partner.body.report.table).toEqual(first.body.report.table);
    expect(partner.body.budget.spent).toBe(1);

    const csv = await north.request('GET', `/api/statistics/releases/${networkId}/${first.body.releaseKey}?format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toMatch(/persons/);
  });

  test('the budget cannot be overdrawn: refused with 409 and nothing written, also for two requests at once', async () => {
    expect((await north.post('/api/statistics/releases', request({ rows: 'sex', epsilon: 1.5 }))).status).toBe(201);
    const before = await releases();
    const over = await north.post('/api/statistics/releases', request({ rows: 'citizenship', epsilon: 1 }));
    expect([over.status, over.body.error.code]).toEqual([409, 'privacy_budget_exceeded']);
    expect(over.body.error.message).toMatch(/remaining 0.5/);
    expect(await releases()).toBe(before);

    // Only the lead organisation sets the budget, never below what is spent.
    const northAdmin = await t.as('admin@north.demo.test');
    expect(
      (await northAdmin.request('PUT', `/api/statistics/releases/${networkId}/budget`, { totalEpsilon: 2 })).body.error
        .code,
    ).toBe('budget_below_spent');
    expect(
      (
        await (
          await t.as('admin@south.demo.test')
        ).request('PUT', `/api/statistics/releases/${networkId}/budget`, { totalEpsilon: 50 })
      ).status,
    ).toBe(403);
    const raised = await northAdmin.request('PUT', `/api/statistics/releases/${networkId}/budget`, { totalEpsilon: 5 });
    expect(raised.body.budget).toEqual({ total: 5, spent: 2.5, remaining: 2.5 });

    const racing = await Promise.all([
      north.post('/api/statistics/releases', request({ rows: 'ageBand', epsilon: 2 })),
      north.post('/api/statistics/releases', request({ rows: 'identificationChannel', epsilon: 2 })),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    const ledger = (await north.get(`/api/statistics/releases/${networkId}`)).body;
    expect(ledger.budget).toEqual({ total: 5, spent: 4.5, remaining: 0.5 });
    expect(ledger.releases).toHaveLength(3);
    expect(ledger.releases[0]).toMatchObject({ requestedBy: 'Demo Shelter North', query: { mechanism: 'geometric' } });
  });

  test('only network members with aggregate rights release; bad input is refused', async () => {
    expect((await (await t.as('caseworker@north.demo.test')).post('/api/statistics/releases', request())).status).toBe(
      403,
    );
    await createOrganisation(t.ctx, { slug: 'west', name: 'Demo Health West' });
    await createUserInOrganisation(t.ctx, {
      organisationSlug: 'west',
      email: 'coordinator@west.demo.test',
      displayName: 'Demo Coordinator West',
      password: DEMO_PASSWORD,
      roles: ['coordinator'],
    });
    const outsider = await t.as('coordinator@west.demo.test');
    expect((await outsider.post('/api/statistics/releases', request())).status).toBe(404);
    expect((await outsider.get(`/api/statistics/releases/${networkId}`)).status).toBe(404);
    expect((await north.post('/api/statistics/releases', request({ epsilon: 0 }))).status).toBe(400);
    expect((await north.post('/api/statistics/releases', request({ from: 2026, to: 2020 }))).status).toBe(400);
    const open = await north.post('/api/statistics/releases', request({ rows: 'citizenship', epsilon: 0.1 }));
    expect([open.status, open.body.error.code]).toEqual([400, 'open_categories']);
    const audit = (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'statistics.private_release'`.execute(t.ctx.db.system)
    ).rows[0].n;
    expect(audit).toBe(3);
  });
});

/**
 * MSE through the API on both engines (issue #21): the bootstrap interval is BCa unless percentile is
 * asked for, every replicate is accounted for, the goodness-of-fit test is named, and a saved registry
 * estimate keeps how its interval was computed; one saved before the method was recorded reads
 * "not_recorded", never a guess.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

const WESTERN = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');
const save = { label: 'Western test', geography: 'Testland', period: '2025' };

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE interval methods on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;
  const registry = async () => (await coordinator.get('/api/estimates')).body.estimates as any[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
  });
  afterAll(() => t.close());

  test('BCa by default: the result names the method, counts failures and names the goodness-of-fit test', async () => {
    const res = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 60, seed: 5 });
    expect(res.status).toBe(200);
    const { result } = res.body;
    expect(result.bootstrap).toMatchObject({ method: 'bca', replicates: 60, failed: 0, failedShare: 0, seed: 5 });
    expect(typeof result.bootstrap.acceleration).toBe('number');
    expect(result.fit.test).toBe('parametric_bootstrap');
    expect(result.fit.expectedBelow1).toBeGreaterThan(0);
  });

  test('a saved estimate keeps its interval method, failures and test; the caveat names the method', async () => {
    const bca = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 60, seed: 5, save });
    const percentile = await coordinator.post('/api/mse', {
      csv: WESTERN,
      bootstrap: 60,
      seed: 5,
      interval: 'percentile',
      save: { ...save, label: 'Western percentile' },
    });
    const wald = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 0, save: { ...save, label: 'Wald' } });
    const estimates = await registry();
    const byId = (id: string) => estimates.find((e) => e.id === id);
    expect(byId(bca.body.savedEstimateId).mse).toMatchObject({
      intervalMethod: 'bca',
      level: 0.95,
      bootstrap: { replicates: 60, failed: 0, failedShare: 0, seed: 5 },
      goodnessOfFit: { test: 'parametric_bootstrap' },
    });
    expect(byId(bca.body.savedEstimateId).mse.interval).toEqual(bca.body.result.interval.bootstrap);
    expect(byId(bca.body.savedEstimateId).caveat).toContain('bias-corrected and accelerated (BCa) bootstrap');
    expect(byId(percentile.body.savedEstimateId).mse.intervalMethod).toBe('percentile');
    expect(byId(percentile.body.savedEstimateId).mse.interval).toEqual(percentile.body.result.interval.bootstrap);
    expect(byId(wald.body.savedEstimateId).mse.intervalMethod).toBe('wald');
    expect(byId(wald.body.savedEstimateId).mse.interval).toEqual(wald.body.result.interval.wald);
  });

  test('an estimate saved before the method was recorded reads not_recorded', async () => {
    const saved = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 0, save: { ...save, label: 'Old' } });
    const db = t.ctx.db.system;
    const rows = await sql<{ organisation_id: string; created_by: string; data: any }>`
      select organisation_id, created_by, data from estimates`.execute(db);
    const row = rows.rows.find((r) => JSON.stringify(r.data).includes(saved.body.savedEstimateId))!;
    const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
    // The shape saved before issue #21: an interval and no word on how it was computed.
    const legacy = {
      ...data,
      id: 'ariadne-mse-legacy',
      mse: {
        lists: data.mse.lists,
        terms: data.mse.terms,
        model: data.mse.model,
        interval: data.mse.interval,
        observed: data.mse.observed,
      },
    };
    await sql`insert into estimates (organisation_id, id, data, created_by)
      values (${row.organisation_id}, ${crypto.randomUUID()}, ${JSON.stringify(legacy)}, ${row.created_by})`.execute(
      db,
    );
    const old = (await registry()).find((e) => e.id === 'ariadne-mse-legacy');
    expect(old.mse.intervalMethod).toBe('not_recorded');
    expect(old.mse.interval).toEqual(data.mse.interval);
  });

  test('an unknown interval method is refused at the edge', async () => {
    const res = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 10, interval: 'basic' });
    expect(res.status).toBe(400);
  });
});

/**
 * MSE fits as jobs (issue #21) on both engines: POST /api/mse/jobs answers 202 at once, the bootstrap runs
 * on the queue with its progress in job_progress, a server that works no jobs answers GET with the progress
 * and the result (the same as the synchronous fit's), a stratified fit hides its small strata, a refused
 * table fails the job with its code, and another organisation does not find the job.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/app';
import { DEMO_PASSWORD } from '../../src/services/demo-seed';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { ApiClient } from './support/http';

const WESTERN = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');

/** The Western table as two regions (the counts split unevenly) and a third region of four persons. */
function stratified(): string {
  const [header, ...rows] = WESTERN.trim().split('\n');
  const names = header.split(',');
  const lines = [[...names.slice(0, -1), '"region"', names.at(-1)].join(',')];
  for (const row of rows) {
    const cells = row.split(',');
    const count = Number(cells.at(-1));
    const flags = cells.slice(0, -1);
    lines.push([...flags, 'north', Math.ceil(count * 0.6)].join(','));
    lines.push([...flags, 'south', Math.floor(count * 0.4) + 1].join(','));
  }
  lines.push('1,0,0,0,0,east,1', '1,1,0,0,0,east,1', '0,1,1,0,0,east,1', '1,0,1,0,0,east,1');
  return lines.join('\n') + '\n';
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE jobs on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;
  /** A second server on the same database that works no jobs: it only answers. */
  let other: FastifyInstance;
  let elsewhere: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
    other = await buildServer({ ...t.ctx, config: { ...t.ctx.config, jobs: 'off' } });
    await other.ready();
    elsewhere = new ApiClient(other);
    expect((await elsewhere.login('coordinator@north.demo.test', DEMO_PASSWORD)).status).toBe(200);
  }, 400_000);
  afterAll(async () => {
    await other?.close();
    await t.close();
  });

  async function finished(client: ApiClient, id: string) {
    const seen: { phase: string; done: number }[] = [];
    for (let i = 0; i < 1500; i++) {
      const res = await client.get(`/api/mse/jobs/${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push({ phase: res.body.phase, done: res.body.done });
      if (res.body.state !== 'running') return { job: res.body, seen };
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    throw new Error('MSE job did not finish');
  }

  test('a bootstrap fit runs as a job; another server follows it; the result is the synchronous one', async () => {
    const body = { csv: WESTERN, bootstrap: 150, seed: 3, sensitivity: false };
    const started = await coordinator.post('/api/mse/jobs', body);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    // The answer is the job as it stands when read back: this server's own worker may already have taken it.
    expect(started.body).toMatchObject({ state: 'running', result: null, strata: null });
    expect(['queued', 'fit', 'bootstrap']).toContain(started.body.phase);
    const { job } = await finished(elsewhere, started.body.id);
    expect(job).toMatchObject({ state: 'succeeded', phase: 'bootstrap', done: 150, total: 150, errorCode: null });
    const sync = await coordinator.post('/api/mse', body);
    expect(sync.status).toBe(200);
    expect(job.result.estimate).toBeCloseTo(sync.body.result.estimate, 9);
    expect(job.result.interval).toEqual(sync.body.result.interval);
    expect(job.result.bootstrap).toEqual(sync.body.result.bootstrap);
    expect(job.result.overlaps).toEqual(sync.body.result.overlaps);
    // Both servers answer the same.
    expect((await coordinator.get(`/api/mse/jobs/${started.body.id}`)).body).toEqual(job);
    // Another organisation does not find it.
    const south = await t.as('coordinator@south.demo.test');
    expect((await south.get(`/api/mse/jobs/${started.body.id}`)).status).toBe(404);
  });

  test('a stratified fit: one estimate per region, their sum, and the small region hidden with a complement', async () => {
    const started = await coordinator.post('/api/mse/jobs', {
      csv: stratified(),
      stratifyBy: 'region',
      method: 'main',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { job } = await finished(coordinator, started.body.id);
    expect(job.state, JSON.stringify(job)).toBe('succeeded');
    const strata = job.strata;
    expect(strata.by).toBe('region');
    expect(strata.floor).toBeGreaterThan(4);
    const byName = Object.fromEntries(strata.strata.map((s: any) => [s.name, s]));
    // east (4 persons) is below the floor; south, the next smallest, is hidden with it; north is published.
    expect(byName.east).toEqual({ name: 'east', suppressed: 'primary' });
    expect(byName.south).toEqual({ name: 'south', suppressed: 'complementary' });
    expect(byName.north).toMatchObject({ suppressed: false, intervalMethod: 'wald' });
    // The combined figures include the hidden regions (4 persons in east cannot carry a bootstrap: summed Wald variances).
    expect(strata.combined.intervalMethod).toBe('summed_wald_variances');
    expect(strata.combined.observed).toBeGreaterThan(byName.north.observed + 4);
    expect(strata.combined.estimate, JSON.stringify(strata)).toBeGreaterThan(byName.north.estimate);
    expect(strata.combined.interval[0]).toBeLessThan(strata.combined.estimate);
    expect(strata.combined.interval[1]).toBeGreaterThan(strata.combined.estimate);
    expect(job.result).toBeNull();
  });

  test('a stratified bootstrap fit reports its replicates, and the combined interval sums the strata replicate by replicate', async () => {
    // Only the two large regions: both are above the floor, so both are published.
    const csv = stratified()
      .split('\n')
      .filter((line) => !line.includes(',east,'))
      .join('\n');
    const started = await coordinator.post('/api/mse/jobs', {
      csv,
      stratifyBy: 'region',
      method: 'main',
      bootstrap: 40,
      seed: 5,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { job } = await finished(coordinator, started.body.id);
    expect(job, JSON.stringify(job)).toMatchObject({ state: 'succeeded', phase: 'bootstrap', done: 40, total: 40 });
    const { strata } = job;
    expect(strata.strata.map((s: any) => [s.name, s.suppressed, s.intervalMethod])).toEqual([
      ['north', false, 'percentile_bootstrap'],
      ['south', false, 'percentile_bootstrap'],
    ]);
    expect(strata.combined).toMatchObject({
      intervalMethod: 'summed_bootstrap_replicates',
      replicates: 40,
      seed: 5,
      observed: strata.strata[0].observed + strata.strata[1].observed,
    });
    expect(strata.combined.estimate).toBeCloseTo(strata.strata[0].estimate + strata.strata[1].estimate, 6);
    expect(strata.combined.interval[0]).toBeLessThan(strata.combined.estimate);
    expect(strata.combined.interval[1]).toBeGreaterThan(strata.combined.estimate);
  });

  test('a fit saved through a job records its interval method, generator, seed, failed replicates and sensitivity', async () => {
    const started = await coordinator.post('/api/mse/jobs', {
      csv: WESTERN,
      bootstrap: 60,
      seed: 9,
      save: { label: 'Western, job', geography: 'Western region', period: '2025' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const { job } = await finished(coordinator, started.body.id);
    expect(job.state, JSON.stringify(job)).toBe('succeeded');
    expect(job.savedEstimateId).toMatch(/^ariadne-mse-/);
    const listed = await coordinator.get('/api/estimates');
    expect(listed.status).toBe(200);
    const saved = listed.body.estimates.find((e: any) => e.id === job.savedEstimateId);
    expect(saved.origin).toBe('ariadne_mse');
    expect(saved.mse).toMatchObject({
      intervalMethod: 'bca',
      bootstrap: {
        replicates: 60,
        seed: 9,
        generator: 'xoshiro128**',
        failed: job.result.bootstrap.failed,
        failedShare: job.result.bootstrap.failedShare,
      },
    });
    expect(saved.mse.interval).toEqual(job.result.interval.bootstrap);
    expect(saved.mse.sensitivity.range).toHaveLength(2);
    expect(saved.mse.sensitivity.averaged.estimate).toBeCloseTo(job.result.sensitivity.averaged.estimate, 6);
    // The presenter names every field: the capture histories the row keeps do not leave with it.
    expect(Object.keys(saved.mse)).not.toContain('inputs');
    expect(saved.caveat).toContain('bias-corrected and accelerated (BCa) bootstrap');
    // Another organisation's registry does not hold it.
    const south = await t.as('coordinator@south.demo.test');
    expect((await south.get('/api/estimates')).body.estimates.map((e: any) => e.id)).not.toContain(job.savedEstimateId);
  });

  test('a refused table fails the job with its code, and the request is checked at the edge', async () => {
    const started = await coordinator.post('/api/mse/jobs', { csv: 'A,B,C,n\n1,0,0,0x10\n' });
    expect(started.status).toBe(202);
    const { job } = await finished(coordinator, started.body.id);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'invalid_count', result: null });
    expect((await coordinator.post('/api/mse/jobs', { csv: WESTERN, stratifyBy: 'region', xlsx: 'AAAA' })).status).toBe(
      400,
    );
    expect(
      (
        await coordinator.post('/api/mse/jobs', {
          csv: WESTERN,
          stratifyBy: 'region',
          save: { label: 'x', geography: 'y', period: '2025' },
        })
      ).status,
    ).toBe(400);
  });
});

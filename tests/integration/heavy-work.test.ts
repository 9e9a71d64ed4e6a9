/**
 * Heavy work (MSE fits and bootstraps, linkage, large exports) runs in worker
 * threads: the event loop keeps answering everyone else while it runs, one
 * organisation cannot take every thread, and heavy routes are rate-limited.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../src/domain/shared/random';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';

/** A 6-list capture table of ~4000 simulated persons (as bench/mse.ts): its stepwise bootstrap takes seconds. */
function sixListCsv(seed: number): string {
  const random = mulberry32(seed);
  const base = [0.12, 0.18, 0.06, 0.1, 0.08, 0.05];
  const counts = new Map<string, number>();
  for (let person = 0; person < 4000; person += 1) {
    const visibility = random() < 0.3 ? 2.2 : 0.6;
    const pattern = base.map((p) => (random() < Math.min(0.95, p * visibility) ? 1 : 0));
    if (pattern[0] && random() < 0.35) pattern[4] = 1;
    if (pattern.some((flag) => flag)) counts.set(pattern.join(','), (counts.get(pattern.join(',')) ?? 0) + 1);
  }
  return (
    ['Police,NGO,Labour,Health,Shelter,Hotline,count', ...[...counts].map(([key, n]) => `${key},${n}`)].join('\n') +
    '\n'
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe.each(ENGINES.map((e) => [e.name, e] as const))('heavy work on %s', (_name, engine) => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { config: { heavyTasksPerOrganisation: 1, heavyRateLimitPerMinute: 1000 } });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('[::1]', 'localhost');
  });
  afterAll(() => t.close());

  test('/api/health answers promptly over a real socket while a heavy MSE fit runs', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const csv = sixListCsv(7);
    const headers = {
      'content-type': 'application/json',
      cookie: coordinator.cookie!,
      'x-csrf-token': coordinator.csrf!,
    };
    // Warm the pool first, so the measured fit is the computation and not the worker's start-up.
    expect(
      (await fetch(`${base}/api/mse`, { method: 'POST', headers, body: JSON.stringify({ csv, method: 'main' }) }))
        .status,
    ).toBe(200);

    const started = performance.now();
    let finished = false;
    const fit = fetch(`${base}/api/mse`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ csv, bootstrap: 1500, seed: 3 }),
    }).then(async (res) => {
      finished = true;
      return { status: res.status, ms: performance.now() - started, body: await res.json() };
    });
    const latencies: number[] = [];
    while (!finished) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!finished) latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await fit;
    expect(result.status, JSON.stringify(result.body).slice(0, 200)).toBe(200);
    expect(result.body.result.interval.bootstrap).toHaveLength(2);
    // The comparison is relative to the fit measured in the same run, so a slow, shared machine does not flake it.
    // In-process, the fit held the event loop for its whole duration: no health check answered while it ran,
    // and the first one waited about as long as the fit. Off the loop, health answers many times, each fast.
    // A precondition, not a timing claim: 1,500 replicates take over a second even on an idle machine (300 took ~0.27 s),
    // so there is time for several health checks to show whether the loop was free.
    expect(result.ms).toBeGreaterThan(300);
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(result.ms / 3);
    // The requirement is 100 ms; the median is what a busy 2-core machine cannot disturb much.
    expect(median(latencies)).toBeLessThan(100);
  });

  test("one organisation's heavy tasks beyond its limit are refused; another organisation's still run", async () => {
    const north = await t.as('coordinator@north.demo.test');
    const south = await t.as('coordinator@south.demo.test');
    const csv = sixListCsv(11);
    const [first, second, other] = await Promise.all([
      north.post('/api/mse', { csv, bootstrap: 40 }),
      north.post('/api/mse', { csv, bootstrap: 40 }),
      south.post('/api/mse', { csv, bootstrap: 40 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 429]);
    expect([first, second].find((r) => r.status === 429)!.body.error.code).toBe('heavy_tasks_busy');
    expect(other.status).toBe(200);
    // The slot is released when the task ends.
    expect((await north.post('/api/mse', { csv, method: 'main' })).status).toBe(200);
  });

  test('a refusal inside the worker keeps its code and message (no 500)', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const res = await coordinator.post('/api/mse', { csv: 'A,count\n1,4\n' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_few_lists');
    const xlsx = await coordinator.post('/api/mse', { xlsx: Buffer.from('not a workbook').toString('base64') });
    expect(xlsx.status).toBe(400);
    expect(xlsx.body.error.code).toBe('invalid_file');
  });

  test('exports written in workers are complete files', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const xlsx = await coordinator.get('/api/statistics/report?population=assisted_persons&rows=sex&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const cohort = await coordinator.get('/api/statistics/cohort?format=xlsx');
    expect(cohort.status).toBe(200);
    const admin = await t.as('admin@north.demo.test');
    const htcds = await admin.get('/api/exports/htcds?format=csv');
    expect(htcds.status).toBe(200);
    expect(String(htcds.body).split('\n')[0]).toContain(',');
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('heavy routes are rate-limited on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { config: { heavyRateLimitPerMinute: 2 } });
  });
  afterAll(() => t.close());

  test('per user, in the error envelope', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const body = {
      csv: 'A,B,C,count\n1,0,0,50\n0,1,0,40\n0,0,1,30\n1,1,0,10\n1,0,1,8\n0,1,1,6\n1,1,1,2\n',
      method: 'main',
    };
    expect((await coordinator.post('/api/mse', body)).status).toBe(200);
    expect((await coordinator.post('/api/mse', body)).status).toBe(200);
    const limited = await coordinator.post('/api/mse', body);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    // Another user has a budget of her own.
    const other = await t.as('admin@north.demo.test');
    expect((await other.post('/api/mse', body)).status).not.toBe(429);
  });
});

/**
 * Heterogeneity through the API on both engines and through the CLI (issue #21): Chao's lower bound beside
 * every estimate; method lcmcr adds the latent-class posterior (fitted in the worker pool) with its
 * diagnostics, trace and histogram, seeded and so reproducible; the closed schema lets nothing else out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { cliRunner } from './support/cli';
import type { ApiClient } from './support/http';

const WESTERN = readFileSync('src/domain/mse/fixtures/western.csv', 'utf8');
const FAST = { samples: 200, burnIn: 200, thin: 2, chains: 2, maxClasses: 5 };

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE heterogeneity on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
  }, 400_000);
  afterAll(() => t.close());

  test("Chao's floor comes with every estimate; lcmcr adds the seeded latent-class posterior", async () => {
    const plain = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 0, sensitivity: false });
    expect(plain.status).toBe(200);
    const chao = plain.body.result.chao;
    expect(chao.form).toBe('classic');
    expect(chao.estimate).toBeCloseTo(chao.observed + chao.f1 ** 2 / (2 * chao.f2), 6);
    expect(chao.interval[0]).toBeGreaterThanOrEqual(chao.observed);
    expect(plain.body.result.lcmcr).toBeUndefined();

    const body = { csv: WESTERN, bootstrap: 0, sensitivity: false, method: 'lcmcr', seed: 7, lcmcr: FAST };
    const res = await coordinator.post('/api/mse', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { result } = res.body;
    // The log-linear stepwise fit stays the reported estimate; the latent-class posterior sits beside it.
    expect(result.model).toBe('stepwise');
    expect(Math.round(result.estimate)).toBe(Math.round(plain.body.result.estimate));
    const l = result.lcmcr;
    expect(Object.keys(l).sort()).toEqual(
      [
        'method',
        'observed',
        'estimate',
        'mean',
        'level',
        'interval',
        'diagnostics',
        'settings',
        'trace',
        'histogram',
        'warnings',
      ].sort(),
    );
    expect(l.settings).toMatchObject({ ...FAST, seed: 7 });
    expect(l.interval[0]).toBeGreaterThanOrEqual(result.observed);
    expect(l.interval[0]).toBeLessThanOrEqual(l.estimate);
    expect(l.interval[1]).toBeGreaterThanOrEqual(l.estimate);
    expect(l.trace).toHaveLength(2);
    expect(l.trace[0]).toHaveLength(200);
    expect(l.diagnostics.geweke).toHaveLength(2);
    expect(typeof l.diagnostics.ess).toBe('number');
    // The same seed gives the same posterior.
    const again = await coordinator.post('/api/mse', body);
    expect(again.body.result.lcmcr.trace).toEqual(l.trace);

    const two = await coordinator.post('/api/mse', { csv: 'A,B,count\n1,0,40\n0,1,30\n1,1,10\n', method: 'lcmcr' });
    expect([two.status, two.body.error.code]).toEqual([400, 'invalid_options']);
    const open = await coordinator.post('/api/mse', { ...body, lcmcr: { ...FAST, extra: 1 } });
    expect(open.status).toBe(400);
  }, 300_000);
});

describe('ariadne mse --method lcmcr', () => {
  let dataDir: string;
  const ariadne = cliRunner(() => dataDir);
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-mse-lcmcr-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('--json carries the posterior and the Chao bound; the summary names both', async () => {
    const args = ['mse', 'src/domain/mse/fixtures/western.csv', '--bootstrap', '0', '--no-sensitivity'];
    const sampler = ['--method', 'lcmcr', '--lcmcr-samples', '100', '--lcmcr-burn-in', '100', '--lcmcr-classes', '4'];
    const json = await ariadne(...args, ...sampler, '--json');
    expect(json.code, json.err).toBe(0);
    expect(json.out.lcmcr.method).toBe('lcmcr');
    expect(json.out.lcmcr.settings).toMatchObject({ samples: 100, burnIn: 100, maxClasses: 4, chains: 2 });
    expect(json.out.chao.f1).toBeGreaterThan(0);
    const text = await ariadne(...args, ...sampler);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/Chao lower bound \(a floor, not an estimate\): [\d,]+/);
    expect(text.out).toMatch(/Latent classes \(LCMCR, 2 chains x 100 draws, seed 1\): posterior median [\d,]+/);
    expect(text.out).toMatch(/split R-hat \d\.\d{3}, effective draws \d+/);
    const bad = await ariadne(...args, '--method', 'lcmcr', '--lcmcr-chains', '1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lcmcr-chains must be a whole number of at least 2/);
  }, 300_000);
});

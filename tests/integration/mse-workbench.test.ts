/**
 * The MSE workbench through the API on both engines, and the CLI (issue #21): the sensitivity summary in the
 * response and saved with a registry estimate; the fixed method, two lists, removed lists and checkallmodels;
 * the response holds exactly the presenter's fields; `ariadne mse --json` carries the same data.
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

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE workbench on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
  });
  afterAll(() => t.close());

  test('the sensitivity summary comes with the estimate and is saved with it in the registry', async () => {
    const res = await coordinator.post('/api/mse', {
      csv: WESTERN,
      bootstrap: 0,
      save: { label: 'Western sensitivity', geography: 'Testland', period: '2025' },
    });
    expect(res.status).toBe(200);
    const { result } = res.body;
    expect(Math.round(result.estimate)).toBe(2483);
    const s = result.sensitivity;
    expect(s.thresholds.map((p: any) => p.threshold)).toContain(0.02);
    expect(s.leaveOneOut.map((l: any) => l.left)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(s.merged).toHaveLength(10);
    expect(s.models.length).toBeGreaterThan(3);
    expect(s.averaged.method).toBe('aic_weights_buckland');
    expect(result.overlaps.find((o: any) => o.lists.join() === 'A')?.count).toBe(52);
    // Only the presenter's fields: nothing of the domain object leaks past the closed schema.
    expect(Object.keys(result).sort()).toEqual(
      [
        'lists',
        'model',
        'observed',
        'hiddenEstimate',
        'estimate',
        'interval',
        'terms',
        'infiniteTerms',
        'steps',
        'coefficients',
        'fit',
        'warnings',
        'caveats',
        'sensitivity',
        'chao',
        'diagnostics',
        'overlaps',
      ].sort(),
    );
    const saved = (await coordinator.get('/api/estimates')).body.estimates.find(
      (e: any) => e.id === res.body.savedEstimateId,
    );
    expect(saved.mse.sensitivity.merged).toHaveLength(10);
    expect(saved.mse.sensitivity.averaged.estimate).toBeCloseTo(s.averaged.estimate, 6);
    expect(saved.mse.sensitivity.selections.bic.estimate).toBeCloseTo(s.selections.bic.estimate, 6);
    expect(saved.caveat).toMatch(/estimates under other choices range from \d+ to \d+, AIC model average \d+/);
    // Another organisation does not see it.
    const south = await t.as('coordinator@south.demo.test');
    const theirs = (await south.get('/api/estimates')).body.estimates;
    expect(theirs.some((e: any) => e.id === res.body.savedEstimateId)).toBe(false);
  });

  test('fixed terms, two lists with their caveat, removed lists and checkallmodels', async () => {
    const fixed = await coordinator.post('/api/mse', {
      csv: WESTERN,
      bootstrap: 0,
      method: 'fixed',
      terms: ['A:E'],
      sensitivity: false,
    });
    expect(fixed.status).toBe(200);
    expect([fixed.body.result.model, fixed.body.result.terms]).toEqual(['fixed', ['A:E']]);
    expect(fixed.body.result.sensitivity).toBeUndefined();
    const unknown = await coordinator.post('/api/mse', { csv: WESTERN, method: 'fixed', terms: ['A:Z'] });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'invalid_options']);
    const noTerms = await coordinator.post('/api/mse', { csv: WESTERN, method: 'fixed' });
    expect(noTerms.status).toBe(400);

    const two = await coordinator.post('/api/mse', { csv: 'A,B,count\n1,0,40\n0,1,30\n1,1,10\n' });
    expect(two.status).toBe(200);
    expect(two.body.result.twoList).toMatchObject({ onBoth: 10, lincolnPetersen: 200 });
    expect(two.body.result.caveats.map((c: any) => c.code)).toContain('two_list_independence');

    const withTwin = 'A,B,C,D,count\n1,0,0,1,20\n0,1,0,0,15\n0,0,1,0,12\n1,1,0,1,6\n0,1,1,0,4\n1,0,1,1,3\n1,1,1,1,1\n';
    const cleaned = await coordinator.post('/api/mse', {
      csv: withTwin,
      bootstrap: 0,
      removeNonInformativeLists: true,
      checkAllModels: true,
    });
    expect(cleaned.status).toBe(200);
    expect(cleaned.body.result.removedLists).toEqual([{ list: 'D', reason: 'duplicate', duplicateOf: 'A' }]);
    expect(cleaned.body.result.lists).toEqual(['A', 'B', 'C']);
    expect(cleaned.body.result.modelCheck.models).toBe(8);
  });
});

describe('ariadne mse: the workbench from the shell', () => {
  let dataDir: string;
  const ariadne = cliRunner(() => dataDir);
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-mse-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('--json carries the sensitivity summary, the models and the overlaps; the summary names them', async () => {
    const json = await ariadne('mse', 'src/domain/mse/fixtures/western.csv', '--bootstrap', '0', '--json');
    expect(json.code, json.err).toBe(0);
    expect(json.out.sensitivity.thresholds.length).toBeGreaterThan(3);
    expect(json.out.sensitivity.models[0]).toHaveProperty('bic');
    expect(json.out.overlaps.length).toBeGreaterThan(5);
    const text = await ariadne('mse', 'src/domain/mse/fixtures/western.csv', '--bootstrap', '0');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/Sensitivity: estimates under other choices range/);
    expect(text.out).toMatch(/AIC model average over \d+ models/);
    const fixed = await ariadne(
      'mse',
      'src/domain/mse/fixtures/western.csv',
      '--bootstrap',
      '0',
      '--method',
      'fixed',
      '--terms',
      'A:E',
      '--no-sensitivity',
      '--json',
    );
    expect(fixed.code, fixed.err).toBe(0);
    expect([fixed.out.model, fixed.out.terms, fixed.out.sensitivity]).toEqual(['fixed', ['A:E'], undefined]);
    const missing = await ariadne('mse', 'src/domain/mse/fixtures/western.csv', '--method', 'fixed');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--method fixed needs --terms/);
  });
});

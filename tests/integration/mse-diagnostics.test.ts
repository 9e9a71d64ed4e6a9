/**
 * MSE diagnostics and reproducibility through the API on both engines and through the CLI (issue #21): every
 * fit carries its residuals, cell and list influence and small overlaps; a bootstrap its histogram and
 * model-selection frequencies; `--replicates-out` writes the replicate values and the resampled tables, and
 * the same tables given back (`--resamples`, or `resamples` in the body) reproduce the interval exactly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

const WESTERN_FILE = 'src/domain/mse/fixtures/western.csv';
const WESTERN = readFileSync(WESTERN_FILE, 'utf8');

describe.each(ENGINES.map((e) => [e.name, e] as const))('MSE diagnostics on %s', (_name, engine) => {
  let t: TestApp;
  let coordinator: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    coordinator = await t.as('coordinator@north.demo.test');
  }, 300_000);
  afterAll(() => t.close());

  test('the result carries diagnostics, the histogram and the selection frequencies; given resamples reproduce it', async () => {
    const res = await coordinator.post('/api/mse', { csv: WESTERN, bootstrap: 40, seed: 3 });
    expect(res.status).toBe(200);
    const { result } = res.body;
    const d = result.diagnostics;
    expect(d.cells).toHaveLength(31);
    expect(d.cells.reduce((s: number, c: any) => s + c.observed, 0)).toBe(result.observed);
    expect(d.pairs).toHaveLength(10);
    expect(d.pairs.find((p: any) => p.lists.join(':') === 'A:B')).toMatchObject({ overlap: 0, small: true });
    expect(d.lists.map((l: any) => l.list)).toEqual(['A', 'B', 'C', 'D', 'E']);
    const b = result.bootstrap;
    expect(b.generator).toBe('xoshiro128**');
    expect(b.histogram.finite + b.histogram.unbounded).toBe(40);
    expect(b.histogram.bins.reduce((s: number, bin: any) => s + bin.count, 0)).toBe(b.histogram.finite);
    expect(b.selections.reduce((s: number, m: any) => s + m.count, 0)).toBe(40 - b.failed);

    // Three copies of the observed table as given resamples: every replicate selects the point estimate's model.
    const rows = WESTERN.trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    const resamples = {
      lists: ['A', 'B', 'C', 'D', 'E'],
      cells: rows.map((r) => r.slice(0, 5).join('')),
      tables: [0, 1, 2].map(() => rows.map((r) => r[5])),
    };
    const given = await coordinator.post('/api/mse', { csv: WESTERN, resamples, sensitivity: false });
    expect(given.status).toBe(200);
    expect(given.body.result.bootstrap).toMatchObject({ generator: 'given', replicates: 3, failed: 0 });
    expect(given.body.result.bootstrap.selections).toEqual([{ terms: ['A:E'], count: 3, share: 1 }]);
    const wrong = await coordinator.post('/api/mse', {
      csv: WESTERN,
      resamples: { ...resamples, lists: ['A', 'B', 'C', 'D', 'F'] },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('invalid_options');
  }, 300_000);
});

describe('ariadne mse --replicates-out and --resamples', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-mse-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function ariadne(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  test('the written resamples, given back, give the same replicate values and interval', async () => {
    const file = path.join(dir, 'replicates.json');
    const first = await ariadne(
      'mse',
      WESTERN_FILE,
      '--json',
      '--no-sensitivity',
      '--bootstrap',
      '30',
      '--seed',
      '7',
      '--gof-replicates',
      '5',
      '--replicates-out',
      file,
    );
    expect(first.code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({
      lists: ['A', 'B', 'C', 'D', 'E'],
      generator: 'xoshiro128**',
      seed: 7,
      method: 'bca',
    });
    expect(written.replicates).toHaveLength(30);
    expect(written.resamples.tables).toHaveLength(30);
    // Counts only: numbers, per cell pattern, nothing else.
    expect(Object.keys(written.resamples).sort()).toEqual(['cells', 'lists', 'tables']);
    expect(written.resamples.tables.flat().every((c: unknown) => Number.isInteger(c))).toBe(true);
    const json = JSON.parse(first.stdout);
    expect(json.diagnostics.cells.length).toBeGreaterThan(0);
    expect(written.interval).toEqual(json.interval.bootstrap);

    const again = await ariadne(
      'mse',
      WESTERN_FILE,
      '--json',
      '--no-sensitivity',
      '--gof-replicates',
      '5',
      '--resamples',
      file,
      '--replicates-out',
      path.join(dir, 'again.json'),
    );
    expect(again.code).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.bootstrap.generator).toBe('given');
    expect(second.interval.bootstrap).toEqual(json.interval.bootstrap);
    expect(JSON.parse(readFileSync(path.join(dir, 'again.json'), 'utf8')).replicates).toEqual(written.replicates);

    writeFileSync(path.join(dir, 'bad.json'), '{"lists": 3}');
    const bad = await ariadne('mse', WESTERN_FILE, '--resamples', path.join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--resamples .* needs "lists", "cells"/);
  }, 300_000);
});

/**
 * BCa limits pinned to SparseMSE 2.0.1 from identical resamples (issue #21). fixtures/resamples/<table>.json
 * holds 200 resampled tables of each reference table (counts only), drawn once by `ariadne mse --bootstrap 200
 * --seed 2026 --replicates-out`. fixtures/resamples/sparsemse/<table>.json is what SparseMSE (built from source,
 * with R 4.2.2) computed on the very same tables with fixtures/resamples/sparsemse-bca.R: its estimate on each
 * resample, the jackknife acceleration and bcaconfvalues() at 2.5% and 97.5%. Ariadne, given the same tables
 * (`bootstrap.resamples`), must agree replicate by replicate and on both limits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ResampleSet } from './bootstrap';
import { estimatePopulationWith } from './estimate';
import { FIXTURE_DIR, loadReference, type ReferenceName } from './fixtures';
import { loadGlpk, type Glpk } from './lp';

interface SparseMseBca {
  estimate: number;
  replicates: number[];
  acceleration: number;
  bca: [number, number];
}

const RESAMPLES = path.join(FIXTURE_DIR, 'resamples');
const TABLES = fs
  .readdirSync(path.join(RESAMPLES, 'sparsemse'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, '') as ReferenceName);
const read = <T>(...parts: string[]): T => JSON.parse(fs.readFileSync(path.join(RESAMPLES, ...parts), 'utf8')) as T;
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

let glpk: Glpk;
beforeAll(async () => {
  glpk = await loadGlpk();
});

describe('BCa limits agree with SparseMSE on identical resamples', () => {
  test('the reference tables are there', () => {
    expect(TABLES.length).toBeGreaterThanOrEqual(2);
  });

  test.each(TABLES)('%s', (name) => {
    const resamples = read<ResampleSet>(`${name}.json`);
    const reference = read<SparseMseBca>('sparsemse', `${name}.json`);
    const result = estimatePopulationWith(glpk, loadReference(name), {
      profile: false,
      sensitivity: false,
      diagnostics: false,
      goodnessOfFit: { replicates: 1 },
      bootstrap: { replicates: 1, seed: 1, resamples },
    });
    const b = result.bootstrap!;
    expect(b.generator).toBe('given');
    expect(b.replicates).toBe(resamples.tables.length);
    expect(relative(result.estimate, reference.estimate)).toBeLessThan(1e-6);
    expect(b.values).toHaveLength(reference.replicates.length);
    b.values.forEach((value, r) => expect(relative(value, reference.replicates[r])).toBeLessThan(1e-6));
    expect(b.acceleration!).toBeCloseTo(reference.acceleration, 6);
    const [low, high] = result.interval.bootstrap!;
    expect(relative(low, reference.bca[0])).toBeLessThan(1e-6);
    expect(relative(high, reference.bca[1])).toBeLessThan(1e-6);
  });
});

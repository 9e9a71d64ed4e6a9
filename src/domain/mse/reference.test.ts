/**
 * Validation against SparseMSE 2.0.1 (values from /work/shared/mse/README.md):
 * stepwise and main-effects point estimates within 0.5%, the same terms in the
 * same order, and SparseMSE's default (Wald, log scale) interval within 0.5%.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { estimatePopulation } from './estimate';
import { FIXTURE_DIR, loadReference, type ReferenceName } from './fixtures';

interface Reference {
  name: ReferenceName;
  observed: number;
  stepwise: number;
  interval: [number, number];
  terms: string[];
  main: number;
}

const REFERENCES: Reference[] = [
  { name: 'artificial_3', observed: 96, stepwise: 539.09, interval: [278.65, 1170.89], terms: [], main: 539.09 },
  { name: 'western', observed: 345, stepwise: 2483.38, interval: [1657.09, 3830.03], terms: ['A:E'], main: 2007.14 },
  { name: 'neworl_5', observed: 185, stepwise: 1034.15, interval: [658.26, 1708.6], terms: [], main: 1034.15 },
  {
    name: 'ned_5',
    observed: 8234,
    stepwise: 121521.61,
    interval: [98675.43, 150138.91],
    terms: ['IO:Z', 'P:Z', 'P:R', 'IO:P', 'IO:K'],
    main: 52923.89,
  },
];

const within = (actual: number, expected: number, tolerance = 0.005) =>
  Math.abs(actual - expected) / expected <= tolerance;

describe('reproduces SparseMSE on its reference data', () => {
  test.each(REFERENCES)('$name: stepwise estimate, terms and interval', async (ref) => {
    const result = await estimatePopulation(loadReference(ref.name), { profile: false });
    expect(result.observed).toBe(ref.observed);
    expect(result.terms).toEqual(ref.terms);
    expect(within(result.estimate, ref.stepwise)).toBe(true);
    expect(within(result.interval.wald[0], ref.interval[0])).toBe(true);
    expect(within(result.interval.wald[1], ref.interval[1])).toBe(true);
  });

  test.each(REFERENCES)('$name: main-effects estimate', async (ref) => {
    const result = await estimatePopulation(loadReference(ref.name), { method: 'main', profile: false });
    expect(result.terms).toEqual([]);
    expect(within(result.estimate, ref.main)).toBe(true);
  });

  test('Netherlands: K:R (nobody on both) enters at -infinity before IO:K, as in SparseMSE', async () => {
    const result = await estimatePopulation(loadReference('ned_5'), { profile: false });
    expect(result.infiniteTerms).toEqual(['K:R']);
    expect(result.steps.map((s) => s.term)).toEqual(['IO:Z', 'P:Z', 'P:R', 'IO:P', 'K:R', 'IO:K']);
    expect(result.steps.every((s) => s.pValue < 0.02)).toBe(true);
  });

  const shared = path.resolve(process.cwd(), '../shared/mse');
  test.runIf(fs.existsSync(shared)).each(REFERENCES)(
    '$name: fixture copy matches the shared reference file',
    ({ name }) => {
      const copy = fs.readFileSync(path.join(FIXTURE_DIR, `${name}.csv`), 'utf8');
      expect(copy).toBe(fs.readFileSync(path.join(shared, `${name}.csv`), 'utf8'));
    },
  );
});

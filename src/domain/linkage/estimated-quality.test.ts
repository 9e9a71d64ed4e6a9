/**
 * Quality floor of the estimated method (EM weights, term frequencies, the
 * threshold from the target precision, one-to-one clusters) on the Zipf-name
 * generator: two organisations of 1,000 records each, on several seeds, so
 * that no single data set is what the model was tuned for. The full-size
 * figures (5k, 50k, 100k per source) come from bench/linkage.ts.
 */
import { describe, expect, test } from 'vitest';
import { createEncoder } from './encode';
import { clusterQuality, pairwiseQuality, truthOf } from './evaluate';
import { linkNetwork } from './pipeline';
import { generateSynthetic } from './synthetic/generator';

const SECRET = 'estimated-quality-test-secret-0123456789';

/** `perSource` records at each of two organisations, about 70% of persons known to both. */
function twoSources(perSource: number, seed: number) {
  const records = generateSynthetic({
    seed,
    persons: Math.ceil(perSource / 0.7) + 50,
    orgs: ['a', 'b'],
    presence: 0.7,
  });
  return [
    ...records.filter((r) => r.orgId === 'a').slice(0, perSource),
    ...records.filter((r) => r.orgId === 'b').slice(0, perSource),
  ];
}

describe('estimated thresholds on the harder generator (1k × 1k)', () => {
  test.each([11, 12, 13])('seed %s: F1, calibrated precision and a small review band', (seed) => {
    const records = twoSources(1_000, seed);
    const encoder = createEncoder(SECRET);
    const result = linkNetwork(records.map((r) => encoder.encode(r)));
    const truth = truthOf(records);
    const clusters = clusterQuality(result.clusters, truth);
    const [linked] = pairwiseQuality(
      result.matches.map((m) => ({ ...m, score: 1 })),
      truth,
      [1],
    );
    expect(result.model).toBeDefined();
    expect(clusters.f1).toBeGreaterThanOrEqual(0.95);
    expect(linked.f1).toBeGreaterThanOrEqual(0.93);
    // Calibration: what is linked is about as precise as the model expects (target 0.98).
    expect(clusters.precision).toBeGreaterThanOrEqual(result.stats.expectedPrecision! - 0.02);
    expect(linked.precision).toBeGreaterThanOrEqual(result.stats.expectedPrecision! - 0.03);
    expect(result.stats.reviewRecords! / records.length).toBeLessThanOrEqual(0.02);
  });
});

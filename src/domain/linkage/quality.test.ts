/**
 * End-to-end quality on synthetic data with known truth (standard corruption
 * profile, 2,000 persons across 3 organisations, fixed seed).
 */
import { describe, expect, test } from 'vitest';
import { createEncoder } from './encode';
import { clusterQuality, pairwiseQuality, truthOf } from './evaluate';
import { captureHistories, dedupedPersonCount, possibleDuplicatesFor } from './outputs';
import { DEFAULT_MATCH_THRESHOLD, linkNetwork } from './pipeline';
import { generateSynthetic } from './synthetic/generator';

const SECRET = 'quality-test-network-secret-0123';
const records = generateSynthetic({
  seed: 2024,
  persons: 2000,
  orgs: ['org-a', 'org-b', 'org-c'],
  profile: 'standard',
});
const encoder = createEncoder(SECRET);
const encodings = records.map((r) => encoder.encode(r));
const truth = truthOf(records);
const result = linkNetwork(encodings, { reviewThreshold: 0.6 });
const scored = [...result.matches, ...result.review];
// The default run (estimated weights and thresholds), computed once: the tests below read it.
const defaults = linkNetwork(encodings);

describe('linkage quality on the standard profile', () => {
  test('pairwise F1 at the default match threshold is at least 0.95', () => {
    const [q] = pairwiseQuality(scored, truth, [DEFAULT_MATCH_THRESHOLD]);
    expect(q.f1).toBeGreaterThanOrEqual(0.95);
    expect(q.precision).toBeGreaterThanOrEqual(0.97);
  });

  test('cluster F1 with the default thresholds is at least 0.95', () => {
    expect(clusterQuality(defaults.clusters, truth).f1).toBeGreaterThanOrEqual(0.95);
  });

  test('precision rises and recall falls with the threshold', () => {
    const qs = pairwiseQuality(scored, truth, [0.6, 0.7, 0.78, 0.85, 0.9]);
    for (let i = 1; i < qs.length; i++) {
      expect(qs[i].precision).toBeGreaterThanOrEqual(qs[i - 1].precision);
      expect(qs[i].recall).toBeLessThanOrEqual(qs[i - 1].recall);
    }
    expect(qs[0].recall).toBeGreaterThan(0.97);
  });

  test('the deduplicated count is within 3% of the true number of persons', () => {
    const count = dedupedPersonCount(defaults.clusters);
    expect(Math.abs(count - 2000) / 2000).toBeLessThan(0.03);
  });

  test('capture histories add up to the persons seen by the lists', () => {
    const { clusters } = defaults;
    const table = captureHistories(clusters, ['org-a', 'org-b', 'org-c']);
    expect(table.rows.length).toBe(7);
    expect(table.rows.reduce((s, r) => s + r.count, 0)).toBe(clusters.length);
  });

  test('blocking makes far fewer comparisons than all pairs: a few dozen per record', () => {
    expect(result.stats.candidatePairs / result.stats.possiblePairs).toBeLessThan(0.05);
    expect(result.stats.candidatePairs / result.stats.records).toBeLessThan(40);
  });
});

describe('consent', () => {
  test('records without consent are refused by the encoder and never reported to anyone', () => {
    const mixed = generateSynthetic({ seed: 3, persons: 300, consentRate: 0.7 });
    const refused = mixed.filter((r) => !r.consentToNetworkDedup);
    expect(refused.length).toBeGreaterThan(50);
    for (const r of refused.slice(0, 5))
      expect(() => encoder.encode(r)).toThrow(expect.objectContaining({ code: 'no_consent' }));
    const { clusters } = linkNetwork(mixed.filter((r) => r.consentToNetworkDedup).map((r) => encoder.encode(r)));
    const refusedIds = new Set(refused.map((r) => r.recordId));
    for (const org of ['org-a', 'org-b', 'org-c']) {
      for (const hint of possibleDuplicatesFor(org, clusters)) expect(refusedIds.has(hint.recordId)).toBe(false);
    }
  });
});

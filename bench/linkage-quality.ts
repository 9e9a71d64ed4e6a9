/**
 * Linkage quality at the estimated thresholds (#20) on the Zipf-name generator:
 * two organisations of N records each (about 70% of persons known to both), the
 * estimated method (EM weights, term frequencies, threshold from the target
 * precision 0.98, one-to-one clusters) against the fixed-Dice-threshold method
 * measured in the same run as the baseline. Prints F1, precision and recall of
 * the clusters (every cross-organisation pair in a cluster is a predicted match)
 * and of the linked pairs, the expected precision beside the measured one, the
 * share of records in the review band and the time, per size.
 *   npx tsx bench/linkage-quality.ts [--quick]          (quick: 1k; default 5k and 50k)
 *   LINKAGE_BENCH_100K=1 npx tsx bench/linkage-quality.ts  (adds 100k × 100k: minutes)
 * Also run from bench/linkage.ts. Where true pairs are lost (blocking, threshold, solver; by kind of
 * difference): bench/linkage-diagnose.ts.
 */
import { parseArgs } from 'node:util';
import {
  clusterQuality,
  createEncoder,
  generateSynthetic,
  linkNetwork,
  pairwiseQuality,
  truthOf,
  type SyntheticRecord,
} from '../src/domain/linkage/index';

const SECRET = 'bench-network-linkage-secret-0123456789';

const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const result = fn();
  return [result, (performance.now() - start) / 1000];
};
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const f3 = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(3));

function twoSources(perSource: number, seed: number): SyntheticRecord[] {
  const records = generateSynthetic({
    seed,
    persons: Math.ceil(perSource / 0.7) + 50,
    orgs: ['org-a', 'org-b'],
    presence: 0.7,
  });
  const a = records.filter((r) => r.orgId === 'org-a').slice(0, perSource);
  const b = records.filter((r) => r.orgId === 'org-b').slice(0, perSource);
  return [...a, ...b];
}

/** The sizes to measure by default: 5k and 50k per source, 100k with LINKAGE_BENCH_100K=1. */
export function qualitySizes(quick: boolean): number[] {
  if (quick) return [1_000];
  return process.env.LINKAGE_BENCH_100K ? [5_000, 50_000, 100_000] : [5_000, 50_000];
}

export function benchQuality(sizes: readonly number[]): void {
  console.log('quality at the estimated thresholds (Zipf-name generator, 2 organisations):');
  for (const [i, perSource] of sizes.entries()) {
    const records = twoSources(perSource, 500 + i);
    const truth = truthOf(records);
    const encoder = createEncoder(SECRET);
    const [encodings, encodeSeconds] = time(() => records.map((r) => encoder.encode(r)));
    const [estimated, linkSeconds] = time(() => linkNetwork(encodings));
    const [dice, diceSeconds] = time(() => linkNetwork(encodings, { method: 'dice' }));
    const clusters = clusterQuality(estimated.clusters, truth);
    const linkedPairs = (r: typeof estimated) => r.matches.map((m) => ({ ...m, score: 1 }));
    const [pairs] = pairwiseQuality(linkedPairs(estimated), truth, [1]);
    const baseline = clusterQuality(dice.clusters, truth);
    const s = estimated.stats;
    const reviewShare = (s.reviewRecords ?? 0) / s.records;
    console.log(
      `  ${fmt(perSource)}×${fmt(perSource)}: F1 ${f3(clusters.f1)} (precision ${f3(clusters.precision)}, ` +
        `recall ${f3(clusters.recall)}); linked pairs F1 ${f3(pairs.f1)} (precision ${f3(pairs.precision)}, recall ${f3(pairs.recall)})`,
    );
    console.log(
      `    expected precision ${f3(s.expectedPrecision)} vs measured ${f3(clusters.precision)} (linked pairs ${f3(pairs.precision)}), ` +
        `threshold p ≥ ${f3(s.autoLinkThreshold)}, expected recall ${f3(s.expectedRecall)}`,
    );
    console.log(
      `    review band ${fmt(s.review)} pairs, ${fmt(s.reviewRecords ?? 0)} records = ${(100 * reviewShare).toFixed(2)}% of records ` +
        `(${fmt(estimated.model?.reviewCandidates ?? 0)} candidates before the cap)`,
    );
    console.log(
      `    time: link ${linkSeconds.toFixed(1)} s (encode ${encodeSeconds.toFixed(1)} s); ` +
        `baseline fixed Dice thresholds in the same run: F1 ${f3(baseline.f1)} in ${diceSeconds.toFixed(1)} s → ` +
        `F1 ratio ${(clusters.f1 / baseline.f1).toFixed(3)}×, time ratio ${(linkSeconds / diceSeconds).toFixed(2)}×`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  benchQuality(qualitySizes(values.quick));
}

/**
 * Record linkage throughput: encodings/second, Dice comparisons/second of each
 * kernel (WebAssembly, JavaScript) with the ratio to the plain C loop measured in
 * the same run (linkage-kernel.ts), and end-to-end linkage of two sources at two sizes with the
 * growth exponent log(t2/t1)/log(10) (2 would be quadratic).
 *   npx tsx bench/linkage.ts [--quick]   (quick: 1k and 10k per source; default 10k and 100k)
 * Incremental linkage against the target of 1M linked + 10k new in under a minute runs on PostgreSQL
 * in bench/linkage-incremental.ts (this script prints the target and how to run it).
 */
import { parseArgs } from 'node:util';
import { benchQuality, qualitySizes } from './linkage-quality';
import { createEncoder, generateSynthetic, linkNetwork, type SyntheticRecord } from '../src/domain/linkage/index';
import { benchKernels } from './linkage-kernel';
import { benchHardening } from './linkage-hardening';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const sizes = values.quick ? [1_000, 10_000] : [10_000, 100_000];
const SECRET = 'bench-network-linkage-secret-0123456789';
const WORDS = 32;

const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const result = fn();
  return [result, (performance.now() - start) / 1000];
};
const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** `perSource` records at each of two organisations, about 70% of persons known to both. */
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

console.log(
  `Record linkage benchmark (${values.quick ? 'quick' : 'full'}): CLK ${WORDS * 32} bits, Node ${process.version}`,
);

// Encoding throughput on a fresh encoder (its token-hash cache starts empty).
const sample = twoSources(values.quick ? 2_000 : 10_000, 1);
const encoder = createEncoder(SECRET);
const [encodedSample, encodeSeconds] = time(() => sample.map((r) => encoder.encode(r)));
console.log(
  `encode: ${fmt(sample.length / encodeSeconds)} records/s (${sample.length} records, HMAC-SHA256 random hashing, cache cold)`,
);

// Dice kernels (WebAssembly, JavaScript) against the native C loop, on the same arrays (linkage-kernel.ts).
benchKernels(encodedSample, WORDS, values.quick);

// End-to-end linkage at two sizes.
const timings: number[] = [];
for (const [i, perSource] of sizes.entries()) {
  const records = twoSources(perSource, 100 + i);
  const sizedEncoder = createEncoder(SECRET);
  const [encodings, encSeconds] = time(() => records.map((r) => sizedEncoder.encode(r)));
  const [result, linkSeconds] = time(() => linkNetwork(encodings));
  timings.push(linkSeconds);
  const s = result.stats;
  console.log(
    `link ${fmt(perSource)}×${fmt(perSource)}: ${linkSeconds.toFixed(2)} s (encoding ${encSeconds.toFixed(2)} s); ` +
      `candidates ${fmt(s.candidatePairs)} of ${fmt(s.possiblePairs)} (${((100 * s.candidatePairs) / s.possiblePairs).toPrecision(2)}%), ` +
      `comparisons ${fmt(s.comparisons)}, matches ${fmt(s.matches)}, review ${fmt(s.review)}, persons ${fmt(s.clusters)}`,
  );
}
const exponent = Math.log(timings[1] / timings[0]) / Math.log(sizes[1] / sizes[0]);
console.log(`growth exponent log(t2/t1)/log(10) = ${exponent.toFixed(2)} (1 = linear, 2 = quadratic)`);

// Quality at the estimated thresholds: F1, expected vs measured precision, review band (linkage-quality.ts).
benchQuality(qualitySizes(values.quick));

// The cost of balancing, XOR-folding and BLIP noise in F1, against the default in the same run (linkage-hardening.ts).
benchHardening(twoSources(values.quick ? 1_000 : 5_000, 7));

// Incremental linkage is measured on PostgreSQL, apart (it needs a database and, at full size, a million stored records).
console.log(
  'incremental linkage target (#20): 10,000 new records against 1,000,000 linked, comparing only the new ones, in under 60 s on PostgreSQL; ' +
    'measured by DATABASE_URL=postgres://… npx tsx bench/linkage-incremental.ts [--existing 1000000] [--fresh 10000] ' +
    "(prints the time against the target, the ratio to a plain index scan of the new records' blocks and the pairs compared against a full run's)",
);

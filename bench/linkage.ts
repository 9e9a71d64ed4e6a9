/**
 * Record linkage throughput: encodings/second, Dice comparisons/second (with
 * the ratio to a naive bit-by-bit popcount loop over the same arrays, measured
 * in the same run), and end-to-end linkage of two sources at two sizes with the
 * growth exponent log(t2/t1)/log(10) (2 would be quadratic).
 *   npx tsx bench/linkage.ts [--quick]   (quick: 1k and 10k per source; default 10k and 100k)
 */
import { parseArgs } from 'node:util';
import { benchQuality, qualitySizes } from './linkage-quality';
import { andPopcount } from '../src/domain/linkage/bits';
import { packClks } from '../src/domain/linkage/compare';
import {
  createEncoder,
  generateSynthetic,
  linkNetwork,
  type EncodedRecord,
  type SyntheticRecord,
} from '../src/domain/linkage/index';

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

/** The naive baseline: test each of the 32 bits of each AND-ed word. */
function naiveAndPopcount(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, words: number): number {
  let total = 0;
  for (let i = 0; i < words; i++) {
    const v = a[aOffset + i] & b[bOffset + i];
    for (let bit = 0; bit < 32; bit++) if ((v >>> bit) & 1) total++;
  }
  return total;
}

function dicePerSecond(encodings: EncodedRecord[], comparisons: number, popcountPair: typeof andPopcount): number {
  const { packed, popcounts } = packClks(encodings, WORDS);
  const n = encodings.length;
  let checksum = 0;
  const [, seconds] = time(() => {
    for (let k = 0; k < comparisons; k++) {
      const a = k % n;
      const b = (k * 7919 + 13) % n;
      checksum += (2 * popcountPair(packed, a * WORDS, packed, b * WORDS, WORDS)) / (popcounts[a] + popcounts[b] || 1);
    }
  });
  if (Number.isNaN(checksum)) throw new Error('unreachable: keeps the loop from being optimised away');
  return comparisons / seconds;
}

console.log(
  `Record linkage benchmark (${values.quick ? 'quick' : 'full'}): CLK ${WORDS * 32} bits, Node ${process.version}`,
);

// Encoding throughput on a fresh encoder (its token-hash cache starts empty).
const sample = twoSources(values.quick ? 2_000 : 10_000, 1);
const encoder = createEncoder(SECRET);
const [encodedSample, encodeSeconds] = time(() => sample.map((r) => encoder.encode(r)));
console.log(
  `encode: ${fmt(sample.length / encodeSeconds)} records/s (${sample.length} records, HMAC-SHA256 double hashing, cache cold)`,
);

// Dice throughput: SWAR popcount against the bit-by-bit loop on the same arrays.
dicePerSecond(encodedSample, 200_000, andPopcount); // warm-up
const swar = dicePerSecond(encodedSample, values.quick ? 2_000_000 : 10_000_000, andPopcount);
const naive = dicePerSecond(encodedSample, values.quick ? 200_000 : 1_000_000, naiveAndPopcount);
console.log(
  `dice: ${fmt(swar)} comparisons/s SWAR vs ${fmt(naive)} naive bit loop → ratio ${(swar / naive).toFixed(1)}×`,
);

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

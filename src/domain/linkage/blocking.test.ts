import { describe, expect, test } from 'vitest';
import { dice } from './bits';
import { blockingBitsFor, buildBlockingIndex, forEachBucketOf, groupByKey } from './blocking';
import { createEncoder } from './encode';
import { DEFAULT_LSH } from './schema';
import { generateSynthetic } from './synthetic/generator';

const records = generateSynthetic({ seed: 5, persons: 1500, orgs: ['a', 'b'], presence: 0.7 });
const encodings = records.map((r) => createEncoder('blocking-test-secret-0123456789').encode(r));
const bits = blockingBitsFor(records.filter((r) => r.orgId === 'a').length, DEFAULT_LSH.bitsPerBand);
const index = buildBlockingIndex(encodings, bits, 2000);

function truePairs(): Array<[number, number]> {
  const byPerson = new Map<string, number[]>();
  records.forEach((r, i) => byPerson.set(r.truthPersonId, [...(byPerson.get(r.truthPersonId) ?? []), i]));
  return [...byPerson.values()].filter((ids) => ids.length === 2).map(([x, y]) => [x, y]);
}

const shareBlock = (a: number, b: number) => {
  let shared = false;
  forEachBucketOf(index, a, (members, from, to) => {
    if (members.subarray(from, to).includes(b)) shared = true;
  });
  return shared;
};

describe('blocking', () => {
  const pairs = truePairs();

  test('true pairs share a block with high probability', () => {
    expect(pairs.length).toBeGreaterThan(500);
    const recall = pairs.filter(([a, b]) => shareBlock(a, b)).length / pairs.length;
    expect(recall).toBeGreaterThan(0.97);
  });

  test('nearly every true pair that would score as a match is blocked together', () => {
    const strong = pairs.filter(([a, b]) => dice(encodings[a].clk, encodings[b].clk) >= 0.78);
    expect(strong.filter(([a, b]) => shareBlock(a, b)).length / strong.length).toBeGreaterThan(0.995);
  });

  test('blocks are small: few records per block on average and none oversized here', () => {
    expect(index.oversizedBuckets).toBe(0);
    let memberships = 0;
    let sizes = 0;
    encodings.forEach((_, record) =>
      forEachBucketOf(index, record, (_m, from, to) => {
        memberships++;
        sizes += to - from;
      }),
    );
    expect(sizes / memberships).toBeLessThan(10);
  });

  test('groupByKey groups equal keys and leaves out -1', () => {
    const { bucketOf, start, members } = groupByKey(Float64Array.from([5, -1, 2 ** 40, 5, 7, 2 ** 40]));
    expect(bucketOf[1]).toBe(-1);
    expect(bucketOf[0]).toBe(bucketOf[3]);
    expect(bucketOf[2]).toBe(bucketOf[5]);
    expect(new Set([bucketOf[0], bucketOf[2], bucketOf[4]]).size).toBe(3);
    const groups = Array.from({ length: start.length - 1 }, (_, k) => [...members.subarray(start[k], start[k + 1])]);
    expect(groups).toEqual([[0, 3], [2, 5], [4]]);
  });

  test.each([
    [1_000, 13, 5],
    [10_000, 18, 10],
    [100_000, 23, 15],
    [100_000_000, 32, 28],
  ])('prefix lengths grow with log(records): %i per source → %i and %i bits', (records, full, dayMonth) => {
    expect(blockingBitsFor(records, 32)).toEqual({ full, dayMonth });
  });

  test('buckets above the size limit are skipped', () => {
    const tight = buildBlockingIndex(encodings, bits, 2);
    expect(tight.oversizedBuckets).toBeGreaterThan(0);
    encodings.forEach((_, record) =>
      forEachBucketOf(tight, record, (_m, from, to) => expect(to - from).toBeLessThanOrEqual(2)),
    );
  });
});

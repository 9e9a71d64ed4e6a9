import { describe, expect, test } from 'vitest';
import { dice } from './bits';
import {
  blockingBitsFor,
  buildBlockingIndex,
  forEachBucketOf,
  groupByKey,
  NAME_BANDS,
  nameBandKeysOf,
  nameFieldsOf,
} from './blocking';
import { createEncoder, type IdentityRecord } from './encode';
import { DEFAULT_LSH, DEFAULT_SCHEMA } from './schema';
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

  // The prefix lengths of a network of 50,000 records per source, where the CLK bands lose pairs whose dates differ.
  const BIG = 50_000;
  const bigBits = blockingBitsFor(BIG, DEFAULT_LSH.bitsPerBand);

  test('name bands: a true pair whose date of birth is missing or recorded wrong still shares a block', () => {
    const encoder = createEncoder('blocking-test-secret-0123456789');
    const person = (recordId: string, orgId: string, fields: IdentityRecord['fields']) =>
      encoder.encode({
        recordId,
        orgId,
        consentToNetworkDedup: true,
        fields: { sex: 'f', citizenship: 'UA', ...fields },
      });
    const pairs: [IdentityRecord['fields'], IdentityRecord['fields']][] = [
      // Date missing on one side.
      [
        { given_name: 'Olena', surname: 'Kovalenko', date_of_birth: '1990-04-03' },
        { given_name: 'Olena', surname: 'Kovalenko' },
      ],
      // Only the year right (1 January), names swapped.
      [
        { given_name: 'Nadiia', surname: 'Bondarenko', date_of_birth: '1987-09-21' },
        { given_name: 'Bondarenko', surname: 'Nadiia', date_of_birth: '1987-01-01' },
      ],
      // Year and day off, a typo in the surname.
      [
        { given_name: 'Iryna', surname: 'Melnychuk', date_of_birth: '1979-11-14' },
        { given_name: 'Iryna', surname: 'Melnichuk', date_of_birth: '1980-11-13' },
      ],
    ];
    const extra = pairs.flatMap(([x, y], k) => [person(`x${k}`, 'a', x), person(`y${k}`, 'b', y)]);
    const all = [...encodings, ...extra];
    const at = encodings.length;
    const shared = (index: ReturnType<typeof buildBlockingIndex>, a: number, b: number) => {
      let found = false;
      forEachBucketOf(index, a, (members, from, to) => (found ||= members.subarray(from, to).includes(b)));
      return found;
    };
    const withNames = buildBlockingIndex(all, bigBits, 2000, { schema: DEFAULT_SCHEMA, largestSource: BIG });
    // The same keys without the name bands (a schema naming no name fields): some of these pairs are lost.
    const namesOff = { ...DEFAULT_SCHEMA, fields: DEFAULT_SCHEMA.fields.map((f) => ({ ...f, namespace: undefined })) };
    const without = buildBlockingIndex(all, bigBits, 2000, { schema: namesOff, largestSource: BIG });
    expect(nameFieldsOf(DEFAULT_SCHEMA)).toEqual([0, 1]);
    expect(nameFieldsOf(namesOff)).toEqual([]);
    const kept = (index: ReturnType<typeof buildBlockingIndex>) =>
      pairs.map((_, k) => shared(index, at + 2 * k, at + 2 * k + 1));
    expect(kept(withNames)).toEqual(pairs.map(() => true));
    expect(kept(without)).toContain(false);
  });

  test('name bands raise pairs-completeness where the dates of a true pair differ or one is missing', () => {
    const dated = (r: (typeof records)[number]) => r.fields.date_of_birth ?? '';
    const differing = pairs.filter(
      ([a, b]) => dated(records[a]).replace(/\D/g, '') !== dated(records[b]).replace(/\D/g, ''),
    );
    const big = buildBlockingIndex(encodings, bigBits, 2000, { schema: DEFAULT_SCHEMA, largestSource: BIG });
    const plain = buildBlockingIndex(encodings, bigBits, 2000, {
      schema: { ...DEFAULT_SCHEMA, fields: DEFAULT_SCHEMA.fields.map((f) => ({ ...f, namespace: undefined })) },
      largestSource: BIG,
    });
    const completeness = (idx: ReturnType<typeof buildBlockingIndex>) =>
      differing.filter(([a, b]) => {
        let found = false;
        forEachBucketOf(idx, a, (members, from, to) => (found ||= members.subarray(from, to).includes(b)));
        return found;
      }).length / differing.length;
    expect(differing.length).toBeGreaterThan(50);
    expect(completeness(big)).toBeGreaterThan(0.9);
    expect(completeness(big)).toBeGreaterThan(completeness(plain) + 0.05);
  });

  test('name bands: their length is reported and can be fixed, and a record alone gives the same keys', () => {
    const extras = { schema: DEFAULT_SCHEMA, largestSource: BIG };
    const measured = buildBlockingIndex(encodings, bigBits, 2000, extras);
    expect(measured.nameBandBits).toBeGreaterThanOrEqual(4);
    expect(measured.nameBandBits).toBeLessThanOrEqual(32);
    const fixed = buildBlockingIndex(encodings, bigBits, 2000, { ...extras, nameBandBits: measured.nameBandBits });
    expect(fixed.groupings.map((g) => [...g.bucketOf])).toEqual(measured.groupings.map((g) => [...g.bucketOf]));
    const first = 2 * DEFAULT_LSH.bands;
    expect(measured.groupings.length).toBe(first + NAME_BANDS);
    // Records with equal keys (computed one record at a time, as an incremental run would) share the bucket.
    const keysOf = (i: number) => nameBandKeysOf(encodings[i], [0, 1], measured.nameBandBits!);
    const [x, y] = [0, 1].map(keysOf);
    keysOf(0).forEach((_, band) => {
      const { bucketOf } = measured.groupings[first + band];
      expect(bucketOf[0] === bucketOf[1]).toBe(x[band] === y[band]);
    });
    const twin = encodings.findIndex((e, i) => i > 0 && keysOf(i)[0] === x[0]);
    if (twin > 0) expect(measured.groupings[first].bucketOf[twin]).toBe(measured.groupings[first].bucketOf[0]);
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

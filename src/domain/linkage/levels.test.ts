/**
 * Comparison levels from field-level filters: a field bound to another is only
 * observed where its anchor agrees exactly, and each value's term frequency is
 * its share relative to an average value. Filters are built by hand here, so
 * the test does not depend on how the encoder hashes.
 */
import { describe, expect, test } from 'vitest';
import { MISSING } from './em';
import { FIELD_FILTER_WORDS, type EncodedRecord } from './encode';
import { fieldLevels } from './levels';
import type { LinkageSchema } from './schema';

const SCHEMA = {
  version: 'test',
  bits: 1024,
  q: 2,
  fields: [
    { name: 'given_name', hashes: 20 },
    { name: 'date_of_birth', hashes: 50 },
    { name: 'sex', hashes: 20, bindTo: 'date_of_birth' },
  ],
} as unknown as LinkageSchema;

/** A record whose filter for each field sets the bits listed (a value = a set of bits; null = missing). */
function record(...values: (readonly number[] | null)[]): EncodedRecord {
  const fieldFilters = new Uint32Array(values.length * FIELD_FILTER_WORDS);
  values.forEach((bits, f) => {
    for (const bit of bits ?? []) fieldFilters[f * FIELD_FILTER_WORDS + (bit >>> 5)] |= 1 << (bit & 31);
  });
  return { fieldFilters } as unknown as EncodedRecord;
}
const ANNA = [1, 2, 3, 4, 5, 6, 7, 8];
const OLGA = [40, 41, 42, 43, 44, 45, 46, 47];
const DOB1 = [100, 101, 102, 103, 104, 105];
const DOB2 = [150, 151, 152, 153, 154, 155];
const F = [200];
const M = [220];

describe('field levels', () => {
  const records = [
    record(ANNA, DOB1, F),
    record(ANNA, DOB1, F),
    record(ANNA, DOB2, F),
    record(OLGA, DOB1, M),
    record(ANNA, null, F),
    record(OLGA, DOB2, F),
  ];
  const levels = fieldLevels(records, SCHEMA);
  const gamma = new Int8Array(3);
  const compare = (a: number, b: number) => (levels.compare(a, b, gamma, 0), [...gamma]);

  test('a bound field agrees or not only where its anchor agrees exactly; elsewhere it is missing', () => {
    expect(compare(0, 1)).toEqual([3, 3, 1]);
    expect(compare(0, 3)).toEqual([0, 3, 0]);
    // Different dates: the bound sex filters differ whatever the sex, so that says nothing.
    expect(compare(0, 2)).toEqual([3, 0, MISSING]);
    expect(compare(0, 4)).toEqual([3, MISSING, MISSING]);
  });

  test('term frequency: a value’s share relative to the chance two random records agree', () => {
    // Given names: ANNA 4 of 6, OLGA 2 of 6; Σ share² = 16/36 + 4/36 = 20/36.
    expect(levels.termFrequency(0, 0)).toBeCloseTo(4 / 6 / (20 / 36), 9);
    expect(levels.termFrequency(3, 0)).toBeCloseTo(2 / 6 / (20 / 36), 9);
    // A missing value and a single-token field (sex) have none.
    expect(levels.termFrequency(4, 1)).toBe(0);
    expect(levels.termFrequency(0, 2)).toBe(0);
  });
});

import { describe, expect, test } from 'vitest';
import { dice, popcount } from './bits';
import { createEncoder, encodeRecord, type IdentityRecord } from './encode';
import { LinkageError } from './errors';
import { DEFAULT_SCHEMA, type LinkageSchema } from './schema';
import { deserialiseEncoding, serialiseEncoding } from './serialise';
import { generateSynthetic } from './synthetic/generator';

const SECRET = 'test-network-secret-0123456789';
const person = (fields: IdentityRecord['fields'], extra: Partial<IdentityRecord> = {}): IdentityRecord => ({
  recordId: 'r1',
  orgId: 'org-a',
  consentToNetworkDedup: true,
  fields,
  ...extra,
});
const ana = person({
  given_name: 'Ana-Maria',
  surname: 'Drăgulescu',
  date_of_birth: '1994-03-07',
  sex: 'F',
  citizenship: 'RO',
});

describe('encoding', () => {
  test('is deterministic for the same secret and schema', () => {
    const a = encodeRecord(ana, SECRET);
    const b = createEncoder(SECRET).encode(ana);
    expect(a.clk).toEqual(b.clk);
    expect(a.blocking).toEqual(b.blocking);
    expect(a.clk.length).toBe(DEFAULT_SCHEMA.bits / 32);
    expect(a.schemaVersion).toBe('v1');
  });

  test('is the same for spelling variants that normalise alike', () => {
    const variant = person({
      given_name: 'ANA MARIA',
      surname: 'dragulescu',
      date_of_birth: '07.03.1994',
      sex: 'female',
      citizenship: 'ROU',
    });
    expect(encodeRecord(variant, SECRET).clk).toEqual(encodeRecord(ana, SECRET).clk);
  });

  test('swapped given name and surname encode identically', () => {
    const swapped = person({ ...ana.fields, given_name: ana.fields.surname, surname: ana.fields.given_name });
    expect(encodeRecord(swapped, SECRET).clk).toEqual(encodeRecord(ana, SECRET).clk);
  });

  test('the same person in Cyrillic and Latin scores high', () => {
    const cyr = person({
      given_name: 'Олена',
      surname: 'Шевчук',
      date_of_birth: '1988-11-02',
      sex: 'Ж',
      citizenship: 'Україна',
    });
    const lat = person({
      given_name: 'Olena',
      surname: 'Ševčuk',
      date_of_birth: '1988-11-02',
      sex: 'F',
      citizenship: 'UA',
    });
    expect(dice(encodeRecord(cyr, SECRET).clk, encodeRecord(lat, SECRET).clk)).toBeGreaterThan(0.95);
  });

  test('different secrets make encodings unlinkable (Dice at the level of unrelated people)', () => {
    const records = generateSynthetic({ seed: 11, persons: 200, profile: 'clean', orgs: ['a'] });
    const one = createEncoder(SECRET);
    const other = createEncoder('another-network-secret-987654');
    const sameAcross = records.map((r) => dice(one.encode(r).clk, other.encode(r).clk));
    const unrelated = records.slice(1).map((r, i) => dice(one.encode(r).clk, one.encode(records[i]).clk));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    // Same person under two secrets looks no more alike than two different people under one.
    expect(mean(sameAcross)).toBeLessThan(mean(unrelated) + 0.02);
    expect(Math.max(...sameAcross)).toBeLessThan(0.7);
    expect(records.every((r) => one.encode(r).blocking.yobSex !== other.encode(r).blocking.yobSex)).toBe(true);
  });

  test('field weights follow the schema', () => {
    const light: LinkageSchema = { version: 'w', bits: 1024, q: 2, fields: [{ name: 'sex', hashes: 3 }] };
    const heavy: LinkageSchema = { version: 'w', bits: 1024, q: 2, fields: [{ name: 'sex', hashes: 30 }] };
    const rec = person({ sex: 'F' });
    expect(popcount(encodeRecord(rec, SECRET, light).clk)).toBeLessThanOrEqual(3);
    expect(popcount(encodeRecord(rec, SECRET, heavy).clk)).toBeGreaterThan(20);
  });

  test('an empty record encodes to an empty filter with no birth-year+sex key', () => {
    const e = encodeRecord(person({}), SECRET);
    expect(popcount(e.clk)).toBe(0);
    expect(e.blocking.yobSex).toBeNull();
  });

  test('the birth-year+sex key ignores day and month but not year or sex', () => {
    const key = (dob: string, sex: string) => encodeRecord(person({ date_of_birth: dob, sex }), SECRET).blocking.yobSex;
    expect(key('1990-01-02', 'f')).toBe(key('1990-12-30', 'F'));
    expect(key('1990-01-02', 'f')).not.toBe(key('1991-01-02', 'f'));
    expect(key('1990-01-02', 'f')).not.toBe(key('1990-01-02', 'm'));
    expect(key('1990-01-02', 'f')).not.toContain('1990');
  });
});

describe('refusals', () => {
  test.each([
    ['undefined', undefined, 'missing_secret'],
    ['empty', '', 'missing_secret'],
    ['short', 'fifteen-bytes!!', 'weak_secret'],
    ['short bytes', new Uint8Array(8), 'weak_secret'],
  ])('%s secret → %s', (_, secret, code) => {
    expect(() => createEncoder(secret as string)).toThrow(expect.objectContaining({ name: 'LinkageError', code }));
  });

  test('a record without network-dedup consent is never encoded', () => {
    expect(() => encodeRecord({ ...ana, consentToNetworkDedup: false }, SECRET)).toThrow(
      expect.objectContaining({ code: 'no_consent' }),
    );
  });

  test('attributes must be short scalars', () => {
    const long = { ...ana, attributes: { note: 'x'.repeat(65) } };
    expect(() => encodeRecord(long, SECRET)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
    expect(encodeRecord({ ...ana, attributes: { intakeYear: 2024, referred: true } }, SECRET).attributes).toEqual({
      intakeYear: 2024,
      referred: true,
    });
  });

  test.each([
    ['bits not a multiple of 32', { ...DEFAULT_SCHEMA, bits: 1000 }],
    ['no fields', { ...DEFAULT_SCHEMA, fields: [] }],
    ['zero hashes', { ...DEFAULT_SCHEMA, fields: [{ name: 'sex', hashes: 0 }] }],
    [
      'repeated field',
      {
        ...DEFAULT_SCHEMA,
        fields: [
          { name: 'sex', hashes: 5 },
          { name: 'sex', hashes: 5 },
        ],
      },
    ],
    ['too many band bits', { ...DEFAULT_SCHEMA, lsh: { bands: 4, bitsPerBand: 40 } }],
  ])('invalid schema: %s', (_, schema) => {
    expect(() => createEncoder(SECRET, schema as LinkageSchema)).toThrow(
      expect.objectContaining({ code: 'invalid_schema' }),
    );
  });
});

describe('serialisation', () => {
  const encoded = createEncoder(SECRET).encode({ ...ana, attributes: { intakeYear: 2024 } });

  test('round-trips through JSON', () => {
    const wire = JSON.parse(JSON.stringify(serialiseEncoding(encoded)));
    expect(typeof wire.clk).toBe('string');
    expect(deserialiseEncoding(wire, DEFAULT_SCHEMA)).toEqual(encoded);
  });

  test.each([
    ['another schema version', { schemaVersion: 'v0' }, 'schema_mismatch'],
    ['a short CLK', { clk: Buffer.alloc(64).toString('base64') }, 'wrong_length'],
    ['no consent', { consentToNetworkDedup: false }, 'no_consent'],
    ['a missing field', { orgId: undefined }, 'malformed_encoding'],
  ])('refuses %s', (_, change, code) => {
    const wire = { ...serialiseEncoding(encoded), ...change };
    expect(() => deserialiseEncoding(wire, DEFAULT_SCHEMA)).toThrow(LinkageError);
    expect(() => deserialiseEncoding(wire, DEFAULT_SCHEMA)).toThrow(expect.objectContaining({ code }));
  });
});

import { describe, expect, test } from 'vitest';
import { dice, popcount } from './bits';
import { createEncoder, encodeRecord, type IdentityRecord } from './encode';
import { LinkageError } from './errors';
import { DEFAULT_SCHEMA, type LinkageSchema } from './schema';
import { deserialiseEncoding, parseEncodingFile, serialiseEncoding } from './serialise';
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
    expect(a.schemaVersion).toBe('v2');
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
    expect(
      records.every(
        (r) => r.fields.date_of_birth == null || one.encode(r).blocking.dayMonth !== other.encode(r).blocking.dayMonth,
      ),
    ).toBe(true);
  });

  test('field weights follow the schema', () => {
    const light: LinkageSchema = { version: 'w', bits: 1024, q: 2, fields: [{ name: 'sex', hashes: 3 }] };
    const heavy: LinkageSchema = { version: 'w', bits: 1024, q: 2, fields: [{ name: 'sex', hashes: 30 }] };
    const rec = person({ sex: 'F' });
    expect(popcount(encodeRecord(rec, SECRET, light).clk)).toBeLessThanOrEqual(3);
    expect(popcount(encodeRecord(rec, SECRET, heavy).clk)).toBeGreaterThan(20);
  });

  test('an empty record encodes to an empty filter with no day-month key', () => {
    const e = encodeRecord(person({}), SECRET);
    expect(popcount(e.clk)).toBe(0);
    expect(e.blocking.dayMonth).toBeNull();
  });

  test('the day-month blocking key ignores the year, the sex and a day/month swap, and is keyed', () => {
    const key = (dob: string, sex: string) =>
      encodeRecord(person({ date_of_birth: dob, sex }), SECRET).blocking.dayMonth;
    expect(key('1990-01-02', 'f')).toBe(key('1975-02-01', 'M'));
    expect(key('1990-01-02', 'f')).not.toBe(key('1990-01-03', 'f'));
    expect(key('1990', 'f')).toBeNull();
    expect(key('1990-01-02', 'f')).not.toBe(
      encodeRecord(person({ date_of_birth: '1990-01-02' }), 'another-network-secret-987654').blocking.dayMonth,
    );
  });

  test('sex and citizenship are bound to the date of birth: alone they set no bits', () => {
    const schema: LinkageSchema = DEFAULT_SCHEMA;
    const only = (fields: IdentityRecord['fields']) => encodeRecord(person(fields), SECRET, schema);
    expect(popcount(only({ sex: 'F', citizenship: 'UA' }).clk)).toBe(0);
    const a = only({ sex: 'F', date_of_birth: '1990-01-02' });
    const b = only({ sex: 'F', date_of_birth: '1991-01-02' });
    const dobOnly = only({ date_of_birth: '1990-01-02' });
    // Same sex, other birth date: the sex bits differ too, so no bits are shared by all women.
    const sexBits = (e: typeof a, base: typeof a) => e.clk.map((w, i) => w & ~base.clk[i]);
    const bOnly = only({ date_of_birth: '1991-01-02' });
    const sa = sexBits(a, dobOnly);
    const sb = sexBits(b, bOnly);
    expect(popcount(sa)).toBeGreaterThan(10);
    expect(popcount(sa.map((w, i) => w & sb[i]))).toBeLessThan(5);
  });

  test("random hashing: a token's positions are no arithmetic progression (no double hashing)", () => {
    const schema: LinkageSchema = { version: 't', bits: 1024, q: 2, fields: [{ name: 'sex', hashes: 30 }] };
    const e = encodeRecord(person({ sex: 'F' }), SECRET, schema);
    const set: number[] = [];
    for (let i = 0; i < 1024; i++) if ((e.clk[i >>> 5] >>> (i & 31)) & 1) set.push(i);
    expect(set.length).toBeGreaterThan(25);
    // Double hashing put the one token "Sf" on h1 + i·h2 (h2 odd) for i < 30: find the longest such run.
    let best = 0;
    for (const a of set)
      for (const b of set) {
        const step = (b - a + 1024) % 1024;
        if (step % 2 === 0) continue;
        let run = 1;
        while (run < 30 && set.includes((a + run * step) % 1024)) run++;
        best = Math.max(best, run);
      }
    expect(best).toBeLessThan(6);
  });

  test.each([
    ['balance', 0],
    ['xor-fold', 0],
    ['none', 0.05],
  ] as const)(
    'hardening %s, blip %s: deterministic, and the same person still scores far above others',
    (transform, blip) => {
      const schema: LinkageSchema = { ...DEFAULT_SCHEMA, version: 'h', hardening: { transform, blip } };
      const encoder = createEncoder(SECRET, schema);
      const variant = person({ ...ana.fields, given_name: 'Ana Maria', surname: 'Dragulesku' });
      const other = person({ given_name: 'Olena', surname: 'Shevchuk', date_of_birth: '1988-11-02', sex: 'F' });
      const e = encoder.encode(ana);
      expect(e.clk).toEqual(createEncoder(SECRET, schema).encode(ana).clk);
      expect(e.clk.length).toBe(32);
      if (transform === 'balance') expect(popcount(e.clk)).toBe(512);
      expect(dice(e.clk, encoder.encode(variant).clk)).toBeGreaterThan(dice(e.clk, encoder.encode(other).clk) + 0.15);
    },
  );
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
    ['binding to no field', { ...DEFAULT_SCHEMA, fields: [{ name: 'sex', hashes: 5, bindTo: 'dob' }] }],
    ['too much noise', { ...DEFAULT_SCHEMA, hardening: { transform: 'none', blip: 0.7 } }],
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
    [
      'a v1 encoding (birth-year+sex key)',
      { schemaVersion: 'v1', blocking: { yobSex: null, bands: '' } },
      'schema_mismatch',
    ],
    ['a short CLK', { clk: Buffer.alloc(64).toString('base64') }, 'wrong_length'],
    ['no consent', { consentToNetworkDedup: false }, 'no_consent'],
    ['a missing field', { orgId: undefined }, 'malformed_encoding'],
  ])('refuses %s', (_, change, code) => {
    const wire = { ...serialiseEncoding(encoded), ...change };
    expect(() => deserialiseEncoding(wire, DEFAULT_SCHEMA)).toThrow(LinkageError);
    expect(() => deserialiseEncoding(wire, DEFAULT_SCHEMA)).toThrow(expect.objectContaining({ code }));
  });

  test('an encoding file for a separate linkage service parses, and refuses another schema', () => {
    const file = JSON.parse(
      JSON.stringify({ schemaVersion: DEFAULT_SCHEMA.version, encodings: [serialiseEncoding(encoded)] }),
    );
    expect(parseEncodingFile(file, DEFAULT_SCHEMA)).toEqual([encoded]);
    expect(() => parseEncodingFile({ ...file, schemaVersion: 'v1' }, DEFAULT_SCHEMA)).toThrow(
      expect.objectContaining({ code: 'schema_mismatch' }),
    );
    expect(() => parseEncodingFile({ rows: [] }, DEFAULT_SCHEMA)).toThrow(
      expect.objectContaining({ code: 'malformed_encoding' }),
    );
  });
});

/**
 * CLK encoding (Schnell et al.), hardened against the pattern and frequency attacks on Bloom
 * filters (Christen et al.; clkhash's own move from double to random hashing):
 *  - random hashing: each token's k positions are drawn from a keyed HMAC-SHA256 stream, so the
 *    positions of one token are not one of the few (h1, h2) patterns an attacker can enumerate;
 *  - one key per field namespace and purpose, derived from the network secret by HKDF, so the
 *    same q-gram sets unrelated bits in different fields and in the CLK and field filters;
 *  - sex and citizenship bound to the date of birth (schema `bindTo`), the date without any
 *    year-alone token: no bit group is shared by everyone of one sex, citizenship or birth year;
 *  - optional balancing or XOR-folding and BLIP noise (schema `hardening`);
 *  - a keyed day-month blocking key (not birth year + sex, whose groups the key would name).
 * The organisation also derives its blocking keys here, so nothing but keyed material ever
 * leaves it. No secret, no encoding: there is no unkeyed fallback.
 */
import crypto from 'node:crypto';
import { LinkageError } from './errors';
import { bindingAnchor, fieldTokens, parseBirthDate } from './normalise';
import {
  DEFAULT_HARDENING,
  DEFAULT_LSH,
  DEFAULT_SCHEMA,
  normaliserFor,
  validateSchema,
  type LinkageSchema,
} from './schema';

/** Attributes that may travel with an encoding and appear in review items; must not identify anyone. */
export type NonIdentifyingAttributes = Readonly<Record<string, string | number | boolean>>;

/** What an organisation feeds the encoder: identifying values stay on its side. */
export interface IdentityRecord {
  /** The organisation's own pseudonymous reference, never a name. */
  recordId: string;
  orgId: string;
  /** Without network-dedup consent a record is never encoded. */
  consentToNetworkDedup: boolean;
  /** Raw values keyed by schema field name (given_name, surname, date_of_birth, sex, citizenship, place_of_birth). */
  fields: Readonly<Record<string, string | null | undefined>>;
  attributes?: NonIdentifyingAttributes;
}

export interface EncodedRecord {
  recordId: string;
  orgId: string;
  schemaVersion: string;
  consentToNetworkDedup: true;
  /** The CLK: schema.bits / 32 words. */
  clk: Uint32Array;
  blocking: {
    /**
     * Keyed hash of the swap-tolerant day and month of birth; null when the date is partial or
     * missing. Its groups are birthdays, already as visible in the CLK, never a sex or a year.
     */
    dayMonth: string | null;
    /** Hamming-LSH band values: the CLK bits at secret-chosen positions, one word per band. */
    bands: Uint32Array;
  };
  /**
   * Field-level evidence: one small keyed Bloom filter per schema field
   * (FIELD_FILTER_BITS each, in schema order), so that field agreements can be
   * weighed (em.ts) without any field in clear. An empty filter is a missing value.
   * Absent on encodings made before field filters existed (those link by Dice).
   */
  fieldFilters?: Uint32Array;
  attributes?: NonIdentifyingAttributes;
}

/** Bits of each field-level filter. */
export const FIELD_FILTER_BITS = 256;
export const FIELD_FILTER_WORDS = FIELD_FILTER_BITS / 32;
/** Bit positions a token sets in a field filter, by normaliser (single-token fields get more). */
const FIELD_FILTER_HASHES: Readonly<Record<string, number>> = { name: 6, date: 8, sex: 12, country: 12 };

export const MIN_SECRET_BYTES = 16;

/** Validates the network linkage secret; throws rather than ever hash without a key. */
export function secretBytes(secret: string | Uint8Array | null | undefined): Buffer {
  if (secret === undefined || secret === null || secret.length === 0) {
    throw new LinkageError('missing_secret', 'A network linkage secret is required: refusing to encode without a key');
  }
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new LinkageError(
      'weak_secret',
      `The linkage secret has ${bytes.length} bytes; at least ${MIN_SECRET_BYTES} are required`,
    );
  }
  return bytes;
}

/** A 256-bit key for one purpose, derived from the secret by HKDF-SHA256 (the label is the HKDF info). */
export function deriveKey(secret: Uint8Array, label: string): crypto.KeyObject {
  return crypto.createSecretKey(
    Buffer.from(crypto.hkdfSync('sha256', secret, 'ariadne/linkage', `ariadne/linkage/${label}`, 32)),
  );
}

/**
 * k positions in [0, size) for one token: HMAC-SHA256(key, counter || token) read as 32-bit
 * words, eight per block. Positions of different tokens are independent (random hashing).
 */
export function randomPositions(key: crypto.KeyObject, token: string, k: number, size: number): Uint32Array {
  const out = new Uint32Array(k);
  let digest: Buffer = Buffer.alloc(0);
  for (let i = 0; i < k; i++) {
    if (i % 8 === 0)
      digest = crypto
        .createHmac('sha256', key)
        .update(`${i / 8}\u0000${token}`)
        .digest();
    out[i] = digest.readUInt32LE((i % 8) * 4) % size;
  }
  return out;
}

export interface Encoder {
  readonly schema: LinkageSchema;
  /** Encodes one consenting record; throws LinkageError('no_consent') otherwise. */
  encode(record: IdentityRecord): EncodedRecord;
}

const MAX_CACHE = 500_000;

/**
 * Creates an encoder for one secret and schema. Token positions are cached (names
 * share few distinct q-grams), which makes encoding many records cheap.
 */
export function createEncoder(secret: string | Uint8Array, schema: LinkageSchema = DEFAULT_SCHEMA): Encoder {
  const master = secretBytes(secret);
  validateSchema(schema);
  const { bits, version } = schema;
  const words = bits / 32;
  const lsh = schema.lsh ?? DEFAULT_LSH;
  const hardening = schema.hardening ?? DEFAULT_HARDENING;
  // The Bloom filter is built at rawBits, then transformed to the schema's length.
  const rawBits = hardening.transform === 'balance' ? bits / 2 : hardening.transform === 'xor-fold' ? bits * 2 : bits;
  const key = (label: string) => deriveKey(master, `${version}/${label}`);
  const bandPositions = lshPositions(key('lsh'), bits, lsh.bands, lsh.bitsPerBand);
  const blockKey = key('block/day-month');
  const blipKey = key('blip');
  const permutation = hardening.transform === 'balance' ? keyedPermutation(key('balance'), bits) : undefined;
  const fields = schema.fields.map((f) => {
    const namespace = f.namespace ?? f.name;
    const anchor = f.bindTo ? schema.fields.find((g) => g.name === f.bindTo)! : undefined;
    return {
      ...f,
      normaliser: normaliserFor(f),
      anchor: anchor && { name: anchor.name, normaliser: normaliserFor(anchor) },
      clkKey: key(`clk/${namespace}`),
      filterKey: key(`field/${namespace}`),
    };
  });
  const cache = new Map<string, Uint32Array>();

  function positions(k: crypto.KeyObject, id: string, token: string, count: number, size: number): Uint32Array {
    let found = cache.get(id);
    if (!found) {
      found = randomPositions(k, token, count, size);
      if (cache.size >= MAX_CACHE) cache.clear();
      cache.set(id, found);
    }
    return found;
  }

  function encode(record: IdentityRecord): EncodedRecord {
    if (record.consentToNetworkDedup !== true) {
      throw new LinkageError(
        'no_consent',
        `Record ${record.recordId} of ${record.orgId} has no consent to network deduplication`,
      );
    }
    const raw = new Uint32Array(rawBits / 32);
    const fieldFilters = new Uint32Array(fields.length * FIELD_FILTER_WORDS);
    fields.forEach((field, f) => {
      let tokens = fieldTokens(field.normaliser, record.fields[field.name], schema.q);
      if (field.anchor) {
        const anchor = bindingAnchor(field.anchor.normaliser, record.fields[field.anchor.name]);
        tokens = anchor === null ? [] : tokens.map((t) => `${t}\u0000${anchor}`);
      }
      const filterHashes = FIELD_FILTER_HASHES[field.normaliser] ?? 6;
      const base = f * FIELD_FILTER_WORDS;
      for (const token of tokens) {
        for (const p of positions(field.clkKey, `c${f}\u0000${token}`, token, field.hashes, rawBits))
          raw[p >>> 5] |= 1 << (p & 31);
        for (const p of positions(field.filterKey, `f${f}\u0000${token}`, token, filterHashes, FIELD_FILTER_BITS))
          fieldFilters[base + (p >>> 5)] |= 1 << (p & 31);
      }
    });
    const clk = harden(raw, record);
    const bands = new Uint32Array(bandPositions.length);
    bandPositions.forEach((positions, band) => {
      let value = 0;
      for (let j = 0; j < positions.length; j++) value |= ((clk[positions[j] >>> 5] >>> (positions[j] & 31)) & 1) << j;
      bands[band] = value >>> 0;
    });
    const date = parseBirthDate(record.fields.date_of_birth ?? '');
    let dayMonth: string | null = null;
    if (date?.month !== undefined && date.day !== undefined) {
      const [low, high] = [date.month, date.day].sort((x, y) => x - y);
      dayMonth = crypto.createHmac('sha256', blockKey).update(`${low}-${high}`).digest('base64url').slice(0, 22);
    }
    const encoded: EncodedRecord = {
      recordId: record.recordId,
      orgId: record.orgId,
      schemaVersion: version,
      consentToNetworkDedup: true,
      clk,
      blocking: { dayMonth, bands },
      fieldFilters,
    };
    if (record.attributes) encoded.attributes = checkedAttributes(record);
    return encoded;
  }

  /** Balancing or folding, then BLIP noise, as the schema asks. */
  function harden(raw: Uint32Array, record: IdentityRecord): Uint32Array {
    let clk = raw;
    if (hardening.transform === 'xor-fold') {
      clk = new Uint32Array(words);
      for (let i = 0; i < words; i++) clk[i] = raw[i] ^ raw[i + words];
    } else if (permutation) {
      clk = new Uint32Array(words);
      const half = bits / 2;
      for (let i = 0; i < bits; i++) {
        const source = i < half ? i : i - half;
        const bit = ((raw[source >>> 5] >>> (source & 31)) & 1) ^ (i < half ? 0 : 1);
        const to = permutation[i];
        if (bit) clk[to >>> 5] |= 1 << (to & 31);
      }
    }
    const flip = hardening.blip ?? 0;
    if (flip > 0) {
      // A keyed stream per record: the same noise every run, unknown to anyone without the secret.
      const stream = keyedStream(blipKey, `${record.orgId}\u0000${record.recordId}`);
      const threshold = Math.round(flip * 4294967296);
      for (let i = 0; i < bits; i++) if (stream() < threshold) clk[i >>> 5] ^= 1 << (i & 31);
    }
    return clk;
  }

  return { schema, encode };
}

/** Unsigned 32-bit values from HMAC-SHA256(key, label || block counter). */
function keyedStream(key: crypto.KeyObject, label: string): () => number {
  let block = 0;
  let digest: Buffer = Buffer.alloc(0);
  let at = 32;
  return () => {
    if (at === 32) {
      digest = crypto.createHmac('sha256', key).update(`${block++}\u0000${label}`).digest();
      at = 0;
    }
    const value = digest.readUInt32LE(at);
    at += 4;
    return value;
  };
}

/** A secret permutation of [0, n) (Fisher–Yates over the keyed stream). */
function keyedPermutation(key: crypto.KeyObject, n: number): Uint32Array {
  const next = keyedStream(key, 'permutation');
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Attributes travel to other organisations' reviewers: only short scalar values are accepted. */
function checkedAttributes(record: IdentityRecord): NonIdentifyingAttributes {
  for (const [key, value] of Object.entries(record.attributes ?? {})) {
    const scalar =
      typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 64);
    if (!scalar)
      throw new LinkageError(
        'invalid_options',
        `Attribute ${key} of record ${record.recordId} must be a number, boolean or short code`,
      );
  }
  return { ...record.attributes };
}

/** Secret-dependent, distinct bit positions for each LSH band, the same at every organisation. */
function lshPositions(key: crypto.KeyObject, bits: number, bands: number, perBand: number): Uint16Array[] {
  const result: Uint16Array[] = [];
  for (let band = 0; band < bands; band++) {
    const next = keyedStream(key, `band ${band}`);
    const chosen = new Set<number>();
    while (chosen.size < perBand) chosen.add(next() % bits);
    result.push(Uint16Array.from(chosen));
  }
  return result;
}

/** One-off encoding; prefer createEncoder for many records (it caches token hashes). */
export function encodeRecord(
  record: IdentityRecord,
  secret: string | Uint8Array,
  schema: LinkageSchema = DEFAULT_SCHEMA,
): EncodedRecord {
  return createEncoder(secret, schema).encode(record);
}

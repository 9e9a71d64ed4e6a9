/**
 * CLK encoding (Schnell et al.): each field's tokens are hashed with HMAC-SHA256
 * keyed by the network linkage secret into a Bloom filter by double hashing.
 * The organisation also derives its blocking keys here, so nothing but keyed
 * material ever leaves it. No secret, no encoding: there is no unkeyed fallback.
 */
import crypto from 'node:crypto';
import { LinkageError } from './errors';
import { fieldTokens, normaliseSex, parseBirthDate } from './normalise';
import { DEFAULT_LSH, DEFAULT_SCHEMA, normaliserFor, validateSchema, type LinkageSchema } from './schema';

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
    /** Keyed hash of birth year + sex; null when either is missing. */
    yobSex: string | null;
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
export function secretKey(secret: string | Uint8Array | null | undefined): crypto.KeyObject {
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
  return crypto.createSecretKey(bytes);
}

export interface Encoder {
  readonly schema: LinkageSchema;
  /** Encodes one consenting record; throws LinkageError('no_consent') otherwise. */
  encode(record: IdentityRecord): EncodedRecord;
}

const MAX_CACHE = 500_000;

/**
 * Creates an encoder for one secret and schema. Token hashes are cached (names
 * share few distinct q-grams), which makes encoding many records cheap.
 */
export function createEncoder(secret: string | Uint8Array, schema: LinkageSchema = DEFAULT_SCHEMA): Encoder {
  const key = secretKey(secret);
  validateSchema(schema);
  const { bits } = schema;
  const words = bits / 32;
  const lsh = schema.lsh ?? DEFAULT_LSH;
  const hmac = (message: string) => crypto.createHmac('sha256', key).update(message).digest();
  const bandPositions = lshPositions(hmac, schema.version, bits, lsh.bands, lsh.bitsPerBand);
  const fields = schema.fields.map((f) => ({ ...f, normaliser: normaliserFor(f), namespace: f.namespace ?? f.name }));
  const cache = new Map<string, number[]>();

  function tokenHashes(namespace: string, token: string, purpose = 'clk'): number[] {
    const id = `${purpose}\u0000${namespace}\u0000${token}`;
    let pair = cache.get(id);
    if (!pair) {
      // The CLK keeps its original message ("clk", namespace, token) so existing encodings stay comparable.
      const digest = hmac(purpose === 'clk' ? `clk\u0000${namespace}\u0000${token}` : id);
      // h2 odd: with a power-of-two length the k positions then never cycle early.
      pair = [digest.readUInt32LE(0), digest.readUInt32LE(4) | 1];
      if (cache.size >= MAX_CACHE) cache.clear();
      cache.set(id, pair);
    }
    return pair;
  }

  function encode(record: IdentityRecord): EncodedRecord {
    if (record.consentToNetworkDedup !== true) {
      throw new LinkageError(
        'no_consent',
        `Record ${record.recordId} of ${record.orgId} has no consent to network deduplication`,
      );
    }
    const clk = new Uint32Array(words);
    const fieldFilters = new Uint32Array(fields.length * FIELD_FILTER_WORDS);
    fields.forEach((field, f) => {
      const fieldHashes = FIELD_FILTER_HASHES[field.normaliser] ?? 6;
      for (const token of fieldTokens(field.normaliser, record.fields[field.name], schema.q)) {
        const [h1, h2] = tokenHashes(field.namespace, token);
        for (let i = 0; i < field.hashes; i++) {
          const position = (h1 + i * (h2 >>> 0)) % bits;
          clk[position >>> 5] |= 1 << (position & 31);
        }
        // Field filters are keyed apart from the CLK (another HMAC message), per namespace.
        const [g1, g2] = tokenHashes(field.namespace, token, 'field');
        const base = f * FIELD_FILTER_WORDS;
        for (let i = 0; i < fieldHashes; i++) {
          const position = (g1 + i * (g2 >>> 0)) % FIELD_FILTER_BITS;
          fieldFilters[base + (position >>> 5)] |= 1 << (position & 31);
        }
      }
    });
    const bands = new Uint32Array(bandPositions.length);
    bandPositions.forEach((positions, band) => {
      let value = 0;
      for (let j = 0; j < positions.length; j++) value |= ((clk[positions[j] >>> 5] >>> (positions[j] & 31)) & 1) << j;
      bands[band] = value >>> 0;
    });
    const year = parseBirthDate(record.fields.date_of_birth ?? '')?.year;
    const sex = normaliseSex(record.fields.sex ?? '');
    const yobSex =
      year !== undefined && sex
        ? hmac(`block\u0000${schema.version}\u0000yob-sex\u0000${year}\u0000${sex}`).toString('base64url').slice(0, 22)
        : null;
    const encoded: EncodedRecord = {
      recordId: record.recordId,
      orgId: record.orgId,
      schemaVersion: schema.version,
      consentToNetworkDedup: true,
      clk,
      blocking: { yobSex, bands },
      fieldFilters,
    };
    if (record.attributes) encoded.attributes = checkedAttributes(record);
    return encoded;
  }

  return { schema, encode };
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
function lshPositions(
  hmac: (m: string) => Buffer,
  version: string,
  bits: number,
  bands: number,
  perBand: number,
): Uint16Array[] {
  const result: Uint16Array[] = [];
  for (let band = 0; band < bands; band++) {
    const chosen = new Set<number>();
    for (let n = 0; chosen.size < perBand; n++)
      chosen.add(hmac(`lsh\u0000${version}\u0000${band}\u0000${n}`).readUInt32LE(0) % bits);
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

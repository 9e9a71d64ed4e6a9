/**
 * Storage and transport form of an encoding: the CLK and LSH bands as base64,
 * everything else as JSON. Parsing checks schema version, length and consent.
 */
import { z } from 'zod';
import { bitsFromBase64, bitsToBase64 } from './bits';
import { FIELD_FILTER_BITS, type EncodedRecord } from './encode';
import { LinkageError } from './errors';
import { DEFAULT_LSH, type LinkageSchema } from './schema';

export interface SerialisedEncoding {
  recordId: string;
  orgId: string;
  schemaVersion: string;
  consentToNetworkDedup: true;
  clk: string;
  blocking: { dayMonth: string | null; bands: string };
  /** Field-level filters, base64 (see EncodedRecord.fieldFilters). */
  fields?: string;
  attributes?: Record<string, string | number | boolean>;
}

const SerialisedSchema = z.object({
  recordId: z.string().min(1).max(200),
  orgId: z.string().min(1).max(200),
  schemaVersion: z.string().min(1),
  consentToNetworkDedup: z.boolean(),
  clk: z.string(),
  blocking: z.object({ dayMonth: z.string().max(64).nullable(), bands: z.string() }),
  fields: z.string().optional(),
  attributes: z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});

/** JSON-safe form of an encoding. */
export function serialiseEncoding(encoding: EncodedRecord): SerialisedEncoding {
  const out: SerialisedEncoding = {
    recordId: encoding.recordId,
    orgId: encoding.orgId,
    schemaVersion: encoding.schemaVersion,
    consentToNetworkDedup: true,
    clk: bitsToBase64(encoding.clk),
    blocking: { dayMonth: encoding.blocking.dayMonth, bands: bitsToBase64(encoding.blocking.bands) },
  };
  if (encoding.fieldFilters) out.fields = bitsToBase64(encoding.fieldFilters);
  if (encoding.attributes) out.attributes = { ...encoding.attributes };
  return out;
}

/**
 * Parses a received encoding against the local schema. Refuses another schema
 * version, a CLK or band list of the wrong length, and records without consent.
 */
export function deserialiseEncoding(input: unknown, schema: LinkageSchema): EncodedRecord {
  // The version first, so an encoding of an older schema (another shape) is named as such.
  const version = (input as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'string' && version !== schema.version) {
    const { recordId, orgId } = input as { recordId?: unknown; orgId?: unknown };
    throw new LinkageError(
      'schema_mismatch',
      `Encoding ${String(recordId)} of ${String(orgId)} uses linkage schema ${version}; this network uses ${schema.version}: encode again with the current schema`,
    );
  }
  const parsed = SerialisedSchema.safeParse(input);
  if (!parsed.success)
    throw new LinkageError('malformed_encoding', `Malformed encoding: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const s = parsed.data;
  if (s.schemaVersion !== schema.version) {
    throw new LinkageError(
      'schema_mismatch',
      `Encoding ${s.recordId} of ${s.orgId} uses linkage schema ${s.schemaVersion}; this network uses ${schema.version}`,
    );
  }
  if (s.consentToNetworkDedup !== true)
    throw new LinkageError('no_consent', `Encoding ${s.recordId} of ${s.orgId} has no network-dedup consent`);
  const lsh = schema.lsh ?? DEFAULT_LSH;
  const clk = bitsFromBase64(s.clk, schema.bits);
  const bands = bitsFromBase64(s.blocking.bands, lsh.bands * 32);
  const encoding: EncodedRecord = {
    recordId: s.recordId,
    orgId: s.orgId,
    schemaVersion: s.schemaVersion,
    consentToNetworkDedup: true,
    clk,
    blocking: { dayMonth: s.blocking.dayMonth, bands },
  };
  if (s.fields !== undefined)
    encoding.fieldFilters = bitsFromBase64(s.fields, schema.fields.length * FIELD_FILTER_BITS);
  if (s.attributes) encoding.attributes = s.attributes;
  return encoding;
}

/**
 * A file of encodings for a separate linkage service (`ariadne link-file`): the schema version
 * and the organisations' serialised encodings, nothing else (no identity, no secret).
 */
export interface EncodingFile {
  schemaVersion: string;
  encodings: SerialisedEncoding[];
}

/** Parses an encoding file (or a bare array of encodings) against the schema; refuses any bad entry. */
export function parseEncodingFile(input: unknown, schema: LinkageSchema): EncodedRecord[] {
  const list = Array.isArray(input) ? input : (input as { encodings?: unknown } | null)?.encodings;
  if (!Array.isArray(list)) throw new LinkageError('malformed_encoding', 'An encoding file holds an array "encodings"');
  const declared = Array.isArray(input) ? undefined : (input as { schemaVersion?: unknown }).schemaVersion;
  if (declared !== undefined && declared !== schema.version)
    throw new LinkageError(
      'schema_mismatch',
      `The file holds encodings of linkage schema ${String(declared)}; this linker uses ${schema.version}`,
    );
  return list.map((e) => deserialiseEncoding(e, schema));
}

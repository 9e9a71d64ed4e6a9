/**
 * The versioned linkage schema: which identifying fields go into a CLK, how each
 * is normalised and how many bit positions (hash functions) it gets. Every
 * organisation of a network must encode with the same schema version.
 */
import { LinkageError } from './errors';

/** How a field's raw value becomes tokens before hashing. */
export type FieldNormaliser = 'name' | 'date' | 'sex' | 'country';

export interface LinkageFieldSpec {
  /** Key of the value in `IdentityRecord.fields`, e.g. "given_name". */
  name: string;
  /** Bit positions set per token: the field's weight in the Dice score. */
  hashes: number;
  /** Defaults from the field name (date_of_birth → date, sex → sex, citizenship → country, else name). */
  normalise?: FieldNormaliser;
  /**
   * Hash namespace, defaults to `name`. Given name and surname share one so a
   * record with the two swapped still encodes to the same bits.
   */
  namespace?: string;
}

/**
 * Hamming-LSH blocking: `bands` groups of `bitsPerBand` sampled CLK positions,
 * encoded by the organisation. The linker uses a prefix of each band whose
 * length grows with the number of records (see blocking.ts).
 */
export interface LshSpec {
  bands: number;
  bitsPerBand: number;
}

export interface LinkageSchema {
  version: string;
  /** Length of a CLK in bits; a multiple of 32. */
  bits: number;
  /** q of the q-grams names are split into (2 = padded bigrams). */
  q: number;
  fields: readonly LinkageFieldSpec[];
  lsh?: LshSpec;
}

export const DEFAULT_LSH: LshSpec = { bands: 32, bitsPerBand: 32 };

/** Schema v1, tuned on the synthetic "standard" corruption profile (see quality.test.ts). */
export const DEFAULT_SCHEMA: LinkageSchema = Object.freeze({
  version: 'v1',
  bits: 1024,
  q: 2,
  fields: Object.freeze([
    { name: 'given_name', hashes: 20, namespace: 'person_name' },
    { name: 'surname', hashes: 20, namespace: 'person_name' },
    { name: 'date_of_birth', hashes: 50 },
    { name: 'sex', hashes: 20 },
    { name: 'citizenship', hashes: 15 },
    { name: 'place_of_birth', hashes: 4 },
  ]),
  lsh: DEFAULT_LSH,
}) as LinkageSchema;

/** The normaliser a field uses when its spec does not name one. */
export function normaliserFor(field: LinkageFieldSpec): FieldNormaliser {
  if (field.normalise) return field.normalise;
  if (field.name === 'date_of_birth') return 'date';
  if (field.name === 'sex') return 'sex';
  if (field.name === 'citizenship') return 'country';
  return 'name';
}

/** Checks a schema is usable; throws LinkageError('invalid_schema') naming the problem. */
export function validateSchema(schema: LinkageSchema): LinkageSchema {
  const fail = (why: string): never => {
    throw new LinkageError('invalid_schema', `Linkage schema ${JSON.stringify(schema?.version)}: ${why}`);
  };
  if (!schema || typeof schema.version !== 'string' || schema.version.length === 0) fail('version is required');
  if (!Number.isInteger(schema.bits) || schema.bits < 64 || schema.bits % 32 !== 0)
    fail('bits must be a multiple of 32, at least 64');
  if (!Number.isInteger(schema.q) || schema.q < 1 || schema.q > 4) fail('q must be 1 to 4');
  if (!Array.isArray(schema.fields) || schema.fields.length === 0) fail('at least one field is required');
  const names = new Set<string>();
  for (const f of schema.fields) {
    if (!f.name || names.has(f.name)) fail(`field name ${JSON.stringify(f.name)} is empty or repeated`);
    names.add(f.name);
    if (!Number.isInteger(f.hashes) || f.hashes < 1 || f.hashes > 100) fail(`field ${f.name}: hashes must be 1 to 100`);
  }
  const lsh = schema.lsh ?? DEFAULT_LSH;
  if (!Number.isInteger(lsh.bands) || lsh.bands < 1 || lsh.bands > 256) fail('lsh.bands must be 1 to 256');
  if (!Number.isInteger(lsh.bitsPerBand) || lsh.bitsPerBand < 1 || lsh.bitsPerBand > 32)
    fail('lsh.bitsPerBand must be 1 to 32');
  return schema;
}

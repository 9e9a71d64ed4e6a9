/**
 * Comparison levels per field from the field-level filters of two encodings:
 * the Dice similarity of the two filters, cut into levels (exact / high /
 * medium / different), or MISSING when either filter is empty. Given name and
 * surname sharing a hash namespace are compared both ways round and the better
 * assignment kept, so swapped names are not penalised.
 *
 * A field bound to another (schema `bindTo`: sex and citizenship hashed with the
 * date of birth) can only agree where its anchor agrees, so its level says
 * something only then: elsewhere it is MISSING, not "different" (otherwise the
 * date's evidence would be counted twice, once by itself and once through every
 * field bound to it, and namesakes born the same day would look like matches).
 *
 * Term frequencies: how many records carry exactly the same field filter (the
 * same value, seen only as its bits), so that agreeing on a common name weighs
 * less than agreeing on a rare one, as Splink's term-frequency adjustments do.
 */
import { andPopcount, popcount } from './bits';
import { FIELD_FILTER_WORDS, type EncodedRecord } from './encode';
import { MISSING, type FieldComparison } from './em';
import { normaliserFor, type LinkageSchema } from './schema';

/** Dice cut points from "exact" down, by normaliser; single-token fields only agree or not. */
const CUTS: Readonly<Record<string, readonly number[]>> = {
  name: [0.999, 0.8, 0.55],
  date: [0.999, 0.7, 0.45],
  sex: [0.999],
  country: [0.999],
};
const LEVEL_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['different', 'exact'],
  3: ['different', 'medium', 'high', 'exact'],
};

export interface FieldLevels {
  comparisons: FieldComparison[];
  /** Writes the level of every field of pair (a, b) into gamma at `offset`. */
  compare(a: number, b: number, gamma: Int8Array, offset: number): void;
  /**
   * Term frequency of record's value in `field`, relative to an average value: the share of the
   * records (with a value) whose filter for the field is identical to record's, divided by the
   * chance that two random records agree (Σ share²). 1 = as common as the average agreement,
   * above 1 more common (weaker evidence when two records agree on it). 0 for fields without term
   * frequencies (single-token fields: sex, country) or a missing value.
   */
  termFrequency(record: number, field: number): number;
}

/** FNV-1a over a filter's words: identical filters (values) get the same key. */
function filterKey(packed: Uint32Array, from: number, words: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < words; i++) h = Math.imul(h ^ packed[from + i], 0x01000193);
  return h >>> 0;
}

/** Prepares level comparisons over the encodings' field filters (all must have them). */
export function fieldLevels(encodings: readonly EncodedRecord[], schema: LinkageSchema): FieldLevels {
  const fields = schema.fields.length;
  const words = FIELD_FILTER_WORDS;
  const stride = fields * words;
  const packed = new Uint32Array(encodings.length * stride);
  const counts = new Int32Array(encodings.length * fields);
  encodings.forEach((e, i) => {
    packed.set(e.fieldFilters!, i * stride);
    for (let f = 0; f < fields; f++) counts[i * fields + f] = popcount(e.fieldFilters!, f * words, words);
  });
  const { cuts, comparisons, levelsOf } = levelRules<number>(schema);
  const similarity = (a: number, fa: number, b: number, fb: number): number => {
    const ca = counts[a * fields + fa];
    const cb = counts[b * fields + fb];
    if (ca === 0 || cb === 0) return -1;
    return (2 * andPopcount(packed, a * stride + fa * words, packed, b * stride + fb * words, words)) / (ca + cb);
  };
  // Term frequencies of the values of multi-level fields (names, dates).
  const shares = new Float64Array(encodings.length * fields);
  for (let f = 0; f < fields; f++) {
    if (cuts[f].length < 2) continue;
    const keys = new Uint32Array(encodings.length);
    const tally = new Map<number, number>();
    let present = 0;
    for (let i = 0; i < encodings.length; i++) {
      if (counts[i * fields + f] === 0) continue;
      const key = filterKey(packed, i * stride + f * words, words);
      keys[i] = key;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      present++;
    }
    let collision = 0;
    for (const n of tally.values()) collision += (n / present) ** 2;
    for (let i = 0; i < encodings.length; i++)
      if (counts[i * fields + f] !== 0) shares[i * fields + f] = tally.get(keys[i])! / present / collision;
  }
  return {
    comparisons,
    termFrequency: (record, field) => shares[record * fields + field],
    compare: (a, b, gamma, offset) => levelsOf(similarity, a, b, gamma, offset),
  };
}

/**
 * Levels of one pair of encodings straight from their own field filters: what fieldLevels' compare
 * gives for the pair, without packing every record first (an incremental run, whose records arrive
 * round by round, weighs only the few pairs above the Dice floor).
 */
export function pairLevels(
  schema: LinkageSchema,
): (a: EncodedRecord, b: EncodedRecord, gamma: Int8Array, offset: number) => void {
  const { levelsOf } = levelRules<EncodedRecord>(schema);
  const words = FIELD_FILTER_WORDS;
  const similarity = (a: EncodedRecord, x: number, b: EncodedRecord, y: number): number => {
    const ca = popcount(a.fieldFilters!, x * words, words);
    const cb = popcount(b.fieldFilters!, y * words, words);
    if (ca === 0 || cb === 0) return -1;
    return (2 * andPopcount(a.fieldFilters!, x * words, b.fieldFilters!, y * words, words)) / (ca + cb);
  };
  return (a, b, gamma, offset) => levelsOf(similarity, a, b, gamma, offset);
}

/** The schema's level cuts and the rule that turns a pair's field similarities into levels. */
function levelRules<T = number>(schema: LinkageSchema) {
  const fields = schema.fields.length;
  const cuts = schema.fields.map((f) => CUTS[normaliserFor(f)] ?? CUTS.name);
  const comparisons: FieldComparison[] = schema.fields.map((f, i) => ({
    field: f.name,
    levels: LEVEL_NAMES[cuts[i].length],
  }));
  // Pairs of fields sharing a namespace (given name / surname): compared crosswise too.
  const partner = new Int32Array(fields).fill(-1);
  schema.fields.forEach((f, i) => {
    if (!f.namespace) return;
    const j = schema.fields.findIndex((g, k) => k > i && g.namespace === f.namespace);
    if (j >= 0 && partner[i] < 0 && partner[j] < 0) [partner[i], partner[j]] = [j, i];
  });
  const levelOf = (f: number, dice: number): number => {
    if (dice < 0) return MISSING;
    const c = cuts[f];
    for (let k = 0; k < c.length; k++) if (dice >= c[k]) return c.length - k;
    return 0;
  };
  // A bound field's anchor: its level is observed only where the anchor's is exact.
  const anchorOf = schema.fields.map((f) => {
    const bindTo = (f as { bindTo?: string }).bindTo;
    return bindTo === undefined ? -1 : schema.fields.findIndex((g) => g.name === bindTo);
  });
  const scores = new Float64Array(fields);
  /** Writes the levels of pair (a, b), sim(a, fa, b, fb) the similarity of a's field fa and b's field fb (-1: missing). */
  const levelsOf = (
    sim: (a: T, fa: number, b: T, fb: number) => number,
    a: T,
    b: T,
    gamma: Int8Array,
    offset: number,
  ): void => {
    for (let f = 0; f < fields; f++) scores[f] = sim(a, f, b, f);
    for (let f = 0; f < fields; f++) {
      const g = partner[f];
      if (g <= f) continue;
      const straight = Math.max(0, scores[f]) + Math.max(0, scores[g]);
      const crossF = sim(a, f, b, g);
      const crossG = sim(a, g, b, f);
      if (Math.max(0, crossF) + Math.max(0, crossG) > straight) [scores[f], scores[g]] = [crossF, crossG];
    }
    for (let f = 0; f < fields; f++) gamma[offset + f] = levelOf(f, scores[f]);
    for (let f = 0; f < fields; f++) {
      const anchor = anchorOf[f];
      if (anchor >= 0 && gamma[offset + anchor] !== cuts[anchor].length) gamma[offset + f] = MISSING;
    }
  };
  return { cuts, comparisons, levelsOf };
}

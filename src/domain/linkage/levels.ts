/**
 * Comparison levels per field from the field-level filters of two encodings:
 * the Dice similarity of the two filters, cut into levels (exact / high /
 * medium / different), or MISSING when either filter is empty. Given name and
 * surname sharing a hash namespace are compared both ways round and the better
 * assignment kept, so swapped names are not penalised.
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
  const cuts = schema.fields.map((f) => CUTS[normaliserFor(f)] ?? CUTS.name);
  const comparisons = schema.fields.map((f, i) => ({ field: f.name, levels: LEVEL_NAMES[cuts[i].length] }));
  // Pairs of fields sharing a namespace (given name / surname): compared crosswise too.
  const partner = new Int32Array(fields).fill(-1);
  schema.fields.forEach((f, i) => {
    if (!f.namespace) return;
    const j = schema.fields.findIndex((g, k) => k > i && g.namespace === f.namespace);
    if (j >= 0 && partner[i] < 0 && partner[j] < 0) [partner[i], partner[j]] = [j, i];
  });
  const similarity = (a: number, fa: number, b: number, fb: number): number => {
    const ca = counts[a * fields + fa];
    const cb = counts[b * fields + fb];
    if (ca === 0 || cb === 0) return -1;
    return (2 * andPopcount(packed, a * stride + fa * words, packed, b * stride + fb * words, words)) / (ca + cb);
  };
  const levelOf = (f: number, dice: number): number => {
    if (dice < 0) return MISSING;
    const c = cuts[f];
    for (let k = 0; k < c.length; k++) if (dice >= c[k]) return c.length - k;
    return 0;
  };
  const scores = new Float64Array(fields);
  return {
    comparisons,
    compare(a, b, gamma, offset) {
      for (let f = 0; f < fields; f++) scores[f] = similarity(a, f, b, f);
      for (let f = 0; f < fields; f++) {
        const g = partner[f];
        if (g <= f) continue;
        const straight = Math.max(0, scores[f]) + Math.max(0, scores[g]);
        const crossF = similarity(a, f, b, g);
        const crossG = similarity(a, g, b, f);
        if (Math.max(0, crossF) + Math.max(0, crossG) > straight) [scores[f], scores[g]] = [crossF, crossG];
      }
      for (let f = 0; f < fields; f++) gamma[offset + f] = levelOf(f, scores[f]);
    },
  };
}

/**
 * Blocking index: records that share a block become candidate pairs. Three key
 * families, all built from material the organisations derived when encoding:
 *  - a band prefix: the first `full` sampled CLK bits of a band all agree;
 *  - the keyed day-month hash together with a shorter band prefix, which catches
 *    pairs whose names differ more but whose birthday agrees (keyed, and a grouping
 *    by birthday only: no sex or birth year to read off the groups);
 *  - name bands: sampled bits of the name fields' filters alone (given name and
 *    surname OR-ed, so a swap changes nothing), which catch pairs whose date of
 *    birth is missing or recorded wrong: in the CLK the date's bits differ and
 *    break every band prefix. The filters are already in the encodings, so these
 *    groups tell the linkage server nothing it could not compute itself.
 * Prefix lengths grow with log(records) so the expected number of chance
 * collisions per record stays about constant: comparisons grow close to
 * linearly instead of quadratically (see bench/linkage.ts), at the price of
 * a slowly falling per-band recall for very large networks.
 */
import { FIELD_FILTER_WORDS, type EncodedRecord } from './encode';
import { DEFAULT_SCHEMA, type LinkageSchema } from './schema';
import { mulberry32 } from '../shared/random';

/**
 * One way of grouping records (a band prefix, or day-month with a band
 * prefix): records of bucket k are members[start[k] .. start[k+1]).
 */
export interface Grouping {
  /** Bucket of each record, -1 when the record has no key in this grouping. */
  bucketOf: Int32Array;
  start: Int32Array;
  members: Int32Array;
}

export interface BlockingIndex {
  groupings: Grouping[];
  /** Buckets larger than maxBucketSize, left out of comparison (each would cost size² comparisons). */
  oversizedBuckets: number;
  maxBucketSize: number;
  /** Bits per name band (undefined: no name bands), for a later run to block the same way. */
  nameBandBits?: number;
}

/** Band prefix lengths: `full` for band keys alone, `dayMonth` with the day-month key. */
export interface BlockingBits {
  full: number;
  dayMonth: number;
}

/** Calibrated on synthetic networks: at 10,000 records per source these keep ~25 chance pairs per record. */
const BASE_RECORDS = 10_000;
const BASE_BITS: BlockingBits = { full: 18, dayMonth: 10 };
/** Extra bits per doubling of records: 1 / log2(1 / p), p ≈ 0.6 the chance two unrelated CLKs agree on a bit. */
const BITS_PER_DOUBLING = 1.36;

/** Prefix lengths for a network whose largest source holds `largestSource` records. */
export function blockingBitsFor(largestSource: number, bitsPerBand: number): BlockingBits {
  const extra = Math.log2(Math.max(largestSource, 1) / BASE_RECORDS) * BITS_PER_DOUBLING;
  const clamp = (bits: number) => Math.max(4, Math.min(bitsPerBand, Math.round(bits)));
  return { full: clamp(BASE_BITS.full + extra), dayMonth: clamp(BASE_BITS.dayMonth + extra) };
}

const maskOf = (bits: number) => (bits >= 32 ? 0xffffffff : 2 ** bits - 1);

/**
 * Groups records by a numeric key (-1 = no key) with an open-addressing table
 * and a counting sort: typed arrays only, since a network has millions of keys.
 */
export function groupByKey(keys: Float64Array): Grouping {
  const n = keys.length;
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const tableKeys = new Float64Array(capacity).fill(-1);
  const tableIds = new Int32Array(capacity);
  const bucketOf = new Int32Array(n);
  let buckets = 0;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key < 0) {
      bucketOf[i] = -1;
      continue;
    }
    const high = Math.floor(key / 4294967296);
    let h = Math.imul((key >>> 0) ^ Math.imul(high, 0x27d4eb2f), 0x9e3779b1);
    h ^= h >>> 15;
    let slot = h & (capacity - 1);
    while (tableKeys[slot] !== -1 && tableKeys[slot] !== key) slot = (slot + 1) & (capacity - 1);
    if (tableKeys[slot] === -1) {
      tableKeys[slot] = key;
      tableIds[slot] = buckets++;
    }
    bucketOf[i] = tableIds[slot];
  }
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) if (bucketOf[i] >= 0) start[bucketOf[i] + 1]++;
  for (let k = 0; k < buckets; k++) start[k + 1] += start[k];
  const fill = start.slice(0, buckets);
  const members = new Int32Array(start[buckets]);
  for (let i = 0; i < n; i++) if (bucketOf[i] >= 0) members[fill[bucketOf[i]]++] = i;
  return { bucketOf, start, members };
}

/** Name bands per network; each costs one grouping, and a true pair needs to agree on one. */
export const NAME_BANDS = 16;

/** The union of a record's name filters (given name OR surname), or undefined when it has no name. */
function nameUnion(e: EncodedRecord, nameFields: readonly number[]): Uint32Array | undefined {
  if (!e.fieldFilters) return undefined;
  const words = FIELD_FILTER_WORDS;
  const union = new Uint32Array(words);
  let any = 0;
  for (const f of nameFields) for (let w = 0; w < words; w++) any |= union[w] |= e.fieldFilters[f * words + w];
  return any === 0 ? undefined : union;
}

/**
 * Bits per name band, from the data: about one unrelated record per band shares a record's key
 * by chance, k = log(largest source) / log(1 / p), p the measured chance that two records agree
 * on a bit of the name filters.
 */
export function nameBandBitsFor(
  encodings: readonly EncodedRecord[],
  nameFields: readonly number[],
  largestSource: number,
): number | undefined {
  const bitCount = FIELD_FILTER_WORDS * 32;
  const ones = new Float64Array(bitCount);
  let named = 0;
  for (const e of encodings) {
    const union = nameUnion(e, nameFields);
    if (!union) continue;
    named++;
    for (let j = 0; j < bitCount; j++) if ((union[j >>> 5] >>> (j & 31)) & 1) ones[j]++;
  }
  if (named === 0) return undefined;
  let agree = 0;
  for (let j = 0; j < bitCount; j++) {
    const d = ones[j] / named;
    agree += (d * d + (1 - d) * (1 - d)) / bitCount;
  }
  const bits = Math.ceil(Math.log(Math.max(2, largestSource)) / Math.log(1 / Math.min(agree, 0.99)));
  return Math.max(4, Math.min(32, bits));
}

/** Positions per (bits, bands): an incremental run asks for them once per record. */
const positionsCache = new Map<string, Int32Array[]>();

/** The sampled filter positions of each name band: a fixed stream (the filters are keyed already). */
function namePositions(bits: number, bands: number): Int32Array[] {
  const cached = positionsCache.get(`${bits}:${bands}`);
  if (cached) return cached;
  const positions = drawPositions(bits, bands);
  positionsCache.set(`${bits}:${bands}`, positions);
  return positions;
}

function drawPositions(bits: number, bands: number): Int32Array[] {
  const bitCount = FIELD_FILTER_WORDS * 32;
  const random = mulberry32(0x6e616d65);
  return Array.from({ length: bands }, () => {
    // k distinct positions (partial Fisher–Yates over the filter's bits).
    const order = Int32Array.from({ length: bitCount }, (_, j) => j);
    for (let j = 0; j < bits; j++) {
      const k = j + Math.floor(random() * (bitCount - j));
      [order[j], order[k]] = [order[k], order[j]];
    }
    return order.slice(0, bits);
  });
}

/** A record's name-band keys (one per band, -1 each without a name) at `bits` per band. */
export function nameBandKeysOf(
  e: EncodedRecord,
  nameFields: readonly number[],
  bits: number,
  bands = NAME_BANDS,
  positions = namePositions(bits, bands),
): number[] {
  const union = nameUnion(e, nameFields);
  return positions.map((band) => {
    if (!union) return -1;
    let value = 0;
    for (const p of band) value = value * 2 + ((union[p >>> 5] >>> (p & 31)) & 1);
    return value;
  });
}

/** Name-band keys of every record, one array per band. */
export function nameBandKeys(
  encodings: readonly EncodedRecord[],
  nameFields: readonly number[],
  bits: number,
  bands = NAME_BANDS,
): Float64Array[] {
  const positions = namePositions(bits, bands);
  const keys = positions.map(() => new Float64Array(encodings.length));
  encodings.forEach((e, i) =>
    nameBandKeysOf(e, nameFields, bits, bands, positions).forEach((k, b) => (keys[b][i] = k)),
  );
  return keys;
}

/** What else to block on. */
export interface BlockingExtras {
  /** The network's schema: its fields sharing a hash namespace (the names) make the name bands. Default: DEFAULT_SCHEMA when the encodings use its version. */
  schema?: LinkageSchema;
  /** Records in the largest source (sets the name bands' length). Default: all records. */
  largestSource?: number;
  /** Bits per name band, fixed (an earlier run's, so that an incremental run blocks the same way). */
  nameBandBits?: number;
}

/** Schema indexes of the fields that share a hash namespace with another: given name and surname. */
export function nameFieldsOf(schema: LinkageSchema): number[] {
  return schema.fields
    .map((f, i) => (f.namespace && schema.fields.some((g) => g !== f && g.namespace === f.namespace) ? i : -1))
    .filter((i) => i >= 0);
}

/** Indexes every record under its blocking keys; buckets above `maxBucketSize` are counted and skipped later. */
export function buildBlockingIndex(
  encodings: readonly EncodedRecord[],
  bits: BlockingBits,
  maxBucketSize: number,
  extras: BlockingExtras = {},
): BlockingIndex {
  const n = encodings.length;
  const bands = n === 0 ? 0 : encodings[0].blocking.bands.length;
  const fullMask = maskOf(bits.full);
  const shortMask = maskOf(bits.dayMonth);
  const shortSpan = 2 ** bits.dayMonth;
  // Day-month keys become small integers so they fit in a numeric key with the prefix.
  const dayMonthIds = new Map<string, number>();
  const dayMonthOf = encodings.map(({ blocking: { dayMonth } }) => {
    if (dayMonth === null) return -1;
    let id = dayMonthIds.get(dayMonth);
    if (id === undefined) dayMonthIds.set(dayMonth, (id = dayMonthIds.size));
    return id;
  });
  const groupings: Grouping[] = [];
  const keys = new Float64Array(n);
  for (let band = 0; band < bands; band++) {
    // Bit j of a band value is its j-th sampled position, so a prefix is a mask of the low bits.
    for (let i = 0; i < n; i++) keys[i] = (encodings[i].blocking.bands[band] & fullMask) >>> 0;
    groupings.push(groupByKey(keys));
    for (let i = 0; i < n; i++) {
      keys[i] =
        dayMonthOf[i] < 0 ? -1 : dayMonthOf[i] * shortSpan + ((encodings[i].blocking.bands[band] & shortMask) >>> 0);
    }
    groupings.push(groupByKey(keys));
  }
  const schema = extras.schema ?? (encodings[0]?.schemaVersion === DEFAULT_SCHEMA.version ? DEFAULT_SCHEMA : undefined);
  const nameFields = schema ? nameFieldsOf(schema) : [];
  const nameBandBits =
    nameFields.length === 0
      ? undefined
      : (extras.nameBandBits ?? nameBandBitsFor(encodings, nameFields, extras.largestSource ?? n));
  if (nameBandBits !== undefined)
    for (const nameKeys of nameBandKeys(encodings, nameFields, nameBandBits)) groupings.push(groupByKey(nameKeys));
  let oversizedBuckets = 0;
  for (const { start } of groupings) {
    for (let k = 0; k + 1 < start.length; k++) if (start[k + 1] - start[k] > maxBucketSize) oversizedBuckets++;
  }
  return { groupings, oversizedBuckets, maxBucketSize, nameBandBits };
}

/** Calls `visit` with every bucket (as a members range) that holds `record`, skipping singletons and oversized ones. */
export function forEachBucketOf(
  index: BlockingIndex,
  record: number,
  visit: (members: Int32Array, from: number, to: number) => void,
): void {
  for (const { bucketOf, start, members } of index.groupings) {
    const bucket = bucketOf[record];
    if (bucket < 0) continue;
    const size = start[bucket + 1] - start[bucket];
    if (size >= 2 && size <= index.maxBucketSize) visit(members, start[bucket], start[bucket + 1]);
  }
}

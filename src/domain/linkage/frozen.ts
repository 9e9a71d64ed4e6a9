/**
 * A linkage model held fixed between runs: an incremental run reuses the last full run's estimated
 * parameters (or its Dice thresholds) and its blocking prefix lengths, so a record linked today is
 * judged by the same rule as the records linked before it. With a fixed model every pair is decided
 * on its own (no term frequencies and no one-match-per-organisation sharing, which need every
 * record at once); the solver still keeps one record per organisation per person.
 */
import {
  groupByKey,
  nameBandKeysOf,
  nameFieldsOf,
  type BlockingBits,
  type BlockingIndex,
  type Grouping,
} from './blocking';
import type { EncodedRecord } from './encode';
import { matchWeight, probabilityOfWeight, type EmModel } from './em';
import { DEFAULT_SCHEMA, type LinkageSchema } from './schema';

/** How the full run that made a model blocked: what every later run with the model blocks by. */
export interface FrozenBlocking {
  blockingBits: BlockingBits;
  /**
   * Bits per name band of that run (BlockingIndex.nameBandBits); null when it had none. Absent only
   * from models stored before name bands, whose stored keys hold none either.
   */
  nameBandBits?: number | null;
}

export type FrozenModel = FrozenBlocking &
  (
    | { method: 'dice'; match: number; review: number }
    | {
        method: 'estimated';
        em: EmModel;
        autoLinkThreshold: number;
        reviewFloor: number;
        /** Dice below which a pair is not weighed at all. */
        candidateFloor: number;
      }
  );

export interface PairVerdict {
  /** What the solver orders links by: the weight (estimated) or the Dice score. */
  weight: number;
  probability?: number;
  link: boolean;
  /** Below the link rule but worth a person's look. */
  reviewable: boolean;
}

/** Dice below which a candidate pair is dropped before it is weighed. */
export const frozenFloor = (model: FrozenModel): number =>
  model.method === 'dice' ? model.review : Math.min(model.candidateFloor, 1);

/** The verdict on one pair: its Dice score and, for the estimated method, its field levels at gamma[offset…]. */
export function judgePair(model: FrozenModel, dice: number, gamma?: Int8Array, offset = 0): PairVerdict {
  if (model.method === 'dice') {
    return { weight: dice, link: dice >= model.match, reviewable: dice < model.match && dice >= model.review };
  }
  const fields = model.em.fields.length;
  const weight = matchWeight(model.em, gamma!.subarray(offset, offset + fields), 0);
  const probability = probabilityOfWeight(weight);
  const link = probability >= model.autoLinkThreshold;
  return { weight, probability, link, reviewable: !link && probability >= model.reviewFloor };
}

/** FNV-1a over a string with a seed: two seeds make the 52-bit stored key. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * A record's exact blocking keys under this blocking, one per grouping (band prefix, day-month with
 * the shorter prefix, and each name band the record has a name for): the groupings
 * buildBlockingIndex makes. Name-band keys are sampled bits of the keyed name filters, no clear value.
 */
export function blockingKeysOf(
  e: EncodedRecord,
  blocking: FrozenBlocking,
  schema: LinkageSchema = DEFAULT_SCHEMA,
): string[] {
  const bits = blocking.blockingBits;
  const fullMask = bits.full >= 32 ? 0xffffffff : 2 ** bits.full - 1;
  const shortMask = bits.dayMonth >= 32 ? 0xffffffff : 2 ** bits.dayMonth - 1;
  const keys: string[] = [];
  e.blocking.bands.forEach((value, band) => {
    keys.push(`${2 * band}:${(value & fullMask) >>> 0}`);
    if (e.blocking.dayMonth !== null) keys.push(`${2 * band + 1}:${e.blocking.dayMonth}:${(value & shortMask) >>> 0}`);
  });
  if (blocking.nameBandBits) {
    // Name bands come after the two groupings of each CLK band, as in buildBlockingIndex.
    const first = 2 * e.blocking.bands.length;
    nameBandKeysOf(e, nameFieldsOf(schema), blocking.nameBandBits).forEach((value, band) => {
      if (value >= 0) keys.push(`${first + band}:${value}`);
    });
  }
  return keys;
}

/**
 * The key as stored and indexed: a 52-bit hash (a safe integer, a bigint column). A collision only
 * brings an extra record to look at; pairs are then checked on the exact keys.
 */
export const storedBlockingKey = (key: string): number =>
  (fnv(key, 0x811c9dc5) & 0xfffff) * 2 ** 32 + fnv(key, 0x9747b28c);

/**
 * The blocking index of a run with a fixed model: the groupings of blockingKeysOf, which every
 * record keeps from run to run (stored and indexed), so a full run and an incremental one block alike.
 */
export function frozenBlockingIndex(
  encodings: readonly EncodedRecord[],
  blocking: FrozenBlocking,
  maxBucketSize: number,
  schema: LinkageSchema = DEFAULT_SCHEMA,
): BlockingIndex {
  const keys = encodings.map((e) => blockingKeysOf(e, blocking, schema));
  const byGrouping = new Map<number, Float64Array>();
  const ids = new Map<string, number>();
  keys.forEach((recordKeys, i) => {
    for (const key of recordKeys) {
      const grouping = Number(key.slice(0, key.indexOf(':')));
      let column = byGrouping.get(grouping);
      if (!column) byGrouping.set(grouping, (column = new Float64Array(encodings.length).fill(-1)));
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      column[i] = id;
    }
  });
  const groupings: Grouping[] = [...byGrouping.keys()].sort((x, y) => x - y).map((g) => groupByKey(byGrouping.get(g)!));
  let oversizedBuckets = 0;
  for (const { start } of groupings)
    for (let k = 0; k + 1 < start.length; k++) if (start[k + 1] - start[k] > maxBucketSize) oversizedBuckets++;
  return { groupings, oversizedBuckets, maxBucketSize, nameBandBits: blocking.nameBandBits ?? undefined };
}

/**
 * Incremental linkage: new or changed records are compared against the blocks of the records
 * already linked (looked up by blocking key, e.g. through a database index) and among themselves,
 * with the model of the last full run held fixed (frozen.ts). Two ways to solve what they reach:
 *
 * - 'local' (the default): only the new records are compared. The persons already identified
 *   stand as they are; a new record joins one, starts one, or joins two into one, wherever that
 *   stays consistent (one record per organisation, never across a rejection). The persons of
 *   changed records, and of records a reviewer decided on since, are solved again from their own
 *   members' links. The work grows with the new records, not with the network. A new record
 *   never takes a person's place from a record that holds it: such a link is counted as
 *   inconsistent, and the next full run weighs it against the rest.
 * - 'component': the records linked to the new ones, transitively, and every member of those
 *   records' earlier persons are compared and solved again. With the same fixed model this gives
 *   the clusters a full run would (tested in incremental.test.ts): the greedy solver never lets one
 *   link-connected part of the network affect another. On a large network that part can hold most
 *   of it.
 */
import { andPopcount, popcount } from './bits';
import { solveClusters, refKey, type IndexPair, type PersonCluster, type RecordRef } from './cluster';
import type { ScoredPair } from './compare';
import { defaultReviewCap } from './decide';
import type { EncodedRecord } from './encode';
import { LinkageError } from './errors';
import { blockingKeysOf, frozenFloor, judgePair, storedBlockingKey, type FrozenModel } from './frozen';

export { blockingKeysOf, storedBlockingKey } from './frozen';
import { pairLevels } from './levels';
import { pairKey, type LinkedPair, type ReviewDecision, type ReviewItem } from './pipeline';
import { DEFAULT_SCHEMA, validateSchema, type LinkageSchema } from './schema';

/** What the look-up of existing (already linked) records answers. */
export interface ExistingRecords {
  /**
   * Encodings of linked records: those in the asked blocks, the asked persons' members, the asked
   * records. A block member an earlier look-up returned may be left out (it is loaded already).
   */
  records: { encoding: EncodedRecord; personId: string | null }[];
  /** Linked records per asked stored key (every one, even when the block is too large to be returned). */
  keyCounts: ReadonlyMap<number, number>;
  /**
   * The members of each asked block that is not too large (by reference; their encodings are in
   * `records` or an earlier answer). Linked records are found in blocks through these, so their own
   * blocking keys are never computed unless they are compared in turn (component).
   */
  blocks: ReadonlyMap<number, readonly RecordRef[]>;
}

export interface ExistingRequest {
  /** Stored keys whose blocks are wanted (blocks larger than maxBucketSize may be left out). */
  keys: number[];
  /** Persons (earlier cluster ids) whose members are wanted. */
  persons: string[];
  /** Records wanted by reference (the other side of a confirmed pair). */
  refs: RecordRef[];
}

export interface IncrementalOptions {
  schema?: LinkageSchema;
  model: FrozenModel;
  /** Blocks larger than this (existing and new records together) are skipped, as in a full run. Default 2,000. */
  maxBucketSize?: number;
  decisions?: readonly ReviewDecision[];
  /** Earlier person ids of the new records that were linked before (changed records). */
  previousPersons?: readonly { orgId: string; recordId: string; personId: string }[];
  /** Linked records to solve again although unchanged (a reviewer decided on them since the last run). */
  touched?: readonly RecordRef[];
  /** The per-organisation review cap of a full run (see capReview); without it every review pair is offered. */
  review?: ReviewCaps;
  /** What is solved again (see the module comment). Default 'local'. */
  reach?: 'local' | 'component';
}

export interface ReviewCaps {
  /** Most pending review pairs involving each organisation (by id); an organisation not named has no cap. */
  caps: Readonly<Record<string, number>>;
  /** Pairs already pending from earlier runs: they stay, and count against their organisations' caps. */
  pending: readonly { a: RecordRef; b: RecordRef }[];
}

/** Each organisation's review cap from its record count, or as given (a number, or per organisation id), as a full run sets it. */
export function reviewCapsOf(
  recordsPerOrganisation: Readonly<Record<string, number>>,
  option?: number | Readonly<Record<string, number>>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(recordsPerOrganisation).map(([org, records]) => {
      const cap = typeof option === 'number' ? option : option?.[org];
      if (cap !== undefined && !(Number.isInteger(cap) && cap >= 0))
        throw new LinkageError('invalid_options', `The review cap must be a whole number of pairs; got ${cap}`);
      return [org, cap ?? defaultReviewCap(records)];
    }),
  );
}

/**
 * The review band within the organisations' caps, as a full run draws it (reviewBand): new pairs by
 * descending probability (Dice without one), each taken while both its organisations are under their
 * cap. An incremental run keeps the pairs already pending, so they fill the cap first; a pair found
 * again is one of them, not a new one.
 */
export function capReview(items: readonly ReviewItem[], { caps, pending }: ReviewCaps): ReviewItem[] {
  const offered = new Set(pending.map((p) => pairKey(p.a, p.b)));
  const used = new Map<string, number>();
  const take = (org: string) => used.set(org, (used.get(org) ?? 0) + 1);
  const room = (org: string) => (used.get(org) ?? 0) < (caps[org] ?? Infinity);
  for (const p of pending) (take(p.a.orgId), take(p.b.orgId));
  const kept = items.filter((item) => offered.has(pairKey(item.a, item.b)));
  const weight = (item: ReviewItem) => item.probability ?? item.score;
  const fresh = items
    .filter((item) => !offered.has(pairKey(item.a, item.b)))
    .sort((x, y) => weight(y) - weight(x) || (pairKey(x.a, x.b) < pairKey(y.a, y.b) ? -1 : 1));
  for (const item of fresh) {
    if (!room(item.a.orgId) || !room(item.b.orgId)) continue;
    take(item.a.orgId);
    take(item.b.orgId);
    kept.push(item);
  }
  return kept;
}

export interface IncrementalResult {
  /** The persons of the reached part: they replace the earlier persons of every record they hold. */
  clusters: PersonCluster[];
  /** Earlier person ids of the reached part that no cluster carries any more. */
  retiredPersons: string[];
  matches: LinkedPair[];
  /**
   * Records whose stored links the matches replace: every record solved again (component), or the
   * new and changed ones (local; a standing person's links were not looked at, so they stay).
   */
  relinked: RecordRef[];
  review: ReviewItem[];
  conflicts: { a: RecordRef; b: RecordRef }[];
  stats: {
    /** New or changed records compared. */
    comparedRecords: number;
    /** Existing records read (blocks, persons, confirmed partners). */
    existingRecordsRead: number;
    /** Records solved again (new ones and those they reach). */
    reachedRecords: number;
    candidatePairs: number;
    comparisons: number;
    matches: number;
    review: number;
    clusters: number;
    lookups: number;
    inconsistentLinks: number;
    conflicts: number;
  };
}

/** Links new records into the persons of the existing ones (see the module comment). */
export async function linkIncremental(
  fresh: readonly EncodedRecord[],
  lookup: (request: ExistingRequest) => Promise<ExistingRecords> | ExistingRecords,
  options: IncrementalOptions,
): Promise<IncrementalResult> {
  const schema = validateSchema(options.schema ?? DEFAULT_SCHEMA);
  const model = options.model;
  const maxBucketSize = options.maxBucketSize ?? 2000;
  const floor = frozenFloor(model);
  const words = schema.bits / 32;

  const records: EncodedRecord[] = [];
  /** Each record's stored keys, computed when it first is a frontier (every new record is one). */
  const storedOf: (number[] | undefined)[] = [];
  const storedKeysOf = (i: number) =>
    (storedOf[i] ??= [...new Set(blockingKeysOf(records[i], model, schema).map(storedBlockingKey))]);
  /** Each record's organisation as a small number (compared for every candidate pair). */
  const orgOf: number[] = [];
  const orgNumbers = new Map<string, number>();
  const popcounts: number[] = [];
  const personOf: (string | null)[] = [];
  const indexOf = new Map<string, number>();
  /** Loaded records per stored key: the new ones by their own keys, linked ones as the look-up's blocks list them. */
  const byKey = new Map<number, number[]>();
  const file = (key: number, i: number) => (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(i);
  // Per record (dense, filled as records arrive): the round it was a frontier in (-1: not yet), and
  // the last frontier record that met it in a block (each pair looked at once per record).
  const roundOf: number[] = [];
  const stamp: number[] = [];
  const add = (e: EncodedRecord, personId: string | null): number => {
    const key = refKey(e);
    const known = indexOf.get(key);
    if (known !== undefined) return known;
    const i = records.length;
    records.push(e);
    personOf.push(personId);
    roundOf.push(-1);
    stamp.push(-1);
    popcounts.push(popcount(e.clk));
    storedOf.push(undefined);
    orgOf.push(orgNumbers.get(e.orgId) ?? orgNumbers.set(e.orgId, orgNumbers.size).get(e.orgId)!);
    indexOf.set(key, i);
    return i;
  };
  const previous = new Map((options.previousPersons ?? []).map((p) => [refKey(p), p.personId]));
  for (const e of fresh) add(e, previous.get(refKey(e)) ?? null);
  const freshCount = records.length;
  for (let i = 0; i < freshCount; i++) for (const k of storedKeysOf(i)) file(k, i);
  // Blocks' sizes in a full run: existing records (as counted by the look-up) plus new ones.
  const freshPerStored = new Map<number, number>();
  for (let i = 0; i < freshCount; i++)
    for (const stored of storedKeysOf(i)) {
      freshPerStored.set(stored, (freshPerStored.get(stored) ?? 0) + 1);
    }
  const existingPerStored = new Map<number, number>();

  const decided = new Map((options.decisions ?? []).map((d) => [pairKey(d.a, d.b), d.match]));
  const confirmedOf = new Map<string, RecordRef[]>();
  for (const d of options.decisions ?? [])
    if (d.match) {
      (confirmedOf.get(refKey(d.a)) ?? confirmedOf.set(refKey(d.a), []).get(refKey(d.a))!).push(d.b);
      (confirmedOf.get(refKey(d.b)) ?? confirmedOf.set(refKey(d.b), []).get(refKey(d.b))!).push(d.a);
    }

  const reached = new Set<number>();
  const askedKeys = new Set<number>();
  const askedPersons = new Set<string>();
  // Each pair is scored once: from the side that was a frontier first (the smaller index within one round).
  let round = 0;
  const links: ScoredPair[] = [];
  const matches: LinkedPair[] = [];
  const review: ReviewItem[] = [];
  const stats = { candidatePairs: 0, comparisons: 0, lookups: 0 };
  const levels = model.method === 'estimated' ? new Int8Array(model.em.fields.length) : undefined;
  // Levels of the pairs above the floor, from the two records' own field filters (records arrive round by round).
  const levelsOfPair = levels ? pairLevels(schema) : undefined;

  const localReach = (options.reach ?? 'local') === 'local';
  const ref = (i: number) => ({ orgId: records[i].orgId, recordId: records[i].recordId });
  /** Scores one pair; a link or a review item is kept. True when they link. */
  const score = (a: number, b: number): boolean => {
    stats.candidatePairs++;
    const sum = popcounts[a] + popcounts[b];
    if (sum === 0 || (2 * Math.min(popcounts[a], popcounts[b])) / sum < floor) return false;
    stats.comparisons++;
    const dice = (2 * andPopcount(records[a].clk, 0, records[b].clk, 0, words)) / sum;
    if (dice < floor) return false;
    if (levels) levelsOfPair!(records[a], records[b], levels, 0);
    const verdict = judgePair(model, dice, levels);
    const decision = decided.size ? decided.get(pairKey(records[a], records[b])) : undefined;
    const probability = verdict.probability === undefined ? {} : { probability: verdict.probability };
    if ((verdict.link && decision !== false) || decision === true) {
      links.push({ a: Math.min(a, b), b: Math.max(a, b), score: verdict.weight });
      matches.push({ a: ref(a), b: ref(b), score: dice, ...probability });
      return true;
    }
    if (verdict.reviewable && decision === undefined) {
      const item: ReviewItem = { a: ref(a), b: ref(b), score: dice, ...probability };
      if (records[a].attributes) item.aAttributes = records[a].attributes;
      if (records[b].attributes) item.bAttributes = records[b].attributes;
      review.push(item);
    }
    return false;
  };

  let frontier = Array.from({ length: freshCount }, (_, i) => i);
  /** Persons solved again from their members (local): those of changed records and of touched ones. */
  const dissolved = new Set<string>();
  for (let i = 0; i < freshCount; i++) if (personOf[i]) dissolved.add(personOf[i]!);
  if (options.touched?.length) {
    const answer = await lookup({ keys: [], persons: [], refs: [...options.touched] });
    stats.lookups++;
    for (const r of answer.records) {
      const i = add(r.encoding, r.personId);
      if (i < freshCount) continue;
      // A reviewer's decision on a linked record: her person is solved again (local) or she is
      // compared again with all she reaches (component).
      if (!localReach) frontier.push(i);
      else {
        reached.add(i);
        if (r.personId) dissolved.add(r.personId);
      }
    }
  }
  for (const i of frontier) reached.add(i);
  // Local: one round, also when only touched records are to be solved again.
  while (frontier.length || (localReach && round === 0 && reached.size > 0)) {
    for (const i of frontier) roundOf[i] = round;
    const request: ExistingRequest = { keys: [], persons: [], refs: [] };
    const askPerson = (person: string | null) => {
      if (person && !askedPersons.has(person)) (request.persons.push(person), askedPersons.add(person));
    };
    const askPartners = (i: number) => {
      for (const ref of confirmedOf.get(refKey(records[i])) ?? [])
        if (!indexOf.has(refKey(ref))) request.refs.push(ref);
    };
    for (const i of frontier) {
      for (const stored of storedKeysOf(i)) {
        if (!askedKeys.has(stored)) (request.keys.push(stored), askedKeys.add(stored));
      }
      askPerson(personOf[i]);
      askPartners(i);
    }
    if (localReach) for (const i of reached) if (i >= freshCount) (askPerson(personOf[i]), askPartners(i));
    const answer = await lookup(request);
    stats.lookups++;
    for (const [k, n] of answer.keyCounts) existingPerStored.set(k, n);
    const fileBlocks = (blocks: ExistingRecords['blocks']) => {
      for (const [k, members] of blocks)
        for (const m of members) {
          const i = indexOf.get(refKey(m));
          if (i !== undefined && i >= freshCount) file(k, i);
        }
    };
    const next: number[] = [];
    const reach = (i: number) => {
      if (!reached.has(i)) (reached.add(i), next.push(i));
    };
    const persons = new Set(request.persons);
    const partners = new Set(request.refs.map(refKey));
    for (const r of answer.records) {
      const i = add(r.encoding, r.personId);
      // Members of a reached record's earlier person, and confirmed partners, are solved with it.
      if ((r.personId && persons.has(r.personId)) || partners.has(refKey(r.encoding))) reach(i);
    }
    fileBlocks(answer.blocks);
    for (const a of frontier) {
      const keyOfA = refKey(records[a]);
      for (const ref of confirmedOf.get(keyOfA) ?? []) {
        const b = indexOf.get(refKey(ref));
        if (b !== undefined) reach(b);
      }
      for (const stored of storedKeysOf(a)) {
        const size = (existingPerStored.get(stored) ?? 0) + (freshPerStored.get(stored) ?? 0);
        if (size > maxBucketSize) continue;
        for (const b of byKey.get(stored) ?? []) {
          if (b === a || stamp[b] === a || orgOf[b] === orgOf[a]) continue;
          stamp[b] = a;
          const earlier = roundOf[b];
          if (earlier >= 0 && (earlier < round || (earlier === round && b < a))) continue;
          if (score(a, b)) reach(b);
        }
      }
    }
    round++;
    if (!localReach) {
      frontier = next;
      continue;
    }
    // Local: no existing record is compared with its blocks. The members of a dissolved person are
    // compared with each other (their earlier links); the persons the new records joined stand, so
    // their members are read (one more look-up) but not compared.
    frontier = [];
    const more: ExistingRequest = { keys: [], persons: [], refs: [] };
    for (const i of reached) {
      const person = personOf[i];
      if (i >= freshCount && person && !askedPersons.has(person)) (more.persons.push(person), askedPersons.add(person));
    }
    if (more.persons.length) {
      const again = await lookup(more);
      stats.lookups++;
      const asked = new Set(more.persons);
      for (const r of again.records) {
        const i = add(r.encoding, r.personId);
        if (r.personId && asked.has(r.personId)) reached.add(i);
      }
    }
    const membersOf = new Map<string, number[]>();
    for (const i of reached) {
      const person = personOf[i];
      if (i >= freshCount && person && dissolved.has(person))
        (membersOf.get(person) ?? membersOf.set(person, []).get(person)!).push(i);
    }
    for (const members of membersOf.values())
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++)
          if (orgOf[members[x]] !== orgOf[members[y]]) score(members[x], members[y]);
  }

  // Solve the reached part alone. Records in reference order, so links of equal weight are taken in
  // the order a full run over reference-ordered records takes them.
  const order = (i: number) => refKey(records[i]);
  const part = [...reached].sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
  const position = new Map(part.map((i, j) => [i, j]));
  const refs = part.map((i) => ({ orgId: records[i].orgId, recordId: records[i].recordId }));
  const sources = new Map<string, number>();
  const sourceOf = Int32Array.from(part, (i) => {
    const org = records[i].orgId;
    return sources.get(org) ?? sources.set(org, sources.size).get(org)!;
  });
  const localLinks = links
    .filter((l) => position.has(l.a) && position.has(l.b))
    .map((l) => ({ a: position.get(l.a)!, b: position.get(l.b)!, score: l.score }));
  const confirmed: IndexPair[] = [];
  const rejected: IndexPair[] = [];
  for (const d of options.decisions ?? []) {
    const [a, b] = [indexOf.get(refKey(d.a)), indexOf.get(refKey(d.b))];
    if (a === undefined || b === undefined || !position.has(a) || !position.has(b)) continue;
    (d.match ? confirmed : rejected).push({ a: position.get(a)!, b: position.get(b)! });
  }
  const earlier = new Map<string, string>();
  for (const i of part) if (personOf[i]) earlier.set(refKey(records[i]), personOf[i]!);
  // Local: the persons the new records joined stand as they were (a dissolved one is solved from its links).
  const standing = new Map<string, number[]>();
  if (localReach)
    for (const i of part) {
      const person = personOf[i];
      if (i >= freshCount && person && !dissolved.has(person))
        (standing.get(person) ?? standing.set(person, []).get(person)!).push(position.get(i)!);
    }
  const solved = solveClusters(refs, sourceOf, localLinks, {
    confirmed,
    rejected,
    previous: earlier,
    standing: [...standing.values()].filter((group) => group.length > 1),
  });
  const kept = new Set(solved.clusters.map((c) => c.personId));
  const band = options.review ? capReview(review, options.review) : review;
  return {
    clusters: solved.clusters,
    retiredPersons: [...new Set(earlier.values())].filter((id) => !kept.has(id)).sort(),
    matches,
    relinked: localReach ? records.slice(0, freshCount).map((_, i) => ref(i)) : refs,
    review: band,
    conflicts: solved.conflicts,
    stats: {
      comparedRecords: freshCount,
      existingRecordsRead: records.length - freshCount,
      reachedRecords: part.length,
      candidatePairs: stats.candidatePairs,
      comparisons: stats.comparisons,
      matches: localLinks.length,
      review: band.length,
      clusters: solved.clusters.length,
      lookups: stats.lookups,
      inconsistentLinks: solved.inconsistentLinks,
      conflicts: solved.conflicts.length,
    },
  };
}

/**
 * Incremental network linkage (#20): only records that are new or changed since the last run are
 * compared, against the blocks of the linked records (looked up by stored blocking key) and among
 * themselves, with the model of the last full run held fixed; the persons they reach are solved
 * again and stored, every other person stays as it is. A full run stores what the next incremental
 * one reuses: each record's blocking keys and the model.
 */
import crypto from 'node:crypto';
import {
  blockingKeysOf,
  captureHistories,
  DEFAULT_SCHEMA,
  dedupedPersonCount,
  linkIncremental,
  storedBlockingKey,
  type ExistingRequest,
  type FrozenModel,
  type LinkagePhase,
  type PersonCluster,
  type ReviewCaps,
  type ReviewDecision,
} from '../domain/linkage';
import { deserialiseEncoding } from '../domain/linkage/serialise';
import type { Tx } from '../storage/database';
import { linkageIncrementalRepo } from '../storage/repositories/linkage-incremental';
import { linkageLinksRepo } from '../storage/repositories/linkage-links';
import type { AppContext } from './context';

export type LinkageMode = 'full' | 'incremental';

/** What a run records of its model so the next incremental run can reuse it. */
export interface StoredModel {
  model: FrozenModel;
  fingerprint: string;
}

/**
 * One fingerprint for the network's set-up: the schema version and each organisation's keyed secret
 * fingerprint. Encodings made under another secret or schema cannot be compared with stored ones.
 */
export function networkFingerprint(entries: readonly { orgId: string; fingerprint: string | null }[]): string {
  const canonical = [...entries].sort((x, y) => (x.orgId < y.orgId ? -1 : 1)).map((e) => [e.orgId, e.fingerprint]);
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([DEFAULT_SCHEMA.version, canonical]))
    .digest('hex')
    .slice(0, 32);
}

/** The model an incremental run may reuse: the latest run's, when the network is set up the same way. */
export async function reusableModel(tx: Tx, fingerprint: string): Promise<FrozenModel | null> {
  const run = await linkageIncrementalRepo.latestModelRun(tx);
  if (!run || run.fingerprint !== fingerprint || run.schema_version !== DEFAULT_SCHEMA.version) return null;
  const model = (typeof run.frozen_model === 'string' ? JSON.parse(run.frozen_model) : run.frozen_model) as FrozenModel;
  // A model from before name bands: its stored keys hold none, so a full run blocks (and stores) again.
  return model?.blockingBits && model.nameBandBits !== undefined ? model : null;
}

const blockRows = (
  encoding: { orgId: string; recordId: string } & Parameters<typeof blockingKeysOf>[0],
  model: FrozenModel,
) =>
  [...new Set(blockingKeysOf(encoding, model, DEFAULT_SCHEMA).map(storedBlockingKey))].map((key) => ({
    key,
    orgId: encoding.orgId,
    recordId: encoding.recordId,
  }));

/** After a full run: every encoding's blocking keys (prefixes and name bands, as the run blocked), and all marked as linked. */
export async function storeLinkedState(
  tx: Tx,
  runId: string,
  organisationIds: string[],
  encodings: readonly unknown[],
  model: FrozenModel,
): Promise<void> {
  await linkageIncrementalRepo.deleteAllKeys(tx);
  const rows = encodings.flatMap((e) => blockRows(deserialiseEncoding(e, DEFAULT_SCHEMA), model));
  await linkageIncrementalRepo.insertKeys(tx, rows);
  await linkageIncrementalRepo.markLinked(tx, runId, organisationIds);
}

export interface IncrementalRunResult {
  stats: Record<string, number>;
  /** Every person of the network after the run (for capture histories and counts). */
  clusters: PersonCluster[];
  review: Awaited<ReturnType<typeof linkIncremental>>['review'];
}

/**
 * The incremental run inside the run's transaction (the linkage lock held): compares the fresh
 * encodings, replaces the matches of the part they reach, stores the fresh records' keys and marks
 * them linked. Returns the counts and the network's persons.
 */
export async function runIncremental(
  _ctx: AppContext,
  tx: Tx,
  input: {
    runId: string;
    organisationIds: string[];
    model: FrozenModel;
    decisions: ReviewDecision[];
    /** Records of pairs decided since the last run: solved again with the decision. */
    touched?: { orgId: string; recordId: string }[];
    /** The per-organisation review cap, as a full run of the model's method applies it. */
    review?: ReviewCaps;
    /** What is solved again (incremental.ts): the persons the new records reach (default), or their whole component. */
    reach?: 'local' | 'component';
    onProgress?: (phase: LinkagePhase, done: number, total: number) => void;
  },
): Promise<IncrementalRunResult> {
  const { runId, organisationIds, model } = input;
  const maxBucketSize = 2000;
  input.onProgress?.('validate', 0, 1);
  // A record whose consent was withdrawn left its person: the rest of that person is linked again.
  const released = await linkageIncrementalRepo.releaseWithdrawn(tx);
  const readStarted = performance.now();
  const freshRows = await linkageIncrementalRepo.freshEncodings(tx, organisationIds);
  const fresh = freshRows.map((r) => deserialiseEncoding(r.encoding, DEFAULT_SCHEMA));
  const previous = await linkageIncrementalRepo.personsOf(tx, fresh);
  const freshMs = performance.now() - readStarted;
  input.onProgress?.('validate', 1, 1);
  input.onProgress?.('block', 0, 1);
  // Where the time goes (milliseconds; the bench prints them): reading blocks and encodings, linking, writing.
  let lookupMs = 0;
  // Of the look-ups: the blocks' members by key, and the linked encodings (read and decoded).
  let blocksMs = 0;
  let encodingsMs = 0;
  let decodeMs = 0;
  /** Records the look-ups have read (by `org/record`). */
  const answered = new Set<string>();
  const lookup = async (request: ExistingRequest) => {
    const began = performance.now();
    const members = await linkageIncrementalRepo.blockMembers(tx, request.keys);
    blocksMs += performance.now() - began;
    const keyCounts = new Map<number, number>();
    for (const m of members) for (const key of m.keys) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
    // Blocks a full run would skip (too large) are neither read nor listed; their sizes still count.
    // A member is one ref object in every block she is in.
    const blocks = new Map<number, { orgId: string; recordId: string }[]>();
    const wanted = new Map<string, { orgId: string; recordId: string }>();
    const want = (orgId: string, recordId: string) => wanted.set(`${orgId}/${recordId}`, { orgId, recordId });
    for (const m of members) {
      const ref = { orgId: m.organisation_id, recordId: m.person_id };
      let listed = false;
      for (const key of m.keys)
        if (keyCounts.get(key)! <= maxBucketSize) {
          (blocks.get(key) ?? blocks.set(key, []).get(key)!).push(ref);
          listed = true;
        }
      // A block member read in an earlier round is loaded already (the blocks of the frontier overlap a lot).
      const id = `${ref.orgId}/${ref.recordId}`;
      if (listed && !answered.has(id)) wanted.set(id, ref);
    }
    for (const m of await linkageIncrementalRepo.personMembers(tx, request.persons))
      want(m.organisation_id, m.person_id);
    for (const r of request.refs) want(r.orgId, r.recordId);
    for (const key of wanted.keys()) answered.add(key);
    const read = performance.now();
    let decoding = 0;
    const records = await linkageIncrementalRepo.linkedEncodings(tx, [...wanted.values()], (rows) => {
      const decodeStarted = performance.now();
      const decoded = rows.map((r) => ({
        encoding: deserialiseEncoding(r.encoding, DEFAULT_SCHEMA),
        personId: r.cluster_id,
      }));
      decoding += performance.now() - decodeStarted;
      return decoded;
    });
    encodingsMs += performance.now() - read - decoding;
    decodeMs += decoding;
    lookupMs += performance.now() - began;
    return { keyCounts, records, blocks };
  };
  const linkStarted = performance.now();
  const step = await linkIncremental(fresh, lookup, {
    schema: DEFAULT_SCHEMA,
    model,
    maxBucketSize,
    decisions: input.decisions,
    touched: input.touched,
    review: input.review,
    reach: input.reach,
    previousPersons: previous.map((p) => ({ orgId: p.organisation_id, recordId: p.person_id, personId: p.cluster_id })),
  });
  const linkMs = performance.now() - linkStarted - lookupMs;
  const writeStarted = performance.now();
  input.onProgress?.('block', 1, 1);
  input.onProgress?.('compare', 1, 1);
  input.onProgress?.('cluster', 0, step.clusters.length);
  // The solved part replaces its records' matches; persons with records of one organisation only hold none.
  await linkageIncrementalRepo.deleteMatchesOf(
    tx,
    step.clusters.flatMap((c) => c.members),
  );
  const rows = step.clusters.flatMap((cluster) => {
    const orgIds = [...new Set(cluster.members.map((m) => m.orgId))];
    if (orgIds.length < 2) return [];
    return cluster.members.map((m) => ({
      orgId: m.orgId,
      recordId: m.recordId,
      clusterId: cluster.personId,
      partners: orgIds.filter((o) => o !== m.orgId),
      runId,
    }));
  });
  await linkageIncrementalRepo.insertMatches(tx, rows);
  const matchesMs = performance.now() - writeStarted;
  // The links with their probabilities (the MSE's linkage error reads them), ids only: those of the
  // records compared again are replaced; a pair scored again under the same model keeps its row.
  await linkageLinksRepo.replaceOf(
    tx,
    runId,
    step.relinked,
    step.matches.map((m) => ({
      aOrganisationId: m.a.orgId,
      aPersonId: m.a.recordId,
      bOrganisationId: m.b.orgId,
      bPersonId: m.b.recordId,
      probability: m.probability === undefined ? null : Math.min(1, Math.max(0, m.probability)),
    })),
  );
  const linksMs = performance.now() - writeStarted - matchesMs;
  await linkageIncrementalRepo.insertKeys(
    tx,
    fresh.flatMap((e) => blockRows(e, model)),
  );
  await linkageIncrementalRepo.markLinked(tx, runId, organisationIds, fresh);
  const keysMs = performance.now() - writeStarted - matchesMs - linksMs;
  input.onProgress?.('cluster', step.clusters.length, step.clusters.length);

  // The network's persons after the run: stored clusters, and every other record alone.
  const groups = new Map<string, PersonCluster>();
  const clusters: PersonCluster[] = [];
  for (const a of await linkageIncrementalRepo.allAssignments(tx, organisationIds)) {
    const member = { orgId: a.organisation_id, recordId: a.person_id };
    if (!a.cluster_id) {
      clusters.push({ personId: '', members: [member] });
      continue;
    }
    const group = groups.get(a.cluster_id);
    if (group) group.members.push(member);
    else {
      const cluster = { personId: a.cluster_id, members: [member] };
      groups.set(a.cluster_id, cluster);
      clusters.push(cluster);
    }
  }
  return {
    stats: {
      ...step.stats,
      releasedRecords: released,
      freshMs: Math.round(freshMs),
      lookupMs: Math.round(lookupMs),
      blocksMs: Math.round(blocksMs),
      encodingsMs: Math.round(encodingsMs),
      decodeMs: Math.round(decodeMs),
      linkMs: Math.round(linkMs),
      writeMs: Math.round(performance.now() - writeStarted),
      // Of the writes: the solved part's matches, its links, the new records' keys, the network's totals.
      matchesMs: Math.round(matchesMs),
      linksMs: Math.round(linksMs),
      keysMs: Math.round(keysMs),
      totalsMs: Math.round(performance.now() - writeStarted - matchesMs - linksMs - keysMs),
      records: clusters.reduce((n, c) => n + c.members.length, 0),
      clusters: clusters.length,
    },
    clusters,
    review: step.review,
  };
}

/** Persons counted once and capture histories of the whole network after an incremental run. */
export const networkTotals = (clusters: PersonCluster[], organisationIds: string[]) => ({
  personsDeduplicated: dedupedPersonCount(clusters),
  byId: captureHistories(clusters, organisationIds),
});

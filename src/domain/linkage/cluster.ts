/**
 * Clustering of matched records into persons, kept consistent the way anonlink's greedy solver does:
 *  - pairs a person confirmed are merged first, and are never silently dropped (a confirmed pair
 *    that a rejection forbids is reported as a conflict);
 *  - then the automatic links by descending weight, merging two clusters only when they hold no
 *    record of the same organisation, so a cluster holds at most one record per organisation
 *    unless a person confirmed the duplicate;
 *  - a reviewer's "not the same person" keeps the two records in different clusters, even when a
 *    third record links both;
 *  - a cluster keeps the person id its members had in the previous run (stable ids).
 */
import crypto from 'node:crypto';
import type { ScoredPair } from './compare';

/** A record as the network knows it: the holding organisation and its pseudonymous id. */
export interface RecordRef {
  orgId: string;
  recordId: string;
}

export interface PersonCluster {
  /** Stable across runs: the id most of its members had before, else derived from its first member. */
  personId: string;
  members: RecordRef[];
}

/** Two records, by index into the records. */
export interface IndexPair {
  a: number;
  b: number;
}

export interface ClusterOptions {
  /** Pairs a person confirmed as the same person: merged first, whatever their organisations. */
  confirmed?: readonly IndexPair[];
  /** Pairs a person rejected: their records never end up in one cluster. */
  rejected?: readonly IndexPair[];
  /** The previous run's person id of each record, by refKey: a cluster keeps the id most of its members had. */
  previous?: ReadonlyMap<string, string>;
  /**
   * Persons that stand as an earlier run solved them (an incremental run's, see incremental.ts):
   * each group is one cluster before anything else is merged, whatever its organisations (the run
   * that formed it checked them); a member a rejection keeps from the rest stays on her own.
   */
  standing?: readonly (readonly number[])[];
}

export interface ClusterResult {
  clusters: PersonCluster[];
  /** Confirmed pairs a rejection kept apart (a person has to resolve them): never silently dropped. */
  conflicts: { a: RecordRef; b: RecordRef }[];
  /** Automatic links left out because they would join two records of one organisation or a rejected pair. */
  inconsistentLinks: number;
}

/** The key of one record (the same in every run). */
export const refKey = (r: RecordRef): string => JSON.stringify([r.orgId, r.recordId]);

/** Keeps each record's best link per other source; returns the kept pairs. */
export function bestMatchLinks(pairs: readonly ScoredPair[], sourceOf: Int32Array): ScoredPair[] {
  const sorted = [...pairs].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  // "record:source" for every (record, other source) already linked.
  const linked = new Set<string>();
  const kept: ScoredPair[] = [];
  for (const pair of sorted) {
    const keyA = `${pair.a}:${sourceOf[pair.b]}`;
    const keyB = `${pair.b}:${sourceOf[pair.a]}`;
    if (linked.has(keyA) || linked.has(keyB)) continue;
    linked.add(keyA);
    linked.add(keyB);
    kept.push(pair);
  }
  return kept;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/** Connected components over `links`; every record ends in exactly one cluster (singletons included). */
export function connectedComponents(
  refs: readonly RecordRef[],
  links: readonly (IndexPair & { score?: number })[],
): PersonCluster[] {
  const parent = Int32Array.from(refs, (_, i) => i);
  for (const { a, b } of links) {
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return withIds(refs, groupsOf(refs, parent));
}

function groupsOf(refs: readonly RecordRef[], parent: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  refs.forEach((_, i) => {
    const root = find(parent, i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}

/** A UUID-shaped id from a hash (so it fits the uuid columns that carry it). */
function uuidOf(text: string): string {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Deterministic person id from the member refs (order-independent). */
export function personIdOf(members: readonly RecordRef[]): string {
  return uuidOf(members.map(refKey).sort().join('\n'));
}

/**
 * Person ids for the groups: each previous id goes to the group holding most of the records that
 * had it (ties: the larger group, where the rest of her now is; then the smallest member key), one
 * group per id; a group without one
 * takes an id derived from its smallest member key (stable while that record stays in it).
 */
function withIds(
  refs: readonly RecordRef[],
  groups: number[][],
  previous?: ReadonlyMap<string, string>,
): PersonCluster[] {
  const keys = refs.map(refKey);
  const firstKey = groups.map((g) => g.map((i) => keys[i]).sort()[0]);
  const ids: (string | undefined)[] = new Array(groups.length);
  const taken = new Set<string>();
  if (previous?.size) {
    const votes: { group: number; id: string; count: number }[] = [];
    groups.forEach((g, group) => {
      const counts = new Map<string, number>();
      for (const i of g) {
        const id = previous.get(keys[i]);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, count] of counts) votes.push({ group, id, count });
    });
    votes.sort(
      (x, y) =>
        y.count - x.count ||
        groups[y.group].length - groups[x.group].length ||
        (firstKey[x.group] < firstKey[y.group] ? -1 : firstKey[x.group] > firstKey[y.group] ? 1 : 0),
    );
    for (const v of votes) {
      if (ids[v.group] !== undefined || taken.has(v.id)) continue;
      ids[v.group] = v.id;
      taken.add(v.id);
    }
  }
  const used = new Set([...taken, ...(previous?.values() ?? [])]);
  return groups.map((g, group) => {
    let id = ids[group];
    for (let salt = 0; id === undefined; salt++) {
      const candidate = uuidOf(salt ? `${firstKey[group]}#${salt}` : firstKey[group]);
      if (!used.has(candidate)) id = candidate;
    }
    used.add(id);
    return { personId: id, members: g.map((i) => refs[i]) };
  });
}

/**
 * The greedy solver: confirmed pairs first, then the links by descending score, each merge kept only
 * if it stays consistent (one record per organisation for automatic links; never across a rejection).
 */
export function solveClusters(
  refs: readonly RecordRef[],
  sourceOf: Int32Array,
  links: readonly ScoredPair[],
  options: ClusterOptions = {},
): ClusterResult {
  const n = refs.length;
  const parent = Int32Array.from(refs, (_, i) => i);
  const members = new Map<number, number[]>();
  const sources = new Map<number, Set<number>>();
  const banned = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    members.set(i, [i]);
    sources.set(i, new Set([sourceOf[i]]));
  }
  for (const { a, b } of options.rejected ?? []) {
    if (a === b || a < 0 || b < 0 || a >= n || b >= n) continue;
    (banned.get(a) ?? banned.set(a, new Set()).get(a)!).add(b);
    (banned.get(b) ?? banned.set(b, new Set()).get(b)!).add(a);
  }
  const apart = (x: number, y: number): boolean => {
    const [small, large] = members.get(x)!.length <= members.get(y)!.length ? [x, y] : [y, x];
    const forbidden = banned.get(large);
    if (!forbidden?.size) return false;
    return members.get(small)!.some((i) => forbidden.has(i));
  };
  const overlap = (x: number, y: number): boolean => {
    const [small, large] = sources.get(x)!.size <= sources.get(y)!.size ? [x, y] : [y, x];
    for (const s of sources.get(small)!) if (sources.get(large)!.has(s)) return true;
    return false;
  };
  const merge = (x: number, y: number) => {
    const [root, child] = x < y ? [x, y] : [y, x];
    parent[child] = root;
    members.get(root)!.push(...members.get(child)!);
    for (const s of sources.get(child)!) sources.get(root)!.add(s);
    const bannedChild = banned.get(child);
    if (bannedChild) {
      const into = banned.get(root) ?? banned.set(root, new Set()).get(root)!;
      for (const i of bannedChild) into.add(i);
    }
    members.delete(child);
    sources.delete(child);
    banned.delete(child);
  };

  for (const [first, ...rest] of options.standing ?? []) {
    for (const i of rest) {
      const [x, y] = [find(parent, first), find(parent, i)];
      if (x !== y && !apart(x, y)) merge(x, y);
    }
  }
  const conflicts: ClusterResult['conflicts'] = [];
  for (const { a, b } of options.confirmed ?? []) {
    if (a === b || a < 0 || b < 0 || a >= n || b >= n) continue;
    const [x, y] = [find(parent, a), find(parent, b)];
    if (x === y) continue;
    if (apart(x, y)) conflicts.push({ a: refs[a], b: refs[b] });
    else merge(x, y);
  }
  let inconsistentLinks = 0;
  // Among links of equal score (identical records score alike), a link the previous run had made
  // comes first, then one that joins a record to a person she already was: otherwise record order,
  // random ids in practice, would move her records between persons from one run to the next.
  const earlier = options.previous;
  const before = (link: ScoredPair): number => {
    const [x, y] = [earlier?.get(refKey(refs[link.a])), earlier?.get(refKey(refs[link.b]))];
    return x !== undefined && x === y ? 2 : x !== undefined || y !== undefined ? 1 : 0;
  };
  const sorted = [...links].sort((p, q) => q.score - p.score || before(q) - before(p) || p.a - q.a || p.b - q.b);
  for (const { a, b } of sorted) {
    const [x, y] = [find(parent, a), find(parent, b)];
    if (x === y) continue;
    if (overlap(x, y) || apart(x, y)) inconsistentLinks++;
    else merge(x, y);
  }
  return { clusters: withIds(refs, groupsOf(refs, parent), options.previous), conflicts, inconsistentLinks };
}

/** Clusters records into persons from their scored match pairs (the consistent greedy solver). */
export function clusterRecords(
  refs: readonly RecordRef[],
  sourceOf: Int32Array,
  matches: readonly ScoredPair[],
  options: ClusterOptions = {},
): PersonCluster[] {
  return solveClusters(refs, sourceOf, matches, options).clusters;
}

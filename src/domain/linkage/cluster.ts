/**
 * Clustering of matched records into persons: each record keeps at most one
 * link per other source (its best, taken greedily by descending score), then
 * connected components of the kept links are the persons.
 */
import crypto from 'node:crypto';
import type { ScoredPair } from './compare';

/** A record as the network knows it: the holding organisation and its pseudonymous id. */
export interface RecordRef {
  orgId: string;
  recordId: string;
}

export interface PersonCluster {
  /** Stable for the same membership: a hash of the sorted member refs. */
  personId: string;
  members: RecordRef[];
}

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
export function connectedComponents(refs: readonly RecordRef[], links: readonly ScoredPair[]): PersonCluster[] {
  const parent = Int32Array.from(refs, (_, i) => i);
  for (const { a, b } of links) {
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, RecordRef[]>();
  refs.forEach((ref, i) => {
    const root = find(parent, i);
    const group = groups.get(root);
    if (group) group.push(ref);
    else groups.set(root, [ref]);
  });
  return [...groups.values()].map((members) => ({ personId: personIdOf(members), members }));
}

/** Deterministic person id from the member refs (order-independent). */
export function personIdOf(members: readonly RecordRef[]): string {
  const canonical = members
    .map((m) => JSON.stringify([m.orgId, m.recordId]))
    .sort()
    .join('\n');
  return 'p_' + crypto.createHash('sha256').update(canonical).digest('hex').slice(0, 20);
}

/** Clusters records into persons from their scored match pairs (best-match constraint applied). */
export function clusterRecords(
  refs: readonly RecordRef[],
  sourceOf: Int32Array,
  matches: readonly ScoredPair[],
): PersonCluster[] {
  return connectedComponents(refs, bestMatchLinks(matches, sourceOf));
}

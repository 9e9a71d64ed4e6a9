/**
 * What the network learns from linkage: how many distinct persons, the capture
 * histories multiple systems estimation needs, and per-organisation hints of
 * which other organisations also hold a record of the same person (ids only).
 */
import type { PersonCluster } from './cluster';

/** One observed combination of lists and how many persons have exactly it. */
export interface CaptureHistoryRow {
  /** 1 where the person appears on the list of the same position in `lists`. */
  lists: (0 | 1)[];
  count: number;
}

/** The table multiple systems estimation consumes; the unobservable all-zero row is omitted. */
export interface CaptureHistoryTable {
  lists: string[];
  rows: CaptureHistoryRow[];
}

/** Number of distinct persons: one per cluster. */
export function dedupedPersonCount(clusters: readonly PersonCluster[]): number {
  return clusters.length;
}

/**
 * Capture histories over the given lists (organisation ids). Persons on none of
 * the lists are left out; rows are ordered by their 0/1 pattern.
 */
export function captureHistories(clusters: readonly PersonCluster[], lists: readonly string[]): CaptureHistoryTable {
  if (new Set(lists).size !== lists.length) throw new RangeError('List names must be distinct');
  const position = new Map(lists.map((name, i) => [name, i]));
  const counts = new Map<string, number>();
  for (const cluster of clusters) {
    const pattern = lists.map(() => 0);
    for (const member of cluster.members) {
      const i = position.get(member.orgId);
      if (i !== undefined) pattern[i] = 1;
    }
    if (!pattern.includes(1)) continue;
    const key = pattern.join('');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts.entries()]
    .sort(([x], [y]) => (x < y ? 1 : x > y ? -1 : 0))
    .map(([key, count]) => ({ lists: [...key].map((c) => (c === '1' ? 1 : 0)) as (0 | 1)[], count }));
  return { lists: [...lists], rows };
}

export interface PossibleDuplicate {
  recordId: string;
  /** Other organisations holding a record of the same person (ids only, sorted). */
  otherOrgs: string[];
}

/**
 * For each of `orgId`'s records in the clusters, the other organisations that
 * hold the same person. Clusters only contain consenting records, so records
 * without network-dedup consent never appear, on either side.
 */
export function possibleDuplicatesFor(orgId: string, clusters: readonly PersonCluster[]): PossibleDuplicate[] {
  const result: PossibleDuplicate[] = [];
  for (const cluster of clusters) {
    const others = [...new Set(cluster.members.filter((m) => m.orgId !== orgId).map((m) => m.orgId))].sort();
    for (const member of cluster.members) {
      if (member.orgId === orgId) result.push({ recordId: member.recordId, otherOrgs: others });
    }
  }
  return result.sort((x, y) => (x.recordId < y.recordId ? -1 : x.recordId > y.recordId ? 1 : 0));
}

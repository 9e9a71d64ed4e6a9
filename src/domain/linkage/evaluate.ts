/**
 * Linkage quality against known truth: pairwise precision, recall and F1 over
 * cross-organisation record pairs, for scored pairs at several thresholds and
 * for the final clusters. Blocking misses count as false negatives.
 */
import type { PersonCluster, RecordRef } from './cluster';
import type { LinkedPair } from './pipeline';

export interface Quality {
  threshold?: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Truth {
  /** True person per record, keyed by refKey. */
  personOf: Map<string, string>;
  /** Cross-organisation record pairs of the same person. */
  truePairs: number;
}

/** A string key for a record reference. */
export const refKey = (ref: RecordRef): string => `${ref.orgId}\u0000${ref.recordId}`;

/** Builds the truth index from records labelled with their true person. */
export function truthOf(records: readonly (RecordRef & { truthPersonId: string })[]): Truth {
  const personOf = new Map<string, string>();
  const perPerson = new Map<string, Map<string, number>>();
  for (const r of records) {
    personOf.set(refKey(r), r.truthPersonId);
    const byOrg = perPerson.get(r.truthPersonId) ?? new Map<string, number>();
    byOrg.set(r.orgId, (byOrg.get(r.orgId) ?? 0) + 1);
    perPerson.set(r.truthPersonId, byOrg);
  }
  let truePairs = 0;
  for (const byOrg of perPerson.values()) {
    const counts = [...byOrg.values()];
    const total = counts.reduce((s, c) => s + c, 0);
    truePairs += (total * total - counts.reduce((s, c) => s + c * c, 0)) / 2;
  }
  return { personOf, truePairs };
}

function quality(tp: number, fp: number, truePairs: number, threshold?: number): Quality {
  const fn = truePairs - tp;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Pairwise quality of scored pairs when everything at or above each threshold is called a match. */
export function pairwiseQuality(pairs: readonly LinkedPair[], truth: Truth, thresholds: readonly number[]): Quality[] {
  return thresholds.map((threshold) => {
    let tp = 0;
    let fp = 0;
    for (const p of pairs) {
      if (p.score < threshold) continue;
      const same = truth.personOf.get(refKey(p.a)) === truth.personOf.get(refKey(p.b));
      if (same) tp++;
      else fp++;
    }
    return quality(tp, fp, truth.truePairs, threshold);
  });
}

/** Pairwise quality of clusters: every cross-organisation pair inside a cluster is a predicted match. */
export function clusterQuality(clusters: readonly PersonCluster[], truth: Truth): Quality {
  let tp = 0;
  let fp = 0;
  for (const { members } of clusters) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (members[i].orgId === members[j].orgId) continue;
        if (truth.personOf.get(refKey(members[i])) === truth.personOf.get(refKey(members[j]))) tp++;
        else fp++;
      }
    }
  }
  return quality(tp, fp, truth.truePairs);
}

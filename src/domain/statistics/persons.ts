/**
 * Persons, not cases or records. Each record (a case, a person row, an
 * organisation's view of a person) carries identity keys: `np:<network person
 * id>` travels with her through referrals and transfers, `cluster:<id>` is a
 * linkage cluster. Records that share a key, directly or through other records,
 * are one person; union-find makes that transitive (a transferred person whose
 * sender record is linked to a third organisation's record is one person).
 * Then the one statistics consent gate is applied per person, never per record.
 */
import type { ConsentEvent } from '../cases/consent';
import { mayBeCountedInStatistics } from '../cases/statistics-consent';

export interface Keyed {
  keys: readonly string[];
}

function find(parent: number[], x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * The person id of each record (same index). Records sharing a key, transitively,
 * get the same id: the smallest key of the person, so ids do not depend on order.
 * A record without keys is a person of its own.
 * @example unifyPersons([{ keys: ['np:a'] }, { keys: ['np:b', 'cluster:x'] }, { keys: ['cluster:x'] }]) // ['np:a', 'cluster:x', 'cluster:x']
 */
export function unifyPersons(records: readonly Keyed[]): string[] {
  const parent = records.map((_, i) => i);
  const holder = new Map<string, number>();
  records.forEach((record, i) => {
    for (const key of record.keys) {
      const other = holder.get(key);
      if (other === undefined) {
        holder.set(key, i);
        continue;
      }
      const [a, b] = [find(parent, i), find(parent, other)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const smallest = new Map<number, string>();
  records.forEach((record, i) => {
    const root = find(parent, i);
    for (const key of record.keys) {
      const known = smallest.get(root);
      if (known === undefined || key < known) smallest.set(root, key);
    }
  });
  return records.map((_, i) => smallest.get(find(parent, i)) ?? `record:${i}`);
}

export interface PersonGroup<R extends Keyed> {
  personId: string;
  /** Every key of every member, sorted. */
  keys: string[];
  members: R[];
}

/** Records grouped into persons (see unifyPersons), members in input order. */
export function groupPersons<R extends Keyed>(records: readonly R[]): PersonGroup<R>[] {
  const ids = unifyPersons(records);
  const groups = new Map<string, PersonGroup<R>>();
  records.forEach((record, i) => {
    const group = groups.get(ids[i]) ?? { personId: ids[i], keys: [], members: [] };
    group.members.push(record);
    groups.set(ids[i], group);
  });
  for (const group of groups.values()) group.keys = [...new Set(group.members.flatMap((m) => m.keys))].sort();
  return [...groups.values()];
}

/** What one record contributes: its identity keys, her consent records there, and its data (null: none to give). */
export interface PersonPart<T> extends Keyed {
  consents: readonly ConsentEvent[];
  data: T | null;
}

export interface CountedPerson<T> {
  personId: string;
  keys: string[];
  /** Her consent records from all her parts, for the next level up. */
  consents: ConsentEvent[];
  data: T;
}

export interface PersonCount<T> {
  /** Persons who may be counted, each with the merged data of her records. */
  persons: CountedPerson<T>[];
  /** Persons who may not be counted (never asked, or withdrew last). */
  notCounted: number;
  /** One part per person for the next level up (organisation → network); data null when she is not counted. */
  parts: PersonPart<T>[];
}

/**
 * Groups parts into persons and applies the statistics consent gate to each
 * person over all her consent records; a counted person's data is the merge of
 * her parts that have data. Feeding `parts` into another count (with parts of
 * other organisations) counts again at that level, with the same rule.
 * @example countPersons(casesOfOrganisation, mergeCases).parts // → one part per person, for the network count
 */
export function countPersons<T>(
  parts: readonly PersonPart<T>[],
  merge: (data: T[], personId: string) => T,
): PersonCount<T> {
  const result: PersonCount<T> = { persons: [], notCounted: 0, parts: [] };
  for (const group of groupPersons(parts)) {
    const consents = group.members.flatMap((m) => m.consents);
    const data = group.members.flatMap((m) => (m.data === null ? [] : [m.data]));
    if (!mayBeCountedInStatistics(consents) || data.length === 0) {
      result.notCounted += 1;
      result.parts.push({ keys: group.keys, consents, data: null });
      continue;
    }
    const merged = merge(data, group.personId);
    result.persons.push({ personId: group.personId, keys: group.keys, consents, data: merged });
    result.parts.push({ keys: group.keys, consents, data: merged });
  }
  return result;
}

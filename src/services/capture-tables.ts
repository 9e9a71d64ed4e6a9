/**
 * Capture-history tables for multiple systems estimation: read from an
 * uploaded spreadsheet, or built from the network's own records, where each
 * list is an organisation or an identification channel and each person counts
 * once through the linkage clusters.
 */
import { consentEventsFromRecords } from '../domain/cases/consent';
import type { CandidateLink, LinkageUncertainty } from '../domain/mse/linkage-error';
import { countPersons, type PersonPart } from '../domain/statistics/persons';
import type { Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { linkageRepo } from '../storage/repositories/linkage';
import { linkageLinksRepo } from '../storage/repositories/linkage-links';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { asMember, networkMembers, networkPersonIds } from './network-scope';

// The workbook reader is pure (domain/mse/xlsx.ts) so the MSE worker threads can load it without the database layer.
export { captureTableFromXlsx } from '../domain/mse/xlsx';

export type CaptureLists = 'organisation' | 'channel';

export interface NetworkCaptureHistories {
  by: CaptureLists;
  lists: string[];
  rows: { lists: number[]; count: number }[];
  persons: number;
  csv: string;
  note: string;
}

/**
 * The linkage behind a network capture table, for the MSE to redraw (issue #21): counts and pseudonymous
 * structure only, never leaving the server; what leaves is the interval and these counts.
 */
export interface CaptureLinkage {
  /** The linkage run the links and probabilities come from. */
  runId: string;
  uncertainty: LinkageUncertainty;
  /** Links whose probability lies strictly between 0 and 1: linked pairs and review-band non-links. */
  uncertainPairs: number;
}

/**
 * Which persons appear on which lists across the caller's networks. Only persons
 * who consented to anonymous statistics are counted; a person known to several
 * organisations is one person through record linkage.
 */
export async function networkCaptureHistories(
  ctx: AppContext,
  actor: Actor,
  by: CaptureLists,
): Promise<NetworkCaptureHistories> {
  return (await captureTable(ctx, actor, by, false)).histories;
}

/**
 * The network capture table with the linkage it rests on: every linked pair of the latest linkage run with
 * its estimated match probability, and the run's review-band pairs (not linked) with theirs. Null linkage
 * when no run has finished.
 */
export async function networkCaptureLinkage(
  ctx: AppContext,
  actor: Actor,
  by: CaptureLists,
): Promise<{ histories: NetworkCaptureHistories; linkage: CaptureLinkage | null }> {
  return captureTable(ctx, actor, by, true);
}

async function captureTable(
  ctx: AppContext,
  actor: Actor,
  by: CaptureLists,
  withLinkage: boolean,
): Promise<{ histories: NetworkCaptureHistories; linkage: CaptureLinkage | null }> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const members = await networkMembers(ctx, actor);
  // Each member's persons (her cases merged, one consent gate per person), then persons across members by their identity keys.
  const union = (sets: Set<string>[]) => new Set(sets.flatMap((set) => [...set]));
  const parts: PersonPart<Set<string>>[] = [];
  for (const member of members) {
    parts.push(
      ...(await asMember(ctx, actor, member.id, async (tx) => {
        const cases = await casesRepo.casesWithChannel(tx, member.id);
        const consents = await caseEntriesRepo.listCurrent(
          tx,
          member.id,
          cases.map((c) => c.caseId),
          'consent',
        );
        const keys = await networkPersonIds(
          tx,
          member.id,
          cases.map((c) => c.personId),
        );
        return countPersons(
          cases.map((c) => ({
            // The record's own key ties a part to the linkage's records; unique, so it merges nothing more.
            keys: [...(keys.get(c.personId) ?? []), `${RECORD}${member.id}/${c.personId}`],
            consents: consentEventsFromRecords(consents.filter((e) => e.caseId === c.caseId)),
            data: new Set([by === 'organisation' ? member.name : c.channel]),
          })),
          union,
        ).parts;
      })),
    );
  }
  const counted = countPersons(parts, union).persons;
  const listsOf = new Map(counted.map((p) => [p.personId, p.data]));
  const lists = [...new Set([...listsOf.values()].flatMap((s) => [...s]))].sort();
  const counts = new Map<string, number>();
  for (const set of listsOf.values()) {
    const key = lists.map((l) => (set.has(l) ? 1 : 0)).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([key, count]) => ({ lists: key.split(',').map(Number), count }));
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const csv =
    [[...lists.map(quote), 'count'].join(','), ...rows.map((r) => [...r.lists, r.count].join(','))].join('\n') + '\n';
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.capture_histories',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [by],
    }),
  );
  const histories = {
    by,
    lists,
    rows,
    persons: listsOf.size,
    csv,
    note: 'Persons who consented to anonymous statistics, across the organisations of your networks; a person known to several of them is counted once through record linkage (as of the last linkage run).',
  };
  return { histories, linkage: withLinkage ? await linkageOf(ctx, lists, parts, counted) : null };
}

/** The key of one organisation's person record: `rec:<organisation id>/<person id>`. */
const RECORD = 'rec:';

/**
 * Each member's part (one organisation's person) is a record on the lists of its data, or on none when the
 * network person is not counted (a record on no list may still join two that are). Links:
 * - records sharing a key other than a linkage cluster (a network person id carried by a transfer): certain;
 * - the latest run's links the clustering kept (both ends in one cluster), with their match probability
 *   (certain when the run had none: fixed Dice thresholds); ends outside the table are records on no list;
 * - the run's review-band pairs still pending, with their probability, as links the linkage did not make
 *   (a reviewer's decision is certain: a confirmed pair is linked, a rejected one never);
 * - members of one cluster the kept links do not join (a confirmed pair, a path through a record left out)
 *   are joined with certainty, so the linkage as decided gives exactly the table.
 * A redrawn linkage keeps each person's consent gate as decided, and does not re-apply the solver's one
 * record per organisation.
 */
async function linkageOf(
  ctx: AppContext,
  lists: readonly string[],
  parts: readonly PersonPart<Set<string>>[],
  counted: readonly { keys: readonly string[]; data: Set<string> }[],
): Promise<CaptureLinkage | null> {
  const stored = await withSystem(ctx.db, async (tx) => {
    const run = await linkageRepo.latestRun(tx);
    if (!run) return null;
    return {
      runId: run.id,
      links: await linkageLinksRepo.links(tx),
      reviews: await linkageLinksRepo.reviewPairsOf(tx, run.id),
      clusters: await linkageRepo.clusterAssignments(tx),
    };
  });
  if (!stored) return null;
  const countedKeys = new Set(counted.flatMap((p) => p.keys));
  const bit = (list: string) => 1 << lists.indexOf(list);
  const records: number[] = parts.map((part) =>
    part.data && countedKeys.has(part.keys[0]) ? [...part.data].reduce((mask, l) => mask | bit(l), 0) : 0,
  );
  const nodeOf = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const key of part.keys) if (key.startsWith(RECORD)) nodeOf.set(key.slice(RECORD.length), i);
  });
  const parted = new Set(nodeOf.keys());
  // A pair with neither record in the table changes none of its persons (short of a chain of them).
  const touches = (a: [string, string], b: [string, string]) => parted.has(a.join('/')) || parted.has(b.join('/'));
  const node = (organisationId: string, personId: string) => {
    const ref = `${organisationId}/${personId}`;
    let at = nodeOf.get(ref);
    if (at === undefined) {
      at = records.push(0) - 1;
      nodeOf.set(ref, at);
    }
    return at;
  };
  const links: CandidateLink[] = [];
  const holder = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const key of part.keys) {
      if (key.startsWith(RECORD) || key.startsWith('cluster:')) continue;
      const other = holder.get(key);
      if (other === undefined) holder.set(key, i);
      else links.push({ a: other, b: i, probability: 1, linked: true });
    }
  });
  const clusterOf = new Map(stored.clusters.map((m) => [`${m.organisation_id}/${m.person_id}`, m.cluster_id]));
  for (const l of stored.links) {
    const cluster = clusterOf.get(`${l.aOrganisationId}/${l.aPersonId}`);
    if (!cluster || cluster !== clusterOf.get(`${l.bOrganisationId}/${l.bPersonId}`)) continue;
    if (!touches([l.aOrganisationId, l.aPersonId], [l.bOrganisationId, l.bPersonId])) continue;
    const [a, b] = [node(l.aOrganisationId, l.aPersonId), node(l.bOrganisationId, l.bPersonId)];
    links.push({ a, b, probability: l.probability ?? 1, linked: true });
  }
  for (const r of stored.reviews) {
    if (r.status === 'non_match' || (r.status === 'pending' && r.probability == null)) continue;
    if (!touches([r.a_organisation_id, r.a_person_id], [r.b_organisation_id, r.b_person_id])) continue;
    const [a, b] = [node(r.a_organisation_id, r.a_person_id), node(r.b_organisation_id, r.b_person_id)];
    if (r.status === 'match') links.push({ a, b, probability: 1, linked: true });
    else links.push({ a, b, probability: r.probability!, linked: false });
  }
  // Members of one cluster: joined with certainty where the kept links leave them apart.
  const parent = records.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const l of links) if (l.linked) parent[root(l.a)] = root(l.b);
  const first = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const key of part.keys) {
      if (!key.startsWith('cluster:')) continue;
      const other = first.get(key);
      if (other === undefined) first.set(key, i);
      else if (root(other) !== root(i)) {
        links.push({ a: other, b: i, probability: 1, linked: true });
        parent[root(other)] = root(i);
      }
    }
  });
  return {
    runId: stored.runId,
    uncertainty: { lists: [...lists], records, links },
    uncertainPairs: links.filter((l) => l.probability > 0 && l.probability < 1).length,
  };
}

/**
 * Capture-history tables for multiple systems estimation: read from an
 * uploaded spreadsheet, or built from the network's own records, where each
 * list is an organisation or an identification channel and each person counts
 * once through the linkage clusters.
 */
import { consentEventsFromRecords } from '../domain/cases/consent';
import { countPersons, type PersonPart } from '../domain/statistics/persons';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
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
 * Which persons appear on which lists across the caller's networks. Only persons
 * who consented to anonymous statistics are counted; a person known to several
 * organisations is one person through record linkage.
 */
export async function networkCaptureHistories(
  ctx: AppContext,
  actor: Actor,
  by: CaptureLists,
): Promise<NetworkCaptureHistories> {
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
            keys: keys.get(c.personId) ?? [`person:${member.id}:${c.personId}`],
            consents: consentEventsFromRecords(consents.filter((e) => e.caseId === c.caseId)),
            data: new Set([by === 'organisation' ? member.name : c.channel]),
          })),
          union,
        ).parts;
      })),
    );
  }
  const listsOf = new Map(countPersons(parts, union).persons.map((p) => [p.personId, p.data]));
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
  return {
    by,
    lists,
    rows,
    persons: listsOf.size,
    csv,
    note: 'Persons who consented to anonymous statistics, across the organisations of your networks; a person known to several of them is counted once through record linkage (as of the last linkage run).',
  };
}

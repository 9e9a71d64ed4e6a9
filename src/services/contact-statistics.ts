/**
 * Counting contacts (issue #18): the organisation's contacts per month by channel and by territory,
 * and its persons (distinct chains), protected by the same small-cell suppression as the person
 * reports and the same disclosure floors. Network scope (coordinators): every member's log is read in
 * that member's own tenant transaction and leaves it as counts per group only; contacts add up across
 * members, and so do persons (a chain belongs to one organisation: a person known to two posts is two chains).
 */
import { contactStatistics, type ContactStatistics } from '../domain/statistics/contacts';
import { effectiveThreshold, loadLpSolver } from '../domain/statistics';
import type { ContactCell, PersonGroup } from '../domain/statistics/contacts';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { contactHandoffsRepo } from '../storage/repositories/contact-handoffs';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { reportFloor } from './disclosure-floors';
import { asMember, networkMembers } from './network-scope';

export interface ContactStatisticsQuery {
  /** YYYY-MM, inclusive. */
  from: string;
  to: string;
  scope?: 'organisation' | 'network';
  threshold?: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function contactStatisticsReport(
  ctx: AppContext,
  actor: Actor,
  query: ContactStatisticsQuery,
): Promise<ContactStatistics> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  if (!MONTH.test(query.from) || !MONTH.test(query.to) || query.from > query.to)
    throw errors.badRequest('invalid_period', 'The period runs from one month (YYYY-MM) to a later one');
  const [fy, fm] = query.from.split('-').map(Number);
  const [ty, tm] = query.to.split('-').map(Number);
  if ((ty - fy) * 12 + (tm - fm) >= 60) throw errors.badRequest('invalid_period', 'The period is at most 60 months');
  const network = query.scope === 'network';
  const members = network
    ? await networkMembers(ctx, actor)
    : [await organisationsRepo.summaryOf(ctx.db.system, actor.organisationId)];
  const threshold = effectiveThreshold(
    query.threshold,
    await reportFloor(
      ctx,
      actor,
      network ? 'network' : 'organisation',
      members.map((m) => m.id),
    ),
  );
  const start = new Date(Date.UTC(fy, fm - 1, 1));
  const end = new Date(Date.UTC(ty, tm, 1));
  // Aggregated in each member's database transaction; only counts per group come back.
  const cells = new Map<string, ContactCell>();
  const persons = new Map<string, PersonGroup>();
  for (const member of members) {
    const counts = await asMember(ctx, actor, member.id, async (tx) => ({
      cells: await contactHandoffsRepo.contactCounts(tx, member.id, start, end),
      persons: await contactHandoffsRepo.personCounts(tx, member.id, start, end),
    }));
    for (const c of counts.cells) {
      const key = `${c.month}\u0000${c.kind}\u0000${c.place}`;
      const prev = cells.get(key);
      cells.set(key, { ...c, contacts: (prev?.contacts ?? 0) + c.contacts });
    }
    for (const p of counts.persons) {
      const key = `${p.month ?? ''}\u0000${p.kind ?? ''}`;
      const prev = persons.get(key);
      persons.set(key, { ...p, persons: (prev?.persons ?? 0) + p.persons });
    }
  }
  const names = members.map((m) => m.name).join(', ');
  const result = contactStatistics(
    [...cells.values()],
    [...persons.values()],
    { from: query.from, to: query.to },
    {
      description: network
        ? `Contacts recorded by the organisations of the network (${names}); persons are counted per organisation (chains are not linked across organisations)`
        : `Contacts recorded by ${names}`,
      organisationIds: members.map((m) => m.id),
    },
    new Date().toISOString(),
    await loadLpSolver(),
    { threshold },
  );
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.contacts',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [network ? 'network' : 'organisation'],
    }),
  );
  return result;
}

/**
 * Labour-market statistics (issue #19) for coordinators: persons, not cases, through the one
 * statistics consent gate; at network scope each member's records are read in its own tenant
 * transaction, reduced to codes and dates, persons known to several members counted once through
 * their identity keys, and only the suppressed aggregates leave (see network-scope.ts).
 */
import { consentEventsFromRecords } from '../domain/cases/consent';
import { toIsoDate } from '../domain/cases/dates';
import { hasLabourRecords, LABOUR_KINDS, labourRecordsFrom, mergeLabourRecords } from '../domain/outcomes/economic';
import { labourStatistics, type LabourPerson } from '../domain/statistics/labour';
import { countPersons, type PersonPart } from '../domain/statistics/persons';
import { effectiveThreshold } from '../domain/statistics/threshold';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { labourStatisticsRepo } from '../storage/repositories/labour-statistics';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { reportFloor } from './disclosure-floors';
import { asMember, networkMembers, networkPersonIds } from './network-scope';

export type LabourScope = 'organisation' | 'network';

const READ = new Set<string>([...LABOUR_KINDS, 'consent']);

/** Her persons' parts in one organisation: identity keys, consent records, labour records (codes and dates). */
async function labourPartsOf(tx: Tx, organisationId: string) {
  const cases = await casesRepo.casesWithContactDate(tx, organisationId);
  const entries = (
    await caseEntriesRepo.listCurrent(
      tx,
      organisationId,
      cases.map((c) => c.caseId),
    )
  ).filter((e) => READ.has(e.kind));
  const byCase = new Map<string, typeof entries>();
  for (const e of entries) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const keys = await networkPersonIds(
    tx,
    organisationId,
    cases.map((c) => c.personId),
  );
  const parts: PersonPart<LabourPerson>[] = cases.map((c) => {
    const own = byCase.get(c.caseId) ?? [];
    return {
      keys: keys.get(c.personId) ?? [`person:${organisationId}:${c.personId}`],
      consents: consentEventsFromRecords(own.filter((e) => e.kind === 'consent')),
      data: { intakeDate: toIsoDate(new Date(c.contactDate)), records: labourRecordsFrom(own) },
    };
  });
  return { parts, territories: await labourStatisticsRepo.ownEmployerTerritories(tx, organisationId) };
}

/** Her records from several cases or members as one: her earliest intake, every record. */
const mergePersons = (people: LabourPerson[]): LabourPerson => ({
  intakeDate: people.map((p) => p.intakeDate).sort()[0],
  records: mergeLabourRecords(people.map((p) => p.records)),
});

/**
 * The labour statistics of the organisation or of its networks, protected before they leave.
 * `asOf` (default today) is the date the 6- and 12-month horizons are judged against.
 */
export async function labourStatisticsReport(
  ctx: AppContext,
  actor: Actor,
  options: { scope?: LabourScope; threshold?: number; asOf?: string } = {},
) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const scope = options.scope ?? 'organisation';
  const members = scope === 'network' ? await networkMembers(ctx, actor) : [{ id: actor.organisationId, name: '' }];
  const threshold = effectiveThreshold(
    options.threshold,
    await reportFloor(
      ctx,
      actor,
      scope,
      members.map((m) => m.id),
    ),
  );
  const parts: PersonPart<LabourPerson>[] = [];
  const territories = new Map<string, string>();
  for (const member of members) {
    const own = await asMember(ctx, actor, member.id, (tx) => labourPartsOf(tx, member.id));
    // One person per member first (her cases there), then across members through her identity keys.
    parts.push(...countPersons(own.parts, mergePersons).parts);
    for (const [id, territory] of own.territories) territories.set(id, territory);
  }
  const counted = countPersons(parts, mergePersons);
  const persons = counted.persons.map((p) => p.data).filter((p) => hasLabourRecords(p.records));
  const asOf = options.asOf ?? toIsoDate(new Date());
  const stats = labourStatistics(persons, { threshold, asOf, employerTerritory: territories });
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.labour',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [scope],
    }),
  );
  const names = scope === 'network' ? members.map((m) => m.name).join(', ') : null;
  return {
    ...stats,
    scope,
    organisations: members.map((m) => m.id),
    personsWithoutConsent: counted.notCounted > 0,
    provenance: {
      counts: 'persons' as const,
      generatedAt: new Date().toISOString(),
      asOf,
      scope:
        names === null
          ? 'Persons of one organisation (persons known to several organisations are deduplicated only at network scope)'
          : `Persons of the organisations of the network (${names}); a person known to several of them is counted once`,
      source:
        'Ariadne case records: guidance sessions, training, internships, job placements and their follow-ups (codes and dates only)',
      deduplication: 'persons deduplicated upstream; one fact per person' as const,
      // Stated only as the shown base count, never from the true one.
      ...('value' in stats.persons ? { personsCounted: stats.persons.value } : {}),
      disclosureControl: [
        `Counts from 1 to ${threshold - 1} and zeros hidden; a count is also hidden under a hidden count, or when it differs from a count it is part of by 1 to ${threshold - 1}.`,
        'Shares, quartiles and costs are shown only with the count they are about.',
        'Still in work at 6 and 12 months: only persons whose 6 (12) months after their first placement have passed and whose work status then is recorded (end date or follow-up).',
        'Persons who have not consented to anonymous statistics are not counted.',
      ],
    },
  };
}

export type LabourStatisticsResult = Awaited<ReturnType<typeof labourStatisticsReport>>;

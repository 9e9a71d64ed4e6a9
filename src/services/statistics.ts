/**
 * Person-based reports for the organisation: facts are built from case records
 * (one per person, only with consent to anonymous statistics), then tabulated,
 * protected by small-cell suppression and exported with their provenance.
 */
import { consentEventsFromRecords } from '../domain/cases/consent';
import { ageOn } from '../domain/cases/person';
import {
  ageBandOf,
  crossTabulate,
  effectiveThreshold,
  loadLpSolver,
  POPULATIONS,
  protectReport,
  reportToCsv,
  reportToXlsx,
  toCtdcAggregate,
  type DimensionKey,
  type HtcdsSourceRecord,
  type PersonFact,
  type PersonStatus,
  type PublishedReport,
  type Report,
  type StandardPopulationKey,
  type TabulateOptions,
} from '../domain/statistics';
import { countPersons, type PersonPart } from '../domain/statistics/persons';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { asMember, networkMembers, networkPersonIds, type Member } from './network-scope';
import type { Tx } from '../storage/database';
import { openIdentity } from './person-identity';
import { reportFloor } from './disclosure-floors';
import { runInWorker } from './workers';

export interface ReportQuery {
  population: StandardPopulationKey;
  rows: DimensionKey;
  cols: DimensionKey;
  from: number;
  to: number;
  /** Omitted: the floor set for these data; never below it. */
  threshold?: number;
  /** network: every organisation in the caller's networks, persons deduplicated through linkage. */
  scope?: 'organisation' | 'network';
}

export interface PersonRecord {
  /** Her unified person id (from her identity keys), never a case id. */
  personId: string;
  year: number;
  /** Dates (ISO) of her earliest and latest intake: which record tells where she started, and where she is now. */
  firstContact: string;
  lastContact: string;
  sex: string;
  ageBand: PersonFact['ageBand'];
  citizenship: string | null;
  forms: string[];
  channel: string | null;
  programme: string | null;
  outcome: string;
  statuses: Set<PersonStatus>;
  /** For case-level exports (HTCDS); reports do not read these. */
  detail: Omit<HtcdsSourceRecord, 'sex' | 'citizenship' | 'firstContactYear' | 'channel' | 'formsOfExploitation'>;
}

const latest = (entries: { kind: string; data: Record<string, unknown> }[], kind: string) =>
  entries.filter((e) => e.kind === kind).at(-1)?.data;

/** What each person counts as; the populations decide which of these they read. */
function statusesOf(entries: { kind: string; data: Record<string, unknown> }[]): Set<PersonStatus> {
  const statuses = new Set<PersonStatus>();
  const byOrg = latest(entries, 'determination_organisation')?.outcome === 'determined';
  const byAuthority = latest(entries, 'determination_authority')?.outcome === 'determined';
  if (byOrg) statuses.add('determined_victim_org');
  if (byAuthority) statuses.add('determined_victim_authority');
  // Found not to be a victim (by the organisation or an authority) means no longer a potential one, unless
  // another determination is still pending: the same rule as the HTCDS NotAVictimOfTrafficking status.
  const decided = [
    latest(entries, 'determination_organisation')?.outcome,
    latest(entries, 'determination_authority')?.outcome,
  ].filter((o) => o !== undefined);
  const notVictim = decided.length > 0 && decided.every((o) => o === 'not_determined');
  if (!byOrg && !byAuthority && !notVictim) statuses.add('potential_victim');
  if (entries.some((e) => e.kind === 'service')) statuses.add('assisted');
  if (latest(entries, 'migration_status')?.status === 'irregular') statuses.add('irregular_migration');
  if (latest(entries, 'sex_work')?.doesSexWork === 'yes') statuses.add('sex_work');
  // Its own record, never derived from trafficking records: smuggling is a separate category.
  if (latest(entries, 'smuggling')?.smuggled === 'yes') statuses.add('smuggling');
  return statuses;
}

/** What one organisation gives a network count about one person: her identity keys, consent records and record (null: not counted). */
export type StatisticsPart = PersonPart<PersonRecord>;

/**
 * One record per person of one organisation who may be counted in statistics
 * (mayBeCountedInStatistics over the consent records of all her cases).
 * Persons, not cases: her cases on one person row, and person rows that share
 * an identity key (network person id, linkage cluster), are one person whose
 * records are merged. `parts` holds every person, counted or not, for the
 * network count; `withoutConsent` counts persons, not cases.
 */
export async function personRecords(
  ctx: AppContext,
  tx: Tx,
  organisationId: string,
): Promise<{ records: PersonRecord[]; withoutConsent: number; parts: StatisticsPart[] }> {
  const rows = await casesRepo.statisticsSources(tx, organisationId);
  const entries = await caseEntriesRepo.listCurrent(
    tx,
    organisationId,
    rows.map((r) => r.caseId),
  );
  const identityKeys = await networkPersonIds(
    tx,
    organisationId,
    rows.map((r) => r.personId),
  );
  const byCase = new Map<string, typeof entries>();
  for (const e of entries) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  // The gate first, per person over all her cases: nothing is decrypted for a person who may not be counted.
  const count = countPersons(
    rows.map((row) => ({
      keys: identityKeys.get(row.personId) ?? [`person:${organisationId}:${row.personId}`],
      consents: consentEventsFromRecords((byCase.get(row.caseId) ?? []).filter((e) => e.kind === 'consent')),
      data: [row],
    })),
    (cases) => cases.flat(),
  );
  const identities = new Map<string, Awaited<ReturnType<typeof openIdentity>>>();
  const records: PersonRecord[] = [];
  for (const person of count.persons) {
    const ofCases: PersonRecord[] = [];
    for (const row of person.data) {
      const identity = identities.get(row.personId) ?? (await openIdentity(ctx, organisationId, row.identityEnc));
      identities.set(row.personId, identity);
      const caseEntries = byCase.get(row.caseId) ?? [];
      const contact = new Date(row.contactDate);
      const identification = latest(caseEntries, 'identification');
      const ageAtFirstContact = identity.dateOfBirth ? ageOn(identity.dateOfBirth, contact) : null;
      const outcomeOf = (kind: string) =>
        (latest(caseEntries, kind)?.outcome as HtcdsSourceRecord['determinationByOrganisation']) ?? null;
      ofCases.push({
        personId: person.personId,
        year: contact.getUTCFullYear(),
        firstContact: contact.toISOString(),
        lastContact: contact.toISOString(),
        sex: row.sex,
        ageBand: ageBandOf(ageAtFirstContact),
        citizenship: identity.citizenship ?? null,
        forms: (identification?.formsOfExploitation as string[] | undefined) ?? [],
        channel: row.channel,
        programme: row.programme,
        outcome: row.status === 'closed' ? `closed_${row.closureReason}` : row.status,
        statuses: statusesOf(caseEntries),
        detail: {
          ageAtFirstContact,
          caseStatus: row.status,
          methodsOfControl: (identification?.methodsOfControl as string[] | undefined) ?? [],
          recruiterRelationship: (identification?.recruiterRelationship as string | undefined) ?? null,
          determinationByOrganisation: outcomeOf('determination_organisation'),
          determinationByAuthority: outcomeOf('determination_authority'),
        },
      });
    }
    records.push(mergePersonRecords(ofCases, person.personId));
  }
  const parts: StatisticsPart[] = [
    ...count.persons.map((p, i) => ({ keys: p.keys, consents: p.consents, data: records[i] })),
    ...count.parts.filter((p) => p.data === null).map((p) => ({ keys: p.keys, consents: p.consents, data: null })),
  ];
  return { records, withoutConsent: count.notCounted, parts };
}

/**
 * One record for one person from several of hers (her cases in one
 * organisation, or her records in several): where she started from her earliest
 * record (year, first contact, channel, age band), where she is now from her
 * latest (outcome, programme, case status, determinations), and every form of
 * exploitation, method of control and status any of them recorded. She is a
 * potential victim only while no record has her determined.
 */
export function mergePersonRecords(records: PersonRecord[], personId: string): PersonRecord {
  const byFirst = [...records].sort((a, b) => a.firstContact.localeCompare(b.firstContact));
  const byLatest = [...records].sort((a, b) => b.lastContact.localeCompare(a.lastContact));
  const [first, last] = [byFirst[0], byLatest[0]];
  const known = <V>(list: PersonRecord[], value: (r: PersonRecord) => V | null | undefined): V | null =>
    list.map(value).find((v) => v !== null && v !== undefined) ?? null;
  const union = (values: (r: PersonRecord) => readonly string[]) => [...new Set(byFirst.flatMap(values))];
  const statuses = new Set(byFirst.flatMap((r) => [...r.statuses]));
  const determinations = {
    organisation: known(byLatest, (r) => r.detail.determinationByOrganisation),
    authority: known(byLatest, (r) => r.detail.determinationByAuthority),
  };
  if (statuses.has('determined_victim_org') || statuses.has('determined_victim_authority'))
    statuses.delete('potential_victim');
  // Found not to be a victim by whoever decided last, with nothing pending: no longer a potential victim,
  // even if another organisation that never assessed her would have counted her as one (the statusesOf rule).
  const decided = [determinations.organisation, determinations.authority].filter((o) => o !== null);
  if (decided.length > 0 && decided.every((o) => o === 'not_determined')) statuses.delete('potential_victim');
  return {
    personId,
    year: first.year,
    firstContact: first.firstContact,
    lastContact: last.lastContact,
    sex: byFirst.find((r) => r.sex !== 'unknown')?.sex ?? first.sex,
    ageBand: first.ageBand,
    citizenship: known(byFirst, (r) => r.citizenship),
    forms: union((r) => r.forms),
    channel: known(byFirst, (r) => r.channel),
    programme: known(byLatest, (r) => r.programme),
    outcome: last.outcome,
    statuses,
    detail: {
      ageAtFirstContact: first.detail.ageAtFirstContact,
      caseStatus: last.detail.caseStatus,
      methodsOfControl: union((r) => r.detail.methodsOfControl),
      recruiterRelationship: known(byFirst, (r) => r.detail.recruiterRelationship),
      determinationByOrganisation: determinations.organisation,
      determinationByAuthority: determinations.authority,
    },
  };
}

/** Facts for one population: a person belongs when any of her statuses is one of the population's. */
function factsFor(records: PersonRecord[], population: StandardPopulationKey): PersonFact[] {
  const wanted = POPULATIONS[population].statuses as readonly PersonStatus[];
  return records.flatMap((r) => {
    const status = wanted.find((s) => r.statuses.has(s));
    return status
      ? [
          {
            personId: r.personId,
            yearFirstIdentified: r.year,
            sex: r.sex,
            ageBand: r.ageBand,
            citizenship: r.citizenship,
            formsOfExploitation: r.forms,
            identificationChannel: r.channel,
            programmeType: r.programme,
            outcome: r.outcome,
            status,
          },
        ]
      : [];
  });
}

export async function organisationReport(ctx: AppContext, actor: Actor, query: ReportQuery): Promise<PublishedReport> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
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
  const report = await tabulateMembers(ctx, actor, query, members, network);
  const published = protectReport(report, await loadLpSolver(), { threshold });
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.report',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: [query.population, query.rows, query.cols],
    }),
  );
  return published;
}

/**
 * The true (unprotected) person counts over some member organisations; callers
 * protect them (suppression or noise) before anything leaves the server.
 */
export async function tabulateMembers(
  ctx: AppContext,
  actor: Actor,
  query: Omit<ReportQuery, 'threshold' | 'scope'>,
  members: Member[],
  network: boolean,
  tabulation: Pick<TabulateOptions, 'categories' | 'closedCategories'> = {},
): Promise<Report> {
  const parts: StatisticsPart[] = [];
  for (const member of members)
    parts.push(...(await asMember(ctx, actor, member.id, (tx) => personRecords(ctx, tx, member.id))).parts);
  // Persons across members: one identity key in common (a transfer, a linkage cluster) makes one person, judged by the one consent gate.
  const counted = countPersons(parts, mergePersonRecords);
  const records = counted.persons.map((p) => p.data);
  const withoutConsent = counted.notCounted;
  const names = members.map((m) => m.name).join(', ');
  const report = crossTabulate(
    factsFor(records, query.population),
    POPULATIONS[query.population],
    query.rows,
    query.cols,
    {
      period: { from: query.from, to: query.to },
      scope: network
        ? {
            description: `Persons assisted by the organisations of the network (${names}); a person known to several of them is counted once, through privacy-preserving record linkage`,
            organisationIds: members.map((m) => m.id),
          }
        : {
            description: `Persons assisted by ${names} (one organisation; people known to several organisations are deduplicated only in network reports)`,
            organisationIds: [actor.organisationId],
          },
      generatedAt: new Date().toISOString(),
      source: `Ariadne case records of ${names}: one fact per person, from intake, identification, determination and service records`,
      ...tabulation,
    },
  );
  // Private releases always carry the note: whether anyone declined is itself a fact about the data.
  if (withoutConsent > 0 || tabulation.closedCategories)
    report.notes.push('Persons who have not consented to anonymous statistics are not counted.');
  return report;
}

/**
 * The report as a file. With `offload` (the server), the workbook is written in a worker thread:
 * zipping a large XLSX would otherwise hold the event loop for every organisation.
 */
export async function exportReport(
  report: PublishedReport,
  format: 'csv' | 'xlsx' | 'ctdc',
  offload?: { ctx: AppContext; organisationId: string },
): Promise<{ body: string | Buffer; contentType: string; extension: string }> {
  if (format === 'csv') return { body: reportToCsv(report), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  if (format === 'xlsx') {
    const body = offload
      ? Buffer.from(
          await runInWorker(offload.ctx, 'export.report-xlsx', { report }, { organisationId: offload.organisationId }),
        )
      : await reportToXlsx(report);
    return {
      body,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  }
  return { body: JSON.stringify(toCtdcAggregate(report), null, 2), contentType: 'application/json', extension: 'json' };
}

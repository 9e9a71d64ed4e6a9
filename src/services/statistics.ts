/**
 * Person-based reports for the organisation: facts are built from case records
 * (one per person, only with consent to anonymous statistics), then tabulated,
 * protected by small-cell suppression and exported with their provenance.
 */
import { consentEventsFromRecords, currentConsents } from '../domain/cases/consent';
import { ageOn } from '../domain/cases/person';
import {
  ageBandOf, crossTabulate, effectiveThreshold, loadLpSolver, POPULATIONS, protectReport, reportToCsv, reportToXlsx, toCtdcAggregate,
  type DimensionKey, type HtcdsSourceRecord, type PersonFact, type PersonStatus, type PublishedReport, type Report, type StandardPopulationKey, type TabulateOptions,
} from '../domain/statistics';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { asMember, networkMembers, networkPersonIds, type Member } from './network-scope';
import type { Tx } from '../storage/database';
import { openIdentity } from './person-identity';
import { reportFloor } from './disclosure-floors';

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
  personId: string;
  year: number;
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

const latest = (entries: { kind: string; data: Record<string, unknown> }[], kind: string) => entries.filter((e) => e.kind === kind).at(-1)?.data;

/** What each person counts as; the populations decide which of these they read. */
function statusesOf(entries: { kind: string; data: Record<string, unknown> }[]): Set<PersonStatus> {
  const statuses = new Set<PersonStatus>();
  const byOrg = latest(entries, 'determination_organisation')?.outcome === 'determined';
  const byAuthority = latest(entries, 'determination_authority')?.outcome === 'determined';
  if (byOrg) statuses.add('determined_victim_org');
  if (byAuthority) statuses.add('determined_victim_authority');
  // Found not to be a victim (by the organisation or an authority) means no longer a potential one, unless
  // another determination is still pending: the same rule as the HTCDS NotAVictimOfTrafficking status.
  const decided = [latest(entries, 'determination_organisation')?.outcome, latest(entries, 'determination_authority')?.outcome].filter((o) => o !== undefined);
  const notVictim = decided.length > 0 && decided.every((o) => o === 'not_determined');
  if (!byOrg && !byAuthority && !notVictim) statuses.add('potential_victim');
  if (entries.some((e) => e.kind === 'service')) statuses.add('assisted');
  if (latest(entries, 'migration_status')?.status === 'irregular') statuses.add('irregular_migration');
  if (latest(entries, 'sex_work')?.doesSexWork === 'yes') statuses.add('sex_work');
  // Its own record, never derived from trafficking records: smuggling is a separate category.
  if (latest(entries, 'smuggling')?.smuggled === 'yes') statuses.add('smuggling');
  return statuses;
}

/** One record per person of one organisation who consented to anonymous statistics; personId is her network person id. */
export async function personRecords(ctx: AppContext, tx: Tx, organisationId: string): Promise<{ records: PersonRecord[]; withoutConsent: number }> {
  const rows = await tx.selectFrom('cases')
    .innerJoin('persons', (j) => j.onRef('persons.organisation_id', '=', 'cases.organisation_id').onRef('persons.id', '=', 'cases.person_id'))
    .innerJoin('case_intakes', (j) => j.onRef('case_intakes.organisation_id', '=', 'cases.organisation_id').onRef('case_intakes.case_id', '=', 'cases.id'))
    .select(['cases.id as caseId', 'cases.person_id as personId', 'cases.status', 'cases.closure_reason as closureReason', 'cases.programme_type as programme',
      'persons.sex', 'persons.identity_enc as identityEnc', 'case_intakes.channel', 'case_intakes.contact_date as contactDate'])
    .where('cases.organisation_id', '=', organisationId).execute();
  const entries = await caseEntriesRepo.listCurrent(tx, organisationId, rows.map((r) => r.caseId));
  const networkIds = await networkPersonIds(tx, organisationId, rows.map((r) => r.personId));
  const byCase = new Map<string, typeof entries>();
  for (const e of entries) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const records: PersonRecord[] = [];
  let withoutConsent = 0;
  for (const row of rows) {
    const caseEntries = byCase.get(row.caseId) ?? [];
    const consents = currentConsents(consentEventsFromRecords(caseEntries.filter((e) => e.kind === 'consent')));
    if (!consents.some((c) => c.purpose === 'anonymous_statistics' && c.granted)) { withoutConsent += 1; continue; }
    const identity = await openIdentity(ctx, organisationId, row.identityEnc);
    const contact = new Date(row.contactDate);
    const identification = latest(caseEntries, 'identification');
    const ageAtFirstContact = identity.dateOfBirth ? ageOn(identity.dateOfBirth, contact) : null;
    const outcomeOf = (kind: string) => (latest(caseEntries, kind)?.outcome as HtcdsSourceRecord['determinationByOrganisation']) ?? null;
    records.push({
      personId: networkIds.get(row.personId)!, year: contact.getUTCFullYear(), sex: row.sex,
      ageBand: ageBandOf(ageAtFirstContact),
      citizenship: identity.citizenship ?? null, forms: (identification?.formsOfExploitation as string[] | undefined) ?? [],
      channel: row.channel, programme: row.programme, outcome: row.status === 'closed' ? `closed_${row.closureReason}` : row.status,
      statuses: statusesOf(caseEntries),
      detail: {
        ageAtFirstContact, caseStatus: row.status, methodsOfControl: (identification?.methodsOfControl as string[] | undefined) ?? [],
        recruiterRelationship: (identification?.recruiterRelationship as string | undefined) ?? null,
        determinationByOrganisation: outcomeOf('determination_organisation'), determinationByAuthority: outcomeOf('determination_authority'),
      },
    });
  }
  return { records, withoutConsent };
}

/**
 * One record per network person: a person known to several organisations keeps
 * her earliest record (first identification), with every form of exploitation
 * and status any of them recorded, so she is counted once.
 */
export function mergeNetworkPersons(records: PersonRecord[]): PersonRecord[] {
  const byPerson = new Map<string, PersonRecord>();
  for (const r of [...records].sort((a, b) => a.year - b.year)) {
    const known = byPerson.get(r.personId);
    if (!known) { byPerson.set(r.personId, { ...r, forms: [...r.forms], statuses: new Set(r.statuses) }); continue; }
    known.forms = [...new Set([...known.forms, ...r.forms])];
    for (const s of r.statuses) known.statuses.add(s);
  }
  return [...byPerson.values()];
}

/** Facts for one population: a person belongs when any of her statuses is one of the population's. */
function factsFor(records: PersonRecord[], population: StandardPopulationKey): PersonFact[] {
  const wanted = POPULATIONS[population].statuses as readonly PersonStatus[];
  return records.flatMap((r) => {
    const status = wanted.find((s) => r.statuses.has(s));
    return status ? [{
      personId: r.personId, yearFirstIdentified: r.year, sex: r.sex, ageBand: r.ageBand, citizenship: r.citizenship,
      formsOfExploitation: r.forms, identificationChannel: r.channel, programmeType: r.programme, outcome: r.outcome, status,
    }] : [];
  });
}

export async function organisationReport(ctx: AppContext, actor: Actor, query: ReportQuery): Promise<PublishedReport> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const network = query.scope === 'network';
  const members = network ? await networkMembers(ctx, actor) : [await ctx.db.kysely.selectFrom('organisations').select(['id', 'name']).where('id', '=', actor.organisationId).executeTakeFirstOrThrow()];
  const threshold = effectiveThreshold(query.threshold, await reportFloor(ctx, actor, network ? 'network' : 'organisation', members.map((m) => m.id)));
  const report = await tabulateMembers(ctx, actor, query, members, network);
  const published = protectReport(report, await loadLpSolver(), { threshold });
  await inTenant(ctx, actor, (tx) => auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'statistics.report', entityType: 'organisation', entityId: actor.organisationId, fields: [query.population, query.rows, query.cols] }));
  return published;
}

/**
 * The true (unprotected) person counts over some member organisations; callers
 * protect them (suppression or noise) before anything leaves the server.
 */
export async function tabulateMembers(ctx: AppContext, actor: Actor, query: Omit<ReportQuery, 'threshold' | 'scope'>, members: Member[], network: boolean, tabulation: Pick<TabulateOptions, 'categories' | 'closedCategories'> = {}): Promise<Report> {
  let records: PersonRecord[] = [];
  let withoutConsent = 0;
  for (const member of members) {
    const part = await asMember(ctx, actor, member.id, (tx) => personRecords(ctx, tx, member.id));
    records.push(...part.records);
    withoutConsent += part.withoutConsent;
  }
  if (network) records = mergeNetworkPersons(records);
  const names = members.map((m) => m.name).join(', ');
  const report = crossTabulate(factsFor(records, query.population), POPULATIONS[query.population], query.rows, query.cols, {
    period: { from: query.from, to: query.to },
    scope: network
      ? { description: `Persons assisted by the organisations of the network (${names}); a person known to several of them is counted once, through privacy-preserving record linkage`, organisationIds: members.map((m) => m.id) }
      : { description: `Persons assisted by ${names} (one organisation; people known to several organisations are deduplicated only in network reports)`, organisationIds: [actor.organisationId] },
    generatedAt: new Date().toISOString(),
    source: `Ariadne case records of ${names}: one fact per person, from intake, identification, determination and service records`,
    ...tabulation,
  });
  // Private releases always carry the note: whether anyone declined is itself a fact about the data.
  if (withoutConsent > 0 || tabulation.closedCategories) report.notes.push('Persons who have not consented to anonymous statistics are not counted.');
  return report;
}

export async function exportReport(report: PublishedReport, format: 'csv' | 'xlsx' | 'ctdc'): Promise<{ body: string | Buffer; contentType: string; extension: string }> {
  if (format === 'csv') return { body: reportToCsv(report), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
  if (format === 'xlsx') return { body: await reportToXlsx(report), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  return { body: JSON.stringify(toCtdcAggregate(report), null, 2), contentType: 'application/json', extension: 'json' };
}

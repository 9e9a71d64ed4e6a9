/** Typed case records (identification, consent, plan, services, placements, legal events...), the timeline and the agenda. */
import crypto from 'node:crypto';
import { agendaFor, followUpAgenda, type AgendaSource } from '../domain/cases/agenda';
import { assertNotBeforeBirth, datesIn } from '../domain/cases/before-birth';
import { assertCanRecord, type ConsentEvent } from '../domain/cases/consent';
import { assertNotFuture, assertRange, toIsoDate } from '../domain/cases/dates';
import { normaliseLegalEvent } from '../domain/legal-tracks/normalise';
import { completeLegalEvent } from './legal-tracks';
import { validateLabourEntry } from './labour-records';
import { CODED_FIELDS, DATE_RANGES, ENTRY_SCHEMAS, PAST_DATES, type EntryKind } from '../domain/cases/entries';
import { assertEditable, type CaseStatus } from '../domain/cases/lifecycle';
import { DomainError } from '../domain/errors';
import { errors, issueLimits } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo, type AuditEvent } from '../storage/repositories/audit';
import { caseEntriesRepo, type EntryRow } from '../storage/repositories/case-entries';
import { casesRepo, type CaseRow } from '../storage/repositories/cases';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openEntry, sealEntry } from './entry-secrets';
import { consentEventsOfCase, dueAssessments, followUpState } from '../domain/outcomes';
import { factsFrom, validateOutcomeEntry } from './outcomes';
import { assessIdentification, checkActsDate, dateOfBirthOf } from './identification';
import { loadLists, type ListIndex } from './reference-lists';
import { completeRiskAssessment } from './risk';
import { withdrawSharingInTx } from './referrals';
import { customOf, prepareCustomValues } from './custom-forms';
import { foldSealed, SEALED_VALUES } from '../domain/forms/record';
import type { FormValues } from '../domain/forms/definition';

export interface EntryView {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  recordedAt: Date;
  recordedBy: { id: string; displayName: string } | null;
  version: number;
}

const today = () => toIsoDate(new Date());

/** The record's dates about her (the acts date has its own rule and code, acts_before_birth). */
const datesOfRecord = (data: Record<string, unknown>) =>
  datesIn(Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'actsDate')), ['data']);

/** Validates a record's content against its schema, the organisation's lists and the date rules. */
function validate(kind: EntryKind, raw: unknown, lists: ListIndex): Record<string, unknown> {
  const parsed = ENTRY_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: ['data', ...i.path.map(String)],
        code: i.code,
        message: i.message,
        ...issueLimits(i),
      })),
    );
  }
  const data = parsed.data as Record<string, unknown>;
  for (const [field, list] of Object.entries(CODED_FIELDS[kind] ?? {})) {
    // `list[].field` names the field of each element of a list (work_biography's schooling[].level).
    const [outer, inner] = field.split('[].') as [string, string | undefined];
    if (!inner) lists.check(list, data[field] as string | string[] | undefined, field);
    else
      ((data[outer] as Record<string, unknown>[] | undefined) ?? []).forEach((element, i) =>
        lists.check(list, element[inner] as string | undefined, `${outer}.${i}.${inner}`),
      );
  }
  // The field that is wrong is named, so the form says it there.
  const atField = (field: string, check: () => void) => {
    try {
      check();
    } catch (e) {
      if (e instanceof DomainError && e.details === undefined) throw new DomainError(e.code, e.message, { field });
      throw e;
    }
  };
  for (const [start, end] of DATE_RANGES[kind] ?? [])
    if (data[start]) atField(end, () => assertRange(String(data[start]), data[end] as string | undefined));
  for (const field of PAST_DATES[kind] ?? [])
    if (data[field]) atField(field, () => assertNotFuture(String(data[field]), today(), field));
  return data;
}

/** Server-derived values (a legal event's dates come from the country's track: applyLegalTrack). */
function complete(
  kind: EntryKind,
  data: Record<string, unknown>,
  lists: ListIndex,
  caseCountry: string | null,
): Record<string, unknown> {
  if (kind === 'risk_assessment') return completeRiskAssessment(data, lists);
  return data;
}

/**
 * A legal event as its country's track makes it (src/services/legal-tracks.ts): the step, its end
 * computed or kept where the rule allows, extensions and their conditions. In place, so every
 * caller keeps its one `data`; other kinds are left as they are.
 */
async function applyLegalTrack(
  tx: Tx,
  organisationId: string,
  caseId: string,
  kind: EntryKind,
  data: Record<string, unknown>,
  caseCountry: string | null,
  entryId?: string,
): Promise<void> {
  if (kind !== 'legal_event') return;
  const completed = await completeLegalEvent(tx, organisationId, caseId, kind, data, caseCountry, entryId);
  for (const key of Object.keys(data)) if (!(key in completed)) delete data[key];
  Object.assign(data, completed);
}

/**
 * A record's content with its custom values checked (issue #17): a `custom_form` record is only
 * its form, version and values; another kind's `custom` is set aside before the kind's own strict
 * schema and checked against the form that targets the kind. A correction keeps the version the
 * record was made under (`previous`). Sealed values go under SEALED_VALUES, a secret path.
 */
async function recordContent(
  tx: Tx,
  organisationId: string,
  kind: EntryKind,
  raw: unknown,
  lists: ListIndex,
  caseCountry: string | null,
  previous?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const keepVersion = previous ? customOf(kind, previous) : undefined;
  const withSealed = (sealed: FormValues) => (Object.keys(sealed).length > 0 ? { [SEALED_VALUES]: sealed } : {});
  if (kind === 'custom_form') {
    const { custom, sealed } = await prepareCustomValues(
      tx,
      organisationId,
      lists,
      raw,
      { target: 'case', keepVersion },
      ['data'],
    );
    return { ...custom, ...withSealed(sealed) };
  }
  const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  if (!isObject || !('custom' in raw)) return complete(kind, validate(kind, raw, lists), lists, caseCountry);
  const { custom: rawCustom, ...own } = raw as Record<string, unknown>;
  const data = complete(kind, validate(kind, own, lists), lists, caseCountry);
  const { custom, sealed } = await prepareCustomValues(
    tx,
    organisationId,
    lists,
    rawCustom,
    { target: kind, keepVersion },
    ['data', 'custom'],
  );
  return { ...data, custom, ...withSealed(sealed) };
}

const splitSecrets = (ctx: AppContext, organisationId: string, kind: EntryKind, data: Record<string, unknown>) =>
  sealEntry(ctx, organisationId, kind, data);

/** `dateOfBirth` is read for identification records only (the derivation needs her age at the acts). */
export async function present(
  ctx: AppContext,
  organisationId: string,
  row: EntryRow,
  dateOfBirth: string | null = null,
  /** The means that count in the derivation (ListIndex.palermoMeans); read for identification records only. */
  palermoMeans: ReadonlySet<string> = new Set(),
): Promise<EntryView> {
  // Secrets (her own words, notes, shelter addresses) are decrypted only for staff of the organisation holding them.
  const data = foldSealed(row.kind, { ...(await openEntry(ctx, organisationId, row)).data });
  // Older legal events read as the tracks record them now (Art. 18: one permit code and its path).
  if (row.kind === 'legal_event') Object.assign(data, normaliseLegalEvent(data));
  if (row.kind === 'identification') {
    // Recomputed on read by the same function as the case overview, so both always agree and follow
    // the current rules; a legacy stored `isMinor` (her age at intake) is replaced, never shown.
    Object.assign(data, assessIdentification(data, dateOfBirth, palermoMeans));
  }
  return {
    id: row.id,
    kind: row.kind,
    data,
    recordedAt: row.recordedAt,
    recordedBy: row.recordedBy ? { id: row.recordedBy, displayName: row.recordedByName ?? '' } : null,
    version: row.version,
  };
}

async function consentHistory(tx: Tx, organisationId: string, caseId: string): Promise<ConsentEvent[]> {
  const consents = await caseEntriesRepo.listCurrent(tx, organisationId, [caseId], 'consent');
  const followUps = await caseEntriesRepo.listCurrent(tx, organisationId, [caseId], 'follow_up');
  return consentEventsOfCase([...consents, ...followUps]);
}

export async function listEntries(ctx: AppContext, actor: Actor, caseId: string, kind?: string): Promise<EntryView[]> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireCase(tx, actor, caseId);
      const rows = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId], kind);
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'case.read',
        entityType: 'case',
        entityId: caseId,
        fields: [`entries.${kind ?? 'all'}`],
      });
      const identifications = rows.some((r) => r.kind === 'identification');
      const dob = identifications ? await dateOfBirthOf(ctx, tx, actor.organisationId, row.personId) : null;
      const means = identifications ? (await loadLists(tx, actor.organisationId)).palermoMeans : new Set<string>();
      return Promise.all(rows.map((r) => present(ctx, actor.organisationId, r, dob, means)));
    },
    READS_ONLY,
  );
}

export async function addEntry(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  kind: EntryKind,
  raw: unknown,
): Promise<EntryView> {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const { id, dob, lists } = await addEntryInTx(ctx, tx, actor, caseId, kind, raw);
    const stored = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, id);
    return present(ctx, actor.organisationId, stored!, dob, lists.palermoMeans);
  });
}

/**
 * What several records written in one transaction may share (a device's push, src/services/sync.ts):
 * the organisation's lists, loaded once, each case row and each person's date of birth. Valid for that
 * transaction only, and only while nothing but new records is written in it. With `pending`, the
 * writes of records whose checks read no other record (defersWrites) are held back and written
 * together by flushEntryWrites; the caller flushes before any other record.
 */
export interface EntryLoads {
  lists?: ListIndex;
  born: Map<string, string | null>;
  cases: Map<string, CaseRow>;
  pending?: PendingEntryWrites;
}

export interface PendingEntryWrites {
  entries: Parameters<typeof caseEntriesRepo.insertMany>[1];
  events: Parameters<typeof casesRepo.addEvents>[1];
  audits: AuditEvent[];
  touched: Set<string>;
}

export const pendingEntryWrites = (): PendingEntryWrites => ({
  entries: [],
  events: [],
  audits: [],
  touched: new Set(),
});

/**
 * Kinds whose checks read no other record of the case (no consent history, legal track, intake,
 * outcome schedule or employer): their writes may wait for flushEntryWrites without changing any
 * later record's checks.
 */
const DEFERRABLE_KINDS: ReadonlySet<string> = new Set<EntryKind>([
  'note',
  'service',
  'own_account',
  'risk_assessment',
  'interview',
  'guidance_session',
]);
export const defersWrites = (kind: string) => DEFERRABLE_KINDS.has(kind);

/**
 * Whether addEntryInTx will run no statement for this record: its writes are held back and all it
 * reads (case, lists, date of birth) is loaded, with no custom values to check against a form. A
 * refused record then left nothing to undo, and the caller may skip its savepoint.
 */
export function runsNoStatement(loads: EntryLoads, caseId: string, kind: string, raw: unknown): boolean {
  const row = loads.cases.get(caseId);
  const custom = typeof raw !== 'object' || raw === null || Array.isArray(raw) || 'custom' in raw;
  return (
    row !== undefined &&
    loads.pending !== undefined &&
    defersWrites(kind) &&
    loads.lists !== undefined &&
    loads.born.has(row.personId) &&
    !custom
  );
}

/** Writes the records held back in `loads.pending`, a few statements for all of them. */
export async function flushEntryWrites(tx: Tx, organisationId: string, loads: EntryLoads): Promise<void> {
  const p = loads.pending;
  if (!p || (p.entries.length === 0 && p.touched.size === 0)) return;
  await caseEntriesRepo.insertMany(tx, p.entries);
  await casesRepo.addEvents(tx, p.events);
  await casesRepo.touchMany(tx, organisationId, [...p.touched]);
  await auditRepo.appendMany(tx, p.audits);
  loads.pending = pendingEntryWrites();
}

/**
 * The writes of a new record inside the caller's tenant transaction (the same checks as addEntry);
 * the caller has warmed the organisation's keys. Version 1 of record `id`.
 */
export async function addEntryInTx(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: EntryKind,
  raw: unknown,
  loads?: EntryLoads,
): Promise<{ id: string; version: number; dob: string | null; lists: ListIndex }> {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  const cached = loads?.cases.get(caseId);
  // The policy on the loaded record, cached or not.
  if (cached)
    requireAccess(actor, 'case.update', { organisationId: cached.organisationId, ownerUserId: cached.ownerUserId });
  const row = cached ?? (await requireCase(tx, actor, caseId, 'case.update'));
  loads?.cases.set(caseId, row);
  assertEditable(row.status as CaseStatus);
  const defer = loads?.pending !== undefined && defersWrites(kind);
  if (loads?.pending && !defer && (loads.pending.entries.length > 0 || loads.pending.touched.size > 0))
    throw new Error('flushEntryWrites must run before a record whose checks read other records');
  const lists = loads?.lists ?? (await loadLists(tx, actor.organisationId));
  if (loads) loads.lists = lists;
  const data = await recordContent(tx, actor.organisationId, kind, raw, lists, row.country);
  await applyLegalTrack(tx, actor.organisationId, caseId, kind, data, row.country);
  await validateOutcomeEntry(tx, actor.organisationId, caseId, kind, data);
  await validateLabourEntry(tx, actor, caseId, kind, data, row.country);
  if (kind === 'consent') {
    assertCanRecord(await consentHistory(tx, actor.organisationId, caseId), data as unknown as ConsentEvent);
  }
  // Only what was asserted is stored (acts date, explicit answer); her age then is derived on read.
  let born = loads?.born.get(row.personId);
  if (born === undefined) {
    born = await dateOfBirthOf(ctx, tx, actor.organisationId, row.personId);
    loads?.born.set(row.personId, born);
  }
  assertNotBeforeBirth(datesOfRecord(data), born);
  const dob = kind === 'identification' ? born : null;
  if (kind === 'identification') checkActsDate(data, dob);
  const { clear, secretEnc } = await splitSecrets(ctx, actor.organisationId, kind, data);
  const id = crypto.randomUUID();
  const entry = {
    organisationId: actor.organisationId,
    id,
    version: 1,
    caseId,
    kind,
    data: clear,
    secretEnc,
    recordedBy: actor.userId,
  };
  const event = {
    id: crypto.randomUUID(),
    organisationId: actor.organisationId,
    caseId,
    actorUserId: actor.userId,
    kind: `entry.${kind}`,
    data: timelineCodes(kind, data),
  };
  const audited: AuditEvent = {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: `case.entry.${kind}.create`,
    entityType: 'case',
    entityId: caseId,
    fields: Object.keys(data),
  };
  if (defer) {
    const pending = loads!.pending!;
    pending.entries.push(entry);
    pending.events.push(event);
    pending.audits.push(audited);
    pending.touched.add(caseId);
    return { id, version: 1, dob, lists };
  }
  await caseEntriesRepo.insert(tx, entry);
  await casesRepo.touch(tx, actor.organisationId, caseId);
  await casesRepo.addEvent(tx, event);
  await auditRepo.append(tx, audited);
  // Her withdrawal takes effect at once, in this transaction: the partner's open referrals end.
  if (
    kind === 'consent' &&
    data.action === 'withdrawn' &&
    data.purpose === 'referral_sharing' &&
    typeof data.partnerOrganisationId === 'string'
  ) {
    await withdrawSharingInTx(tx, actor, caseId, data.partnerOrganisationId);
  }
  return { id, version: 1, dob, lists };
}

export async function reviseEntry(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  entryId: string,
  raw: unknown,
  version: number,
  /** Why she corrects it (free text, sealed with the new version; shown in the record's history). */
  reason: string,
): Promise<EntryView> {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    assertEditable(row.status as CaseStatus);
    const current = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, entryId);
    if (!current) throw errors.notFound();
    // Consent is a history of events: a change is a new grant or withdrawal, never an edit.
    if (current.kind === 'consent' || current.kind === 'exploitation_return')
      throw new DomainError('append_only', 'Record a new event instead of editing this one');
    if (current.version !== version) throw errors.versionConflict();
    const kind = current.kind as EntryKind;
    const lists = await loadLists(tx, actor.organisationId);
    const data = await recordContent(tx, actor.organisationId, kind, raw, lists, row.country, current.data);
    await applyLegalTrack(tx, actor.organisationId, caseId, kind, data, row.country, entryId);
    await validateOutcomeEntry(tx, actor.organisationId, caseId, kind, data);
    await validateLabourEntry(tx, actor, caseId, kind, data, row.country);
    const born = await dateOfBirthOf(ctx, tx, actor.organisationId, row.personId);
    assertNotBeforeBirth(datesOfRecord(data), born);
    const dob = kind === 'identification' ? born : null;
    if (kind === 'identification') checkActsDate(data, dob);
    if (!(await caseEntriesRepo.retire(tx, actor.organisationId, entryId, version))) throw errors.versionConflict();
    // A revision replaces the record: a legacy `isMinor` (her age at intake) is not carried forward.
    const { clear, secretEnc } = await splitSecrets(ctx, actor.organisationId, kind, data);
    await caseEntriesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: entryId,
      version: version + 1,
      caseId,
      kind,
      data: clear,
      secretEnc,
      recordedBy: actor.userId,
      reasonEnc: await ctx.keyRing.encrypt(actor.organisationId, reason),
    });
    await casesRepo.touch(tx, actor.organisationId, caseId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: `case.entry.${kind}.revise`,
      entityType: 'case',
      entityId: caseId,
      fields: [...Object.keys(data), 'reason'],
    });
    return present(
      ctx,
      actor.organisationId,
      (await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, entryId))!,
      dob,
      lists.palermoMeans,
    );
  });
}

/** Only codes reach the timeline; free text and secrets stay in the record. */
function timelineCodes(kind: EntryKind, data: Record<string, unknown>): Record<string, unknown> {
  const keep = [
    'type',
    'purpose',
    'action',
    'service',
    'level',
    'outcome',
    'status',
    'date',
    'startOn',
    'endOn',
    'deliveredOn',
    'reviewedOn',
    'endDate',
  ];
  return Object.fromEntries(
    Object.entries(data).filter(([k, v]) => keep.includes(k) && (typeof v === 'string' || typeof v === 'number')),
  );
}

export async function caseTimeline(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireCase(tx, actor, caseId);
    const events = await casesRepo.events(tx, actor.organisationId, caseId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.read',
      entityType: 'case',
      entityId: caseId,
      fields: ['timeline'],
    });
    // An event's free text (a hand-over reason) is stored sealed; her own organisation reads it back here.
    return Promise.all(
      events.map(async ({ secretEnc, ...e }) =>
        secretEnc
          ? {
              ...e,
              data: {
                ...e.data,
                ...(JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, secretEnc)) as Record<string, unknown>),
              },
            }
          : e,
      ),
    );
  });
}

/** Who read or changed a case: for auditors and administrators, and for the case's own owner. */
export async function caseAudit(ctx: AppContext, actor: Actor, caseId: string) {
  const own = { organisationId: actor.organisationId };
  requireAccess(actor, 'case.audit_or_access_log.read', { ...own, ownerUserId: actor.userId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await casesRepo.find(tx, actor.organisationId, caseId);
    if (!row) throw errors.notFound();
    // The case's own organisation and owner decide, not the session's organisation.
    const resource = { organisationId: row.organisationId, ownerUserId: row.ownerUserId };
    requireAccess(actor, 'case.audit_or_access_log.read', resource);
    return auditRepo.recentOfEntity(tx, actor.organisationId, 'case', caseId, 500);
  });
}

/** The deadlines of the actor's own open cases. */
export async function agenda(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) =>
    agendaOfCases(tx, actor.organisationId, await casesRepo.openCasesOf(tx, actor.organisationId, actor.userId)),
  );
}

/**
 * The agenda items of these cases of one organisation (the transaction is scoped to it): the
 * deadlines of their records and the follow-up assessments due. Shared by GET /api/agenda and
 * the scheduled deadline reminders (src/services/reminders.ts).
 */
export async function agendaOfCases(
  tx: Tx,
  organisationId: string,
  cases: { id: string; reference: string }[],
  on: string = today(),
) {
  const entries = await caseEntriesRepo.listCurrent(
    tx,
    organisationId,
    cases.map((c) => c.id),
  );
  const byCase = new Map(cases.map((c): [string, AgendaSource] => [c.id, { caseId: c.id, entries: [] }]));
  for (const e of entries) byCase.get(e.caseId)?.entries.push({ id: e.id, kind: e.kind, data: e.data });
  for (const asked of await casesRepo.firstEventOfKind(
    tx,
    organisationId,
    cases.map((c) => c.id),
    'consent.record_afresh',
  )) {
    const source = byCase.get(asked.caseId);
    if (source) source.consentsAskedFrom = toIsoDate(new Date(asked.at as unknown as string));
  }
  const references = new Map(cases.map((c) => [c.id, c.reference]));
  const intakes = await casesRepo.contactDatesOf(
    tx,
    organisationId,
    cases.map((c) => c.id),
  );
  // Follow-up assessments she has not opted out of, from the outcome schedule; before her
  // baseline assessment exists, only the baseline itself is due.
  const followUps = intakes.flatMap((i) => {
    const intakeDate = toIsoDate(new Date(i.contact_date));
    const facts = factsFrom(
      i.case_id,
      intakeDate,
      entries.filter((e) => e.caseId === i.case_id),
    );
    const state = followUpState(facts.followUp, on);
    return followUpAgenda(
      i.case_id,
      intakeDate,
      dueAssessments(facts, on),
      {
        hasBaseline: facts.assessments.length > 0,
        optedOut: state.optedOut,
        selfInitiated: state.mode === 'self_initiated',
      },
      on,
    );
  });
  return [...agendaFor([...byCase.values()], on), ...followUps]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((item) => ({ ...item, caseReference: references.get(item.caseId) ?? '' }));
}

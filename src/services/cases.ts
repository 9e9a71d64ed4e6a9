/** Case use cases: intake, list and search, read, person and case edits, lifecycle moves, owner hand-over. */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { CreateCaseBody, UpdatePersonBody } from '../domain/cases/inputs';
import { DomainError } from '../domain/errors';
import { currentConsents } from '../domain/cases/consent';
import { consentEventsOfCase } from '../domain/outcomes/schedule';
import { assertNotFuture, toIsoDate } from '../domain/cases/dates';
import { assertNotBeforeBirth } from '../domain/cases/before-birth';
import {
  allowedTransitions,
  assertEditable,
  transition,
  type CaseStatus,
  type OpenStatus,
  type TransitionCommand,
} from '../domain/cases/lifecycle';
import { assertValidBirthDate, isMinor } from '../domain/cases/person';
import { errors } from '../errors';
import { can, type Action, type Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo, type CaseRow } from '../storage/repositories/cases';
import { organisationsRepo } from '../storage/repositories/organisations';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { fullName, openIdentity, sealIdentity, searchIndexes, type PersonIdentity } from './person-identity';
import { loadLists } from './reference-lists';
import { assessIdentification, dateOfBirthOf } from './identification';
import { asReferencePrefix } from '../domain/cases/name-search';
import { hashedQuery, indexPersonNames } from './name-search';
import { caseSafety } from './minors';

type CaseBody = z.input<typeof CreateCaseBody>;

/** A new person's identity and presentation, as the intake body gives them. */
export type PersonInput = NonNullable<CaseBody['person']>;

/**
 * A first contact: either a new person (`person`) or one the organisation already knows
 * (`personId`), whose identity is reused so she stays one person across her cases (the body's
 * superRefine guarantees exactly one of the two; the type says so).
 */
export type IntakeInput = Omit<CaseBody, 'person' | 'personId'> &
  ({ person: PersonInput; personId?: undefined } | { personId: string; person?: undefined });

/** A person edit: any of her fields, and the version it was read at. */
export type PersonChanges = z.input<typeof UpdatePersonBody>;

const today = () => toIsoDate(new Date());

function audit(tx: Tx, actor: Actor, action: string, caseId: string, fields: string[] = []) {
  return auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'case',
    entityId: caseId,
    fields,
  });
}

async function requireOwnerCandidate(tx: Tx, organisationId: string, userId: string) {
  const member = await usersRepo.findMember(tx, organisationId, userId);
  // The candidate, not the actor, must be one who may own a case (the policies decide which roles do).
  if (
    !member ||
    !member.active ||
    !can({ userId, organisationId, roles: member.roles as Actor['roles'] }, 'case.own', { organisationId })
  ) {
    throw new DomainError(
      'invalid_owner',
      'The case owner must be an active case owner or caseworker of this organisation',
    );
  }
}

function validatePerson(person: Partial<PersonInput>, lists: Awaited<ReturnType<typeof loadLists>>) {
  if (person.dateOfBirth) assertValidBirthDate(person.dateOfBirth, new Date());
  lists.check('chosen_terms', person.chosenTerm, 'chosenTerm');
}

/**
 * Loads a case of the actor's organisation (RLS hides other tenants anyway) and asks the policy table about it: the resource is the case's own organisation
 * and owner, so the tenant predicate judges the record, not the actor's session.
 */
export async function requireCase(
  tx: Tx,
  actor: Actor,
  caseId: string,
  action: Action = 'case.read',
): Promise<CaseRow> {
  const row = await casesRepo.find(tx, actor.organisationId, caseId);
  if (!row) throw errors.notFound();
  requireAccess(actor, action, { organisationId: row.organisationId, ownerUserId: row.ownerUserId });
  return row;
}

export async function createCase(ctx: AppContext, actor: Actor, input: IntakeInput) {
  requireAccess(actor, 'case.create', { organisationId: actor.organisationId });
  const { caseId } = await inTenant(ctx, actor, (tx) => openCaseInTx(ctx, tx, actor, input)).catch((e: unknown) => {
    if (isOpenCaseViolation(e))
      throw errors.conflict('open_case_exists', 'She already has an open case; continue or reopen it');
    throw e;
  });
  return getCase(ctx, actor, caseId);
}

/**
 * The writes of a new case (person, case, intake, first risk assessment, event, audit) inside
 * the caller's tenant transaction, so a command that spans aggregates (a transfer) commits or
 * fails as one. The caller has checked access and warmed the organisation's keys.
 */
export async function openCaseInTx(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  input: IntakeInput,
  opts: { networkPersonId?: string; openedEvent?: Record<string, unknown> } = {},
) {
  const sealed = input.person ? await sealIdentity(ctx, actor.organisationId, stripPersonMeta(input.person)) : null;
  const caseId = crypto.randomUUID();
  const personId = input.personId ?? crypto.randomUUID();
  {
    const lists = await loadLists(tx, actor.organisationId);
    if (input.person) validatePerson(input.person, lists);
    else await requireReusablePerson(tx, actor, personId);
    lists.check('channels', input.intake.channel, 'intake.channel');
    lists.check('immediate_needs', input.intake.immediateNeeds, 'intake.immediateNeeds');
    lists.check('risk_levels', input.risk.level, 'risk.level');
    assertNotFuture(input.intake.contactDate, today(), 'contact date');
    // The first contact with her, and the intake's risk assessment, are not before her birth.
    assertNotBeforeBirth(
      [{ path: ['intake', 'contactDate'], value: input.intake.contactDate }],
      input.person ? input.person.dateOfBirth : await dateOfBirthOf(ctx, tx, actor.organisationId, personId),
    );
    const ownerId = input.ownerId ?? actor.userId;
    await requireOwnerCandidate(tx, actor.organisationId, ownerId);

    const opened = new Date();
    const number = await casesRepo.nextReference(tx, actor.organisationId, opened.getUTCFullYear());
    const prefix = (await organisationsRepo.slugOf(tx, actor.organisationId)).slice(0, 3).toUpperCase();
    if (input.person && sealed) {
      await casesRepo.insertPerson(tx, {
        id: personId,
        organisationId: actor.organisationId,
        ...sealed,
        sex: input.person.sex ?? 'unknown',
        chosenTerm: input.person.chosenTerm ?? null,
        pronouns: input.person.pronouns ?? null,
        preferredLanguage: input.person.preferredLanguage ?? null,
        isMinor: isMinor(input.person.dateOfBirth, opened),
        networkPersonId: opts.networkPersonId,
      });
      await indexPersonNames(ctx, tx, actor.organisationId, personId, input.person);
    }
    await casesRepo.insertCase(tx, {
      id: caseId,
      organisationId: actor.organisationId,
      personId,
      reference: `${prefix}-${opened.getUTCFullYear()}-${String(number).padStart(4, '0')}`,
      ownerUserId: ownerId,
      openedAt: opened,
    });
    await casesRepo.insertIntake(tx, {
      organisationId: actor.organisationId,
      caseId,
      channel: input.intake.channel,
      contactDate: input.intake.contactDate,
      // Where she was met may locate her: encrypted like her identity.
      municipalityEnc: input.intake.municipality
        ? await ctx.keyRing.encrypt(actor.organisationId, input.intake.municipality)
        : null,
      language: input.intake.language ?? null,
      mediatorUsed: input.intake.mediatorUsed,
      immediateNeeds: [...new Set(input.intake.immediateNeeds)],
    });
    const riskNotes = input.risk.notes
      ? await ctx.keyRing.encrypt(actor.organisationId, JSON.stringify({ notes: input.risk.notes }))
      : null;
    await caseEntriesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      version: 1,
      caseId,
      kind: 'risk_assessment',
      data: { level: input.risk.level, assessedOn: input.intake.contactDate },
      secretEnc: riskNotes,
      recordedBy: actor.userId,
    });
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: 'case.opened',
      data: {
        channel: input.intake.channel,
        ownerId,
        ...(input.personId ? { knownPerson: true } : {}),
        ...opts.openedEvent,
      },
    });
    await audit(tx, actor, 'case.create', caseId, [
      input.person ? 'person.identity' : 'person.known',
      'intake',
      'risk_assessment',
      'owner',
    ]);
  }
  return { caseId, personId };
}

/**
 * A known person of the actor's organisation (404 otherwise: another organisation's person does not
 * exist here) who has no open case. An open (or paused) case is continued or reopened, not duplicated;
 * the 409 names it so the caseworker can go there. A partial unique index backs this up.
 */
async function requireReusablePerson(tx: Tx, actor: Actor, personId: string): Promise<void> {
  const person = await casesRepo.findPerson(tx, actor.organisationId, personId);
  if (!person) throw errors.notFound();
  const open = (await casesRepo.casesOfPerson(tx, actor.organisationId, personId)).find((c) => c.status !== 'closed');
  if (open) throw errors.openCaseExists(open.id, open.reference);
}

/** The partial unique index "one open case per person" caught a concurrent duplicate. */
function isOpenCaseViolation(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return (
    !!err &&
    err.code === '23505' &&
    (err.constraint === 'cases_one_open_per_person' || String(err.message).includes('cases_one_open_per_person'))
  );
}

function stripPersonMeta(person: PersonInput): PersonIdentity {
  const { sex: _sex, chosenTerm: _term, pronouns: _pronouns, preferredLanguage: _language, ...identity } = person;
  return identity;
}

export async function listCases(
  ctx: AppContext,
  actor: Actor,
  filter: {
    q?: string;
    dob?: string;
    status?: string;
    ownerId?: string;
    programme?: string;
    /** The current risk level (the latest assessment's, kept on the case). */
    risk?: string;
    /** Only the actor's own cases (overrides ownerId). */
    mine?: boolean;
    /** Exact: the whole name through the old blind index; partial (default): name terms. */
    match?: 'exact' | 'partial';
    sort?: 'relevance' | 'updated' | 'reference' | 'contactDate' | 'name';
    limit: number;
    offset: number;
  },
) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  // A query is a case reference (or its start), or names: exact whole name, or partial and misspelt
  // tokens (src/services/name-search.ts). Names are encrypted, so "sort by name" orders the returned
  // page only (after decryption); the pages themselves follow the activity order.
  const reference = filter.q ? asReferencePrefix(filter.q) : null;
  const exact = filter.match === 'exact';
  const named = filter.q && !reference && !exact ? await hashedQuery(ctx, actor.organisationId, filter.q) : null;
  if (filter.q && !reference && !exact && !named) return { cases: [], total: 0, totalCapped: false };
  const indexes = await searchIndexes(ctx, actor.organisationId, {
    name: exact ? filter.q : undefined,
    dateOfBirth: filter.dob,
  });
  const { mine, sort, match: _match, ...rest } = filter;
  const listFilter = {
    ...rest,
    ...indexes,
    ownerId: mine ? actor.userId : filter.ownerId,
    nameTerms: named?.terms,
    referencePrefix: reference ?? undefined,
    sort: sort === 'name' ? undefined : sort,
  };
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const { rows, total, totalCapped } = await casesRepo.list(tx, actor.organisationId, listFilter);
      const cases = await Promise.all(
        rows.map(async (row) => ({
          ...row,
          personName: fullName(await openIdentity(ctx, actor.organisationId, row.identityEnc)),
        })),
      );
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'case.list',
        entityType: 'case',
        entityId: null,
        fields: ['person.name', ...(filter.q || filter.dob ? ['search'] : [])],
      });
      if (sort === 'name')
        cases.sort((a, b) => a.personName.localeCompare(b.personName, undefined, { sensitivity: 'base' }));
      return { cases, total, totalCapped };
    },
    READS_ONLY,
  );
}

export async function getCase(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireCase(tx, actor, caseId);
      const person = await casesRepo.findPerson(tx, actor.organisationId, row.personId);
      if (!person) throw errors.notFound();
      const identity = await openIdentity(ctx, actor.organisationId, person.identityEnc);
      const intake = await openIntake(
        ctx,
        actor.organisationId,
        await casesRepo.findIntake(tx, actor.organisationId, caseId),
      );
      const entries = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId]);
      const identification = entries.filter((e) => e.kind === 'identification').at(-1);
      const consentEvents = consentEventsOfCase(entries);
      // Her other cases here (references and statuses only), so the relationship history is visible.
      const otherCases = (await casesRepo.casesOfPerson(tx, actor.organisationId, row.personId)).filter(
        (c) => c.id !== caseId,
      );
      await audit(tx, actor, 'case.read', caseId, ['person.identity', 'intake', 'identification', 'consent']);
      const resource = { organisationId: row.organisationId, ownerUserId: row.ownerUserId };
      const lists = await loadLists(tx, actor.organisationId);
      const safety = caseSafety(
        lists,
        row,
        {
          personIsMinor: person.isMinor,
          identificationIsMinor: identification
            ? assessIdentification(identification.data, identity.dateOfBirth, lists.palermoMeans).isMinor
            : null,
        },
        entries,
      );
      return {
        row,
        person: { ...person, identity },
        intake: intake ?? null,
        identification: identification
          ? {
              entryId: identification.id,
              ...(identification.data as { acts: string[]; means: string[]; purposes: string[] }),
              actsDate: (identification.data.actsDate as string | undefined) ?? null,
              minorAtActs: (identification.data.minorAtActs as string | undefined) ?? null,
              // The same derivation as the identification records: her age at the acts, never at intake or today.
              ...assessIdentification(identification.data, identity.dateOfBirth, lists.palermoMeans),
            }
          : null,
        consents: currentConsents(consentEvents),
        ...safety,
        otherCases,
        allowedTransitions: allowedTransitions(row.status as CaseStatus),
        permissions: {
          // A new case for her once this one is closed, unless another case of hers is still open.
          openNewCase:
            can(actor, 'case.create', { organisationId: row.organisationId }) &&
            row.status === 'closed' &&
            !otherCases.some((c) => c.status !== 'closed'),
          update: can(actor, 'case.update', resource) && row.status !== 'closed',
          changeOwner: can(actor, 'case.change_owner', resource) && row.status !== 'closed',
          readAudit: can(actor, 'case.audit.read', resource) || can(actor, 'case.access_log.read', resource),
        },
      };
    },
    READS_ONLY,
  );
}
export type CaseDetailModel = Awaited<ReturnType<typeof getCase>>;

/** The intake with its municipality decrypted (or still clear, in a row the backfill has not reached). */
async function openIntake(
  ctx: AppContext,
  organisationId: string,
  intake: Awaited<ReturnType<typeof casesRepo.findIntake>>,
) {
  if (!intake) return null;
  const { municipalityEnc, municipality, ...rest } = intake;
  return {
    ...rest,
    municipality: municipalityEnc ? await ctx.keyRing.decrypt(organisationId, municipalityEnc) : municipality,
  };
}

export async function updatePerson(ctx: AppContext, actor: Actor, caseId: string, changes: PersonChanges) {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    assertEditable(row.status as CaseStatus);
    const lists = await loadLists(tx, actor.organisationId);
    validatePerson(changes, lists);
    const person = await casesRepo.findPerson(tx, actor.organisationId, row.personId);
    if (!person) throw errors.notFound();
    if (person.version !== changes.version) throw errors.versionConflict();
    const { version, sex, chosenTerm, pronouns, preferredLanguage, ...identityChanges } = changes;
    const identity = { ...(await openIdentity(ctx, actor.organisationId, person.identityEnc)), ...identityChanges };
    const sealed = await sealIdentity(ctx, actor.organisationId, identity);
    const ok = await casesRepo.updatePerson(tx, actor.organisationId, person.id, version, {
      identity_enc: sealed.identityEnc,
      name_bidx: sealed.nameIndex,
      dob_bidx: sealed.dobIndex,
      ...(sex !== undefined ? { sex } : {}),
      ...(chosenTerm !== undefined ? { chosen_term: chosenTerm } : {}),
      ...(pronouns !== undefined ? { pronouns } : {}),
      ...(preferredLanguage !== undefined ? { preferred_language: preferredLanguage } : {}),
      is_minor: isMinor(identity.dateOfBirth, new Date()),
    });
    if (!ok) throw errors.versionConflict();
    // Her name terms follow every edit, in the same transaction; after the versioned update, whose
    // row lock orders concurrent edits (the loser gets 409, not a clash on the terms).
    await indexPersonNames(ctx, tx, actor.organisationId, person.id, identity);
    await casesRepo.touch(tx, actor.organisationId, caseId);
    await audit(
      tx,
      actor,
      'case.person.update',
      caseId,
      Object.keys(changes)
        .filter((k) => k !== 'version')
        .map((k) => `person.${k}`),
    );
  });
  return getCase(ctx, actor, caseId);
}

export async function updateCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  changes: {
    programmeType?: string | null;
    country?: string | null;
    cooperationWithAuthorities?: string;
    version: number;
  },
) {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    assertEditable(row.status as CaseStatus);
    const lists = await loadLists(tx, actor.organisationId);
    lists.check('programme_types', changes.programmeType, 'programmeType');
    if (row.version !== changes.version) throw errors.versionConflict();
    const ok = await casesRepo.update(tx, actor.organisationId, caseId, changes.version, {
      ...(changes.programmeType !== undefined ? { programme_type: changes.programmeType } : {}),
      ...(changes.country !== undefined ? { country: changes.country } : {}),
      ...(changes.cooperationWithAuthorities !== undefined ? { cooperation: changes.cooperationWithAuthorities } : {}),
    });
    if (!ok) throw errors.versionConflict();
    await audit(
      tx,
      actor,
      'case.update',
      caseId,
      Object.keys(changes).filter((k) => k !== 'version'),
    );
  });
  return getCase(ctx, actor, caseId);
}

export async function transitionCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { to: string; reason?: string; note?: string; version: number },
) {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    if (row.version !== input.version) throw errors.versionConflict();
    const lists = await loadLists(tx, actor.organisationId);
    if (input.to === 'paused') lists.check('pause_reasons', input.reason ?? '', 'reason');
    if (input.to === 'closed') lists.check('closure_reasons', input.reason ?? '', 'reason');
    if (input.to === 'reopened' && row.status === 'closed') {
      // She is followed in one open case at a time: reopening this one would duplicate the other.
      const open = (await casesRepo.casesOfPerson(tx, actor.organisationId, row.personId)).find(
        (c) => c.id !== caseId && c.status !== 'closed',
      );
      if (open) throw errors.openCaseExists(open.id, open.reference);
    }
    const command = (
      input.to === 'reopened'
        ? { to: 'reopened', note: input.note ?? '' }
        : input.to === 'paused' || input.to === 'closed'
          ? { to: input.to, reason: input.reason ?? '' }
          : { to: input.to as OpenStatus }
    ) as TransitionCommand;
    const { next, event } = transition(
      { status: row.status as CaseStatus, pausedFrom: row.pausedFrom as OpenStatus | null },
      command,
    );
    const ok = await casesRepo.update(tx, actor.organisationId, caseId, input.version, {
      status: next.status,
      paused_from: next.pausedFrom,
      closed_at: next.status === 'closed' ? new Date() : null,
      closure_reason: next.status === 'closed' ? (input.reason ?? null) : null,
    });
    if (!ok) throw errors.versionConflict();
    // The free-text note stays out of the timeline (it may describe her); codes only.
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: `case.${event}`,
      data: { from: row.status, to: next.status, ...(input.reason ? { reason: input.reason } : {}) },
    });
    await audit(tx, actor, `case.${event}`, caseId, [
      'status',
      ...(input.reason ? ['reason'] : []),
      ...(input.note ? ['note'] : []),
    ]);
  });
  return getCase(ctx, actor, caseId);
}

export async function changeOwner(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { ownerId: string; reason: string; version: number },
) {
  requireAccess(actor, 'case.change_owner', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.change_owner');
    assertEditable(row.status as CaseStatus);
    if (row.version !== input.version) throw errors.versionConflict();
    if (row.ownerUserId === input.ownerId) throw new DomainError('invalid_owner', 'This person already owns the case');
    await requireOwnerCandidate(tx, actor.organisationId, input.ownerId);
    const ok = await casesRepo.update(tx, actor.organisationId, caseId, input.version, {
      owner_user_id: input.ownerId,
    });
    if (!ok) throw errors.versionConflict();
    // The reason is free text (it may describe her): sealed beside the event, never in its clear data.
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: 'case.owner_changed',
      data: { from: row.ownerUserId, to: input.ownerId },
      secretEnc: await ctx.keyRing.encrypt(actor.organisationId, JSON.stringify({ reason: input.reason })),
    });
    await audit(tx, actor, 'case.owner_change', caseId, ['owner', 'reason']);
  });
  return getCase(ctx, actor, caseId);
}

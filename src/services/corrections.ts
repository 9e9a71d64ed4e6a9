/**
 * Corrections of a case (issue #16): the history of a record (who, when, why, which fields), voiding a
 * record saved by mistake (kept in the history, never deleted), editing the intake, and the staff a
 * case may be handed over to. Reasons are free text about her: sealed under the organisation's key.
 */
import { changesBetween, NEVER_VOIDED, type FieldChange } from '../domain/cases/corrections';
import type { z } from 'zod';
import type { UpdateIntakeBody, VoidEntryBody } from '../domain/cases/inputs';
import { assertNotBeforeBirth } from '../domain/cases/before-birth';
import { assertNotFuture, toIsoDate } from '../domain/cases/dates';
import { SECRET_FIELDS, type EntryKind } from '../domain/cases/entries';
import { assertEditable, type CaseStatus } from '../domain/cases/lifecycle';
import { DomainError } from '../domain/errors';
import { errors } from '../errors';
import { can, type Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { correctionsRepo, type EntryVersionRow } from '../storage/repositories/corrections';
import { usersRepo } from '../storage/repositories/users';
import type { Tx } from '../storage/database';
import { requireAccess } from './authorize';
import { getCase, requireCase } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openEntry } from './entry-secrets';
import { dateOfBirthOf } from './identification';
import { loadLists } from './reference-lists';

export interface EntryVersionView {
  version: number;
  recordedAt: Date;
  recordedBy: { id: string; displayName: string } | null;
  current: boolean;
  voided: boolean;
  reason: string | null;
  changes: FieldChange[];
}

export interface EntryHistoryView {
  entryId: string;
  kind: string;
  voided: boolean;
  versions: EntryVersionView[];
}

const audit = (tx: Tx, actor: Actor, action: string, caseId: string, fields: string[]) =>
  auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'case',
    entityId: caseId,
    fields,
  });

/** Every version of one record: who recorded it, when, the reason for a correction or void, what changed. */
export async function entryHistory(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  entryId: string,
): Promise<EntryHistoryView> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      await requireCase(tx, actor, caseId);
      const rows = await correctionsRepo.versions(tx, actor.organisationId, caseId, entryId);
      if (rows.length === 0) throw errors.notFound();
      await audit(tx, actor, 'case.read', caseId, ['entries.history']);
      return buildHistory(ctx, actor.organisationId, entryId, rows);
    },
    READS_ONLY,
  );
}

/** The versions of one record, each with what changed from the one before (secret values never shown). */
async function buildHistory(
  ctx: AppContext,
  organisationId: string,
  entryId: string,
  rows: EntryVersionRow[],
): Promise<EntryHistoryView> {
  const secret = SECRET_FIELDS[rows[0]!.kind as EntryKind] ?? [];
  let previous: Record<string, unknown> | null = null;
  const versions: EntryVersionView[] = [];
  for (const row of rows) {
    const data = (await openEntry(ctx, organisationId, row)).data;
    versions.push({
      version: row.version,
      recordedAt: row.recordedAt,
      recordedBy: row.recordedBy ? { id: row.recordedBy, displayName: row.recordedByName ?? '' } : null,
      current: row.current,
      voided: row.voided,
      reason: row.reasonEnc ? await ctx.keyRing.decrypt(organisationId, row.reasonEnc) : null,
      // A void changes nothing in the record: it ends it.
      changes: row.voided ? [] : changesBetween(previous, data, secret),
    });
    previous = data;
  }
  return { entryId, kind: rows[0]!.kind, voided: rows.some((r) => r.voided), versions };
}

/** The voided records of a case (optionally of one kind), each with its history: struck through in the UI, never gone. */
export async function voidedEntries(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  kind?: string,
): Promise<EntryHistoryView[]> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      await requireCase(tx, actor, caseId);
      const ids = await correctionsRepo.voidedIds(tx, actor.organisationId, caseId, kind);
      await audit(tx, actor, 'case.read', caseId, [`entries.voided.${kind ?? 'all'}`]);
      const out: EntryHistoryView[] = [];
      for (const id of ids)
        out.push(
          await buildHistory(
            ctx,
            actor.organisationId,
            id,
            await correctionsRepo.versions(tx, actor.organisationId, caseId, id),
          ),
        );
      return out;
    },
    READS_ONLY,
  );
}

/**
 * Voids a record saved by mistake: a last version, marked voided and never current, carries the
 * reason. Every reader of current records (case view, agenda, statistics, outcomes, exports, referral
 * snapshots) leaves it out from then on; its history keeps every version.
 */
export async function voidEntry(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  entryId: string,
  input: z.input<typeof VoidEntryBody>,
): Promise<EntryHistoryView> {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    assertEditable(row.status as CaseStatus);
    const current = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, entryId);
    if (!current) throw errors.notFound();
    // A consent recorded by mistake is answered by a new event (a withdrawal), so her choices stay a history.
    if (NEVER_VOIDED.has(current.kind))
      throw new DomainError('append_only', 'Record a new event instead of voiding this one');
    if (current.version !== input.version) throw errors.versionConflict();
    if (!(await caseEntriesRepo.retire(tx, actor.organisationId, entryId, input.version)))
      throw errors.versionConflict();
    await caseEntriesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: entryId,
      version: input.version + 1,
      caseId,
      kind: current.kind,
      data: current.data,
      secretEnc: current.secretEnc,
      recordedBy: actor.userId,
      reasonEnc: await ctx.keyRing.encrypt(actor.organisationId, input.reason),
      voided: true,
    });
    await casesRepo.touch(tx, actor.organisationId, caseId);
    await audit(tx, actor, `case.entry.${current.kind}.void`, caseId, ['reason']);
  });
  return entryHistory(ctx, actor, caseId, entryId);
}

/** An intake correction, as its body schema gives it. */
export type IntakeChanges = z.input<typeof UpdateIntakeBody>;

/** Edits the intake (optimistic locking on its version); the municipality stays sealed. */
export async function updateIntake(ctx: AppContext, actor: Actor, caseId: string, changes: IntakeChanges) {
  requireAccess(actor, 'case.update', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.update');
    assertEditable(row.status as CaseStatus);
    const intake = await casesRepo.findIntake(tx, actor.organisationId, caseId);
    if (!intake) throw errors.notFound();
    const lists = await loadLists(tx, actor.organisationId);
    if (changes.channel !== undefined) lists.check('channels', changes.channel, 'channel');
    if (changes.immediateNeeds !== undefined) lists.check('immediate_needs', changes.immediateNeeds, 'immediateNeeds');
    if (changes.contactDate !== undefined) assertNotFuture(changes.contactDate, toIsoDate(new Date()), 'contactDate');
    // The first contact with her is not before her birth.
    if (changes.contactDate !== undefined)
      assertNotBeforeBirth(
        [{ path: ['contactDate'], value: changes.contactDate }],
        await dateOfBirthOf(ctx, tx, actor.organisationId, row.personId),
      );
    if (intake.version !== changes.version) throw errors.versionConflict();
    const ok = await correctionsRepo.updateIntake(tx, actor.organisationId, caseId, changes.version, {
      ...(changes.channel !== undefined ? { channel: changes.channel } : {}),
      ...(changes.contactDate !== undefined ? { contact_date: changes.contactDate } : {}),
      ...(changes.municipality !== undefined
        ? {
            municipality_enc: changes.municipality
              ? await ctx.keyRing.encrypt(actor.organisationId, changes.municipality)
              : null,
          }
        : {}),
      ...(changes.language !== undefined ? { language: changes.language || null } : {}),
      ...(changes.mediatorUsed !== undefined ? { mediator_used: changes.mediatorUsed } : {}),
      ...(changes.immediateNeeds !== undefined ? { immediate_needs: changes.immediateNeeds } : {}),
    });
    if (!ok) throw errors.versionConflict();
    await casesRepo.touch(tx, actor.organisationId, caseId);
    await audit(
      tx,
      actor,
      'case.intake.update',
      caseId,
      Object.keys(changes)
        .filter((k) => k !== 'version')
        .map((k) => `intake.${k}`),
    );
  });
  return getCase(ctx, actor, caseId);
}

/** Active staff of the organisation who may own a case: whom this case can be handed over to. */
export async function ownerCandidates(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'case.change_owner', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await requireCase(tx, actor, caseId, 'case.change_owner');
      const members = await usersRepo.listMembers(tx, actor.organisationId);
      return members
        .filter(
          (m) =>
            m.active &&
            can({ userId: m.id, organisationId: actor.organisationId, roles: m.roles as Actor['roles'] }, 'case.own', {
              organisationId: actor.organisationId,
            }),
        )
        .map((m) => ({ id: m.id, displayName: m.displayName, current: m.id === row.ownerUserId }));
    },
    READS_ONLY,
  );
}

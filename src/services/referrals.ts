/**
 * Referrals and transfers: consent-gated, minimum-data snapshots sent to a
 * partner of a shared network. The receiver sees only the snapshot and what it
 * adds itself; notes never cross back. Everything is audited on both sides.
 */
import crypto from 'node:crypto';
import { consentEventsFromRecords, requireSharingConsent } from '../domain/cases/consent';
import { toIsoDate } from '../domain/cases/dates';
import { assertEditable, type CaseStatus } from '../domain/cases/lifecycle';
import { isMinor } from '../domain/cases/person';
import { assertRequestedBy, type Urgency } from '../domain/referrals/details';
import { DomainError } from '../domain/errors';
import { buildSnapshot, SnapshotSchema, type Snapshot } from '../domain/referrals/snapshot';
import {
  assertTransferSections,
  nextStatus,
  reachedByWithdrawal,
  sectionsToShare,
  type ReferralAction,
  type ReferralStatus,
  type SharedSection,
} from '../domain/referrals/workflow';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { asOrganisation, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { networksRepo } from '../storage/repositories/networks';
import { referralsRepo, type NoteRow, type ReferralRow } from '../storage/repositories/referrals';
import { requireAccess } from './authorize';
import { copyAttachmentsForReferral } from './attachments';
import { acceptTransfer } from './commands/accept-transfer';
import { notifyInTx } from './notifications';
import { requireCase } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { openIdentity } from './person-identity';
import { requireSharingConsentHolds, sharingConsentHolds } from './referral-consent';
import { customRecordsInTx } from './custom-forms';
import { formReferralSections, listLabelsOf } from './form-referrals';

export type { Snapshot };

/** Past tense of each answer, for audit actions and notifications. */
const ANSWERED = { accept: 'accepted', decline: 'declined', complete: 'completed' } as const;

/** Partners the actor's organisation shares a network with. */
export async function networkPartners(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, (tx) => networksRepo.partnersOf(tx, actor.organisationId));
}

async function commonNetwork(tx: Tx, partnerId: string): Promise<string> {
  // Only networks the current organisation has joined (not ones it is merely invited to).
  const networkId = await networksRepo.commonNetworkWith(tx, partnerId);
  if (!networkId) throw new DomainError('not_in_network', 'This organisation is not a partner in any of your networks');
  return networkId;
}

export async function createReferral(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: {
    toOrganisationId: string;
    kind: 'referral' | 'transfer';
    requestedService: string;
    sections: string[];
    /** Free text to the partner: sealed for both organisations. */
    message?: string | null;
    urgency?: Urgency;
    requestedBy?: string | null;
  },
) {
  requireAccess(actor, 'referral.create', { organisationId: actor.organisationId });
  // The referral sections her organisation's custom forms declare may be chosen too.
  // (A form may also ride a built-in section, e.g. `legal`: it then crosses with that section.)
  const customSections = await inTenant(ctx, actor, (tx) => formReferralSections(tx, actor.organisationId), READS_ONLY);
  const sections = sectionsToShare(input.sections, input.kind, customSections);
  assertTransferSections(input.kind, sections);
  assertRequestedBy(input.requestedBy, toIsoDate(new Date()));
  await ctx.keyRing.warm(input.toOrganisationId);
  const message = input.message?.trim()
    ? await sealForBothSides(
        ctx,
        { fromOrganisationId: actor.organisationId, toOrganisationId: input.toOrganisationId },
        input.message.trim(),
      )
    : undefined;
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'referral.create');
    assertEditable(row.status as CaseStatus);
    const networkId = await commonNetwork(tx, input.toOrganisationId);
    const entries = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId]);
    requireSharingConsent(
      consentEventsFromRecords(entries.filter((e) => e.kind === 'consent')),
      input.toOrganisationId,
    );
    const person = (await casesRepo.findPerson(tx, actor.organisationId, row.personId))!;
    const intake = await casesRepo.findIntake(tx, actor.organisationId, caseId);
    const snapshot = buildSnapshot(sections, {
      chosenTerm: person.chosenTerm,
      language: person.preferredLanguage ?? intake?.language ?? null,
      needs: intake?.immediateNeeds ?? [],
      requestedService: input.requestedService,
      ...(sections.includes('identity')
        ? await (async () => {
            const identity = await openIdentity(ctx, actor.organisationId, person.identityEnc);
            // Whether she is a minor today (from her date of birth, else as recorded): the partner plans with it.
            const minor = isMinor(identity.dateOfBirth, new Date()) ?? person.isMinor;
            return { identity: { ...identity, sex: person.sex, ...(minor !== null ? { minor } : {}) } };
          })()
        : {}),
      // Clear data only: secrets (her words, addresses, risk notes) are never even opened here.
      entries: entries.map((e) => ({ kind: e.kind, data: e.data })),
      // Custom records are opened only when a section a form declares was chosen: she agreed to share it.
      ...(customSections.some((s) => sections.includes(s as SharedSection))
        ? {
            customRecords: (await customRecordsInTx(ctx, tx, actor, caseId)).map((r) => ({
              definition: r.definition,
              version: r.version,
              values: r.values,
              recordedAt: new Date(r.recordedAt).toISOString(),
            })),
            listLabels: await listLabelsOf(tx, actor.organisationId),
          }
        : {}),
    });
    await referralsRepo.insert(tx, {
      id,
      networkId,
      fromOrganisationId: actor.organisationId,
      toOrganisationId: input.toOrganisationId,
      fromCaseId: caseId,
      kind: input.kind,
      requestedService: input.requestedService,
      sharedSections: sections,
      snapshotEnc: await ctx.keyRing.encrypt(input.toOrganisationId, JSON.stringify(snapshot)),
      networkPersonId: person.networkPersonId,
      createdBy: actor.userId,
      ...(message ? { message } : {}),
      urgency: input.urgency ?? 'routine',
      requestedBy: input.requestedBy ?? null,
    });
    // Her documents go only with the `documents` section: copies sealed under the receiver's key.
    if (sections.includes('documents'))
      await copyAttachmentsForReferral(ctx, tx, actor, {
        caseId,
        referralId: id,
        toOrganisationId: input.toOrganisationId,
      });
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: `${input.kind}.sent`,
      data: { to: input.toOrganisationId, sections },
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: `${input.kind}.create`,
      entityType: 'case',
      entityId: caseId,
      fields: [...sections, ...(message ? ['message'] : [])],
    });
    // The receiving side's own trail records what arrived (field names only), and its duty users hear of it.
    await asOrganisation(tx, actor, { organisationId: input.toOrganisationId }, async () => {
      await auditRepo.append(tx, {
        organisationId: input.toOrganisationId,
        actorUserId: null,
        action: `${input.kind}.received`,
        entityType: 'referral',
        entityId: id,
        fields: sections,
      });
      await notifyInTx(tx, input.toOrganisationId, 'respondents', `${input.kind}.received`, id);
    });
  });
  return getReferral(ctx, actor, id);
}

/** A referral as a policy resource: the sender owns it, and both organisations it names may read it. */
const partiesOf = (row: { fromOrganisationId: string; toOrganisationId: string }) => ({
  organisationId: row.fromOrganisationId,
  parties: [row.fromOrganisationId, row.toOrganisationId],
});

/**
 * A list row as the viewer's side sees it: her own case (id and reference) only, the sender's for the
 * sender and the receiver's (once accepted as a transfer) for the receiver; never the other side's.
 */
function ownSide(actor: Actor, r: Awaited<ReturnType<typeof referralsRepo.list>>[number]) {
  const { fromCaseId, toCaseId, fromCaseReference, toCaseReference, ...rest } = r;
  const sender = r.fromId === actor.organisationId;
  return {
    ...rest,
    caseId: sender ? fromCaseId : toCaseId,
    caseReference: (sender ? fromCaseReference : toCaseReference) ?? null,
  };
}
export type ReferralListRow = ReturnType<typeof ownSide>;

export async function listReferrals(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => (await referralsRepo.list(tx)).map((r) => ownSide(actor, r)));
}

/** The referrals sent from one case of the actor's organisation, with their status (her withdrawal included). */
export async function listCaseReferrals(ctx: AppContext, actor: Actor, caseId: string) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireCase(tx, actor, caseId);
    return (await referralsRepo.list(tx, { fromCaseId: caseId })).map((r) => ownSide(actor, r));
  });
}

async function openNote(ctx: AppContext, organisationId: string, n: NoteRow) {
  // Rows written before notes were encrypted are read as they are until the backfill seals them.
  const data = n.dataEnc
    ? (JSON.parse(await ctx.keyRing.decrypt(organisationId, n.dataEnc)) as Record<string, unknown>)
    : (n.data ?? {});
  return { id: n.id, kind: n.kind, data, createdAt: new Date(n.createdAt) };
}

/**
 * The decline reason as the viewing organisation reads it: its own copy, sealed under its key
 * (a row the start-up backfill has not sealed yet is read in its older clear form).
 */
async function openDeclineReason(ctx: AppContext, organisationId: string, row: ReferralRow): Promise<string | null> {
  const sealed =
    row.toOrganisationId === organisationId
      ? row.declineReasonToEnc
      : row.fromOrganisationId === organisationId
        ? row.declineReasonFromEnc
        : null;
  return sealed ? ctx.keyRing.decrypt(organisationId, sealed) : row.declineReason;
}

/** The sender's message as the viewing organisation reads it: its own sealed copy. */
async function openMessage(ctx: AppContext, organisationId: string, row: ReferralRow): Promise<string | null> {
  const sealed =
    row.toOrganisationId === organisationId
      ? row.messageToEnc
      : row.fromOrganisationId === organisationId
        ? row.messageFromEnc
        : null;
  return sealed ? ctx.keyRing.decrypt(organisationId, sealed) : null;
}

/** Free text that may describe her: sealed once for each organisation the referral names, under its own key. */
export async function sealForBothSides(
  ctx: Pick<AppContext, 'keyRing'>,
  row: { fromOrganisationId: string; toOrganisationId: string },
  reason: string,
) {
  return {
    fromEnc: await ctx.keyRing.encrypt(row.fromOrganisationId, reason),
    toEnc: await ctx.keyRing.encrypt(row.toOrganisationId, reason),
  };
}

/**
 * Sender: what was shared and the status. Receiver: the decrypted snapshot too, but only
 * while her consent for this receiver holds (checked on every read). Each side: only its own notes.
 */
export async function getReferral(ctx: AppContext, actor: Actor, referralId: string) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await referralsRepo.find(tx, referralId);
    if (!row) throw errors.notFound();
    requireAccess(actor, 'referral.read', partiesOf(row));
    const incoming = row.toOrganisationId === actor.organisationId;
    const consentHolds = await sharingConsentHolds(tx, row);
    const snapshot: Snapshot | null =
      incoming && consentHolds
        ? SnapshotSchema.parse(JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, row.snapshotEnc)))
        : null;
    const notes = await Promise.all(
      (await referralsRepo.notes(tx, actor.organisationId, referralId)).map((n) =>
        openNote(ctx, actor.organisationId, n),
      ),
    );
    const declineReason = await openDeclineReason(ctx, actor.organisationId, row);
    const message = await openMessage(ctx, actor.organisationId, row);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'referral.read',
      entityType: 'referral',
      entityId: referralId,
      fields: [
        ...(snapshot ? ['snapshot'] : ['status']),
        ...(declineReason !== null ? ['decline_reason'] : []),
        ...(message !== null ? ['message'] : []),
      ],
    });
    // Her case's reference on the viewer's own side only (the receiver's once a transfer made one).
    const ownCaseId = incoming ? row.toCaseId : row.fromCaseId;
    const caseReference = ownCaseId
      ? ((await referralsRepo.caseReference(tx, actor.organisationId, ownCaseId)) ?? null)
      : null;
    return {
      row,
      message,
      caseReference,
      direction: (incoming ? 'incoming' : 'outgoing') as 'incoming' | 'outgoing',
      snapshot,
      declineReason,
      consentWithdrawn: !consentHolds,
      notes,
    };
  });
}
export type ReferralModel = Awaited<ReturnType<typeof getReferral>>;

export async function respondToReferral(
  ctx: AppContext,
  actor: Actor,
  referralId: string,
  action: ReferralAction,
  input: { reason?: string; version: number },
) {
  requireAccess(actor, 'referral.respond', { organisationId: actor.organisationId });
  // A decline reason is sealed for the sender too: its keys are loaded before the transaction
  // (the embedded engine has one connection). Only the two named organisations see the row.
  if (action === 'decline') {
    const named = await inTenant(ctx, actor, (tx) => referralsRepo.find(tx, referralId), READS_ONLY);
    if (named) await ctx.keyRing.warm(named.fromOrganisationId);
  }
  await inTenant(ctx, actor, async (tx) => {
    const row = await referralsRepo.find(tx, referralId);
    if (!row) throw errors.notFound();
    // Only the receiver answers: the resource is the receiving organisation, so the sender is refused
    // by the policy's tenant check (as not found) although it sees the referral.
    requireAccess(actor, 'referral.respond', { organisationId: row.toOrganisationId });
    // A transfer's acceptance is one command: new case, link and the sender's closure together.
    if (row.kind === 'transfer' && action === 'accept')
      return acceptTransfer({ ctx, actor, tx, referral: row, version: input.version });
    const status = nextStatus(row.status as ReferralStatus, action, input.reason);
    // Accepting takes up what she shared: only while she still consents. Declining uses nothing of it.
    if (action === 'accept') await requireSharingConsentHolds(tx, row);
    const declineReason = action === 'decline' ? await sealForBothSides(ctx, row, input.reason!) : undefined;
    if (!(await referralsRepo.setStatus(tx, referralId, input.version, { status, declineReason })))
      throw errors.versionConflict();
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: `referral.${action}`,
      entityType: 'referral',
      entityId: referralId,
      fields: declineReason ? ['status', 'decline_reason'] : ['status'],
    });
    await asOrganisation(tx, actor, { organisationId: row.fromOrganisationId }, async () => {
      await auditRepo.append(tx, {
        organisationId: row.fromOrganisationId,
        actorUserId: null,
        action: `referral.${ANSWERED[action]}_by_partner`,
        entityType: 'referral',
        entityId: referralId,
        fields: ['status'],
      });
      await notifyInTx(tx, row.fromOrganisationId, [row.createdBy], `referral.${ANSWERED[action]}`, referralId);
    });
    return undefined;
  });
  return getReferral(ctx, actor, referralId);
}

/**
 * Her withdrawal of referral_sharing for one partner, inside the transaction that records it:
 * every referral of the case that partner can still read or act on ends at once (its snapshot
 * is no longer readable, it can no longer be accepted), the partner's duty users are told
 * (codes and ids only) and both sides' trails record it. A later consent does not reopen
 * these referrals: a new referral shares what is current then.
 */
export async function withdrawSharingInTx(
  tx: Tx,
  actor: Actor,
  caseId: string,
  partnerOrganisationId: string,
): Promise<string[]> {
  const reached = (await referralsRepo.openOfCase(tx, actor.organisationId, caseId, partnerOrganisationId)).filter(
    (r) => reachedByWithdrawal(r.kind, r.status),
  );
  if (reached.length === 0) return [];
  const ids = reached.map((r) => r.id);
  await referralsRepo.markConsentWithdrawn(tx, ids);
  for (const id of ids) {
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: 'referral.consent_withdrawn',
      data: { referralId: id, to: partnerOrganisationId },
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'referral.consent_withdrawn',
      entityType: 'referral',
      entityId: id,
      fields: ['status', 'consent'],
    });
  }
  await asOrganisation(tx, actor, { organisationId: partnerOrganisationId }, async () => {
    for (const id of ids) {
      await auditRepo.append(tx, {
        organisationId: partnerOrganisationId,
        actorUserId: null,
        action: 'referral.consent_withdrawn_by_sender',
        entityType: 'referral',
        entityId: id,
        fields: ['status', 'snapshot'],
      });
      await notifyInTx(tx, partnerOrganisationId, 'respondents', 'referral.consent_withdrawn', id);
    }
  });
  return ids;
}

/** A note or a delivered service, visible to the writing organisation only and encrypted under its key. */
export async function addReferralNote(
  ctx: AppContext,
  actor: Actor,
  referralId: string,
  input: { kind: 'note' | 'service'; data: Record<string, unknown> },
) {
  requireAccess(actor, 'referral.note.write', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await referralsRepo.find(tx, referralId);
    if (!row) throw errors.notFound();
    // Either organisation named in the referral writes its own notes (stored under the writer's organisation).
    requireAccess(actor, 'referral.note.write', partiesOf(row));
    if (row.status === 'declined') throw new DomainError('invalid_referral_transition', 'The referral was declined');
    await referralsRepo.insertNote(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      referralId,
      kind: input.kind,
      dataEnc: await ctx.keyRing.encrypt(actor.organisationId, JSON.stringify(input.data)),
      createdBy: actor.userId,
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: `referral.${input.kind}.add`,
      entityType: 'referral',
      entityId: referralId,
      fields: Object.keys(input.data),
    });
  });
  return getReferral(ctx, actor, referralId);
}

export type { SharedSection };

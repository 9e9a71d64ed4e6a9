/**
 * Accepting a transfer: one command in ONE transaction, so a failure anywhere (a list the
 * receiver lacks, a version conflict, a database fault) leaves the transfer pending, no
 * case at the receiver and the sender's case open.
 *
 * In order: the status moves on (optimistic version); her consent for this receiver is
 * checked again; the receiver's person (carrying her network person identity), case,
 * intake and risk assessment are created from what she agreed to share, with the shared
 * identification and legal events (their computed deadlines included); the new case asks
 * for her consents to be recorded afresh (consent does not travel); the referral is linked;
 * then, re-scoped to the sender, the sender's case closes as moved; audits and
 * notifications on both sides.
 */
import crypto from 'node:crypto';
import { transition, type CaseStatus, type OpenStatus } from '../../domain/cases/lifecycle';
import { ENTRY_SCHEMAS } from '../../domain/cases/entries';
import { DomainError } from '../../domain/errors';
import { receiverRecords, SnapshotSchema } from '../../domain/referrals/snapshot';
import { nextStatus, type ReferralStatus } from '../../domain/referrals/workflow';
import { errors } from '../../errors';
import type { Actor } from '../../policies/policies';
import { asOrganisation, type Tx } from '../../storage/database';
import { auditRepo } from '../../storage/repositories/audit';
import { caseEntriesRepo } from '../../storage/repositories/case-entries';
import { casesRepo } from '../../storage/repositories/cases';
import { referralsRepo, type ReferralRow } from '../../storage/repositories/referrals';
import { requireAccess } from '../authorize';
import { openCaseInTx } from '../cases';
import { attachmentsRepo } from '../../storage/repositories/attachments';
import type { AppContext } from '../context';
import { sealEntry } from '../entry-secrets';
import { notifyInTx } from '../notifications';
import { loadLists } from '../reference-lists';
import { requireSharingConsentHolds } from '../referral-consent';

export interface AcceptTransferProps {
  ctx: AppContext;
  /** The receiving organisation's user; the transaction is scoped to that organisation. */
  actor: Actor;
  tx: Tx;
  referral: ReferralRow;
  version: number;
}

export async function acceptTransfer({
  ctx,
  actor,
  tx,
  referral,
  version,
}: AcceptTransferProps): Promise<{ caseId: string }> {
  if (referral.kind !== 'transfer') throw errors.notFound();
  // Only the receiving organisation accepts a transfer: the policy's tenant check on the receiver.
  requireAccess(actor, 'referral.respond', { organisationId: referral.toOrganisationId });
  const status = nextStatus(referral.status as ReferralStatus, 'accept');
  await requireSharingConsentHolds(tx, referral);
  if (!(await referralsRepo.setStatus(tx, referral.id, version, { status }))) throw errors.versionConflict();

  const snapshot = SnapshotSchema.parse(
    JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, referral.snapshotEnc)),
  );
  if (!snapshot.identity)
    throw new DomainError('identity_required', 'A transfer moves the case: share the identity section too');
  const lists = await loadLists(tx, actor.organisationId);
  const records = receiverRecords(snapshot, {
    has: lists.has,
    riskLevels: lists.lists.find((l) => l.key === 'risk_levels')?.items.map((i) => i.code) ?? [],
  });
  const today = new Date().toISOString().slice(0, 10);

  // Her minority is the receiver's to derive again from the date of birth.
  const { sex, minor: _minor, ...identity } = snapshot.identity;
  const { caseId } = await openCaseInTx(
    ctx,
    tx,
    actor,
    {
      person: {
        ...identity,
        sex: (['female', 'male', 'other', 'unknown'].includes(sex) ? sex : 'unknown') as
          'female' | 'male' | 'other' | 'unknown',
        ...(records.chosenTerm ? { chosenTerm: records.chosenTerm } : {}),
      },
      intake: {
        channel: 'partner',
        contactDate: today,
        mediatorUsed: false,
        immediateNeeds: records.needs,
        ...(snapshot.language ? { language: snapshot.language } : {}),
      },
      risk: { level: records.riskLevel },
    },
    {
      ...(referral.networkPersonId ? { networkPersonId: referral.networkPersonId } : {}),
      openedEvent: { referralId: referral.id },
    },
  );

  const entry = async (kind: 'identification' | 'legal_event', data: Record<string, unknown>) => {
    // The receiver's own schema is the gate: a shape it does not accept does not cross.
    const parsed = ENTRY_SCHEMAS[kind].parse(data) as Record<string, unknown>;
    // Sealed like any record: should a shared shape ever carry free text, it is not stored in clear.
    const { clear, secretEnc } = await sealEntry(ctx, actor.organisationId, kind, parsed);
    await caseEntriesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      version: 1,
      caseId,
      kind,
      data: clear,
      secretEnc,
      recordedBy: actor.userId,
    });
  };
  const written: string[] = ['person.identity', 'intake', 'risk_assessment'];
  if (records.identification) {
    // Her age at the acts crosses as asserted (acts date, explicit answer); it is derived on read.
    await entry('identification', {
      ...records.identification,
      assessedOn: records.identification.assessedOn ?? today,
    });
    written.push('identification');
  }
  for (const legal of records.legal) await entry('legal_event', legal);
  if (records.legal.length) written.push('legal_event');

  // Codes only: where she came from, what did not cross, and that her consents are to be asked again.
  await casesRepo.addEvent(tx, {
    id: crypto.randomUUID(),
    organisationId: actor.organisationId,
    caseId,
    actorUserId: actor.userId,
    kind: 'transfer.received',
    data: {
      referralId: referral.id,
      from: referral.fromOrganisationId,
      riskLevelSource: records.riskLevelSource,
      ...(Object.keys(records.omitted).length ? { omitted: records.omitted } : {}),
    },
  });
  await casesRepo.addEvent(tx, {
    id: crypto.randomUUID(),
    organisationId: actor.organisationId,
    caseId,
    actorUserId: actor.userId,
    kind: 'consent.record_afresh',
    data: { referralId: referral.id },
  });
  await referralsRepo.linkCase(tx, referral.id, caseId);
  // The documents she agreed to share with the transfer become the new case's attachments.
  await attachmentsRepo.linkReferralToCase(tx, actor.organisationId, referral.id, caseId);
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'referral.accept',
    entityType: 'referral',
    entityId: referral.id,
    fields: ['status', 'snapshot', 'to_case'],
  });
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'case.create_from_transfer',
    entityType: 'case',
    entityId: caseId,
    fields: written,
  });

  await asOrganisation(tx, actor, { organisationId: referral.fromOrganisationId }, async () => {
    const from = await casesRepo.find(tx, referral.fromOrganisationId, referral.fromCaseId);
    // A sender's case closed meanwhile stays as it is; the transfer still completes.
    if (from && from.status !== 'closed') {
      const { next } = transition(
        { status: from.status as CaseStatus, pausedFrom: from.pausedFrom as OpenStatus | null },
        { to: 'closed', reason: 'moved_to_other_organisation' },
      );
      if (
        !(await casesRepo.update(tx, referral.fromOrganisationId, from.id, from.version, {
          status: next.status,
          paused_from: next.pausedFrom,
          closed_at: new Date(),
          closure_reason: 'moved_to_other_organisation',
        }))
      )
        throw errors.versionConflict();
    }
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: referral.fromOrganisationId,
      caseId: referral.fromCaseId,
      actorUserId: null,
      kind: 'transfer.completed',
      data: { referralId: referral.id },
    });
    await auditRepo.append(tx, {
      organisationId: referral.fromOrganisationId,
      actorUserId: null,
      action: 'case.closed_by_transfer',
      entityType: 'case',
      entityId: referral.fromCaseId,
      fields: ['status'],
    });
    await auditRepo.append(tx, {
      organisationId: referral.fromOrganisationId,
      actorUserId: null,
      action: 'referral.accepted_by_partner',
      entityType: 'referral',
      entityId: referral.id,
      fields: ['status'],
    });
    await notifyInTx(tx, referral.fromOrganisationId, [referral.createdBy], 'referral.accepted', referral.id);
  });
  return { caseId };
}

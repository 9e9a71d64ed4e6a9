/**
 * Referrals and transfers: consent-gated, minimum-data snapshots sent to a
 * partner of a shared network. The receiver sees only the snapshot and what it
 * adds itself; notes never cross back. Everything is audited on both sides.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { consentEventsFromRecords, requireSharingConsent } from '../domain/cases/consent';
import { assertEditable, type CaseStatus } from '../domain/cases/lifecycle';
import { DomainError } from '../domain/errors';
import { assertTransferSections, nextStatus, sectionsToShare, type ReferralAction, type ReferralStatus, type SharedSection } from '../domain/referrals/workflow';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { withSystem, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { requireAccess } from './authorize';
import { notifyAnswered, notifyReceived } from './notifications';
import { createCase, requireCase } from './cases';
import { inTenant, type AppContext } from './context';
import { openIdentity, type PersonIdentity } from './person-identity';

export interface Snapshot {
  chosenTerm: string | null;
  language: string | null;
  needs: string[];
  requestedService: string;
  identity?: PersonIdentity & { sex: string };
  identification?: { acts: string[]; means: string[]; purposes: string[]; formsOfExploitation: string[] };
  legal?: { type: string; date: string; endDate?: string; validUntil?: string }[];
}


/** Partners the actor's organisation shares a network with. */
export async function networkPartners(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, (tx) => tx.selectFrom('network_memberships').innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
    .innerJoin('networks', 'networks.id', 'network_memberships.network_id')
    .select(['organisations.id', 'organisations.name', 'networks.id as networkId', 'networks.name as networkName'])
    .where('network_memberships.organisation_id', '!=', actor.organisationId).where('network_memberships.status', '=', 'active')
    .where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`).orderBy('organisations.name').execute());
}

async function commonNetwork(tx: Tx, partnerId: string): Promise<string> {
  const row = await tx.selectFrom('network_memberships').select('network_id').where('organisation_id', '=', partnerId).where('status', '=', 'active')
    // Only networks the current organisation has joined (not ones it is merely invited to).
    .where(sql<boolean>`network_id IN (SELECT app_current_networks())`).executeTakeFirst();
  if (!row) throw new DomainError('not_in_network', 'This organisation is not a partner in any of your networks');
  return row.network_id;
}

export async function createReferral(ctx: AppContext, actor: Actor, caseId: string, input: { toOrganisationId: string; kind: 'referral' | 'transfer'; requestedService: string; sections: string[] }) {
  requireAccess(actor, 'referral.create', { organisationId: actor.organisationId });
  const sections = sectionsToShare(input.sections);
  assertTransferSections(input.kind, sections);
  await ctx.keyRing.warm(input.toOrganisationId);
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId);
    assertEditable(row.status as CaseStatus);
    const networkId = await commonNetwork(tx, input.toOrganisationId);
    const entries = await caseEntriesRepo.listCurrent(tx, actor.organisationId, [caseId]);
    requireSharingConsent(consentEventsFromRecords(entries.filter((e) => e.kind === 'consent')), input.toOrganisationId);
    const person = (await casesRepo.findPerson(tx, actor.organisationId, row.personId))!;
    const intake = await casesRepo.findIntake(tx, actor.organisationId, caseId);
    const snapshot: Snapshot = { chosenTerm: person.chosenTerm, language: person.preferredLanguage ?? intake?.language ?? null, needs: intake?.immediateNeeds ?? [], requestedService: input.requestedService };
    if (sections.includes('identity')) snapshot.identity = { ...(await openIdentity(ctx, actor.organisationId, person.identityEnc)), sex: person.sex };
    const identification = entries.filter((e) => e.kind === 'identification').at(-1)?.data;
    if (sections.includes('identification') && identification) {
      snapshot.identification = { acts: identification.acts as string[], means: identification.means as string[], purposes: identification.purposes as string[], formsOfExploitation: (identification.formsOfExploitation as string[]) ?? [] };
    }
    if (sections.includes('legal')) {
      snapshot.legal = entries.filter((e) => e.kind === 'legal_event').map((e) => ({ type: String(e.data.type), date: String(e.data.date), ...(e.data.endDate ? { endDate: String(e.data.endDate) } : {}), ...(e.data.validUntil ? { validUntil: String(e.data.validUntil) } : {}) }));
    }
    await tx.insertInto('referrals').values({
      id, network_id: networkId, from_organisation_id: actor.organisationId, to_organisation_id: input.toOrganisationId, from_case_id: caseId,
      kind: input.kind, status: 'pending', requested_service: input.requestedService, shared_sections: sections,
      snapshot_enc: await ctx.keyRing.encrypt(input.toOrganisationId, JSON.stringify(snapshot)), created_by: actor.userId,
    }).execute();
    await casesRepo.addEvent(tx, { id: crypto.randomUUID(), organisationId: actor.organisationId, caseId, actorUserId: actor.userId, kind: `${input.kind}.sent`, data: { to: input.toOrganisationId, sections } });
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: `${input.kind}.create`, entityType: 'case', entityId: caseId, fields: sections });
  });
  // The receiving side's own trail records what arrived (field names only).
  await withSystem(ctx.db, (tx) => auditRepo.append(tx, { organisationId: input.toOrganisationId, actorUserId: null, action: `${input.kind}.received`, entityType: 'referral', entityId: id, fields: sections }));
  await notifyReceived(ctx, input.toOrganisationId, id, input.kind);
  return getReferral(ctx, actor, id);
}

export async function listReferrals(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, (tx) => tx.selectFrom('referrals')
    .innerJoin('organisations as f', 'f.id', 'referrals.from_organisation_id').innerJoin('organisations as t', 't.id', 'referrals.to_organisation_id')
    .select(['referrals.id', 'referrals.kind', 'referrals.status', 'referrals.requested_service as requestedService', 'referrals.created_at as createdAt',
      'referrals.from_organisation_id as fromId', 'f.name as fromName', 'referrals.to_organisation_id as toId', 't.name as toName'])
    .orderBy('referrals.created_at', 'desc').limit(200).execute());
}

/** Sender: what was shared and the status. Receiver: the decrypted snapshot too. Each side: only its own notes. */
export async function getReferral(ctx: AppContext, actor: Actor, referralId: string) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await tx.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
    if (!row) throw errors.notFound();
    const incoming = row.to_organisation_id === actor.organisationId;
    const snapshot = incoming ? JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, row.snapshot_enc)) as Snapshot : null;
    const notes = await tx.selectFrom('referral_notes').select(['id', 'kind', 'data', 'created_at as createdAt']).where('referral_id', '=', referralId).orderBy('created_at').execute();
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'referral.read', entityType: 'referral', entityId: referralId, fields: incoming ? ['snapshot'] : ['status'] });
    return {
      id: row.id, kind: row.kind, status: row.status, direction: (incoming ? 'incoming' : 'outgoing') as 'incoming' | 'outgoing', fromOrganisationId: row.from_organisation_id, toOrganisationId: row.to_organisation_id,
      fromCaseId: incoming ? null : row.from_case_id, toCaseId: incoming ? row.to_case_id : null, requestedService: row.requested_service,
      sharedSections: row.shared_sections, declineReason: row.decline_reason, version: row.version,
      snapshot: snapshot as Record<string, unknown> | null, notes: notes.map((n) => ({ ...n, createdAt: new Date(n.createdAt).toISOString() })),
    };
  });
}

export async function respondToReferral(ctx: AppContext, actor: Actor, referralId: string, action: ReferralAction, input: { reason?: string; version: number }) {
  requireAccess(actor, 'referral.respond', { organisationId: actor.organisationId });
  let transfer: { snapshot: Snapshot; fromOrg: string; fromCase: string } | null = null;
  await inTenant(ctx, actor, async (tx) => {
    const row = await tx.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
    if (!row || row.to_organisation_id !== actor.organisationId) throw errors.notFound();
    const status = nextStatus(row.status as ReferralStatus, action, input.reason);
    const updated = await tx.updateTable('referrals').set({ status, decline_reason: action === 'decline' ? input.reason ?? null : row.decline_reason, updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', referralId).where('version', '=', input.version).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw errors.versionConflict();
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: `referral.${action}`, entityType: 'referral', entityId: referralId, fields: ['status'] });
    if (row.kind === 'transfer' && action === 'accept') {
      transfer = { snapshot: JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, row.snapshot_enc)), fromOrg: row.from_organisation_id, fromCase: row.from_case_id };
    }
  });
  const sender = await withSystem(ctx.db, async (tx) => {
    const row = await tx.selectFrom('referrals').select(['from_organisation_id', 'created_by']).where('id', '=', referralId).executeTakeFirstOrThrow();
    await auditRepo.append(tx, { organisationId: row.from_organisation_id, actorUserId: null, action: `referral.${action}ed_by_partner`, entityType: 'referral', entityId: referralId, fields: ['status'] });
    return row;
  });
  if (sender.created_by) await notifyAnswered(ctx, sender.from_organisation_id, sender.created_by, referralId, `referral.${action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'completed'}`);
  if (transfer) await completeTransfer(ctx, actor, referralId, transfer);
  return getReferral(ctx, actor, referralId);
}

/** The receiver becomes owner of a new case linked to the old one; the sender's case closes as moved. */
async function completeTransfer(ctx: AppContext, actor: Actor, referralId: string, t: { snapshot: Snapshot; fromOrg: string; fromCase: string }) {
  const { sex, ...identity } = t.snapshot.identity!;
  const created = await createCase(ctx, actor, {
    person: { ...identity, sex: sex as 'female' | 'male' | 'other' | 'unknown', ...(t.snapshot.chosenTerm ? { chosenTerm: t.snapshot.chosenTerm } : {}) },
    intake: { channel: 'partner', contactDate: new Date().toISOString().slice(0, 10), mediatorUsed: false, immediateNeeds: t.snapshot.needs, ...(t.snapshot.language ? { language: t.snapshot.language } : {}) },
    risk: { level: 'medium' },
  });
  await inTenant(ctx, actor, (tx) => tx.updateTable('referrals').set({ to_case_id: created.row.id }).where('id', '=', referralId).execute());
  await withSystem(ctx.db, async (tx) => {
    await tx.updateTable('cases').set((eb) => ({ status: 'closed', paused_from: null, closed_at: new Date(), closure_reason: 'moved_to_other_organisation', version: eb('version', '+', 1), updated_at: new Date() }))
      .where('organisation_id', '=', t.fromOrg).where('id', '=', t.fromCase).where('status', '!=', 'closed').execute();
    await casesRepo.addEvent(tx, { id: crypto.randomUUID(), organisationId: t.fromOrg, caseId: t.fromCase, actorUserId: null, kind: 'transfer.completed', data: { referralId } });
    await auditRepo.append(tx, { organisationId: t.fromOrg, actorUserId: null, action: 'case.closed_by_transfer', entityType: 'case', entityId: t.fromCase, fields: ['status'] });
  });
}

/** A note or a delivered service, visible to the writing organisation only. */
export async function addReferralNote(ctx: AppContext, actor: Actor, referralId: string, input: { kind: 'note' | 'service'; data: Record<string, unknown> }) {
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await tx.selectFrom('referrals').select(['status']).where('id', '=', referralId).executeTakeFirst();
    if (!row) throw errors.notFound();
    if (row.status === 'declined') throw new DomainError('invalid_referral_transition', 'The referral was declined');
    await tx.insertInto('referral_notes').values({ organisation_id: actor.organisationId, id: crypto.randomUUID(), referral_id: referralId, kind: input.kind, data: JSON.stringify(input.data), created_by: actor.userId }).execute();
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: `referral.${input.kind}.add`, entityType: 'referral', entityId: referralId, fields: Object.keys(input.data) });
  });
  return getReferral(ctx, actor, referralId);
}

export type { SharedSection };

/**
 * Attachments of a case: signed consent forms, ID scans, medical and legal documents, photos.
 * The file's type is decided from its bytes (file-type), never from its name or the declared
 * type; the bytes and the name are encrypted under the organisation's data key; every download
 * is audited; voiding keeps the file for the history. A partner receives copies (sealed under
 * her own key) only with a referral whose shared sections include `documents`, and reads them
 * only while the person's consent to share with her holds.
 */
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import {
  ACCEPTED_TYPES,
  acceptedType,
  contentDisposition,
  safeFileName,
  type AcceptedType,
  type AttachmentCategory,
} from '../domain/attachments/rules';
import { assertEditable, type CaseStatus } from '../domain/cases/lifecycle';
import { AppError, errors } from '../errors';
import type { Actor } from '../policies/policies';
import { asOrganisation, type Tx } from '../storage/database';
import { attachmentsRepo, type AttachmentRow } from '../storage/repositories/attachments';
import { auditRepo } from '../storage/repositories/audit';
import { caseEntriesRepo } from '../storage/repositories/case-entries';
import { casesRepo } from '../storage/repositories/cases';
import { referralsRepo } from '../storage/repositories/referrals';
import { requireAccess } from './authorize';
import { requireCase } from './cases';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { loadLists } from './reference-lists';
import { sharingConsentHolds } from './referral-consent';

/** The default size limit (ATTACHMENT_MAX_BYTES overrides it). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const attachmentMaxBytes = (ctx: AppContext) => ctx.config.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;

/** The referral section that carries attachments to a partner. */
export const DOCUMENTS_SECTION = 'documents';

export interface AttachmentView {
  id: string;
  caseId: string | null;
  referralId: string | null;
  category: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  consentEntryId: string | null;
  uploadedAt: Date;
  uploadedBy: { id: string; displayName: string } | null;
}

export interface AttachmentFile {
  contentType: AcceptedType;
  contentDisposition: string;
  bytes: Buffer;
}

const fileTooLarge = (limit: number) =>
  new AppError(413, 'file_too_large', `The file is larger than the limit of ${limit} bytes`, [
    { path: ['file'], code: 'file_too_large', maximum: limit },
  ]);

const unsupportedType = () =>
  new AppError(
    415,
    'unsupported_file_type',
    'This kind of file is not accepted (checked from its content): attach a PDF, a JPEG, PNG, WebP or HEIC image, or plain text',
    [{ path: ['file'], code: 'unsupported_file_type', values: [...ACCEPTED_TYPES] }],
  );

async function present(ctx: AppContext, organisationId: string, row: AttachmentRow): Promise<AttachmentView> {
  return {
    id: row.id,
    caseId: row.caseId,
    referralId: row.referralId,
    category: row.category,
    fileName: await ctx.keyRing.decrypt(organisationId, row.fileNameEnc),
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    consentEntryId: row.consentEntryId,
    uploadedAt: new Date(row.uploadedAt),
    uploadedBy: row.uploadedBy ? { id: row.uploadedBy, displayName: row.uploadedByName ?? '' } : null,
  };
}

/** The content type the bytes really are, or 415; over the limit, 413. */
export async function checkFile(ctx: AppContext, bytes: Buffer): Promise<AcceptedType> {
  const limit = attachmentMaxBytes(ctx);
  if (bytes.length > limit) throw fileTooLarge(limit);
  if (bytes.length === 0) throw errors.badRequest('empty_file', 'The file is empty');
  const type = acceptedType(await fileTypeFromBuffer(bytes), bytes);
  if (!type) throw unsupportedType();
  return type;
}

export { fileTooLarge };

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { category: AttachmentCategory; consentEntryId?: string; fileName: string; bytes: Buffer },
): Promise<AttachmentView> {
  requireAccess(actor, 'case.attachment.add', { organisationId: actor.organisationId });
  const contentType = await checkFile(ctx, input.bytes);
  return inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.attachment.add');
    assertEditable(row.status as CaseStatus);
    (await loadLists(tx, actor.organisationId)).check('document_types', input.category, 'category');
    if (input.consentEntryId) {
      const consent = await caseEntriesRepo.findCurrent(tx, actor.organisationId, caseId, input.consentEntryId);
      if (!consent || consent.kind !== 'consent')
        throw errors.validation([
          { path: ['consentEntryId'], code: 'not_a_consent', message: 'Not a consent record of this case' },
        ]);
    }
    const id = crypto.randomUUID();
    await attachmentsRepo.insert(tx, {
      organisationId: actor.organisationId,
      id,
      caseId,
      category: input.category,
      fileNameEnc: await ctx.keyRing.encrypt(actor.organisationId, safeFileName(input.fileName)),
      contentType,
      sizeBytes: input.bytes.length,
      consentEntryId: input.consentEntryId ?? null,
      uploadedBy: actor.userId,
      content: await ctx.keyRing.encryptBytes(actor.organisationId, input.bytes),
    });
    await casesRepo.touch(tx, actor.organisationId, caseId);
    // Codes and ids only on the timeline; the file's name stays in the sealed row.
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: 'attachment.added',
      data: { attachmentId: id, category: input.category, ...(input.consentEntryId ? { consent: 'linked' } : {}) },
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.attachment.add',
      entityType: 'case',
      entityId: caseId,
      fields: [`attachments.${id}`],
    });
    return present(ctx, actor.organisationId, (await attachmentsRepo.find(tx, actor.organisationId, id))!);
  });
}

/** The attachments of a case, metadata only (no blob is read). */
export async function listAttachments(ctx: AppContext, actor: Actor, caseId: string): Promise<AttachmentView[]> {
  requireAccess(actor, 'case.attachment.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      await requireCase(tx, actor, caseId, 'case.attachment.read');
      const rows = await attachmentsRepo.listOfCase(tx, actor.organisationId, caseId);
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'case.read',
        entityType: 'case',
        entityId: caseId,
        fields: ['attachments'],
      });
      return Promise.all(rows.map((r) => present(ctx, actor.organisationId, r)));
    },
    READS_ONLY,
  );
}

async function openFile(ctx: AppContext, tx: Tx, organisationId: string, row: AttachmentRow): Promise<AttachmentFile> {
  const sealed = await attachmentsRepo.blob(tx, organisationId, row.id);
  if (!sealed) throw errors.notFound();
  const name = await ctx.keyRing.decrypt(organisationId, row.fileNameEnc);
  const contentType = row.contentType as AcceptedType;
  return {
    contentType,
    contentDisposition: contentDisposition(name, contentType),
    bytes: await ctx.keyRing.decryptBytes(organisationId, sealed),
  };
}

/** One file of a case, decrypted; every download is audited (which attachment, never its content). */
export async function downloadAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  requireAccess(actor, 'case.attachment.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireCase(tx, actor, caseId, 'case.attachment.read');
    const row = await attachmentsRepo.find(tx, actor.organisationId, attachmentId);
    if (!row || row.caseId !== caseId || row.voidedAt) throw errors.notFound();
    const file = await openFile(ctx, tx, actor.organisationId, row);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.attachment.download',
      entityType: 'case',
      entityId: caseId,
      fields: [`attachments.${attachmentId}`],
    });
    return file;
  });
}

/** Voids an attachment recorded by mistake: kept (with the reason, sealed) in the history, no longer listed. */
export async function voidAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  attachmentId: string,
  reason: string,
): Promise<void> {
  requireAccess(actor, 'case.attachment.void', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await requireCase(tx, actor, caseId, 'case.attachment.void');
    assertEditable(row.status as CaseStatus);
    const attachment = await attachmentsRepo.find(tx, actor.organisationId, attachmentId);
    if (!attachment || attachment.caseId !== caseId || attachment.voidedAt) throw errors.notFound();
    const reasonEnc = await ctx.keyRing.encrypt(actor.organisationId, reason);
    if (!(await attachmentsRepo.void(tx, actor.organisationId, attachmentId, actor.userId, reasonEnc)))
      throw errors.notFound();
    await casesRepo.touch(tx, actor.organisationId, caseId);
    await casesRepo.addEvent(tx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      caseId,
      actorUserId: actor.userId,
      kind: 'attachment.voided',
      data: { attachmentId, category: attachment.category },
      secretEnc: await ctx.keyRing.encrypt(actor.organisationId, JSON.stringify({ reason })),
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'case.attachment.void',
      entityType: 'case',
      entityId: caseId,
      fields: [`attachments.${attachmentId}`],
    });
  });
}

/**
 * Inside createReferral's transaction, when the sender shares the `documents` section: a copy
 * of each current attachment of the case, re-sealed under the receiver's key and stored in the
 * receiver's tenant against the referral (no case yet). Both organisations' keys are warm.
 */
export async function copyAttachmentsForReferral(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  input: { caseId: string; referralId: string; toOrganisationId: string },
): Promise<number> {
  const rows = await attachmentsRepo.listOfCase(tx, actor.organisationId, input.caseId);
  const copies: Parameters<typeof attachmentsRepo.insert>[1][] = [];
  for (const row of rows) {
    const sealed = await attachmentsRepo.blob(tx, actor.organisationId, row.id);
    if (!sealed) continue;
    const name = await ctx.keyRing.decrypt(actor.organisationId, row.fileNameEnc);
    const bytes = await ctx.keyRing.decryptBytes(actor.organisationId, sealed);
    copies.push({
      organisationId: input.toOrganisationId,
      id: crypto.randomUUID(),
      caseId: null,
      referralId: input.referralId,
      category: row.category,
      fileNameEnc: await ctx.keyRing.encrypt(input.toOrganisationId, name),
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      uploadedBy: null,
      content: await ctx.keyRing.encryptBytes(input.toOrganisationId, bytes),
    });
  }
  if (copies.length === 0) return 0;
  await asOrganisation(tx, actor, { organisationId: input.toOrganisationId }, async () => {
    for (const copy of copies) await attachmentsRepo.insert(tx, copy);
  });
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'case.attachment.share',
    entityType: 'case',
    entityId: input.caseId,
    fields: rows.map((r) => `attachments.${r.id}`),
  });
  return copies.length;
}

/**
 * The receiver's side of a referral: it exists for her organisation, shares `documents`, and
 * the person's consent to share with her still holds. Anything else reads as not found.
 */
async function requireSharedDocuments(tx: Tx, actor: Actor, referralId: string) {
  const referral = await referralsRepo.find(tx, referralId);
  if (!referral || referral.toOrganisationId !== actor.organisationId) throw errors.notFound();
  if (!referral.sharedSections.includes(DOCUMENTS_SECTION)) throw errors.notFound();
  if (!(await sharingConsentHolds(tx, referral)))
    throw errors.conflict(
      'consent_withdrawn',
      'She withdrew her consent to share with this organisation; nothing of the referral can be used any more',
    );
  return referral;
}

/** The attachments a partner received with a referral (only when `documents` was shared). */
export async function listReferralAttachments(
  ctx: AppContext,
  actor: Actor,
  referralId: string,
): Promise<AttachmentView[]> {
  requireAccess(actor, 'case.attachment.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireSharedDocuments(tx, actor, referralId);
    const rows = await attachmentsRepo.listOfReferral(tx, actor.organisationId, referralId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'referral.read',
      entityType: 'referral',
      entityId: referralId,
      fields: ['attachments'],
    });
    return Promise.all(rows.map((r) => present(ctx, actor.organisationId, r)));
  });
}

export async function downloadReferralAttachment(
  ctx: AppContext,
  actor: Actor,
  referralId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  requireAccess(actor, 'case.attachment.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    await requireSharedDocuments(tx, actor, referralId);
    const row = await attachmentsRepo.find(tx, actor.organisationId, attachmentId);
    if (!row || row.referralId !== referralId || row.voidedAt) throw errors.notFound();
    const file = await openFile(ctx, tx, actor.organisationId, row);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'referral.attachment.download',
      entityType: 'referral',
      entityId: referralId,
      fields: [`attachments.${attachmentId}`],
    });
    return file;
  });
}

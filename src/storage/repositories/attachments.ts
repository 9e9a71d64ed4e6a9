/**
 * Attachments of a case (migration 032). Metadata and the encrypted blob live in two tables:
 * every listing reads case_attachments only; the blob is read for one download at a time.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface AttachmentRow {
  id: string;
  caseId: string | null;
  referralId: string | null;
  category: string;
  fileNameEnc: string;
  contentType: string;
  sizeBytes: number;
  consentEntryId: string | null;
  uploadedBy: string | null;
  uploadedByName: string | null;
  uploadedAt: Date;
  voidedAt: Date | null;
}

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('case_attachments as a')
    .leftJoin('users', 'users.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.case_id as caseId',
      'a.referral_id as referralId',
      'a.category',
      'a.file_name_enc as fileNameEnc',
      'a.content_type as contentType',
      'a.size_bytes as sizeBytes',
      'a.consent_entry_id as consentEntryId',
      'a.uploaded_by as uploadedBy',
      'users.display_name as uploadedByName',
      'a.uploaded_at as uploadedAt',
      'a.voided_at as voidedAt',
    ]);

export const attachmentsRepo = {
  async insert(
    db: Kysely<DB>,
    a: {
      organisationId: string;
      id: string;
      caseId: string | null;
      referralId?: string | null;
      category: string;
      fileNameEnc: string;
      contentType: string;
      sizeBytes: number;
      consentEntryId?: string | null;
      uploadedBy: string | null;
      content: Buffer;
    },
  ): Promise<void> {
    await db
      .insertInto('case_attachments')
      .values({
        organisation_id: a.organisationId,
        id: a.id,
        case_id: a.caseId,
        referral_id: a.referralId ?? null,
        category: a.category,
        file_name_enc: a.fileNameEnc,
        content_type: a.contentType,
        size_bytes: a.sizeBytes,
        consent_entry_id: a.consentEntryId ?? null,
        uploaded_by: a.uploadedBy,
      })
      .execute();
    await db
      .insertInto('case_attachment_blobs')
      .values({ organisation_id: a.organisationId, attachment_id: a.id, content: a.content })
      .execute();
  },

  /** The attachments of a case not voided, oldest first (metadata only). */
  listOfCase: (db: Kysely<DB>, organisationId: string, caseId: string): Promise<AttachmentRow[]> =>
    columns(db)
      .where('a.organisation_id', '=', organisationId)
      .where('a.case_id', '=', caseId)
      .where('a.voided_at', 'is', null)
      .orderBy('a.uploaded_at')
      .orderBy('a.id')
      .execute(),

  /** The copies a partner received with one referral (metadata only). */
  listOfReferral: (db: Kysely<DB>, organisationId: string, referralId: string): Promise<AttachmentRow[]> =>
    columns(db)
      .where('a.organisation_id', '=', organisationId)
      .where('a.referral_id', '=', referralId)
      .where('a.voided_at', 'is', null)
      .orderBy('a.uploaded_at')
      .orderBy('a.id')
      .execute(),

  find: (db: Kysely<DB>, organisationId: string, id: string): Promise<AttachmentRow | undefined> =>
    columns(db).where('a.organisation_id', '=', organisationId).where('a.id', '=', id).executeTakeFirst(),

  async blob(db: Kysely<DB>, organisationId: string, id: string): Promise<Buffer | undefined> {
    const row = await db
      .selectFrom('case_attachment_blobs')
      .select('content')
      .where('organisation_id', '=', organisationId)
      .where('attachment_id', '=', id)
      .executeTakeFirst();
    return row ? Buffer.from(row.content) : undefined;
  },

  /** Voids an attachment (kept, no longer listed); false when it was voided already. */
  async void(db: Kysely<DB>, organisationId: string, id: string, by: string, reasonEnc: string): Promise<boolean> {
    const result = await db
      .updateTable('case_attachments')
      .set({ voided_at: new Date(), voided_by: by, void_reason_enc: reasonEnc })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** A transfer's acceptance: the copies received with the referral become the new case's attachments. */
  linkReferralToCase: (db: Kysely<DB>, organisationId: string, referralId: string, caseId: string) =>
    db
      .updateTable('case_attachments')
      .set({ case_id: caseId })
      .where('organisation_id', '=', organisationId)
      .where('referral_id', '=', referralId)
      .where('case_id', 'is', null)
      .execute(),
};

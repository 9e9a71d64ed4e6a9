/** What leaves the server about an attachment: metadata only, every field named (never the bytes). */
import { z } from 'zod';
import { ACCEPTED_TYPES } from '../../domain/attachments/rules';
import { code } from '../../domain/shared/zod';
import type { AttachmentView } from '../../services/attachments';

export const AttachmentSchema = z
  .strictObject({
    id: z.string().uuid(),
    caseId: z.string().uuid().nullable(),
    referralId: z.string().uuid().nullable(),
    category: code,
    fileName: z.string(),
    contentType: z.enum(ACCEPTED_TYPES),
    sizeBytes: z.number().int(),
    consentEntryId: z.string().uuid().nullable(),
    uploadedAt: z.string(),
    uploadedBy: z.strictObject({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  })
  .meta({ id: 'CaseAttachment' });
export type AttachmentDto = z.infer<typeof AttachmentSchema>;

export function presentAttachment(a: AttachmentView): AttachmentDto {
  return {
    id: a.id,
    caseId: a.caseId,
    referralId: a.referralId,
    category: a.category as AttachmentDto['category'],
    fileName: a.fileName,
    contentType: a.contentType as AttachmentDto['contentType'],
    sizeBytes: a.sizeBytes,
    consentEntryId: a.consentEntryId,
    uploadedAt: a.uploadedAt.toISOString(),
    uploadedBy: a.uploadedBy ? { id: a.uploadedBy.id, displayName: a.uploadedBy.displayName } : null,
  };
}

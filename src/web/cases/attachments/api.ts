/**
 * The attachments of a case, for the web: the list (metadata only), an upload with progress
 * (XMLHttpRequest, the one browser API that reports upload progress), and voiding.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentList } from '../../../server/api-types';
import { api, upload } from '../../api/client';

export type Attachment = AttachmentList['attachments'][number];

export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'attachments'],
    queryFn: () => api<AttachmentList>(`/api/cases/${caseId}/attachments`),
  });
}

export const downloadUrl = (caseId: string, attachmentId: string) => `/api/cases/${caseId}/attachments/${attachmentId}`;

/** Sends one file as multipart/form-data; `onProgress` hears the fraction sent (0..1). */
export function uploadAttachment(
  caseId: string,
  input: { category: string; consentEntryId?: string; file: File },
  opts: { idempotencyKey?: string; onProgress?: (fraction: number) => void } = {},
): Promise<Attachment> {
  const form = new FormData();
  // Fields first: the server reads them before the file.
  form.append('category', input.category);
  if (input.consentEntryId) form.append('consentEntryId', input.consentEntryId);
  form.append('file', input.file, input.file.name);
  return upload<Attachment>(`/api/cases/${caseId}/attachments`, form, opts);
}

export function useVoidAttachment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<void>(`/api/cases/${caseId}/attachments/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

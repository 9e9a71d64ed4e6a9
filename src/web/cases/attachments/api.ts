/**
 * The attachments of a case, for the web: the list (metadata only), an upload with progress
 * (XMLHttpRequest, the one browser API that reports upload progress), and voiding.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentList } from '../../../server/api-types';
import { api, ApiError, currentCsrfToken } from '../../api/client';

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
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${caseId}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    if (opts.idempotencyKey) xhr.setRequestHeader('idempotency-key', opts.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server could not be reached'));
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as Attachment);
      const error = (payload as { error?: { code: string; message: string; details?: unknown } } | null)?.error ?? {
        code: xhr.status === 413 ? 'file_too_large' : 'network_error',
        message: xhr.statusText,
      };
      reject(new ApiError(xhr.status, error.code, error.message, error.details));
    };
    xhr.send(form);
  });
}

export function useVoidAttachment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<void>(`/api/cases/${caseId}/attachments/${id}/void`, { method: 'POST', body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

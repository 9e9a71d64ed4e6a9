/**
 * Adds a record with one idempotency key per submission (a double click or a retry creates one
 * record), then refreshes the case, its records and the case list (the current risk level shows there).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Entry } from '../../api/cases';
import { useIdempotencyKey } from '../../api/idempotency';

export function useCreateEntry(caseId: string, onSaved?: () => void) {
  const client = useQueryClient();
  const idem = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: { kind: string; data: Record<string, unknown> }) =>
      api<Entry>(`/api/cases/${caseId}/entries`, { method: 'POST', body, idempotencyKey: idem.key }),
    onSuccess: async () => {
      idem.renew();
      onSaved?.();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
      ]);
    },
  });
}

/** Drops empty strings so optional fields are left out rather than sent blank. */
export const withoutBlanks = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '' && v !== undefined));

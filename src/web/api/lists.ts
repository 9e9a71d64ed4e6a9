/**
 * Administering the organisation's reference lists (issue #17). Every change sends the list version
 * it was made on and answers with the list as it now is; the lists every form reads are refetched at
 * once, so a new item is offered (and a retired one no longer) without reloading the page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReferenceListChange, ReferenceProposals } from '../../server/api-types';
import { api } from './client';
import { useIdempotencyKey } from './idempotency';

export type ListLabels = Record<string, string>;

export type ListChange =
  | { kind: 'edit'; code: string; labels?: ListLabels; palermoMeans?: boolean }
  | { kind: 'retire' | 'restore'; code: string }
  | { kind: 'reorder'; codes: string[] };

export function useProposals() {
  return useQuery({
    queryKey: ['reference-proposals'],
    queryFn: () => api<ReferenceProposals>('/api/reference-lists/proposals'),
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['reference-lists'] }),
      qc.invalidateQueries({ queryKey: ['reference-proposals'] }),
    ]);
}

/** Adding an item is a create: one idempotency key per submission, renewed after a success. */
export function useAddItem(listKey: string, onDone: () => void) {
  const refresh = useRefresh();
  const idem = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: { code: string; labels: ListLabels; palermoMeans?: boolean; version: number }) =>
      api<ReferenceListChange>(`/api/reference-lists/${listKey}/items`, {
        method: 'POST',
        body,
        idempotencyKey: idem.key,
      }),
    onSuccess: async () => {
      idem.renew();
      await refresh();
      onDone();
    },
  });
}

export function useChangeList(listKey: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ change, version }: { change: ListChange; version: number }) => {
      if (change.kind === 'reorder')
        return api<ReferenceListChange>(`/api/reference-lists/${listKey}/order`, {
          method: 'PUT',
          body: { codes: change.codes, version },
        });
      const item = `/api/reference-lists/${listKey}/items/${change.code}`;
      if (change.kind === 'edit')
        return api<ReferenceListChange>(item, {
          method: 'PATCH',
          body: {
            ...(change.labels ? { labels: change.labels } : {}),
            ...(change.palermoMeans !== undefined ? { palermoMeans: change.palermoMeans } : {}),
            version,
          },
        });
      return api<ReferenceListChange>(`${item}/${change.kind}`, { method: 'POST', body: { version } });
    },
    // A 409 means someone else changed the list: the fresh list is read either way.
    onSettled: refresh,
  });
}

export function useDecideProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (p: { listKey: string; code: string; decision: 'accept' | 'dismiss' }) =>
      api<ReferenceListChange>(`/api/reference-lists/${p.listKey}/proposals/${p.code}/${p.decision}`, {
        method: 'POST',
        body: {},
      }),
    onSettled: refresh,
  });
}

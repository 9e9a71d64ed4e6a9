/** Case API hooks: reference lists, cases, records, transitions, outcomes. Shapes mirror /api/docs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listLabel } from '../i18n';
import { api } from './client';
import { useIdempotencyKey } from './idempotency';
import type {
  CaseDetail,
  CaseEntries,
  CaseEntry,
  CaseSummary,
  DerivationStep,
  ReferenceItemView,
  ReferenceLists,
  ReferenceListView,
} from '../../server/api-types';

/** An item of a configurable list, and a list: inferred from the server's presenter schemas. */
export type RefItem = ReferenceItemView;
export type RefList = ReferenceListView;

/** Inferred from the server's schemas, not written again here. */
export type { CaseDetail, CaseSummary, DerivationStep };

/** A record of any kind, its data read generically: the server's per-kind entry type, with the data widened for lists and forms. */
export type Entry = Omit<CaseEntry, 'kind' | 'data'> & { kind: CaseEntry['kind']; data: Record<string, unknown> };
/** GET /api/cases/:id/entries, its records read through the loosened Entry. */
export type EntryList = Omit<CaseEntries, 'entries'> & { entries: Entry[] };

export function useReferenceLists() {
  return useQuery({
    queryKey: ['reference-lists'],
    queryFn: () => api<ReferenceLists>('/api/reference-lists'),
    staleTime: 300_000,
  });
}

/** The label of a code in the current language, from the organisation's lists. */
export function useLabel() {
  const { i18n } = useTranslation();
  const lists = useReferenceLists().data?.lists ?? [];
  return (listKey: string, code: string | null | undefined): string => {
    if (!code) return '—';
    const item = lists.find((l) => l.key === listKey)?.items.find((i) => i.code === code);
    return item ? listLabel(item.label, listKey, code, i18n.resolvedLanguage ?? 'en') : code;
  };
}

export function useCase(id: string) {
  return useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/api/cases/${id}`) });
}

export function useEntries(caseId: string, kind?: string) {
  return useQuery({
    queryKey: ['case', caseId, 'entries', kind ?? 'all'],
    queryFn: () => api<EntryList>(`/api/cases/${caseId}/entries${kind ? `?kind=${kind}` : ''}`),
  });
}

/**
 * Adds a record and refreshes everything shown about the case. One idempotency key per
 * submission: a double click or a retry records it once; a success renews the key.
 */
export function useAddEntry(caseId: string) {
  const client = useQueryClient();
  const idem = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: { kind: string; data: Record<string, unknown> }) =>
      api<Entry>(`/api/cases/${caseId}/entries`, { method: 'POST', body, idempotencyKey: idem.key }),
    onSuccess: () => {
      idem.renew();
      return client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
}

export function useCaseMutation<T>(caseId: string, path: string, method = 'POST') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<CaseDetail>(`/api/cases/${caseId}${path}`, { method, body }),
    onSuccess: (detail) => {
      client.setQueryData(['case', caseId], detail);
      void client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

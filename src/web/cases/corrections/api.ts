/** Corrections API hooks: revise a record with a reason, its history, void it, edit the intake, hand the case over. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CaseDetail, Entry } from '../../api/cases';
import type { EntryHistory, OwnerCandidate, OwnerCandidates, VoidedEntries } from '../../../server/api-types';

export type { EntryHistory, OwnerCandidate };

export function useEntryHistory(caseId: string, entryId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'history', entryId],
    queryFn: () => api<EntryHistory>(`/api/cases/${caseId}/entries/${entryId}/history`),
    enabled,
  });
}

/** Every view of the case is refreshed after a correction: current records, agenda, outcomes, history. */
function useRefresh(caseId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['case', caseId] }),
      client.invalidateQueries({ queryKey: ['agenda'] }),
    ]);
}

export function useReviseEntry(caseId: string, entryId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: (body: { data: Record<string, unknown>; version: number; reason: string }) =>
      api<Entry>(`/api/cases/${caseId}/entries/${entryId}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useVoidEntry(caseId: string, entryId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: (body: { reason: string; version: number }) =>
      api<EntryHistory>(`/api/cases/${caseId}/entries/${entryId}/void`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useOwnerCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'owner-candidates'],
    queryFn: () => api<OwnerCandidates>(`/api/cases/${caseId}/owner-candidates`),
    enabled,
  });
}

/** A PATCH or POST on the case answering the case detail: the cache takes the answer. */
export function useCaseEdit<T>(caseId: string, path: string, method = 'PATCH') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<CaseDetail>(`/api/cases/${caseId}${path}`, { method, body }),
    onSuccess: (detail) => {
      client.setQueryData(['case', caseId], detail);
      void client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
}

/** The voided records of a case of one kind, each with its history. */
export function useVoidedEntries(caseId: string, kind: string) {
  return useQuery({
    queryKey: ['case', caseId, 'voided', kind],
    queryFn: () => api<VoidedEntries>(`/api/cases/${caseId}/voided-entries?kind=${kind}`),
  });
}

/** Case API hooks: reference lists, cases, records, transitions, outcomes. Shapes mirror /api/docs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listLabel } from '../i18n';
import { api } from './client';

export interface RefItem { code: string; label: Record<string, string>; order: number; meta?: Record<string, unknown> }
export interface RefList { key: string; items: RefItem[] }

export interface CaseSummary {
  id: string; reference: string; status: string; personName: string; chosenTerm: string | null; isMinor: boolean | null;
  owner: { id: string; displayName: string }; programmeType: string | null; openedAt: string; updatedAt: string;
}

export interface DerivationStep { rule: string; satisfied: boolean; explanationKey: string }
export interface CaseDetail {
  id: string; reference: string; status: string; pausedFrom: string | null; version: number; openedAt: string; closedAt: string | null;
  closureReason: string | null; programmeType: string | null; country: string | null; cooperationWithAuthorities: string;
  owner: { id: string; displayName: string };
  person: { id: string; givenName: string; familyName: string | null; dateOfBirth: string | null; sex: string; citizenship: string | null; chosenTerm: string | null; pronouns: string | null; preferredLanguage: string | null; isMinor: boolean | null; version: number };
  intake: { channel: string; contactDate: string; municipality: string | null; language: string | null; mediatorUsed: boolean; immediateNeeds: string[] } | null;
  identification: {
    entryId: string; actsDate: string | null; minorAtActs: 'yes' | 'no' | 'unknown' | null;
    /** Under 18 at the time of the acts, as derived by the server. */
    isMinor: boolean | null; minorBasis: 'explicit' | 'date_of_birth' | null;
    derivation: { definitionMet: boolean | 'undetermined'; consentIrrelevant: boolean; resultKey: string; steps: DerivationStep[] };
  } | null;
  consents: { purpose: string; granted: boolean; at: string; partnerOrganisationId?: string }[];
  otherCases: { id: string; reference: string; status: string; openedAt: string; closedAt: string | null }[];
  allowedTransitions: string[];
  permissions: { update: boolean; changeOwner: boolean; readAudit: boolean; openNewCase: boolean };
}

export interface Entry { id: string; kind: string; data: Record<string, unknown>; recordedAt: string; recordedBy: { id: string; displayName: string } | null; version: number }

export function useReferenceLists() {
  return useQuery({ queryKey: ['reference-lists'], queryFn: () => api<{ lists: RefList[] }>('/api/reference-lists'), staleTime: 300_000 });
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
  return useQuery({ queryKey: ['case', caseId, 'entries', kind ?? 'all'], queryFn: () => api<{ entries: Entry[] }>(`/api/cases/${caseId}/entries${kind ? `?kind=${kind}` : ''}`) });
}

/** Adds a record and refreshes everything shown about the case. */
export function useAddEntry(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: string; data: Record<string, unknown> }) => api<Entry>(`/api/cases/${caseId}/entries`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

export function useCaseMutation<T>(caseId: string, path: string, method = 'POST') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api<CaseDetail>(`/api/cases/${caseId}${path}`, { method, body }),
    onSuccess: (detail) => { client.setQueryData(['case', caseId], detail); void client.invalidateQueries({ queryKey: ['case', caseId] }); },
  });
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

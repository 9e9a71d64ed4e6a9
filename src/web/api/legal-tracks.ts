/** The organisation's legal tracks (issue #17): read for the legal tab, added by an administrator on the settings page. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LegalTrackInput, LegalTrackList, LegalTrackView } from '../../server/api-types';
import { api } from './client';
import { useIdempotencyKey } from './idempotency';

export type { LegalTrackInput, LegalTrackView };
export type TrackStepView = LegalTrackView['steps'][number];

export function useLegalTracks() {
  return useQuery({
    queryKey: ['legal-tracks'],
    queryFn: () => api<LegalTrackList>('/api/legal-tracks'),
    staleTime: 60_000,
  });
}

/** Adds a country's track; one idempotency key per submission, renewed after a success. */
export function useAddLegalTrack() {
  const client = useQueryClient();
  const idem = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: LegalTrackInput) =>
      api<LegalTrackView>('/api/legal-tracks', { method: 'POST', body, idempotencyKey: idem.key }),
    onSuccess: () => {
      idem.renew();
      return client.invalidateQueries({ queryKey: ['legal-tracks'] });
    },
  });
}

/** A label in the reader's language, else English. */
export const labelIn = (label: Record<string, string | undefined>, language: string | undefined): string =>
  (language && label[language]) || label.en || '';

/**
 * "Hand off to a local post" for one contact: the network's posts ranked for it (territory, then
 * language) with their reasons, her agreement to share her nickname and what she told as an explicit
 * checkbox (unchecked: the post receives the contact without identity), and a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { HandoffView, RouteSuggestionsSchema } from '../../server/presenters/handoff';
import { api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';

type Suggestions = z.infer<typeof RouteSuggestionsSchema>;

export function HandOffPanel({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [chosen, setChosen] = useState<string>('');
  const [identityShared, setIdentityShared] = useState(false);
  const route = useQuery({
    queryKey: ['handoff-route', contactId],
    queryFn: () => api<Suggestions>(`/api/contacts/${contactId}/route`),
  });
  const send = useMutation({
    mutationFn: () =>
      api<HandoffView>('/api/handoffs', {
        method: 'POST',
        body: { contactId, toOrganisationId: chosen, identityShared },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['handoffs'] }),
  });
  const posts = route.data?.posts ?? [];
  const post = posts.find((p) => p.organisationId === chosen);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('handoffUi.handOff')}</h2>
      {route.error && <ErrorMessage error={route.error} />}
      {route.data && posts.length === 0 && <p className="muted">{t('handoffUi.noPosts')}</p>}
      {send.data ? (
        <p role="status">{t('handoffUi.sent', { name: send.data.to.name })}</p>
      ) : (
        <>
          <fieldset>
            <legend>{t('handoffUi.suggestions')}</legend>
            <ol className="plain">
              {posts.map((p) => (
                <li key={p.organisationId}>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-post`}
                      value={p.organisationId}
                      checked={chosen === p.organisationId}
                      onChange={() => setChosen(p.organisationId)}
                    />{' '}
                    <strong>{p.name}</strong>{' '}
                    <span className="muted">{p.reasons.map((r) => t(`handoffUi.reasons.${r}`)).join(' · ')}</span>
                  </label>
                </li>
              ))}
            </ol>
          </fieldset>
          <label>
            <input type="checkbox" checked={identityShared} onChange={(e) => setIdentityShared(e.target.checked)} />{' '}
            {t('handoffUi.identityAgreement')}
          </label>
          <p className="muted">{identityShared ? t('handoffUi.identityYes') : t('handoffUi.identityNo')}</p>
          <ConfirmButton
            label={t('handoffUi.handOffButton')}
            question={t(identityShared ? 'handoffUi.confirmWithIdentity' : 'handoffUi.confirmAnonymous', {
              name: post?.name ?? '',
            })}
            onConfirm={() => send.mutate()}
            disabled={!chosen || send.isPending}
          />
          {send.error && <ErrorMessage error={send.error} />}
        </>
      )}
    </section>
  );
}

/** /contacts/:id/handoff: the panel on a page of its own (the contact log links here from a hotline call). */
export function HandOffPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <h1>{t('handoffUi.handOff')}</h1>
      <HandOffPanel contactId={id} />
    </>
  );
}

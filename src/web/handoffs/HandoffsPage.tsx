/**
 * Hotline hand-offs (issue #18): the incoming ones the local post accepts or declines (with a reason,
 * after a confirmation), and the outgoing ones with their status, where her withdrawn agreement erases
 * what was shared about her at once. A contact's hand-off starts on its own page (HandOffPanel).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { HandoffListSchema, HandoffView } from '../../server/presenters/handoff';
import { api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDate } from '../i18n/dates';

type HandoffList = z.infer<typeof HandoffListSchema>;
export const DECLINE_REASONS = [
  'no_capacity',
  'outside_territory',
  'language_not_covered',
  'service_not_offered',
  'other',
] as const;

function Summary({ h }: { h: HandoffView }) {
  const { t } = useTranslation();
  return (
    <dl className="compact">
      <dt>{t('handoffUi.when')}</dt>
      <dd>{formatDate(h.occurredAt)}</dd>
      <dt>{t('handoffUi.channel')}</dt>
      <dd>{t(`handoffUi.kinds.${h.kind}`)}</dd>
      <dt>{t('handoffUi.place')}</dt>
      <dd>{h.place.name}</dd>
      <dt>{t('handoffUi.language')}</dt>
      <dd>{h.language ?? '—'}</dd>
      <dt>{t('handoffUi.needs')}</dt>
      <dd>{h.needs.length ? h.needs.join(', ') : '—'}</dd>
      {h.identity && (
        <>
          <dt>{t('handoffUi.nickname')}</dt>
          <dd>{h.identity.nickname ?? '—'}</dd>
          <dt>{t('handoffUi.note')}</dt>
          <dd>{h.identity.note ?? '—'}</dd>
        </>
      )}
    </dl>
  );
}

function Incoming({ h }: { h: HandoffView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<(typeof DECLINE_REASONS)[number]>('no_capacity');
  const answer = useMutation({
    mutationFn: (action: 'accept' | 'decline') =>
      api<HandoffView>(`/api/handoffs/${h.id}/${action}`, {
        method: 'POST',
        body: action === 'accept' ? { version: h.version } : { version: h.version, reason },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['handoffs'] }),
  });
  return (
    <li className="card" data-testid="incoming-handoff">
      <h3>{t('handoffUi.fromPost', { name: h.from.name })}</h3>
      <p>
        {t(`handoffUi.status.${h.status}`)}
        {h.identityShared ? '' : ` · ${t('handoffUi.anonymous')}`}
      </p>
      <Summary h={h} />
      {h.status === 'pending' && (
        <div className="actions">
          <ConfirmButton
            label={t('handoffUi.accept')}
            question={t('handoffUi.acceptQuestion')}
            onConfirm={() => answer.mutate('accept')}
            disabled={answer.isPending}
          />
          <label>
            {t('handoffUi.declineReason')}
            <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
              {DECLINE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`handoffUi.declineReasons.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <ConfirmButton
            className="secondary"
            label={t('handoffUi.decline')}
            question={t('handoffUi.declineQuestion')}
            onConfirm={() => answer.mutate('decline')}
            disabled={answer.isPending}
          />
        </div>
      )}
      {h.declineReason && <p>{t(`handoffUi.declineReasons.${h.declineReason}`)}</p>}
      {answer.error && <ErrorMessage error={answer.error} />}
    </li>
  );
}

function Outgoing({ h }: { h: HandoffView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () =>
      api<HandoffView>(`/api/handoffs/${h.id}/withdraw-identity`, { method: 'POST', body: { version: h.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['handoffs'] }),
  });
  return (
    <li className="card" data-testid="outgoing-handoff">
      <h3>{t('handoffUi.toPost', { name: h.to.name })}</h3>
      <p>
        {t(`handoffUi.status.${h.status}`)}
        {h.declineReason ? ` · ${t(`handoffUi.declineReasons.${h.declineReason}`)}` : ''}
        {h.identityWithdrawn ? ` · ${t('handoffUi.identityWithdrawn')}` : ''}
      </p>
      <Summary h={h} />
      {h.status === 'pending' && h.identityShared && (
        <ConfirmButton
          className="danger"
          label={t('handoffUi.withdrawIdentity')}
          question={t('handoffUi.withdrawQuestion')}
          onConfirm={() => withdraw.mutate()}
          disabled={withdraw.isPending}
        />
      )}
      {withdraw.error && <ErrorMessage error={withdraw.error} />}
    </li>
  );
}

export function HandoffsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['handoffs'],
    queryFn: () => api<HandoffList>('/api/handoffs'),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  return (
    <>
      <h1>{t('handoffUi.title')}</h1>
      {list.error && <ErrorMessage error={list.error} />}
      <section aria-labelledby="incoming-title">
        <h2 id="incoming-title">{t('handoffUi.incoming')}</h2>
        {list.data && list.data.incoming.length === 0 && <p className="muted">{t('handoffUi.none')}</p>}
        <ul className="plain">
          {list.data?.incoming.map((h) => (
            <Incoming key={h.id} h={h} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="outgoing-title">
        <h2 id="outgoing-title">{t('handoffUi.outgoing')}</h2>
        {list.data && list.data.outgoing.length === 0 && <p className="muted">{t('handoffUi.none')}</p>}
        <ul className="plain">
          {list.data?.outgoing.map((h) => (
            <Outgoing key={h.id} h={h} />
          ))}
        </ul>
      </section>
    </>
  );
}

/** One referral: the receiver sees the shared snapshot and answers; each side sees only its own notes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { CodeSelect, Field } from '../cases/fields';
import type { ReferralView as Referral } from '../../server/api-types';
import { useIdempotencyKey } from '../api/idempotency';

export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const referral = useQuery({ queryKey: ['referral', id], queryFn: () => api<Referral>(`/api/referrals/${id}`) });
  const [reason, setReason] = useState('');
  const [service, setService] = useState('');
  // Accepting a transfer moves her case here and closes the sender's: asked to confirm first.
  const [confirmingTransfer, setConfirmingTransfer] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingTransfer) confirmRef.current?.focus();
  }, [confirmingTransfer]);
  const refresh = (r: Referral) => {
    client.setQueryData(['referral', id], r);
    client.removeQueries({ queryKey: ['referrals'] });
  };
  const act = useMutation({
    mutationFn: (action: string) =>
      api<Referral>(`/api/referrals/${id}/${action}`, {
        method: 'POST',
        body: { version: referral.data!.version, ...(action === 'decline' ? { reason } : {}) },
      }),
    onSuccess: refresh,
  });
  const noteKey = useIdempotencyKey();
  const note = useMutation({
    mutationFn: () =>
      api<Referral>(`/api/referrals/${id}/notes`, {
        method: 'POST',
        body: { kind: 'service', data: { service } },
        idempotencyKey: noteKey.key,
      }),
    onSuccess: (r) => {
      noteKey.renew();
      setService('');
      refresh(r);
    },
  });
  if (referral.isPending) return <p role="status">{t('common.loading')}</p>;
  if (referral.isError) return <ErrorMessage error={referral.error} />;
  const r = referral.data;
  const incoming = r.direction === 'incoming';
  return (
    <section>
      <h1>
        {t(`net.kinds.${r.kind}`)} · {label('services', r.requestedService)}
      </h1>
      <p>
        {t('caseUi.status')}: <strong data-testid="referral-status">{t(`net.statuses.${r.status}`)}</strong>
      </p>
      {r.consentWithdrawn && (
        <div className="alert alert-info" role="status" data-testid="consent-withdrawn">
          <p>{incoming ? t('net.consentWithdrawnIncoming') : t('net.consentWithdrawnOutgoing')}</p>
          {r.consentWithdrawnAt && (
            <p>{t('net.withdrawnOn', { date: new Date(r.consentWithdrawnAt).toLocaleDateString(i18n.language) })}</p>
          )}
        </div>
      )}
      <div className="card">
        <h2>{t('net.shared')}</h2>
        <p>{r.sharedSections.map((s) => t(`net.sectionNames.${s}`)).join(', ')}</p>
        {r.snapshot && (
          <dl className="facts">
            {r.snapshot.identity && (
              <>
                <dt>{t('caseUi.person')}</dt>
                <dd>{[r.snapshot.identity.givenName, r.snapshot.identity.familyName].filter(Boolean).join(' ')}</dd>
              </>
            )}
            <dt>{t('caseUi.chosenTerm')}</dt>
            <dd>{label('chosen_terms', r.snapshot.chosenTerm)}</dd>
            <dt>{t('caseUi.language')}</dt>
            <dd>{r.snapshot.language ?? '—'}</dd>
            <dt>{t('caseUi.immediateNeeds')}</dt>
            <dd>{r.snapshot.needs.map((n) => label('immediate_needs', n)).join(', ') || '—'}</dd>
          </dl>
        )}
        {r.declineReason && <p>{t('net.declinedBecause', { reason: r.declineReason })}</p>}
        {r.toCaseId && (
          <p>
            <Link to={`/cases/${r.toCaseId}`}>{t('net.openNewCase')}</Link>
          </p>
        )}
        {r.fromCaseId && (
          <p>
            <Link to={`/cases/${r.fromCaseId}`}>{t('net.openOwnCase')}</Link>
          </p>
        )}
      </div>
      {incoming && r.status === 'pending' && !r.consentWithdrawn && (
        <div className="card">
          <h2>{t('net.answer')}</h2>
          {confirmingTransfer ? (
            <div role="group" aria-labelledby="accept-transfer-confirm">
              <p id="accept-transfer-confirm">{t('net.confirmAcceptTransfer')}</p>
              <div className="actions">
                <button
                  type="button"
                  ref={confirmRef}
                  onClick={() => act.mutate('accept', { onSettled: () => setConfirmingTransfer(false) })}
                  disabled={act.isPending}
                >
                  {t('net.confirmAcceptYes')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmingTransfer(false)}>
                  {t('net.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button
                type="button"
                onClick={() => (r.kind === 'transfer' ? setConfirmingTransfer(true) : act.mutate('accept'))}
                disabled={act.isPending}
              >
                {t('net.accept')}
              </button>
            </div>
          )}
          <Field label={t('net.declineReason')} value={reason} onChange={setReason} />
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={!reason.trim() || act.isPending}
              onClick={() => act.mutate('decline')}
            >
              {t('net.decline')}
            </button>
          </div>
        </div>
      )}
      {incoming && r.status === 'accepted' && (
        <form
          className="card"
          aria-labelledby="deliver-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            note.mutate();
          }}
        >
          <h2 id="deliver-title">{t('net.recordService')}</h2>
          <CodeSelect label={t('caseUi.service')} listKey="services" required value={service} onChange={setService} />
          <div className="actions">
            <button type="submit" disabled={note.isPending}>
              {t('caseUi.logService')}
            </button>
            <button type="button" className="secondary" onClick={() => act.mutate('complete')} disabled={act.isPending}>
              {t('net.complete')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={act.error ?? note.error} />
      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">{t('net.ourNotes')}</h2>
        {r.notes.length === 0 ? (
          <p className="muted">{t('net.none')}</p>
        ) : (
          <ul className="entries">
            {r.notes.map((n) => (
              <li key={n.id}>{label('services', String(n.data.service ?? ''))}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * One referral: both sides read the sender's message, urgency and requested-by date; the receiver sees the
 * shared snapshot (her date of birth, sex, citizenship and minority only when identity was shared) and
 * answers. Accepting a transfer and marking a referral completed ask first. Each side sees only its own notes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { CodeSelect, Field } from '../cases/fields';
import type { ReferralView as Referral } from '../../server/api-types';
import { useIdempotencyKey } from '../api/idempotency';
import { formatDate } from '../i18n/dates';
import { ReferralAttachments } from '../cases/attachments/ReferralAttachments';
import { SharedFormRecords } from '../forms/SharedFormRecords';

export function ReferralPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const referral = useQuery({ queryKey: ['referral', id], queryFn: () => api<Referral>(`/api/referrals/${id}`) });
  const [reason, setReason] = useState('');
  const [service, setService] = useState('');
  // The last success, cleared by the next action so it never sits beside that action's error.
  const [done, setDone] = useState<string | null>(null);
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
    onMutate: () => setDone(null),
    onSuccess: (r, action) => {
      if (action === 'decline') setReason('');
      setDone(t(`feedbackUi.done.${action}`));
      refresh(r);
    },
  });
  const noteKey = useIdempotencyKey();
  const note = useMutation({
    mutationFn: () =>
      api<Referral>(`/api/referrals/${id}/notes`, {
        method: 'POST',
        body: { kind: 'service', data: { service } },
        idempotencyKey: noteKey.key,
      }),
    onMutate: () => setDone(null),
    onSuccess: (r) => {
      noteKey.renew();
      // A create clears its form.
      setService('');
      setDone(t('feedbackUi.done.service'));
      refresh(r);
    },
  });
  const fe = useFieldErrors(act.error ?? note.error);
  if (referral.isPending) return <p role="status">{t('common.loading')}</p>;
  if (referral.isError) return <ErrorMessage error={referral.error} />;
  const r = referral.data;
  const incoming = r.direction === 'incoming';
  const date = (iso: string) => formatDate(iso);
  const identity = r.snapshot?.identity;
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
          {r.consentWithdrawnAt && <p>{t('net.withdrawnOn', { date: formatDate(r.consentWithdrawnAt) })}</p>}
        </div>
      )}
      <div className="card" aria-labelledby="referral-request-title">
        <h2 id="referral-request-title">{t('feedbackUi.request')}</h2>
        <dl className="facts">
          <dt>{t('feedbackUi.urgency')}</dt>
          <dd data-testid="referral-urgency">
            <span className={`urgency urgency-${r.urgency}`}>{t(`feedbackUi.urgencies.${r.urgency}`)}</span>
          </dd>
          <dt>{t('feedbackUi.requestedBy')}</dt>
          <dd>{r.requestedBy ? date(r.requestedBy) : '—'}</dd>
          {r.caseReference && (
            <>
              <dt>{t('feedbackUi.caseReference')}</dt>
              <dd>{r.caseReference}</dd>
            </>
          )}
        </dl>
        <h3>{t('feedbackUi.message')}</h3>
        {r.message ? (
          <p className="message" data-testid="referral-message">
            {r.message}
          </p>
        ) : (
          <p className="muted">{t('feedbackUi.noMessage')}</p>
        )}
      </div>
      <div className="card">
        <h2>{t('net.shared')}</h2>
        {/* A section a custom form declares has no fixed name: it is shown as its code. */}
        <p>{r.sharedSections.map((s) => t(`net.sectionNames.${s}`, { defaultValue: s })).join(', ')}</p>
        {r.snapshot && (
          <dl className="facts">
            {identity && (
              <>
                <dt>{t('caseUi.person')}</dt>
                <dd>{[identity.givenName, identity.familyName].filter(Boolean).join(' ')}</dd>
                <dt>{t('caseUi.dateOfBirth')}</dt>
                <dd data-testid="snapshot-dob">{identity.dateOfBirth ? date(identity.dateOfBirth) : '—'}</dd>
                <dt>{t('caseUi.sex')}</dt>
                <dd>{t(`caseUi.sexes.${identity.sex}`, { defaultValue: identity.sex })}</dd>
                <dt>{t('caseUi.citizenship')}</dt>
                <dd data-testid="snapshot-citizenship">{identity.citizenship ?? '—'}</dd>
                <dt>{t('feedbackUi.minor')}</dt>
                <dd data-testid="snapshot-minor">
                  {identity.minor === undefined
                    ? t('feedbackUi.minorUnknown')
                    : identity.minor
                      ? t('feedbackUi.minorYes')
                      : t('feedbackUi.minorNo')}
                </dd>
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
        {r.snapshot?.forms && <SharedFormRecords records={r.snapshot.forms} />}
        {incoming && r.snapshot && r.sharedSections.includes('documents') && <ReferralAttachments referralId={r.id} />}
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
          <div className="actions">
            {/* Accepting a transfer moves her case here and closes the sender's: asked to confirm first. */}
            {r.kind === 'transfer' ? (
              <ConfirmButton
                label={t('net.accept')}
                question={t('net.confirmAcceptTransfer')}
                confirmLabel={t('net.confirmAcceptYes')}
                onConfirm={() => act.mutate('accept')}
                disabled={act.isPending}
              />
            ) : (
              <button type="button" onClick={() => act.mutate('accept')} disabled={act.isPending}>
                {t('net.accept')}
              </button>
            )}
          </div>
          <Field
            label={t('net.declineReason')}
            name="reason"
            value={reason}
            onChange={setReason}
            error={fe.errorFor('reason')}
          />
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
            <ConfirmButton
              className="secondary"
              label={t('net.complete')}
              question={t('feedbackUi.confirmComplete')}
              confirmLabel={t('feedbackUi.confirmCompleteYes')}
              onConfirm={() => act.mutate('complete')}
              disabled={act.isPending}
            />
          </div>
        </form>
      )}
      <ErrorMessage error={act.error ?? note.error} />
      <FieldErrorSummary fe={fe} />
      {done && !act.error && !note.error && <Notice>{done}</Notice>}
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

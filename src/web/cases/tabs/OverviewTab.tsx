/** Status moves (pause and close with reasons, reopen with a note), the person and the intake, network hints. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { PossibleDuplicates } from '../../../server/api-types';
import { useCaseMutation, useLabel, type CaseDetail } from '../../api/cases';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CaseEdits } from '../corrections/CaseEdits';
import { DerivationCard } from '../Derivation';
import { CodeSelect, Field } from '../fields';
import { formatDate } from '../../i18n/dates';

export function OverviewTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const move = useCaseMutation<{ to: string; reason?: string; note?: string; version: number }>(c.id, '/transitions');
  const hints = useQuery({
    queryKey: ['case', c.id, 'duplicates'],
    queryFn: () => api<PossibleDuplicates>(`/api/cases/${c.id}/possible-duplicates`),
  });

  function submit(event?: FormEvent) {
    event?.preventDefault();
    move.mutate(
      { to, version: c.version, ...(reason ? { reason } : {}), ...(note ? { note } : {}) },
      {
        onSuccess: () => {
          setTo('');
          setReason('');
          setNote('');
        },
      },
    );
  }

  return (
    <div className="tab-panel">
      <form className="card" onSubmit={submit} aria-labelledby="status-title">
        <h2 id="status-title">{t('caseUi.changeStatus')}</h2>
        <label className="field">
          <span>{t('caseUi.moveTo')}</span>
          <select
            value={to}
            required
            onChange={(e) => {
              setTo(e.target.value);
              setReason('');
            }}
          >
            <option value="">{t('caseUi.choose')}</option>
            {c.allowedTransitions.map((s) => (
              <option key={s} value={s}>
                {t(`caseUi.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {to === 'paused' && (
          <CodeSelect
            label={t('caseUi.pauseReason')}
            listKey="pause_reasons"
            required
            value={reason}
            onChange={setReason}
          />
        )}
        {to === 'closed' && (
          <CodeSelect
            label={t('caseUi.closureReason')}
            listKey="closure_reasons"
            required
            value={reason}
            onChange={setReason}
          />
        )}
        {to === 'reopened' && <Field label={t('caseUi.reopenNote')} required value={note} onChange={setNote} />}
        <ErrorMessage error={move.error} />
        <div className="actions">
          {to === 'closed' ? (
            // Closing ends the work on her case: it asks first, saying what will happen.
            <ConfirmButton
              label={t('caseUi.applyStatus')}
              question={t('correctUi.close.question')}
              confirmLabel={t('correctUi.close.confirm')}
              disabled={move.isPending || !reason}
              onConfirm={() => submit()}
            />
          ) : (
            <button type="submit" disabled={move.isPending}>
              {t('caseUi.applyStatus')}
            </button>
          )}
        </div>
      </form>
      <CaseEdits c={c} />
      <div className="card">
        <h2>{t('caseUi.personSection')}</h2>
        <dl className="facts">
          <dt>{t('caseUi.dateOfBirth')}</dt>
          <dd>{c.person.dateOfBirth ?? '—'}</dd>
          <dt>{t('caseUi.citizenship')}</dt>
          <dd>{c.person.citizenship ?? '—'}</dd>
          <dt>{t('caseUi.chosenTerm')}</dt>
          <dd>{label('chosen_terms', c.person.chosenTerm)}</dd>
          <dt>{t('caseUi.preferredLanguage')}</dt>
          <dd>{c.person.preferredLanguage ?? '—'}</dd>
        </dl>
      </div>
      {c.identification && <DerivationCard identification={c.identification} headingId="overview-derivation-title" />}
      {c.otherCases.length > 0 && (
        <section className="card" aria-labelledby="other-cases-title">
          <h2 id="other-cases-title">{t('caseUi.otherCases')}</h2>
          <p className="muted">{t('caseUi.otherCasesIntro')}</p>
          <ul>
            {c.otherCases.map((o) => (
              <li key={o.id}>
                <Link to={`/cases/${o.id}`}>{o.reference}</Link> · {t(`caseUi.statuses.${o.status}`)} ·{' '}
                {t('caseUi.openedOn', { date: o.openedAt.slice(0, 10) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.intake && (
        <div className="card">
          <h2>{t('caseUi.intakeSection')}</h2>
          <dl className="facts">
            <dt>{t('caseUi.channel')}</dt>
            <dd>{label('channels', c.intake.channel)}</dd>
            <dt>{t('caseUi.contactDate')}</dt>
            <dd>{formatDate(c.intake.contactDate)}</dd>
            <dt>{t('caseUi.municipality')}</dt>
            <dd>{c.intake.municipality ?? '—'}</dd>
            <dt>{t('caseUi.immediateNeeds')}</dt>
            <dd>{c.intake.immediateNeeds.map((n) => label('immediate_needs', n)).join(', ') || '—'}</dd>
          </dl>
        </div>
      )}
      <div className="card">
        <h2>{t('caseUi.networkHint')}</h2>
        {hints.data && !hints.data.consentToNetworkDeduplication && (
          <p className="muted">{t('caseUi.noDedupConsent')}</p>
        )}
        {hints.data?.consentToNetworkDeduplication && hints.data.organisations.length === 0 && (
          <p>{t('caseUi.noDuplicates')}</p>
        )}
        {hints.data && hints.data.organisations.length > 0 && (
          <p>
            {t('caseUi.possibleDuplicate', { organisations: hints.data.organisations.map((o) => o.name).join(', ') })}
          </p>
        )}
      </div>
    </div>
  );
}

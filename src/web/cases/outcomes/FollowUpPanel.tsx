/** Her follow-up choices (consent, opt-out, her own contact instead of scheduled visits), what is due, and ad-hoc appointments. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryList } from '../tabs/EntryList';
import { Field } from '../fields';
import type { Outcomes } from './types';
import { formatDate } from '../../i18n/dates';

export function FollowUpPanel({ c, o }: { c: CaseDetail; o: Outcomes }) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const [note, setNote] = useState('');
  const [mode, setMode] = useState(o.followUp.mode);
  const [dueDate, setDueDate] = useState('');
  const record = (kind: 'consented' | 'opted_out' | 'self_initiated_contact') =>
    add.mutate(
      { kind: 'follow_up', data: { kind, at: todayIso(), ...(note ? { note } : {}) } },
      { onSuccess: () => setNote('') },
    );
  const state = o.followUp.optedOut
    ? t('outcomesUi.optedOut')
    : o.followUp.consented
      ? t('outcomesUi.consented')
      : t('outcomesUi.noChoice');

  return (
    <>
      <section className="card" aria-labelledby="follow-title">
        <h2 id="follow-title">{t('outcomesUi.followUpTitle')}</h2>
        <p>
          <strong>{t('outcomesUi.followUpState')}:</strong> {state}.{' '}
          {o.followUp.mode === 'self_initiated' ? t('outcomesUi.modeSelf') : t('outcomesUi.modeScheduled')}.
        </p>
        {o.followUp.selfInitiatedContacts.length > 0 && (
          <p>
            {t('outcomesUi.selfContacts', {
              dates: o.followUp.selfInitiatedContacts.map((d) => d.slice(0, 10)).join(', '),
            })}
          </p>
        )}
        <h3>{t('outcomesUi.dueTitle')}</h3>
        {o.due.length === 0 ? (
          <p className="muted">{t('outcomesUi.noneDue')}</p>
        ) : (
          <ul>
            {o.due.map((d) => (
              <li key={d.dueDate} className={d.overdue ? 'overdue' : undefined}>
                {t('outcomesUi.dueOn', { date: formatDate(d.dueDate) })}
                {d.overdue ? ` · ${t('outcomesUi.overdue')}` : ''}
              </li>
            ))}
          </ul>
        )}
        {c.permissions.update && (
          <>
            <Field label={t('outcomesUi.note')} value={note} onChange={setNote} />
            <ErrorMessage error={add.error} />
            <div className="actions">
              {(['self_initiated_contact', 'consented', 'opted_out'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  className={k === 'opted_out' ? 'secondary' : undefined}
                  disabled={add.isPending}
                  onClick={() => record(k)}
                >
                  {t(`outcomesUi.followUpActions.${k}`)}
                </button>
              ))}
            </div>
          </>
        )}
      </section>
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="preference-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({ kind: 'follow_up', data: { kind: 'preference', at: todayIso(), mode } });
          }}
        >
          <h2 id="preference-title">{t('outcomesUi.preference')}</h2>
          <fieldset className="checks">
            <legend>{t('outcomesUi.preference')}</legend>
            {(['scheduled', 'self_initiated'] as const).map((m) => (
              <label key={m} className="checkbox">
                <input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} />
                {m === 'scheduled' ? t('outcomesUi.modeScheduled') : t('outcomesUi.modeSelf')}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('outcomesUi.setPreference')}
            </button>
          </div>
        </form>
      )}
      {c.permissions.update && !o.followUp.optedOut && (
        <form
          className="card"
          aria-labelledby="appointment-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({ kind: 'follow_up_appointment', data: { dueDate } }, { onSuccess: () => setDueDate('') });
          }}
        >
          <h2 id="appointment-title">{t('outcomesUi.scheduleAppointment')}</h2>
          <Field label={t('outcomesUi.dueDate')} type="date" required value={dueDate} onChange={setDueDate} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('outcomesUi.schedule')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="follow_up"
        title={t('outcomesUi.followUpTitle')}
        render={(e) => (
          <>
            {String(e.data.at).slice(0, 10)} ·{' '}
            {e.data.kind === 'preference'
              ? `${t('outcomesUi.preference')}: ${e.data.mode === 'self_initiated' ? t('outcomesUi.modeSelf') : t('outcomesUi.modeScheduled')}`
              : t(`outcomesUi.followUpActions.${String(e.data.kind)}`)}
            {e.data.note ? ` — ${String(e.data.note)}` : ''}
          </>
        )}
      />
    </>
  );
}

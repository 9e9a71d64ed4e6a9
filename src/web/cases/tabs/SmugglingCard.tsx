/** Whether she was smuggled: its own record, kept apart from the trafficking assessment and never counted as trafficking. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../fields';
import { EntryList } from './EntryList';
import { formatDate } from '../../i18n/dates';

const ANSWERS = ['yes', 'no', 'unknown', 'not_asked'] as const;

export function SmugglingCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const [record, setRecord] = useState({ smuggled: 'not_asked', recordedOn: todayIso() });
  return (
    <>
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="smuggling-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({ kind: 'smuggling', data: record });
          }}
        >
          <h2 id="smuggling-title">{t('stats.smugglingRecord.title')}</h2>
          <p className="muted">{t('stats.smugglingRecord.apart')}</p>
          <label className="field">
            <span>{t('stats.smugglingRecord.question')}</span>
            <select value={record.smuggled} onChange={(e) => setRecord({ ...record, smuggled: e.target.value })}>
              {ANSWERS.map((a) => (
                <option key={a} value={a}>
                  {t(`stats.smugglingRecord.answers.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('stats.smugglingRecord.recordedOn')}
            type="date"
            value={record.recordedOn}
            onChange={(recordedOn) => setRecord({ ...record, recordedOn })}
          />
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('stats.smugglingRecord.save')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="smuggling"
        title={t('stats.smugglingRecord.list')}
        render={(e) => (
          <>
            {t(`stats.smugglingRecord.answers.${String(e.data.smuggled)}`)} · {formatDate(String(e.data.recordedOn))}
          </>
        )}
      />
    </>
  );
}

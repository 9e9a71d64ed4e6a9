/** Key decisions and the three autonomy checks: her volition, the support she has, her autonomy within it. Independence is not the measure. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryList } from '../tabs/EntryList';
import { Field } from '../fields';
import type { Outcomes } from './types';
import { formatDate } from '../../i18n/dates';

const CHECKS = ['ownDecision', 'emotionalSupport', 'autonomyWithin', 'financialDependence'] as const;
type Tri = 'true' | 'false' | 'null';
const fromTri = (v: Tri) => (v === 'null' ? null : v === 'true');

export function AutonomyPanel({ c, o }: { c: CaseDetail; o: Outcomes }) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const blank = {
    date: todayIso(),
    area: 'work',
    description: '',
    ownDecision: 'null' as Tri,
    emotionalSupport: 'null' as Tri,
    autonomyWithin: 'null' as Tri,
    financialDependence: 'null' as Tri,
  };
  const [form, setForm] = useState(blank);
  const answer = (v: unknown) =>
    v === true ? t('outcomesUi.yes') : v === false ? t('outcomesUi.no') : t('outcomesUi.unknown');

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      {
        kind: 'autonomy',
        data: {
          date: form.date,
          area: form.area,
          ...(form.description ? { description: form.description } : {}),
          ownDecision: fromTri(form.ownDecision),
          emotionalSupport: fromTri(form.emotionalSupport),
          autonomyWithin: fromTri(form.autonomyWithin),
          financialDependence: fromTri(form.financialDependence),
        },
      },
      { onSuccess: () => setForm(blank) },
    );
  }

  return (
    <>
      <section className="card" aria-labelledby="autonomy-title">
        <h2 id="autonomy-title">{t('outcomesUi.autonomyTitle')}</h2>
        <p className="muted">{t('outcomesUi.autonomyIntro')}</p>
        <p>{t('outcomesUi.autonomySummary', o.autonomy)}</p>
        {c.permissions.update && (
          <form onSubmit={submit}>
            <Field
              label={t('caseUi.date')}
              type="date"
              value={form.date}
              onChange={(date) => setForm({ ...form, date })}
            />
            <label className="field">
              <span>{t('outcomesUi.area')}</span>
              <select value={form.area} onChange={(e) => setForm({ ...form, area: e.target.value })}>
                {['relationship', 'work', 'return', 'disclosure_to_family', 'other'].map((a) => (
                  <option key={a} value={a}>
                    {t(`outcomesUi.areas.${a}`)}
                  </option>
                ))}
              </select>
            </label>
            <Field
              label={t('outcomesUi.description')}
              value={form.description}
              onChange={(description) => setForm({ ...form, description })}
            />
            {CHECKS.map((check) => (
              <label key={check} className="field inline">
                <span>{t(`outcomesUi.${check}`)}</span>
                <select value={form[check]} onChange={(e) => setForm({ ...form, [check]: e.target.value as Tri })}>
                  <option value="null">{t('outcomesUi.unknown')}</option>
                  <option value="true">{t('outcomesUi.yes')}</option>
                  <option value="false">{t('outcomesUi.no')}</option>
                </select>
              </label>
            ))}
            <ErrorMessage error={add.error} />
            <div className="actions">
              <button type="submit" disabled={add.isPending}>
                {t('outcomesUi.recordDecision')}
              </button>
            </div>
          </form>
        )}
      </section>
      <EntryList
        caseId={c.id}
        kind="autonomy"
        title={t('outcomesUi.autonomyTitle')}
        render={(e) => (
          <>
            {formatDate(String(e.data.date))} · {t(`outcomesUi.areas.${String(e.data.area)}`)}
            {e.data.description ? ` (${String(e.data.description)})` : ''}: {t('outcomesUi.ownDecision')}{' '}
            {answer(e.data.ownDecision)}; {t('outcomesUi.emotionalSupport')} {answer(e.data.emotionalSupport)};{' '}
            {t('outcomesUi.autonomyWithin')} {answer(e.data.autonomyWithin)}
          </>
        )}
      />
    </>
  );
}

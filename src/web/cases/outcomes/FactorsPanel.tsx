/** Factors that influence her (re)integration, in six groups, positive or negative, at the micro, meso or macro level. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EntryList } from '../tabs/EntryList';
import { Field } from '../fields';
import { pick, type Outcomes } from './types';

const GROUPS = ['background', 'trafficking_experience', 'institutions', 'economic', 'personal', 'family_friends'];

export function FactorsPanel({ c, o }: { c: CaseDetail; o: Outcomes }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const add = useAddEntry(c.id);
  const [form, setForm] = useState({ code: '', valence: 'positive', level: '', note: '' });
  const definition = (code: string) => o.factorCatalogue.find((f) => f.code === code);

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      {
        kind: 'factor',
        data: {
          code: form.code,
          valence: form.valence,
          ...(form.level ? { level: form.level } : {}),
          ...(form.note ? { note: form.note } : {}),
        },
      },
      { onSuccess: () => setForm({ code: '', valence: 'positive', level: '', note: '' }) },
    );
  }

  return (
    <>
      {c.permissions.update && (
        <form className="card" aria-labelledby="factor-title" onSubmit={submit}>
          <h2 id="factor-title">{t('outcomesUi.factorsTitle')}</h2>
          <p className="muted">{t('outcomesUi.durationNote')}</p>
          <label className="field">
            <span>{t('outcomesUi.factor')}</span>
            <select
              required
              value={form.code}
              onChange={(e) =>
                setForm({ ...form, code: e.target.value, level: definition(e.target.value)?.defaultLevel ?? '' })
              }
            >
              <option value="">{t('caseUi.choose')}</option>
              {GROUPS.map((g) => (
                <optgroup key={g} label={t(`outcomesUi.groups.${g}`)}>
                  {o.factorCatalogue
                    .filter((f) => f.group === g)
                    .map((f) => (
                      <option key={f.code} value={f.code}>
                        {pick(f.label, lang)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <fieldset className="checks">
            <legend>{t('outcomesUi.valence')}</legend>
            {['positive', 'negative'].map((v) => (
              <label key={v} className="checkbox">
                <input
                  type="radio"
                  name="valence"
                  checked={form.valence === v}
                  onChange={() => setForm({ ...form, valence: v })}
                />
                {t(`outcomesUi.${v}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('outcomesUi.level')}</span>
            <select value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
              <option value="">{t('caseUi.choose')}</option>
              {['micro', 'meso', 'macro'].map((l) => (
                <option key={l} value={l}>
                  {t(`outcomesUi.levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <Field label={t('outcomesUi.note')} value={form.note} onChange={(note) => setForm({ ...form, note })} />
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('outcomesUi.recordFactor')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="factor"
        title={t('outcomesUi.factorsTitle')}
        render={(e) => {
          const d = definition(String(e.data.code));
          return (
            <>
              {d ? `${t(`outcomesUi.groups.${d.group}`)} · ${pick(d.label, lang)}` : String(e.data.code)} ·{' '}
              {t(`outcomesUi.${String(e.data.valence)}`)}
              {e.data.level ? ` · ${t(`outcomesUi.levels.${String(e.data.level)}`)}` : ''}
            </>
          );
        }}
      />
    </>
  );
}

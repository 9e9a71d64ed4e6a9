/**
 * Settings → Internship length (issue #19): how long an internship may last in each country, the
 * report's 1–6 months unless an administrator sets the country's own bounds. Lists the countries'
 * rules, edits one or adds a country with the server's field errors at their fields, and asks before
 * saving or returning a country to the default.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { InternshipRuleInput } from '../../domain/labour/employers';
import type { InternshipRulesSchema } from '../../server/presenters/employer';
import { api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { Field } from '../cases/fields';

type InternshipRules = z.infer<typeof InternshipRulesSchema>;
const KEY = ['internship-rules'];

function useInternshipRules() {
  return useQuery({ queryKey: KEY, queryFn: () => api<InternshipRules>('/api/internship-rules') });
}

function useRuleMutation<B>(send: (body: B) => Promise<InternshipRules>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

export function InternshipRulesPage() {
  const { t } = useTranslation();
  const rules = useInternshipRules();
  const save = useRuleMutation((body: InternshipRuleInput) =>
    api<InternshipRules>('/api/internship-rules', { method: 'PUT', body }),
  );
  const remove = useRuleMutation((country: string) =>
    api<InternshipRules>(`/api/internship-rules/${encodeURIComponent(country)}`, { method: 'DELETE' }),
  );
  const fe = useFieldErrors(save.error);
  const [editing, setEditing] = useState<string | null>(null);
  const [country, setCountry] = useState('');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const def = rules.data?.default;

  const startEdit = (r: { country: string; minMonths: number; maxMonths: number }) => {
    setEditing(r.country);
    setCountry(r.country);
    setMin(String(r.minMonths));
    setMax(String(r.maxMonths));
    setDone(null);
    save.reset();
  };
  const clear = () => {
    setEditing(null);
    setCountry('');
    setMin('');
    setMax('');
    save.reset();
  };
  const submit = () => {
    setDone(null);
    save.mutate(
      { country, minMonths: num(min), maxMonths: num(max) },
      {
        onSuccess: () => {
          setDone(t('labourUi.internshipRules.saved', { country }));
          clear();
        },
      },
    );
  };
  const onSubmit = (e: FormEvent) => e.preventDefault();
  const title = editing
    ? t('labourUi.internshipRules.editTitle', { country: editing })
    : t('labourUi.internshipRules.addTitle');

  return (
    <section aria-labelledby="internship-rules-title">
      <h2 id="internship-rules-title">{t('labourUi.internshipRules.title')}</h2>
      <p>{t('labourUi.internshipRules.intro')}</p>
      <ErrorMessage error={rules.error ?? remove.error} />
      {def && (
        <div className="table-scroll">
          <table>
            <caption>{t('labourUi.internshipRules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('labourUi.internshipRules.country')}</th>
                <th scope="col">{t('labourUi.internshipRules.minMonths')}</th>
                <th scope="col">{t('labourUi.internshipRules.maxMonths')}</th>
                <th scope="col">{t('labourUi.internshipRules.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('labourUi.internshipRules.default')}</th>
                <td>{def.minMonths}</td>
                <td>{def.maxMonths}</td>
                <td />
              </tr>
              {(rules.data?.rules ?? []).map((r) => (
                <tr key={r.country}>
                  <th scope="row">{r.country}</th>
                  <td>{r.minMonths}</td>
                  <td>{r.maxMonths}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('labourUi.internshipRules.editCountry', { country: r.country })}
                        onClick={() => startEdit(r)}
                      >
                        {t('labourUi.internshipRules.edit')}
                      </button>
                      <ConfirmButton
                        className="secondary"
                        label={t('labourUi.internshipRules.reset', { country: r.country })}
                        question={t('labourUi.internshipRules.resetQuestion', {
                          country: r.country,
                          min: def.minMonths,
                          max: def.maxMonths,
                        })}
                        disabled={remove.isPending}
                        onConfirm={() => remove.mutate(r.country)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rules.data && rules.data.rules.length === 0 && <p>{t('labourUi.internshipRules.noneYet')}</p>}
      <form className="card" aria-label={title} onSubmit={onSubmit} noValidate>
        <h3>{title}</h3>
        {!editing && (
          <Field
            label={t('labourUi.internshipRules.countryCode')}
            name="country"
            value={country}
            required
            onChange={(v) => setCountry(v.toUpperCase().slice(0, 2))}
            error={fe.errorFor('country')}
          />
        )}
        <Field
          label={t('labourUi.internshipRules.minMonths')}
          name="minMonths"
          type="number"
          value={min}
          required
          onChange={setMin}
          error={fe.errorFor('minMonths')}
        />
        <Field
          label={t('labourUi.internshipRules.maxMonths')}
          name="maxMonths"
          type="number"
          value={max}
          required
          onChange={setMax}
          error={fe.errorFor('maxMonths')}
        />
        <FieldErrorSummary fe={fe} />
        <ErrorMessage error={fe.any ? null : save.error} />
        {done && <p role="status">{done}</p>}
        <div className="actions">
          <ConfirmButton
            label={t('labourUi.internshipRules.save')}
            question={t('labourUi.internshipRules.saveQuestion', { country: country || '—', min, max })}
            disabled={save.isPending}
            onConfirm={submit}
          />
          {editing && (
            <button type="button" className="secondary" onClick={clear}>
              {t('labourUi.internshipRules.cancelEdit')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/**
 * The EX-CHANGE network-mapping questionnaire (Annex 2, A1–C18). The skip logic
 * is the domain's own, so the form hides exactly the items the API would refuse.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { visibleItems, type Answer, type Answers, type QuestionnaireItem } from '../../domain/referrals/questionnaire';
import { api } from '../api/client';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import type { NetworkDraft } from './NetworksPage';
import type { QuestionnaireView } from '../../server/api-types';
import { formatDate } from '../i18n/dates';

/** Drops empty answers and those the skip logic hides, so a changed B1/B2 never sends stale items. */
function answersToSend(answers: Answers): Answers {
  const out: Answers = {};
  for (const it of visibleItems(answers)) {
    const a = answers[it.id];
    if (!a || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)) continue;
    out[it.id] = a.specify ? a : { value: a.value };
  }
  return out;
}

export function QuestionnairePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const saved = useQuery({ queryKey: ['questionnaire'], queryFn: () => api<QuestionnaireView>('/api/questionnaire') });
  const [answers, setAnswers] = useState<Answers>({});
  // The view names every item it may have, each optional: keep the answered ones.
  useEffect(() => {
    if (saved.data)
      setAnswers(
        Object.fromEntries(Object.entries(saved.data.answers).filter((e): e is [string, Answer] => e[1] !== undefined)),
      );
  }, [saved.data]);
  const submit = useMutation({
    mutationFn: () =>
      api<QuestionnaireView>('/api/questionnaire', { method: 'PUT', body: { answers: answersToSend(answers) } }),
    onSuccess: (data) => client.setQueryData(['questionnaire'], data),
  });
  const set = (id: string, answer: Answer | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (answer === undefined) delete next[id];
      else next[id] = answer;
      return next;
    });
  const visible = visibleItems(answers);
  const network = submit.data?.network ?? saved.data?.network ?? null;
  const version = submit.data ?? saved.data;

  return (
    <section>
      <h1>{t('networksUi.questionnaireTitle')}</h1>
      <p className="muted">{t('networksUi.questionnaireIntro')}</p>
      {version && version.version > 0 && (
        <p>
          {t('networksUi.version', {
            version: version.version,
            date: formatDate(version.submittedAt!),
          })}
        </p>
      )}
      <ErrorMessage error={saved.error} />
      {saved.data && (
        <form
          className="card questionnaire"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            submit.mutate();
          }}
        >
          {(['A', 'B', 'C'] as const).map((sectionId) => {
            const items = visible.filter((i) => i.id.startsWith(sectionId));
            if (!items.length) return null;
            return (
              <fieldset key={sectionId} className="checks">
                <legend>{t(`networksUi.sections.${sectionId}`)}</legend>
                {items.map((it) => (
                  <QuestionField key={it.id} item={it} answer={answers[it.id]} onChange={(a) => set(it.id, a)} />
                ))}
              </fieldset>
            );
          })}
          <ErrorMessage error={submit.error} />
          {submit.isSuccess && <Notice>{t('networksUi.saved')}</Notice>}
          <div className="actions">
            <button type="submit" disabled={submit.isPending}>
              {t('networksUi.submit')}
            </button>
          </div>
        </form>
      )}
      {network && (
        <section className="card" aria-labelledby="described-network">
          <h2 id="described-network">{t('networksUi.describedNetwork', { name: network.name })}</h2>
          <button type="button" onClick={() => navigate('/networks', { state: { draft: network } })}>
            {t('networksUi.useForNetwork')}
          </button>
        </section>
      )}
    </section>
  );
}

function QuestionField({
  item,
  answer,
  onChange,
}: {
  item: QuestionnaireItem;
  answer: Answer | undefined;
  onChange: (a: Answer | undefined) => void;
}) {
  const { t } = useTranslation();
  const label = `${item.id}. ${t(`networksUi.items.${item.id}`)}`;
  const value = answer?.value;
  const chosen = (option: string) =>
    Array.isArray(value) ? value.includes(option) : value === option || (option === 'yes' && value === true);
  const needsSpecify = item.specify !== undefined && chosen(item.specify);
  const specify = needsSpecify && (
    <label className="field">
      <span>
        {t('networksUi.specify')} ({item.id})
      </span>
      <input value={answer?.specify ?? ''} onChange={(e) => onChange({ value: value!, specify: e.target.value })} />
    </label>
  );
  const optionLabel = (o: string) => t(`networksUi.options.${o}`);

  if (item.type === 'text') {
    return (
      <label className="field">
        <span>
          {label}
          {item.required ? ' *' : ''}
        </span>
        <textarea
          rows={2}
          required={item.required}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value ? { value: e.target.value } : undefined)}
        />
      </label>
    );
  }
  if (item.type === 'yes_no') {
    return (
      <fieldset className="checks inline" data-item={item.id}>
        <legend>{label}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={item.id}
            required
            checked={value === true}
            onChange={() => onChange({ value: true })}
          />
          {t('networksUi.yes')}
        </label>
        <label className="checkbox">
          <input type="radio" name={item.id} checked={value === false} onChange={() => onChange({ value: false })} />
          {t('networksUi.no')}
        </label>
        {specify}
      </fieldset>
    );
  }
  if (item.type === 'single') {
    return (
      <>
        <label className="field">
          <span>{label}</span>
          <select
            required
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value ? { value: e.target.value } : undefined)}
          >
            <option value="">{t('networksUi.choose')}</option>
            {item.options!.map((o) => (
              <option key={o} value={o}>
                {optionLabel(o)}
              </option>
            ))}
          </select>
        </label>
        {specify}
      </>
    );
  }
  const values = Array.isArray(value) ? value : [];
  return (
    <fieldset className="checks" data-item={item.id}>
      <legend>{label}</legend>
      {item.options!.map((o) => (
        <label key={o} className="checkbox">
          <input
            type="checkbox"
            checked={values.includes(o)}
            onChange={(e) => {
              const next = e.target.checked ? [...values, o] : values.filter((v) => v !== o);
              onChange(
                next.length ? { value: next, ...(answer?.specify ? { specify: answer.specify } : {}) } : undefined,
              );
            }}
          />
          {optionLabel(o)}
        </label>
      ))}
      {specify}
    </fieldset>
  );
}

/** The follow-up interview (thesis Annex 2) as a form; its answers propose element scores, each traced to the answers behind it. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ScoreProposals } from '../../../server/api-types';
import { todayIso, useAddEntry, useEntries, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../fields';
import { formatDate } from '../../i18n/dates';
import { pick, type Answer, type AssessmentDraft, type Instrument, type Outcomes, type Question } from './types';

const UNSET = '__unset';

function AnswerInput({
  q,
  answer,
  scale,
  onChange,
}: {
  q: Question;
  answer: Answer | undefined;
  scale: { min: number; max: number };
  onChange: (a: Answer | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const label = `${pick(q.label, lang)}${q.optional ? '' : ` (${t('outcomesUi.required')})`}`;
  const set = (value: Answer['value']) =>
    onChange({ question: q.code, value, ...(answer?.answeredBy ? { answeredBy: answer.answeredBy } : {}) });
  const selectValue = answer === undefined ? UNSET : answer.value === null ? 'null' : String(answer.value);
  const fromSelect = (v: string) =>
    v === UNSET
      ? onChange(undefined)
      : v === 'null'
        ? set(null)
        : set(q.type === 'scale' ? Number(v) : q.type === 'boolean' ? v === 'true' : v);
  const common = [
    <option key={UNSET} value={UNSET}>
      {t('outcomesUi.notAsked')}
    </option>,
    <option key="null" value="null">
      {t('outcomesUi.declined')}
    </option>,
  ];
  return (
    <div className="question">
      {q.type === 'text' ? (
        <label className="field">
          <span>{label}</span>
          <textarea
            rows={2}
            value={typeof answer?.value === 'string' ? answer.value : ''}
            onChange={(e) => (e.target.value === '' ? onChange(undefined) : set(e.target.value))}
          />
        </label>
      ) : (
        <label className="field">
          <span>{label}</span>
          <select value={selectValue} onChange={(e) => fromSelect(e.target.value)}>
            {common}
            {q.type === 'scale' &&
              Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            {q.type === 'boolean' && [
              <option key="t" value="true">
                {t('outcomesUi.yes')}
              </option>,
              <option key="f" value="false">
                {t('outcomesUi.no')}
              </option>,
            ]}
            {q.type === 'choice' &&
              q.options?.map((o) => (
                <option key={o.code} value={o.code}>
                  {pick(o.label, lang)}
                </option>
              ))}
          </select>
        </label>
      )}
      {q.caseworkerMayAnswer && answer && (
        <label className="field inline">
          <span>{t('outcomesUi.answeredBy')}</span>
          <select
            value={answer.answeredBy ?? 'person'}
            onChange={(e) => onChange({ ...answer, answeredBy: e.target.value as 'person' | 'caseworker' })}
          >
            <option value="person">{t('outcomesUi.answeredByPerson')}</option>
            <option value="caseworker">{t('outcomesUi.answeredByCaseworker')}</option>
          </select>
        </label>
      )}
    </div>
  );
}

export function InterviewPanel({
  c,
  o,
  onUseScores,
}: {
  c: CaseDetail;
  o: Outcomes;
  onUseScores: (d: AssessmentDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const instrument = useQuery({
    queryKey: ['outcome-instrument'],
    queryFn: () => api<Instrument>('/api/outcomes/instrument'),
    staleTime: Infinity,
  });
  const interviews = useEntries(c.id, 'interview');
  const add = useAddEntry(c.id);
  const [date, setDate] = useState(todayIso());
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const propose = useMutation({
    mutationFn: (list: Answer[]) =>
      api<ScoreProposals>('/api/outcomes/proposals', { method: 'POST', body: { answers: list } }),
  });
  const elementLabel = (code: string) => pick(o.model.elements.find((e) => e.code === code)?.label, lang) || code;
  const questionLabel = (code: string) =>
    pick(instrument.data?.sections.flatMap((s) => s.questions).find((q) => q.code === code)?.label, lang) || code;

  function save(event: FormEvent) {
    event.preventDefault();
    const list = Object.values(answers);
    add.mutate(
      { kind: 'interview', data: { date, answers: list } },
      {
        onSuccess: (entry) => {
          setSaved(entry.id);
          propose.mutate(list);
        },
      },
    );
  }
  const useScores = () =>
    onUseScores({
      date,
      interviewEntryId: saved ?? undefined,
      scores: Object.fromEntries(
        (propose.data?.proposals ?? []).map((p) => [
          p.element,
          { score: String(p.score), source: p.source, informedBy: [...new Set(p.trace.map((x) => x.question))] },
        ]),
      ),
    });

  if (!instrument.data) return <ErrorMessage error={instrument.error} />;
  return (
    <>
      {c.permissions.update && (
        <form className="card" aria-labelledby="interview-title" onSubmit={save}>
          <h2 id="interview-title">{t('outcomesUi.sections.interview')}</h2>
          <p className="alert alert-info">{t('outcomesUi.interviewIntro')}</p>
          <Field label={t('caseUi.date')} type="date" value={date} onChange={setDate} />
          {instrument.data.sections.map((s) => (
            <details
              key={s.code}
              className="interview-section"
              open={!s.neverRequired && s.questions.some((q) => !q.optional)}
            >
              <summary>
                {pick(s.label, lang)}
                {s.neverRequired ? ` (${t('outcomesUi.optionalSection')})` : ''}
              </summary>
              {s.questions.map((q) => (
                <AnswerInput
                  key={q.code}
                  q={s.neverRequired ? { ...q, optional: true } : q}
                  answer={answers[q.code]}
                  scale={instrument.data!.scale}
                  onChange={(a) =>
                    setAnswers((prev) => {
                      const next = { ...prev };
                      if (a) next[q.code] = a;
                      else delete next[q.code];
                      return next;
                    })
                  }
                />
              ))}
            </details>
          ))}
          <ErrorMessage error={add.error} />
          {saved && <p role="status">{t('outcomesUi.interviewSaved')}</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => propose.mutate(Object.values(answers))}>
              {t('outcomesUi.proposeScores')}
            </button>
            <button type="submit" disabled={add.isPending}>
              {t('outcomesUi.saveInterview')}
            </button>
          </div>
        </form>
      )}
      {propose.data && (
        <section className="card" aria-labelledby="proposals-title">
          <h2 id="proposals-title">{t('outcomesUi.proposals')}</h2>
          {propose.data.proposals.length === 0 ? (
            <p className="muted">{t('outcomesUi.noProposals')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('outcomesUi.traceTitle')}>
              <table>
                <caption>{t('outcomesUi.traceTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('outcomesUi.element')}</th>
                    <th scope="col">{t('outcomesUi.proposedScore')}</th>
                    <th scope="col">{t('outcomesUi.answersColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {propose.data.proposals.map((p) => (
                    <tr key={p.element}>
                      <th scope="row">{elementLabel(p.element)}</th>
                      <td>
                        {p.score} · {t(`caseUi.sources.${p.source}`)}
                      </td>
                      <td>
                        <ul>
                          {p.trace.map((x) => (
                            <li key={x.question}>
                              {questionLabel(x.question)}: {x.contribution ?? '—'}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ErrorMessage error={propose.error} />
          {c.permissions.update && propose.data.proposals.length > 0 && (
            <div className="actions">
              <button type="button" onClick={useScores}>
                {t('outcomesUi.useProposals')}
              </button>
            </div>
          )}
        </section>
      )}
      <section className="card" aria-label={t('outcomesUi.interviews')}>
        <h2>{t('outcomesUi.interviews')}</h2>
        {interviews.data?.entries.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
        <ul className="entries">
          {interviews.data?.entries.map((e) => (
            <li key={e.id}>
              {formatDate(String(e.data.date))} ·{' '}
              {t('outcomesUi.answers', { count: Array.isArray(e.data.answers) ? e.data.answers.length : 0 })}{' '}
              <small className="muted">— {e.recordedBy?.displayName ?? t('caseUi.system')}</small>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

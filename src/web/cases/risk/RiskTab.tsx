/**
 * Risk: the current level, every assessment over time, and a re-assessment that answers the
 * organisation's questions (yes / no / unknown). The level is suggested as she answers, by the same
 * pure function the server uses; choosing another level is an override and asks for a reason.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useLabel, useReferenceLists, type CaseDetail } from '../../api/cases';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { RISK_ANSWERS, suggestRiskLevel, type RiskAnswer } from '../../../domain/cases/risk';
import { useFieldError } from '../Derivation';
import { CodeSelect, Field } from '../fields';
import { EntryList } from '../tabs/EntryList';
import { RiskLevelBadge } from './RiskLevelBadge';
import { useCreateEntry, withoutBlanks } from './useCreateEntry';
import { formatDate } from '../../i18n/dates';

export function RiskTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="risk-current-title">
        <h2 id="risk-current-title">{t('riskUi.current')}</h2>
        <p>
          <RiskLevelBadge level={c.risk.currentLevel} testId="risk-current" />
          {c.risk.assessedOn && <> · {t('riskUi.assessedOnDate', { date: formatDate(c.risk.assessedOn) })}</>}
        </p>
      </section>
      {c.permissions.update && <ReassessForm c={c} />}
      <EntryList
        caseId={c.id}
        kind="risk_assessment"
        title={t('riskUi.history')}
        render={(e) => {
          const answers = (e.data.answers as { answer: string }[] | undefined) ?? [];
          const yes = answers.filter((a) => a.answer === 'yes').length;
          return (
            <>
              <strong>{label('risk_levels', String(e.data.level))}</strong> · {formatDate(String(e.data.assessedOn))}
              {answers.length > 0 ? (
                <> · {t('riskUi.answeredYes', { count: yes, total: answers.length })}</>
              ) : (
                <> · {t('riskUi.unstructured')}</>
              )}
              {typeof e.data.suggestedLevel === 'string' && e.data.suggestedLevel !== e.data.level && (
                <>
                  {' '}
                  · {t('riskUi.overrode', { level: label('risk_levels', e.data.suggestedLevel) })}
                  {typeof e.data.overrideReason === 'string' && <>: {e.data.overrideReason}</>}
                </>
              )}
              {typeof e.data.notes === 'string' && <div className="muted">{e.data.notes}</div>}
            </>
          );
        }}
      />
    </div>
  );
}

function ReassessForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const lists = useReferenceLists().data?.lists ?? [];
  // A new assessment asks only the active questions and offers only the active levels.
  const questions = lists.find((l) => l.key === 'risk_questions')?.items.filter((i) => i.active) ?? [];
  const levels = lists.find((l) => l.key === 'risk_levels')?.items.filter((i) => i.active) ?? [];
  const [answers, setAnswers] = useState<Record<string, RiskAnswer>>({});
  const [assessedOn, setAssessedOn] = useState(todayIso());
  const [chosen, setChosen] = useState('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [saved, setSaved] = useState(false);
  const add = useCreateEntry(c.id, () => {
    setAnswers({});
    setChosen('');
    setReason('');
    setNotes('');
    setSaved(true);
  });
  const fieldError = useFieldError(add.error);
  const answered = Object.entries(answers).map(([question, answer]) => ({ question, answer }));
  const suggestion = suggestRiskLevel(answered, questions, levels);
  const level = chosen || suggestion.level || '';
  const overriding = answered.length > 0 && level !== suggestion.level;
  const reasonId = 'risk-override-reason';

  return (
    <form
      className="card"
      aria-labelledby="reassess-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setSaved(false);
        add.mutate({
          kind: 'risk_assessment',
          data: withoutBlanks({
            level,
            assessedOn,
            answers: answered,
            notes,
            overrideReason: overriding ? reason : '',
          }),
        });
      }}
    >
      <h2 id="reassess-title">{t('riskUi.reassess')}</h2>
      <p className="muted">{t('riskUi.reassessHint')}</p>
      {questions.map((q) => (
        <fieldset key={q.code} className="checks risk-question">
          <legend>{label('risk_questions', q.code)}</legend>
          {RISK_ANSWERS.map((a) => (
            <label key={a} className="checkbox">
              <input
                type="radio"
                name={`risk-${q.code}`}
                value={a}
                checked={answers[q.code] === a}
                onChange={() => setAnswers({ ...answers, [q.code]: a })}
              />
              {t(`riskUi.answers.${a}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <p role="status" data-testid="risk-suggested">
        {suggestion.level
          ? t('riskUi.suggested', { level: label('risk_levels', suggestion.level) })
          : t('riskUi.noSuggestion')}
      </p>
      <CodeSelect
        label={t('riskUi.level')}
        listKey="risk_levels"
        name="riskLevel"
        value={level}
        onChange={setChosen}
        required
      />
      {overriding && (
        <label className="field">
          <span>{t('riskUi.overrideReason')}</span>
          <textarea
            id={reasonId}
            name="overrideReason"
            value={reason}
            required
            rows={3}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={fieldError('overrideReason') ? true : undefined}
          />
          {fieldError('overrideReason') && <small className="field-error">{t('riskUi.reasonRequired')}</small>}
        </label>
      )}
      <Field label={t('riskUi.assessedOn')} type="date" value={assessedOn} onChange={setAssessedOn} required />
      <label className="field">
        <span>{t('riskUi.notes')}</span>
        <textarea name="riskNotes" value={notes} rows={3} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <ErrorMessage error={add.error} />
      {saved && !add.error && <Notice>{t('riskUi.saved')}</Notice>}
      <div className="actions">
        <button type="submit" disabled={add.isPending || !level}>
          {t('riskUi.save')}
        </button>
      </div>
    </form>
  );
}

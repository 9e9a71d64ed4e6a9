/** The individual programme: objectives with micro-objectives, and periodic reviews. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../fields';
import { LongText } from '../corrections/inputs';
import { ObjectiveActions } from '../corrections/ObjectiveActions';
import { EntryList } from './EntryList';
import { formatDate } from '../../i18n/dates';

export function PlanTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const [objective, setObjective] = useState({ title: '', dueDate: '', micro: '' });
  const [review, setReview] = useState({ reviewedOn: todayIso(), notes: '', nextReviewOn: '' });

  function addObjective(event: FormEvent) {
    event.preventDefault();
    const microObjectives = objective.micro
      .split('\n')
      .map((m) => m.trim())
      .filter(Boolean)
      .map((title) => ({ title, done: false }));
    add.mutate(
      {
        kind: 'objective',
        data: {
          title: objective.title,
          status: 'open',
          microObjectives,
          ...(objective.dueDate ? { dueDate: objective.dueDate } : {}),
        },
      },
      { onSuccess: () => setObjective({ title: '', dueDate: '', micro: '' }) },
    );
  }

  return (
    <div className="tab-panel">
      {c.permissions.update && (
        <form className="card" aria-labelledby="objective-title" onSubmit={addObjective}>
          <h2 id="objective-title">{t('caseUi.addObjective')}</h2>
          <Field
            label={t('caseUi.objective')}
            required
            value={objective.title}
            onChange={(title) => setObjective({ ...objective, title })}
          />
          <Field
            label={t('caseUi.dueDate')}
            type="date"
            value={objective.dueDate}
            onChange={(dueDate) => setObjective({ ...objective, dueDate })}
          />
          <label className="field">
            <span>{t('caseUi.microObjectives')}</span>
            <textarea
              rows={3}
              value={objective.micro}
              onChange={(e) => setObjective({ ...objective, micro: e.target.value })}
              aria-describedby="micro-hint"
            />
            <small id="micro-hint">{t('caseUi.microHint')}</small>
          </label>
          <ErrorMessage error={add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.addObjective')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="objective"
        title={t('caseUi.objectives')}
        render={(e) => (
          <>
            {String(e.data.title)} · {t(`caseUi.objectiveStatus.${String(e.data.status)}`)}
            {e.data.dueDate ? ` · ${t('caseUi.dueDate')} ${formatDate(String(e.data.dueDate))}` : ''}
            {(e.data.microObjectives as { title: string; done: boolean }[]).length > 0 && (
              <ul>
                {(e.data.microObjectives as { title: string; done: boolean }[]).map((m) => (
                  <li key={m.title}>
                    {m.done ? '✓ ' : '○ '}
                    {m.title}
                  </li>
                ))}
              </ul>
            )}
            <ObjectiveActions caseId={c.id} entry={e} editable={c.permissions.update} />
          </>
        )}
      />
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="review-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({
              kind: 'review',
              data: {
                reviewedOn: review.reviewedOn,
                notes: review.notes,
                ...(review.nextReviewOn ? { nextReviewOn: review.nextReviewOn } : {}),
              },
            });
          }}
        >
          <h2 id="review-title">{t('caseUi.addReview')}</h2>
          <Field
            label={t('caseUi.reviewedOn')}
            type="date"
            value={review.reviewedOn}
            onChange={(reviewedOn) => setReview({ ...review, reviewedOn })}
          />
          <LongText
            label={t('caseUi.reviewNotes')}
            required
            value={review.notes}
            onChange={(notes) => setReview({ ...review, notes })}
          />
          <Field
            label={t('caseUi.nextReview')}
            type="date"
            value={review.nextReviewOn}
            onChange={(nextReviewOn) => setReview({ ...review, nextReviewOn })}
          />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.addReview')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="review"
        title={t('caseUi.reviews')}
        render={(e) => (
          <>
            {formatDate(String(e.data.reviewedOn))}: {String(e.data.notes)}
          </>
        )}
      />
    </div>
  );
}

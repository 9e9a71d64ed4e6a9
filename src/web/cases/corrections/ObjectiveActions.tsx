/**
 * The plan moves on: an objective is marked achieved, dropped (after a confirmation) or reopened, and a
 * micro-objective ticked off. Each is a new version of the objective with the reason named, so the
 * record's history shows who moved it and when. Changing its wording or date is a correction (Correct).
 */
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/cases';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useReviseEntry } from './api';

interface Micro {
  title: string;
  dueDate?: string;
  done: boolean;
}

export function ObjectiveActions({ caseId, entry, editable }: { caseId: string; entry: Entry; editable: boolean }) {
  const { t } = useTranslation();
  const revise = useReviseEntry(caseId, entry.id);
  if (!editable) return null;
  const data = entry.data as { title: string; status: string; microObjectives?: Micro[] } & Record<string, unknown>;
  const { isMinor: _m, ...clean } = data;
  const move = (changes: Record<string, unknown>, reason: string) =>
    revise.mutate({ data: { ...clean, ...changes }, version: entry.version, reason });
  const micro = data.microObjectives ?? [];
  return (
    <div className="objective-actions">
      <div className="actions">
        {data.status === 'open' && (
          <button
            type="button"
            disabled={revise.isPending}
            onClick={() => move({ status: 'achieved' }, t('correctUi.plan.reasonAchieved'))}
          >
            {t('correctUi.plan.achieved')} <span className="visually-hidden">{data.title}</span>
          </button>
        )}
        {data.status === 'open' && (
          <ConfirmButton
            className="secondary"
            label={t('correctUi.plan.drop')}
            question={t('correctUi.plan.dropQuestion', { title: data.title })}
            disabled={revise.isPending}
            onConfirm={() => move({ status: 'dropped' }, t('correctUi.plan.reasonDropped'))}
          />
        )}
        {data.status !== 'open' && (
          <button
            type="button"
            className="secondary"
            disabled={revise.isPending}
            onClick={() => move({ status: 'open' }, t('correctUi.plan.reasonReopened'))}
          >
            {t('correctUi.plan.reopen')} <span className="visually-hidden">{data.title}</span>
          </button>
        )}
      </div>
      {micro.length > 0 && data.status === 'open' && (
        <fieldset className="checks">
          <legend>{t('correctUi.plan.microDone')}</legend>
          {micro.map((m, i) => (
            <label key={`${i}-${m.title}`} className="checkbox">
              <input
                type="checkbox"
                checked={m.done}
                disabled={revise.isPending}
                onChange={(e) =>
                  move(
                    { microObjectives: micro.map((x, j) => (j === i ? { ...x, done: e.target.checked } : x)) },
                    e.target.checked
                      ? t('correctUi.plan.reasonMicroDone', { title: m.title })
                      : t('correctUi.plan.reasonMicroUndone', { title: m.title }),
                  )
                }
              />
              {m.title}
            </label>
          ))}
        </fieldset>
      )}
      <ConflictNotice error={revise.error} queryKey={['case', caseId]} onReloaded={() => revise.reset()} />
    </div>
  );
}

/** (Re)integration against her own baseline: progress, the interview, events, factors, follow-up and autonomy. Never an overall score. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AutonomyPanel } from '../outcomes/AutonomyPanel';
import { EventsPanel } from '../outcomes/EventsPanel';
import { FactorsPanel } from '../outcomes/FactorsPanel';
import { FollowUpPanel } from '../outcomes/FollowUpPanel';
import { InterviewPanel } from '../outcomes/InterviewPanel';
import { ProgressPanel } from '../outcomes/ProgressPanel';
import type { AssessmentDraft, Outcomes } from '../outcomes/types';
import { formatDate } from '../../i18n/dates';

const SECTIONS = ['progress', 'interview', 'events', 'factors', 'followUp', 'autonomy'] as const;
type Section = (typeof SECTIONS)[number];

export function OutcomesTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const outcomes = useQuery({
    queryKey: ['case', c.id, 'outcomes'],
    queryFn: () => api<Outcomes>(`/api/cases/${c.id}/outcomes`),
  });
  const [section, setSection] = useState<Section>('progress');
  const [draft, setDraft] = useState<AssessmentDraft | null>(null);
  const o = outcomes.data;

  return (
    <div className="tab-panel">
      <p className="alert alert-info">{t('caseUi.continuumNote')}</p>
      <ErrorMessage error={outcomes.error} />
      {o?.flags.map((f) => (
        <p key={`${f.event}${f.date}`} className="alert alert-error" role="alert">
          {t('caseUi.hardFailure', { date: formatDate(f.date) })}
        </p>
      ))}
      {o?.next.hint === 'recovery_first' && <p className="alert alert-info">{t('caseUi.recoveryFirst')}</p>}
      <div className="segmented" role="group" aria-label={t('outcomesUi.sectionsLabel')}>
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={section === s}
            className={section === s ? 'active' : 'secondary'}
            onClick={() => setSection(s)}
          >
            {t(`outcomesUi.sections.${s}`)}
          </button>
        ))}
      </div>
      {o && section === 'progress' && <ProgressPanel c={c} o={o} draft={draft} setDraft={setDraft} />}
      {o && section === 'interview' && (
        <InterviewPanel
          c={c}
          o={o}
          onUseScores={(d) => {
            setDraft(d);
            setSection('progress');
          }}
        />
      )}
      {o && section === 'events' && <EventsPanel c={c} />}
      {o && section === 'factors' && <FactorsPanel c={c} o={o} />}
      {o && section === 'followUp' && <FollowUpPanel c={c} o={o} />}
      {o && section === 'autonomy' && <AutonomyPanel c={c} o={o} />}
    </div>
  );
}

/** What happened to the case, in order: codes only, never free text about her. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';

export function TimelineTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery({
    queryKey: ['case', c.id, 'timeline'],
    queryFn: () =>
      api<{
        events: { at: string; kind: string; data: Record<string, unknown>; actor: { displayName: string } | null }[];
      }>(`/api/cases/${c.id}/timeline`),
  });
  return (
    <section className="card tab-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('caseUi.tabs.timeline')}</h2>
      <ErrorMessage error={timeline.error} />
      <ol className="timeline">
        {timeline.data?.events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{new Date(e.at).toLocaleString(i18n.language)}</time> —{' '}
            {t(`caseUi.events.${e.kind.replace('.', '_')}`, { defaultValue: e.kind })}
            {e.data.to && typeof e.data.to === 'string' && !e.data.to.includes('-')
              ? ` → ${t(`caseUi.statuses.${e.data.to}`)}`
              : ''}{' '}
            · {e.actor?.displayName ?? t('caseUi.system')}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What happened to the case, in order: translated labels and the names of the people and partners involved, never free text about her. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CaseTimeline } from '../../../server/api-types';
import type { CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useHistoryLabel } from '../../history/labels';
import type { TimelineEvent } from '../../history/types';
import { formatDateTime } from '../../i18n/dates';

export function TimelineTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useHistoryLabel();
  const timeline = useQuery({
    queryKey: ['case', c.id, 'timeline'],
    queryFn: () => api<CaseTimeline>(`/api/cases/${c.id}/timeline`),
  });
  const detail = (e: TimelineEvent): string => {
    const names = e.names ?? {};
    if (e.kind === 'case.owner_changed' && (names.from || names.to))
      return t('historyUi.handedOver', {
        from: names.from ?? t('historyUi.formerStaff'),
        to: names.to ?? t('historyUi.formerStaff'),
      });
    if (e.kind.endsWith('.sent') && names.to) return t('historyUi.sentTo', { to: names.to });
    if (e.kind === 'transfer.received' && names.from) return t('historyUi.receivedFrom', { from: names.from });
    const to = e.data.to;
    if (typeof to === 'string' && e.kind.startsWith('case.') && i18n.exists(`caseUi.statuses.${to}`))
      return `→ ${t(`caseUi.statuses.${to}`)}`;
    return '';
  };
  return (
    <section className="card tab-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('caseUi.tabs.timeline')}</h2>
      <ErrorMessage error={timeline.error} />
      <ol className="timeline">
        {timeline.data?.events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {label('event', e.kind)}
            {detail(e) ? ` ${detail(e)}` : ''} · {e.actor?.displayName ?? t('historyUi.system')}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The user's deadlines across her open cases; overdue items are marked in words, not colour only. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorMessage } from './ErrorMessage';
import type { AgendaItem } from '../../server/api-types';
import { formatDate } from '../i18n/dates';

export function AgendaCard() {
  const { t } = useTranslation();
  const agenda = useQuery({ queryKey: ['agenda'], queryFn: () => api<{ items: AgendaItem[] }>('/api/agenda') });
  return (
    <section className="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('caseUi.agenda')}</h2>
      <ErrorMessage error={agenda.error} />
      {agenda.data?.items.length === 0 && <p>{t('caseUi.agendaEmpty')}</p>}
      <ul className="agenda">
        {agenda.data?.items.slice(0, 30).map((item) => (
          <li key={`${item.caseId}-${item.kind}-${item.dueDate}`} className={item.overdue ? 'overdue' : ''}>
            {item.overdue && <strong className="badge">{t('caseUi.overdue')}</strong>}{' '}
            {t(`caseUi.agendaKinds.${item.kind}`)} · <Link to={`/cases/${item.caseId}`}>{item.caseReference}</Link> ·{' '}
            {t('caseUi.dueIn', { date: formatDate(item.dueDate) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

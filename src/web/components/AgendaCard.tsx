/**
 * The user's deadlines across her open cases, a page at a time: every item, upcoming as well as
 * overdue, filtered by bucket (overdue, this week, later) with each bucket's count from the server.
 * Overdue items are marked in words, not colour only.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorMessage } from './ErrorMessage';
import type { AgendaPage } from '../../server/api-types';
import { formatDate } from '../i18n/dates';

export const AGENDA_PAGE_SIZE = 10;
const BUCKETS = ['all', 'overdue', 'this_week', 'later'] as const;
type Bucket = (typeof BUCKETS)[number];

export function AgendaCard() {
  const { t } = useTranslation();
  const [bucket, setBucket] = useState<Bucket>('all');
  const [offset, setOffset] = useState(0);
  const agenda = useQuery({
    queryKey: ['agenda', bucket, offset],
    queryFn: () =>
      api<AgendaPage>(
        `/api/agenda?limit=${AGENDA_PAGE_SIZE}&offset=${offset}${bucket === 'all' ? '' : `&bucket=${bucket}`}`,
      ),
    placeholderData: keepPreviousData,
  });
  const page = agenda.data;
  const counts = page?.counts;
  const countOf = (b: Bucket) =>
    counts ? (b === 'all' ? counts.overdue + counts.this_week + counts.later : counts[b]) : undefined;
  const choose = (b: Bucket) => {
    setBucket(b);
    setOffset(0);
  };
  return (
    <section className="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('caseUi.agenda')}</h2>
      <ErrorMessage error={agenda.error} />
      <div role="group" aria-label={t('dashboardUi.filterLabel')} className="agenda-buckets">
        {BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            className={bucket === b ? 'primary' : 'secondary'}
            aria-pressed={bucket === b}
            onClick={() => choose(b)}
          >
            {t('dashboardUi.bucketLabel', { label: t(`dashboardUi.buckets.${b}`), count: countOf(b) ?? 0 })}
          </button>
        ))}
      </div>
      {page && page.total === 0 && <p>{bucket === 'all' ? t('caseUi.agendaEmpty') : t('dashboardUi.empty')}</p>}
      <ul className="agenda" aria-busy={agenda.isFetching}>
        {page?.items.map((item) => (
          <li key={`${item.caseId}-${item.kind}-${item.dueDate}`} className={item.overdue ? 'overdue' : ''}>
            {item.overdue && <strong className="badge">{t('caseUi.overdue')}</strong>}{' '}
            {t(`caseUi.agendaKinds.${item.kind}`)} · <Link to={`/cases/${item.caseId}`}>{item.caseReference}</Link> ·{' '}
            {t('caseUi.dueIn', { date: formatDate(item.dueDate) })}
          </li>
        ))}
      </ul>
      {page && page.total > 0 && (
        <nav aria-label={t('dashboardUi.pager')} className="pager">
          <button
            type="button"
            className="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - AGENDA_PAGE_SIZE))}
          >
            {t('dashboardUi.previous')}
          </button>
          <span role="status">
            {t('dashboardUi.range', {
              from: page.offset + 1,
              to: page.offset + page.items.length,
              total: page.total,
            })}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={offset + AGENDA_PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + AGENDA_PAGE_SIZE)}
          >
            {t('dashboardUi.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

/**
 * Incoming and outgoing referrals; the receiving organisation answers them here. Each row shows the
 * viewer's own case reference (the sender's case; the receiver's own once a transfer made one), the
 * urgency and the requested-by date, filtered and sorted by urgency or date.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { URGENCIES, urgencyRank } from '../../domain/referrals/details';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import type { SessionView } from '../api/types';
import type { ReferralRow, ReferralRows } from '../../server/api-types';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDate } from '../i18n/dates';

const SORTS = ['newest', 'urgency', 'requestedBy'] as const;
type Sort = (typeof SORTS)[number];

function sorted(rows: ReferralRow[], sort: Sort): ReferralRow[] {
  const byNewest = (a: ReferralRow, b: ReferralRow) => b.createdAt.localeCompare(a.createdAt);
  const copy = [...rows];
  if (sort === 'urgency') return copy.sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || byNewest(a, b));
  if (sort === 'requestedBy')
    // Soonest first; referrals without a date last.
    return copy.sort((a, b) => (a.requestedBy ?? '9999').localeCompare(b.requestedBy ?? '9999') || byNewest(a, b));
  return copy.sort(byNewest);
}

export function ReferralsPage({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const [urgency, setUrgency] = useState('');
  const [sort, setSort] = useState<Sort>('newest');
  // Always fresh: a partner may have answered since the last visit.
  const list = useQuery({
    queryKey: ['referrals'],
    queryFn: () => api<ReferralRows>('/api/referrals'),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const date = (iso: string) => formatDate(iso);
  const rows = sorted(
    (list.data?.referrals ?? []).filter((r) => !urgency || r.urgency === urgency),
    sort,
  );
  const table = (title: string, items: ReferralRow[], other: (r: ReferralRow) => string) => (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('net.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('net.date')}</th>
                <th scope="col">{t('feedbackUi.caseReference')}</th>
                <th scope="col">{t('net.organisation')}</th>
                <th scope="col">{t('net.kind')}</th>
                <th scope="col">{t('caseUi.requestedService')}</th>
                <th scope="col">{t('feedbackUi.urgency')}</th>
                <th scope="col">{t('feedbackUi.requestedBy')}</th>
                <th scope="col">{t('caseUi.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="referral-row">
                  <td>
                    <Link to={`/referrals/${r.id}`}>{date(r.createdAt)}</Link>
                  </td>
                  <td>
                    {r.caseId && r.caseReference ? (
                      <Link to={`/cases/${r.caseId}`}>{r.caseReference}</Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{other(r)}</td>
                  <td>{t(`net.kinds.${r.kind}`)}</td>
                  <td>{label('services', r.requestedService)}</td>
                  <td>
                    <span className={`urgency urgency-${r.urgency}`}>{t(`feedbackUi.urgencies.${r.urgency}`)}</span>
                  </td>
                  <td>{r.requestedBy ? date(r.requestedBy) : '—'}</td>
                  <td>{t(`net.statuses.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
  return (
    <section>
      <h1>{t('net.referralsTitle')}</h1>
      <div className="card filters" role="group" aria-label={t('feedbackUi.listOptions')}>
        <label className="field">
          <span>{t('feedbackUi.filterUrgency')}</span>
          <select name="urgency" value={urgency} onChange={(e) => setUrgency(e.target.value)}>
            <option value="">{t('feedbackUi.allUrgencies')}</option>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`feedbackUi.urgencies.${u}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('feedbackUi.sortBy')}</span>
          <select name="sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`feedbackUi.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={list.error} />
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {table(
        t('net.incoming'),
        rows.filter((r) => r.toId === session.organisation.id),
        (r) => r.fromName,
      )}
      {table(
        t('net.outgoing'),
        rows.filter((r) => r.fromId === session.organisation.id),
        (r) => r.toName,
      )}
    </section>
  );
}

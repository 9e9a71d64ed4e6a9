/** Incoming and outgoing referrals; the receiving organisation answers them here. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import type { SessionView } from '../api/types';
import type { ReferralRow } from '../../server/api-types';
import { ErrorMessage } from '../components/ErrorMessage';

export function ReferralsPage({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  // Always fresh: a partner may have answered since the last visit.
  const list = useQuery({
    queryKey: ['referrals'],
    queryFn: () => api<{ referrals: ReferralRow[] }>('/api/referrals'),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const rows = list.data?.referrals ?? [];
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
                <th scope="col">{t('net.organisation')}</th>
                <th scope="col">{t('net.kind')}</th>
                <th scope="col">{t('caseUi.requestedService')}</th>
                <th scope="col">{t('caseUi.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/referrals/${r.id}`}>{new Date(r.createdAt).toLocaleDateString(i18n.language)}</Link>
                  </td>
                  <td>{other(r)}</td>
                  <td>{t(`net.kinds.${r.kind}`)}</td>
                  <td>{label('services', r.requestedService)}</td>
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

/** The dashboard's count tiles (GET /api/dashboard): counts only, each a labelled figure. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { ErrorMessage } from './ErrorMessage';
import type { Dashboard } from '../../server/api-types';

export function DashboardTiles() {
  const { t, i18n } = useTranslation();
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => api<Dashboard>('/api/dashboard') });
  const d = dashboard.data;
  const number = new Intl.NumberFormat(i18n.language);
  const tiles: { key: string; label: string; value: number | undefined; to?: string }[] = [
    { key: 'openCases', label: t('dashboardUi.openCases'), value: d?.openCases, to: '/cases' },
    { key: 'highRisk', label: t('dashboardUi.highRisk'), value: d?.highRisk },
    { key: 'referralsWaiting', label: t('dashboardUi.referralsWaiting'), value: d?.referralsWaiting, to: '/referrals' },
    { key: 'overdue', label: t('dashboardUi.overdue'), value: d?.overdue },
    { key: 'dueThisWeek', label: t('dashboardUi.dueThisWeek', { count: d?.weekDays ?? 7 }), value: d?.dueThisWeek },
  ];
  return (
    <section className="card" aria-labelledby="tiles-title">
      <h2 id="tiles-title">{t('dashboardUi.tilesTitle')}</h2>
      <ErrorMessage error={dashboard.error} />
      <dl className="tiles" aria-busy={dashboard.isPending}>
        {tiles.map((tile) => (
          <div key={tile.key} className="tile" data-tile={tile.key}>
            <dt>{tile.to ? <Link to={tile.to}>{tile.label}</Link> : tile.label}</dt>
            <dd>{tile.value === undefined ? '…' : number.format(tile.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

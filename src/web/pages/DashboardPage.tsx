/** The dashboard: greets the user, shows the count tiles, notifications and the paged agenda. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionView } from '../api/types';
import { AgendaCard } from '../components/AgendaCard';
import { DashboardTiles } from '../components/DashboardTiles';
import { NotificationsCard } from '../components/NotificationsCard';

export function DashboardPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('dashboard.welcome', { name: session.user.displayName })}</h1>
      <dl className="facts">
        <dt>{t('dashboard.organisation')}</dt>
        <dd>{session.organisation.name}</dd>
        <dt>{t('dashboard.roles')}</dt>
        <dd>{session.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
      </dl>
      {session.permissions.readCases && <DashboardTiles />}
      {session.permissions.readCases && <NotificationsCard />}
      {session.permissions.readCases ? (
        <AgendaCard />
      ) : (
        <div className="card">
          <h2>{t('dashboard.emptyTitle')}</h2>
          <p>{t('dashboard.emptyBody')}</p>
        </div>
      )}
      <h2>{t('dashboard.quickLinks')}</h2>
      <ul className="quick-links">
        {session.permissions.readCases && (
          <li>
            <Link to="/cases">{t('nav.cases')}</Link>
          </li>
        )}
        {session.permissions.readCases && (
          <li>
            <Link to="/cases/new">{t('caseUi.newIntake')}</Link>
          </li>
        )}
        {session.permissions.manageUsers && (
          <li>
            <Link to="/users">{t('nav.users')}</Link>
          </li>
        )}
        {session.permissions.readAudit && (
          <li>
            <Link to="/audit">{t('nav.audit')}</Link>
          </li>
        )}
        <li>
          <Link to="/account">{t('nav.account')}</Link>
        </li>
      </ul>
    </section>
  );
}

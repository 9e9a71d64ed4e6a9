/** Routes: the login page for anonymous visitors, the shell and its pages for everyone else. */
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { useSession } from './api/session';
import { ErrorMessage } from './components/ErrorMessage';
import { Layout } from './components/Layout';
import { MustChangePasswordPage } from './pages/MustChangePasswordPage';
import { CaseListPage } from './cases/CaseListPage';
import { CasePage } from './cases/CasePage';
import { NewCasePage } from './cases/NewCasePage';
import { NetworkPage } from './network/NetworkPage';
import { ReferralPage } from './network/ReferralPage';
import { ReferralsPage } from './network/ReferralsPage';
import { CohortPage } from './statistics/CohortPage';
import { LinkageReviewPage } from './network/LinkageReviewPage';
import { NetworksPage } from './network/NetworksPage';
import { QuestionnairePage } from './network/QuestionnairePage';
import { RolesPage } from './roles/RolesPage';
import { SettingsPage } from './settings/SettingsPage';
import { PrivateReleasesPage } from './statistics/PrivateReleasesPage';
import { EstimatesPage } from './statistics/EstimatesPage';
import { MsePage } from './statistics/MsePage';
import { StatisticsPage } from './statistics/StatisticsPage';
import { AccountPage } from './pages/AccountPage';
import { AuditPage } from './pages/AuditPage';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { OfflinePage } from './offline/OfflinePage';
import { ConflictsPage } from './offline/ConflictsPage';
import { EmployersPage } from './labour/EmployersPage';
import { OfflineStandalone } from './offline/OfflineBoot';
import { UsersPage } from './pages/UsersPage';
import { ContactsPage } from './contacts/ContactsPage';
import { HandoffsPage } from './handoffs/HandoffsPage';
import { HandOffPage } from './handoffs/HandOffPanel';

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending)
    return (
      <p className="page-loading" role="status">
        {t('common.loading')}
      </p>
    );
  // No answer at all (offline): the field-work page, on what this device holds.
  if (session.isError && session.error instanceof TypeError) return <OfflineStandalone />;
  if (session.isError)
    return (
      <main className="centered">
        <ErrorMessage error={session.error} />
      </main>
    );
  if (!session.data) return <LoginPage />;
  // A temporary password: the server refuses everything else until it is replaced.
  if (session.data.user.mustChangePassword) return <MustChangePasswordPage />;
  const current = session.data;
  return (
    <Routes>
      <Route element={<Layout session={current} />}>
        <Route index element={<DashboardPage session={current} />} />
        <Route path="users" element={<UsersPage session={current} />} />
        <Route path="settings/*" element={<SettingsPage session={current} />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="contacts" element={<ContactsPage />} />
        <Route path="cases" element={<CaseListPage />} />
        <Route path="cases/new" element={<NewCasePage />} />
        <Route path="cases/:id/*" element={<CasePage />} />
        <Route path="referrals" element={<ReferralsPage session={current} />} />
        <Route path="referrals/:id" element={<ReferralPage />} />
        <Route path="network" element={<NetworkPage session={current} />} />
        <Route path="statistics" element={<StatisticsPage session={current} />} />
        <Route path="outcomes" element={<CohortPage />} />
        <Route path="linkage-review" element={<LinkageReviewPage session={current} />} />
        <Route path="networks" element={<NetworksPage session={current} />} />
        <Route path="questionnaire" element={<QuestionnairePage />} />
        <Route path="roles" element={<RolesPage session={current} />} />
        <Route path="private-releases" element={<PrivateReleasesPage />} />
        <Route path="estimates" element={<EstimatesPage />} />
        <Route path="mse" element={<MsePage />} />
        <Route path="account" element={<AccountPage session={current} />} />
        <Route path="offline" element={<OfflinePage />} />
        <Route path="sync/conflicts" element={<ConflictsPage />} />
        <Route path="handoffs" element={<HandoffsPage />} />
        <Route path="contacts/:id/handoff" element={<HandOffPage />} />
        <Route path="employers" element={<EmployersPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('notFound.back')}</Link>
    </section>
  );
}

/**
 * Settings: the organisation's configuration as data, for administrators. Reference lists, legal
 * tracks and custom forms each have their own page under /settings; this shell gives them one
 * heading and one sub-navigation, so the main navigation gains one link, not three.
 */
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import type { SessionView } from '../../server/api-types';
import { FormsPage } from './FormsPage';
import { InternshipRulesPage } from './InternshipRulesPage';
import { LegalTracksPage } from './LegalTracksPage';
import { ListsPage } from './ListsPage';

export function SettingsPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  if (!session.permissions.manageConfiguration) return <p role="alert">{t('settingsUi.notAllowed')}</p>;
  const pages = [
    { to: 'lists', label: t('settingsUi.lists') },
    { to: 'legal-tracks', label: t('settingsUi.legalTracks') },
    { to: 'forms', label: t('settingsUi.forms') },
    { to: 'internship-rules', label: t('labourUi.internshipRules.nav') },
  ];
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settingsUi.title')}</h1>
      <nav aria-label={t('settingsUi.sections')} className="tabs">
        <ul>
          {pages.map((page) => (
            <li key={page.to}>
              {/* Absolute: inside the splat route a relative link would resolve below the current page. */}
              <NavLink to={`/settings/${page.to}`}>{page.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="lists" replace />} />
        <Route path="lists" element={<ListsPage />} />
        <Route path="legal-tracks" element={<LegalTracksPage />} />
        <Route path="forms/*" element={<FormsPage />} />
        <Route path="internship-rules" element={<InternshipRulesPage />} />
      </Routes>
    </section>
  );
}

/** The application shell: header, navigation shown from server-computed permissions, organisation and language switchers. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { api } from '../api/client';
import { sessionKey, useLogout, useSwitchOrganisation } from '../api/session';
import type { SessionView } from '../api/types';
import type { Preferences } from '../history/types';
import { LANGUAGES, type Language } from '../i18n';
import { OfflineBoot, OfflineNavLink } from '../offline/OfflineBoot';
import { ConflictsNavLink } from '../offline/ConflictsPage';

export function Layout({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const logout = useLogout();
  useAccountLanguage(session);
  const links = [
    { to: '/', label: t('nav.dashboard'), show: true },
    { to: '/cases', label: t('nav.cases'), show: session.permissions.readCases },
    { to: '/contacts', label: t('contactsUi.nav'), show: session.permissions.readCases },
    { to: '/referrals', label: t('nav.referrals'), show: session.permissions.readCases },
    { to: '/handoffs', label: t('handoffUi.nav'), show: session.permissions.readCases },
    { to: '/employers', label: t('labourUi.nav'), show: session.permissions.readCases },
    { to: '/network', label: t('nav.network'), show: true },
    { to: '/statistics', label: t('nav.statistics'), show: session.permissions.viewNetworkAggregates },
    { to: '/outcomes', label: t('nav.cohort'), show: session.permissions.viewNetworkAggregates },
    { to: '/private-releases', label: t('nav.privateReleases'), show: session.permissions.viewNetworkAggregates },
    { to: '/networks', label: t('nav.networks'), show: session.permissions.manageNetworks },
    { to: '/questionnaire', label: t('nav.questionnaire'), show: session.permissions.manageNetworks },
    { to: '/roles', label: t('nav.roles'), show: true },
    {
      to: '/linkage-review',
      label: t('nav.linkageReview'),
      show: session.permissions.reviewLinkage || session.permissions.runLinkage,
    },
    { to: '/estimates', label: t('nav.estimates'), show: session.permissions.viewNetworkAggregates },
    { to: '/mse', label: t('nav.mse'), show: session.permissions.viewNetworkAggregates },
    { to: '/users', label: t('nav.users'), show: session.permissions.manageUsers },
    { to: '/settings', label: t('nav.settings'), show: session.permissions.manageConfiguration },
    { to: '/audit', label: t('nav.audit'), show: session.permissions.readAudit },
    { to: '/account', label: t('nav.account'), show: true },
  ].filter((link) => link.show);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className={menuOpen ? 'app-header open' : 'app-header'}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-org">{session.organisation.name}</span>
        </div>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav header-tools"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('nav.menu')}
        </button>
        <div className="header-tools" id="header-tools">
          {session.memberships.length > 1 && <OrganisationSwitcher session={session} />}
          <LanguageSwitcher saveToAccount />
          <button type="button" className="secondary" onClick={() => logout.mutate()}>
            {t('shell.logout')}
          </button>
        </div>
        {/* One line from laptop widths up (it scrolls sideways when a role has more links than fit). */}
        <nav id="main-nav" aria-label={t('nav.main')} className={menuOpen ? 'open' : ''}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'} onClick={() => setMenuOpen(false)}>
                  {link.label}
                </NavLink>
              </li>
            ))}
            {session.permissions.readCases && (
              <li>
                <OfflineNavLink onClick={() => setMenuOpen(false)} />
              </li>
            )}
            {session.permissions.readCases && <ConflictsNavLink onClick={() => setMenuOpen(false)} />}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      {session.permissions.readCases && <OfflineBoot />}
    </>
  );
}

/** Only rendered for users with more than one membership (e.g. a network administrator). */
function OrganisationSwitcher({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const switchOrganisation = useSwitchOrganisation();
  return (
    <label className="inline-field">
      <span>{t('shell.switchOrganisation')}</span>
      <select
        value={session.organisation.id}
        disabled={switchOrganisation.isPending}
        onChange={(event) => switchOrganisation.mutate(event.target.value)}
      >
        {session.memberships.map((m) => (
          <option key={m.organisationId} value={m.organisationId}>
            {m.organisationName}
          </option>
        ))}
      </select>
    </label>
  );
}

/** At login, on any browser: the language stored with her account wins over this browser's choice. */
function useAccountLanguage(session: SessionView) {
  const { i18n } = useTranslation();
  const preferred = session.user.preferredLocale;
  useEffect(() => {
    if (preferred && preferred in LANGUAGES && preferred !== i18n.resolvedLanguage) void i18n.changeLanguage(preferred);
    // Only when her stored choice changes (a login, another account): not when she switches here.
  }, [session.user.id, preferred]);
}

/** The language switcher; once logged in (`saveToAccount`) the choice is stored with her account on the server. */
export function LanguageSwitcher({ saveToAccount = false }: { saveToAccount?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: string) => api<Preferences>('/api/account/preferences', { method: 'PATCH', body: { locale } }),
    onSuccess: (preferences) =>
      client.setQueryData<SessionView | null>(sessionKey, (s) =>
        s ? { ...s, user: { ...s.user, preferredLocale: preferences.locale } } : s,
      ),
  });
  return (
    <label className="inline-field">
      <span>{t('shell.language')}</span>
      <select
        value={i18n.resolvedLanguage}
        onChange={(event) => {
          const language = event.target.value as Language;
          void i18n.changeLanguage(language);
          if (saveToAccount) save.mutate(language);
        }}
      >
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
      {save.isError && (
        <span className="header-alert" role="alert">
          {t('historyUi.languageNotSaved')}
        </span>
      )}
    </label>
  );
}

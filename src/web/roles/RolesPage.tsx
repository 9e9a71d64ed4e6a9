/**
 * The professional roles and profiles catalogue: our local roles with their
 * 7-field role cards, mapped to the shared EX-CHANGE taxonomy; our staff and the
 * roles they hold; and which shared roles our network partners cover (counts only).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { NetworkRoles, StaffRolesList } from '../../server/api-types';
import type { SessionView } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { ProfileEditor, RoleEditor, StaffEditor } from './editors';
import { asLocale, CARD_FIELDS, pick, type Catalogue, type Locale, type Role } from './types';

export function RolesPage({ session }: { session: SessionView }) {
  const { t, i18n } = useTranslation();
  const locale = asLocale(i18n.language);
  const manage = session.permissions.manageCatalogue;
  const catalogue = useQuery({ queryKey: ['catalogue'], queryFn: () => api<Catalogue>('/api/catalogue') });
  const staff = useQuery({
    queryKey: ['staff-roles'],
    queryFn: () => api<StaffRolesList>('/api/staff/roles'),
  });
  const coverage = useQuery({
    queryKey: ['network-roles'],
    queryFn: () => api<NetworkRoles>('/api/network/roles'),
  });
  const [editing, setEditing] = useState<{ kind: 'role' | 'profile' | 'staff'; code: string | null } | null>(null);
  const data = catalogue.data;
  const name = (labels: Role['labels']) => pick(labels, locale).text;
  const sharedRoleName = (code: string) => name(data?.taxonomy.roles.find((r) => r.code === code)?.labels ?? {});
  const profileName = (code: string) => name(data?.profiles.find((p) => p.code === code)?.labels ?? {});
  const roleName = (code: string) => name(data?.roles.find((r) => r.code === code)?.labels ?? {});

  return (
    <section>
      <h1>{t('rolesUi.title')}</h1>
      <p className="muted">{t('rolesUi.intro')}</p>
      <ErrorMessage error={catalogue.error ?? staff.error} />
      {data && (
        <>
          <section className="card" aria-labelledby="roles-title">
            <h2 id="roles-title">{t('rolesUi.roles')}</h2>
            {manage && editing?.kind === 'role' && (
              <RoleEditor catalogue={data} code={editing.code} locale={locale} onDone={() => setEditing(null)} />
            )}
            {manage && !editing && (
              <button type="button" onClick={() => setEditing({ kind: 'role', code: null })}>
                {t('rolesUi.newRole')}
              </button>
            )}
            <ul className="plain-list">
              {data.roles.map((role) => (
                <li key={role.code}>
                  <RoleCard
                    role={role}
                    locale={locale}
                    sharedName={sharedRoleName(role.taxonomyCode)}
                    profileName={profileName}
                    onEdit={manage && !editing ? () => setEditing({ kind: 'role', code: role.code }) : undefined}
                  />
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="profiles-title">
            <h2 id="profiles-title">{t('rolesUi.profiles')}</h2>
            {manage && editing?.kind === 'profile' && (
              <ProfileEditor catalogue={data} code={editing.code} onDone={() => setEditing(null)} />
            )}
            {manage && !editing && (
              <button type="button" onClick={() => setEditing({ kind: 'profile', code: null })}>
                {t('rolesUi.newProfile')}
              </button>
            )}
            <ul className="tag-list">
              {data.profiles.map((p) => (
                <li key={p.code}>
                  {name(p.labels)}
                  {!p.active && (
                    <>
                      {' '}
                      · <span className="badge">{t('rolesUi.inactive')}</span>
                    </>
                  )}
                  {p.code !== p.taxonomyCode && (
                    <small className="muted">
                      {' '}
                      (
                      {t('rolesUi.mapsToProfile', {
                        name: name(data.taxonomy.profiles.find((x) => x.code === p.taxonomyCode)?.labels ?? {}),
                      })}
                      )
                    </small>
                  )}
                  {manage && !editing && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('rolesUi.editProfile', { name: name(p.labels) })}
                        onClick={() => setEditing({ kind: 'profile', code: p.code })}
                      >
                        {t('rolesUi.edit')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="staff-title">
            <h2 id="staff-title">{t('rolesUi.staff')}</h2>
            {manage && editing?.kind === 'staff' && staff.data && (
              <StaffEditor
                catalogue={data}
                member={staff.data.staff.find((s) => s.userId === editing.code)!}
                locale={locale}
                onDone={() => setEditing(null)}
              />
            )}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('rolesUi.staff')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('rolesUi.person')}</th>
                    <th scope="col">{t('rolesUi.roles')}</th>
                    <th scope="col">{t('rolesUi.profiles')}</th>
                    {manage && (
                      <th scope="col">
                        <span className="visually-hidden">{t('rolesUi.edit')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {(staff.data?.staff ?? []).map((s) => (
                    <tr key={s.userId}>
                      <th scope="row">{s.displayName}</th>
                      <td>{s.roles.map(roleName).join(', ') || t('rolesUi.noneHeld')}</td>
                      <td>{s.profiles.map(profileName).join(', ') || t('rolesUi.noneHeld')}</td>
                      {manage && (
                        <td>
                          <button
                            type="button"
                            className="link-button"
                            disabled={Boolean(editing)}
                            aria-label={t('rolesUi.editStaff', { name: s.displayName })}
                            onClick={() => setEditing({ kind: 'staff', code: s.userId })}
                          >
                            {t('rolesUi.edit')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="coverage-title">
            <h2 id="coverage-title">{t('rolesUi.coverage')}</h2>
            <p className="muted">{t('rolesUi.coverageIntro')}</p>
            <ErrorMessage error={coverage.error} />
            {coverage.data && coverage.data.organisations.length === 0 && <p>{t('rolesUi.noCoverage')}</p>}
            {coverage.data && coverage.data.organisations.length > 0 && (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('rolesUi.coverage')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('rolesUi.roles')}</th>
                      {coverage.data.organisations.map((o) => (
                        <th scope="col" key={o.organisationId}>
                          {o.name}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.taxonomy.roles
                      .filter((r) => coverage.data.organisations.some((o) => o.roles[r.code]))
                      .map((r) => (
                        <tr key={r.code}>
                          <th scope="row">{name(r.labels)}</th>
                          {coverage.data.organisations.map((o) => (
                            <td key={o.organisationId}>{o.roles[r.code] ?? '–'}</td>
                          ))}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function RoleCard({
  role,
  locale,
  sharedName,
  profileName,
  onEdit,
}: {
  role: Role;
  locale: Locale;
  sharedName: string;
  profileName: (code: string) => string;
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const title = pick(role.labels, locale);
  const fields = CARD_FIELDS.filter((f) => role.card[f]);
  return (
    <details className="role-card">
      <summary>
        <strong>{title.text}</strong>
        {!title.translated && <small className="muted"> ({t('rolesUi.notTranslated')})</small>}
        {!role.active && (
          <>
            {' '}
            · <span className="badge">{t('rolesUi.inactive')}</span>
          </>
        )}
        {(role.code !== role.taxonomyCode || title.text !== sharedName) && (
          <small className="muted"> · {t('rolesUi.mapsTo', { name: sharedName })}</small>
        )}
      </summary>
      <p>
        <strong>{t('rolesUi.filledBy')}:</strong>{' '}
        {role.profileCodes.length ? role.profileCodes.map(profileName).join(', ') : t('rolesUi.noProfileNeeded')}
      </p>
      {fields.length === 0 && <p className="muted">{t('rolesUi.noCard')}</p>}
      {fields.length > 0 && (
        <dl className="role-card-fields">
          {fields.map((f) => {
            const text = pick(role.card[f], locale);
            return (
              <div key={f}>
                <dt>{t(`rolesUi.card.${f}`)}</dt>
                <dd>
                  {text.text}
                  {!text.translated && <small className="muted"> ({t('rolesUi.notTranslated')})</small>}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {onEdit && (
        <button
          type="button"
          className="secondary"
          aria-label={t('rolesUi.editRole', { name: title.text })}
          onClick={onEdit}
        >
          {t('rolesUi.edit')}
        </button>
      )}
    </details>
  );
}

/** The user's own account: password, TOTP enrolment, invitations from other organisations, logging out on every device. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { sessionKey, useLogout } from '../api/session';
import type { SessionView } from '../api/types';
import type { Invitations, TotpSetup } from '../../server/api-types';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage, Notice } from '../components/ErrorMessage';
import { ChangePasswordForm } from '../components/PasswordForms';

export function AccountPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const logoutEverywhere = useLogout(true);
  return (
    <section>
      <h1>{t('account.title')}</h1>
      <p>
        {t('shell.signedInAs', { name: session.user.displayName })} ({session.user.email})
      </p>
      <div className="card">
        <h2>{t('accountsUi.passwordTitle')}</h2>
        <ChangePasswordForm />
      </div>
      <TotpCard enabled={session.user.totpEnabled} />
      <InvitationsCard />
      <div className="card">
        <h2>{t('account.sessionsTitle')}</h2>
        <p>{t('account.sessionsHint')}</p>
        <button type="button" className="danger" onClick={() => logoutEverywhere.mutate()}>
          {t('account.logoutEverywhere')}
        </button>
      </div>
    </section>
  );
}

function TotpCard({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [disableCode, setDisableCode] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: sessionKey });

  const begin = useMutation({
    mutationFn: () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' }),
    onSuccess: setSetup,
  });
  const enable = useMutation({
    mutationFn: () => api<void>('/api/auth/totp/enable', { method: 'POST', body: { code } }),
    onSuccess: () => {
      setSetup(null);
      setCode('');
      setNotice(t('account.enabled'));
      void refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => api<void>('/api/auth/totp/disable', { method: 'POST', body: { password, code: disableCode } }),
    onSuccess: () => {
      setPassword('');
      setDisableCode('');
      setNotice(t('account.disabled'));
      void refresh();
    },
  });

  return (
    <div className="card">
      <h2>{t('account.totpTitle')}</h2>
      {notice && <Notice>{notice}</Notice>}
      <p>{enabled ? t('account.totpOn') : t('account.totpOff')}</p>
      {!enabled && !setup && (
        <button type="button" onClick={() => begin.mutate()}>
          {t('account.setup')}
        </button>
      )}
      {!enabled && setup && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            enable.mutate();
          }}
          className="form-grid"
        >
          <p>{t('account.setupHint')}</p>
          <p>
            {t('account.secret')}: <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <label className="field">
            <span>{t('account.code')}</span>
            <input
              name="code"
              inputMode="numeric"
              pattern="\d{6}"
              maxLength={6}
              required
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="submit" disabled={enable.isPending}>
              {t('account.enable')}
            </button>
          </div>
        </form>
      )}
      {enabled && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            disable.mutate();
          }}
          className="form-grid"
        >
          <label className="field">
            <span>{t('account.disablePassword')}</span>
            <input
              name="password"
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('accountsUi.totpCode')}</span>
            <input
              name="disableCode"
              inputMode="numeric"
              pattern="\d{6}"
              maxLength={6}
              required
              autoComplete="one-time-code"
              value={disableCode}
              onChange={(e) => setDisableCode(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="submit" className="secondary" disabled={disable.isPending}>
              {t('account.disable')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={begin.error ?? enable.error ?? disable.error} />
    </div>
  );
}

/** Invitations to join another organisation; accepting shares her name and email with it, so it is confirmed first. */
function InvitationsCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invitations = useQuery({
    queryKey: ['account', 'invitations'],
    queryFn: () => api<Invitations>('/api/account/invitations'),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: ({ organisationId, accept }: { organisationId: string; accept: boolean }) =>
      api<void>(`/api/account/invitations/${organisationId}/${accept ? 'accept' : 'decline'}`, { method: 'POST' }),
    onSuccess: (_v, { accept }) => {
      setNotice(accept ? t('accountsUi.accepted') : t('accountsUi.declined'));
      void client.invalidateQueries({ queryKey: ['account', 'invitations'] });
      void client.invalidateQueries({ queryKey: sessionKey });
    },
  });
  const list = invitations.data?.invitations ?? [];
  if (list.length === 0 && !notice) return null;
  return (
    <div className="card">
      <h2>{t('accountsUi.invitationsTitle')}</h2>
      {notice && <Notice>{notice}</Notice>}
      <ul>
        {list.map((inv) => (
          <li key={inv.organisationId}>
            <p>
              {t('accountsUi.invitationText', {
                organisation: inv.organisationName,
                roles: inv.roles.map((r) => t(`roles.${r}`)).join(', '),
              })}
            </p>
            <div className="actions">
              <ConfirmButton
                label={t('accountsUi.accept')}
                question={t('accountsUi.confirmAccept', { organisation: inv.organisationName })}
                disabled={answer.isPending}
                onConfirm={() => answer.mutate({ organisationId: inv.organisationId, accept: true })}
              />
              <button
                type="button"
                className="secondary"
                onClick={() => answer.mutate({ organisationId: inv.organisationId, accept: false })}
              >
                {t('accountsUi.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ErrorMessage error={invitations.error ?? answer.error} />
    </div>
  );
}

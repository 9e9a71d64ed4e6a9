/** Login with an optional second step for the TOTP code. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useLogin } from '../api/session';
import { ErrorMessage } from '../components/ErrorMessage';
import { LanguageSwitcher } from '../components/Layout';
import { afterLogin } from '../offline/vault';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const needsTotp = login.error instanceof ApiError && ['totp_required', 'invalid_totp'].includes(login.error.code);
  const showTotp = needsTotp || totpCode !== '';

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate(
      { email, password, ...(showTotp && totpCode ? { totpCode } : {}) },
      // The device key for offline work, wrapped under the password she just typed (never stored).
      { onSuccess: () => void afterLogin(password) },
    );
  }

  return (
    <main id="main" className="centered">
      <div className="login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <form onSubmit={submit} noValidate={false}>
          <label className="field">
            <span>{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {showTotp && (
            <label className="field">
              <span>{t('login.totpCode')}</span>
              <input
                name="totpCode"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="\d{6}"
                maxLength={6}
                required
                value={totpCode}
                onChange={(e) => setTotpCode(e.target.value)}
                aria-describedby="totp-hint"
              />
              <small id="totp-hint">{t('login.totpHint')}</small>
            </label>
          )}
          {login.isError && !(needsTotp && totpCode === '' && (login.error as ApiError).code === 'totp_required') && (
            <ErrorMessage error={login.error} />
          )}
          <button type="submit" disabled={login.isPending}>
            {login.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="muted small">{t('login.privacyNote')}</p>
        <LanguageSwitcher />
      </div>
    </main>
  );
}

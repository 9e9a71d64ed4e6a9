/** After an administrator set a temporary password: the only thing the session may do is choose a new one. */
import { useTranslation } from 'react-i18next';
import { useLogout } from '../api/session';
import { ChangePasswordForm } from '../components/PasswordForms';
import { LanguageSwitcher } from '../components/Layout';

export function MustChangePasswordPage() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <main id="main" className="centered">
      <div className="login-card">
        <h1>{t('accountsUi.mustChangeTitle')}</h1>
        <p>{t('accountsUi.mustChangeIntro')}</p>
        <ChangePasswordForm />
        <button type="button" className="link" onClick={() => logout.mutate()}>
          {t('shell.logout')}
        </button>
        <LanguageSwitcher />
      </div>
    </main>
  );
}

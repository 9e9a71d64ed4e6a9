/** Shows an API error in the user's language, keyed by the server's stable error code. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    const code = error instanceof ApiError ? error.code : 'generic';
    const key = `errors.${code}`;
    return i18n.exists(key) ? t(key) : t('errors.generic');
  };
}

export function ErrorMessage({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p className="alert alert-error" role="alert">
      {errorText(error)}
    </p>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p className="alert alert-ok" role="status">
      {children}
    </p>
  );
}

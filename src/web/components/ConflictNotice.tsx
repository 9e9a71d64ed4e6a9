/**
 * A version conflict (409 version_conflict: someone else saved first) offers "Reload and re-apply":
 * the stale query is fetched again and the form keeps what she typed, so she checks it against the
 * fresh record and saves again. Any other error is shown as usual.
 *
 * @example <ConflictNotice error={save.error} queryKey={['case', c.id]} onReloaded={() => save.reset()} />
 */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorMessage } from './ErrorMessage';

export const isConflict = (error: unknown) =>
  error instanceof ApiError && error.status === 409 && error.code === 'version_conflict';

export function ConflictNotice({
  error,
  queryKey,
  onReloaded,
}: {
  error: unknown;
  /** The query whose data the form was editing (its version is stale). */
  queryKey: QueryKey;
  /** Clears the failed save, so the form is ready to be saved again. */
  onReloaded?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  if (!error && reloaded)
    return (
      <p className="alert alert-info" role="status">
        {t('correctUi.conflict.reloaded')}
      </p>
    );
  if (!isConflict(error)) return <ErrorMessage error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('correctUi.conflict.message')}</p>
      <button
        type="button"
        disabled={reloading}
        onClick={async () => {
          setReloading(true);
          try {
            await client.refetchQueries({ queryKey });
          } finally {
            setReloading(false);
          }
          setReloaded(true);
          onReloaded?.();
        }}
      >
        {t('correctUi.conflict.reload')}
      </button>
    </div>
  );
}

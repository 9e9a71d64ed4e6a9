/**
 * Mounted once in the shell for a signed-in user: opens the device store (the key re-issued to her
 * session), watches activity (lock) and the connection (sync when back online), registers the
 * service worker and says when an update of the app is available.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useOffline } from './hooks';
import { OfflinePage } from './OfflinePage';
import { registerServiceWorker } from './pwa';
import { scheduleSync, watchOnline } from './sync';
import { resume, watchActivity } from './vault';
import './offline.css';

export function OfflineBoot() {
  const { t } = useTranslation();
  const [update, setUpdate] = useState<(() => void) | null>(null);
  useEffect(() => {
    const stopActivity = watchActivity();
    const stopOnline = watchOnline();
    void resume().then(() => scheduleSync(0));
    void registerServiceWorker((apply) => setUpdate(() => apply));
    return () => {
      stopActivity();
      stopOnline();
    };
  }, []);
  if (!update) return null;
  return (
    <div className="card offline-update" role="status">
      <p>{t('offlineUi.updateAvailable')}</p>
      <div className="actions">
        <button type="button" onClick={update}>
          {t('offlineUi.reload')}
        </button>
        <button type="button" className="secondary" onClick={() => setUpdate(null)}>
          {t('offlineUi.later')}
        </button>
      </div>
    </div>
  );
}

/** The nav link to Field work, with the count of changes waiting to sync. */
export function OfflineNavLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const { outboxCount } = useOffline();
  return (
    <NavLink to="/offline" onClick={onClick}>
      {t('offlineUi.nav')}
      {outboxCount > 0 && (
        <>
          {' '}
          <span
            className="badge"
            data-testid="outbox-badge"
            aria-label={t('offlineUi.waitingCount', { count: outboxCount })}
          >
            {outboxCount}
          </span>
        </>
      )}
    </NavLink>
  );
}

/**
 * The app opened without a connection (a reload in the field): no session answer, so no shell. Field
 * work still opens, locked until her password unwraps the key kept on the device.
 */
export function OfflineStandalone() {
  useEffect(() => {
    const stopActivity = watchActivity();
    const stopOnline = watchOnline();
    void resume();
    return () => {
      stopActivity();
      stopOnline();
    };
  }, []);
  return (
    <main id="main" className="offline-standalone">
      <OfflinePage />
    </main>
  );
}

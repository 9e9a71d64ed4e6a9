/** "Keep for offline use" on the case page: the case and its notes, sealed on this device (issue #18). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../api/cases';
import { useOffline, useStoreRead } from './hooks';
import { holdCase, releaseCase } from './sync';
import { store } from './vault';

export function OfflineToggle({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { enrolled, unlocked } = useOffline();
  const held = useStoreRead(() => store.getCase(c.id).then(Boolean), [c.id]).data ?? false;
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!enrolled) return null;
  if (!unlocked) return <p className="muted small">{t('offlineUi.storeLocked')}</p>;
  async function toggle(keep: boolean) {
    setBusy(true);
    setFailed(false);
    try {
      await (keep ? holdCase(c) : releaseCase(c.id));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="offline-toggle">
      <label className="checkbox">
        <input
          type="checkbox"
          name="keepOffline"
          checked={held}
          disabled={busy}
          aria-describedby={`keep-offline-hint-${c.id}`}
          onChange={(e) => void toggle(e.target.checked)}
        />
        {t('offlineUi.keepOffline')}
      </label>
      <small id={`keep-offline-hint-${c.id}`} className="muted">
        {held ? t('offlineUi.keptOffline') : t('offlineUi.keepHint')}
      </small>
      {failed && (
        <p className="alert alert-error" role="alert">
          {t('offlineUi.holdFailed')}
        </p>
      )}
    </div>
  );
}

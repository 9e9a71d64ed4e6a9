/**
 * Field work (issue #18): what this device holds for offline use, and work without a connection.
 * Status (online, last sync, locked), the unlock form, the cases held (paged), a contact recorded
 * offline, notes and a few case fields of a held case, and what is waiting to sync.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../components/ConfirmButton';
import { formatDate, formatDateTime } from '../i18n/dates';
import { useOffline, useStoreRead } from './hooks';
import { ContactForm, EditCaseForm, NoteForm } from './OfflineForms';
import type { OfflineCase, OutboxItem } from './store';
import { discard, releaseCase, syncNow } from './sync';
import { saveSettings, settings, store, unlock } from './vault';

const PAGE = 50;

export function OfflinePage() {
  const { t } = useTranslation();
  const state = useOffline();
  return (
    <section className="offline-page">
      <h1>{t('offlineUi.title')}</h1>
      <Status />
      {state.wipedBecause && (
        <p className="alert alert-info" role="status">
          {t(`offlineUi.wiped.${state.wipedBecause}`)}
        </p>
      )}
      {!state.enrolled && <p className="alert alert-info">{t('offlineUi.notEnrolled')}</p>}
      {state.enrolled && !state.unlocked && <UnlockForm />}
      {state.unlocked && (
        <>
          <Outbox />
          <ContactForm />
          <HeldCases />
          <SyncSettings />
        </>
      )}
    </section>
  );
}

function Status() {
  const { t } = useTranslation();
  const s = useOffline();
  return (
    <div className="card offline-status" aria-labelledby="offline-status">
      <h2 id="offline-status">{t('offlineUi.status')}</h2>
      <ul className="plain-list">
        <li data-testid="offline-connection">{s.online ? t('offlineUi.online') : t('offlineUi.offline')}</li>
        <li data-testid="offline-lock">
          {!s.enrolled ? t('offlineUi.noStore') : s.unlocked ? t('offlineUi.unlocked') : t('offlineUi.locked')}
        </li>
        <li>
          {t('offlineUi.lastSync')}:{' '}
          <span data-testid="offline-last-sync">
            {s.lastSyncAt ? formatDateTime(new Date(s.lastSyncAt)) : t('offlineUi.never')}
          </span>
        </li>
      </ul>
      {s.lastError && (
        <p className="alert alert-error" role="alert">
          {t('offlineUi.syncFailed')} ({t(`errors.${s.lastError}`, { defaultValue: s.lastError })})
        </p>
      )}
      {s.unlocked && (
        <div className="actions">
          <button type="button" disabled={!s.online || s.syncing} onClick={() => void syncNow()}>
            {s.syncing ? t('offlineUi.syncing') : t('offlineUi.syncNow')}
          </button>
          {!s.online && <small className="muted">{t('offlineUi.syncWhenOnline')}</small>}
        </div>
      )}
    </div>
  );
}

function UnlockForm() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [wrong, setWrong] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const ok = await unlock(password);
    setBusy(false);
    setWrong(!ok);
    if (ok) setPassword('');
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="offline-unlock">
      <h2 id="offline-unlock">{t('offlineUi.unlockTitle')}</h2>
      <p className="muted">{t('offlineUi.unlockHint')}</p>
      <label className="field">
        <span>{t('offlineUi.password')}</span>
        <input
          type="password"
          name="offlinePassword"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={wrong ? true : undefined}
          aria-describedby={wrong ? 'offline-unlock-error' : undefined}
        />
        {wrong && (
          <small id="offline-unlock-error" className="field-error">
            {t('offlineUi.wrongPassword')}
          </small>
        )}
      </label>
      <button type="submit" disabled={busy}>
        {t('offlineUi.unlock')}
      </button>
    </form>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const items = useStoreRead(() => store.outbox()).data ?? [];
  return (
    <section className="card" aria-labelledby="offline-outbox">
      <h2 id="offline-outbox">
        {t('offlineUi.waiting')} <span className="badge">{items.length}</span>
      </h2>
      {items.length === 0 && <p className="muted">{t('offlineUi.nothingWaiting')}</p>}
      <ul className="entries" data-testid="offline-outbox">
        {items.map((item) => (
          <OutboxLine key={item.key} item={item} />
        ))}
      </ul>
    </section>
  );
}

function OutboxLine({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const result = item.result;
  return (
    <li data-state={item.state}>
      <p>
        <strong>{t(`offlineUi.change.${item.change.type}`)}</strong> · {formatDateTime(new Date(item.createdAt))} ·{' '}
        {t(`offlineUi.state.${item.state}`)}
      </p>
      {result?.status === 'conflict' && (
        <p className="alert alert-info">
          {t('offlineUi.conflictSaid', { fields: result.fields.join(', ') })}{' '}
          <Link to="/sync/conflicts">{t('offlineUi.openConflicts')}</Link>
        </p>
      )}
      {result?.status === 'rejected' && (
        <p className="alert alert-error">
          {t('offlineUi.rejectedSaid')}: {t(`errors.${result.error.code}`, { defaultValue: result.error.code })}
          {result.error.fields?.length ? ` (${result.error.fields.join(', ')})` : ''}
        </p>
      )}
      {item.state !== 'waiting' && (
        <ConfirmButton
          className="secondary"
          label={t('offlineUi.discard')}
          question={t('offlineUi.discardQuestion')}
          onConfirm={() => void discard(item)}
        />
      )}
    </li>
  );
}

function HeldCases() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const count = useStoreRead(() => store.countCases()).data ?? 0;
  const cases = useStoreRead(() => store.pageCases(page * PAGE, PAGE), [page]).data ?? [];
  const pages = Math.max(1, Math.ceil(count / PAGE));
  return (
    <section className="card" aria-labelledby="offline-cases">
      <h2 id="offline-cases">
        {t('offlineUi.heldCases')} <span className="badge">{count}</span>
      </h2>
      {count === 0 && <p className="muted">{t('offlineUi.noHeldCases')}</p>}
      <ul className="entries" data-testid="offline-cases">
        {cases.map((c) => (
          <li key={c.id}>
            <p>
              <strong>{c.title}</strong> · {c.reference}
            </p>
            <div className="actions">
              <button
                type="button"
                aria-expanded={openId === c.id}
                onClick={() => setOpenId(openId === c.id ? null : c.id)}
              >
                {openId === c.id ? t('offlineUi.close') : t('offlineUi.work', { reference: c.reference })}
              </button>
            </div>
            {openId === c.id && <HeldCase c={c} />}
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <nav className="actions" aria-label={t('offlineUi.pages')}>
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('offlineUi.previous')}
          </button>
          <span>{t('offlineUi.pageOf', { page: page + 1, pages })}</span>
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('offlineUi.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

function HeldCase({ c }: { c: OfflineCase }) {
  const { t } = useTranslation();
  const notes = useStoreRead(() => store.entriesOf(c.id), [c.id]).data ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="card nested" data-testid="offline-case">
      <EditCaseForm c={c} />
      <h3>{t('offlineUi.notes')}</h3>
      <ul className="entries notes" data-testid="offline-notes">
        {notes
          .filter((n) => n.kind === 'note')
          .map((n) => (
            <li key={n.id}>
              <p>
                {formatDate(String(n.data.date ?? ''))} ·{' '}
                {t(`notesUi.kinds.${String(n.data.kind)}`, { defaultValue: '' })}
                {n.pending && <> · {t('offlineUi.notYetSynced')}</>}
              </p>
              {editing === n.id ? (
                <NoteForm caseId={c.id} entry={n} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <p className="note-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {String(n.data.text ?? '')}
                  </p>
                  <button type="button" className="secondary" onClick={() => setEditing(n.id)}>
                    {t('offlineUi.editNote')}
                  </button>
                </>
              )}
            </li>
          ))}
      </ul>
      <NoteForm caseId={c.id} />
      <ConfirmButton
        className="secondary"
        label={t('offlineUi.release')}
        question={t('offlineUi.releaseQuestion')}
        onConfirm={() => void releaseCase(c.id)}
      />
    </div>
  );
}

function SyncSettings() {
  const { t } = useTranslation();
  useOffline();
  const s = settings();
  return (
    <section className="card" aria-labelledby="offline-settings">
      <h2 id="offline-settings">{t('offlineUi.selective')}</h2>
      <label className="checkbox">
        <input type="checkbox" checked={s.caseload} onChange={(e) => saveSettings({ caseload: e.target.checked })} />
        {t('offlineUi.caseload')}
      </label>
      <label className="field">
        <span>{t('offlineUi.windowDays')}</span>
        <select value={s.windowDays} onChange={(e) => saveSettings({ windowDays: Number(e.target.value) })}>
          {[7, 30, 90, 365].map((d) => (
            <option key={d} value={d}>
              {t('offlineUi.days', { count: d })}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{t('offlineUi.policy', { lock: s.lockAfterMinutes, wipe: s.wipeAfterDays })}</p>
    </section>
  );
}

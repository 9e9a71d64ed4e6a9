/**
 * What she can do with a saved record, under it in every list: correct it (with a reason), read its
 * history (who, when, why, which fields) and void it when it was recorded by mistake (with a reason,
 * after a confirmation; it is kept in the history, struck through, never deleted).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/cases';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useEntryHistory, useVoidedEntries, useVoidEntry, type EntryHistory } from './api';
import { EntryCorrection } from './EntryCorrection';
import { ReasonField } from './inputs';
import { formatDateTime } from '../../i18n/dates';

/** Consent is a history of her choices: changed by a new grant or withdrawal, never corrected or voided. */
const APPEND_ONLY = new Set(['consent', 'exploitation_return']);
const NEVER_VOIDED = new Set(['consent']);

export function EntryActions({
  caseId,
  entry,
  editable,
  correctWith,
}: {
  caseId: string;
  entry: Entry;
  editable: boolean;
  /** A kind whose form is not its schema (a custom form) brings its own correction form. */
  correctWith?: (onDone: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'none' | 'correct' | 'history' | 'void'>('none');
  const toggle = (what: typeof open) => setOpen(open === what ? 'none' : what);
  const what = t('correctUi.entry.thisRecord');
  return (
    <div className="entry-actions">
      <div className="actions">
        {editable && !APPEND_ONLY.has(entry.kind) && (
          <button type="button" className="link" aria-expanded={open === 'correct'} onClick={() => toggle('correct')}>
            {t('correctUi.entry.correct')} <span className="visually-hidden">{what}</span>
          </button>
        )}
        <button type="button" className="link" aria-expanded={open === 'history'} onClick={() => toggle('history')}>
          {t('correctUi.entry.history')} <span className="visually-hidden">{what}</span>
        </button>
        {editable && !NEVER_VOIDED.has(entry.kind) && (
          <button type="button" className="link" aria-expanded={open === 'void'} onClick={() => toggle('void')}>
            {t('correctUi.entry.void')} <span className="visually-hidden">{what}</span>
          </button>
        )}
      </div>
      {open === 'correct' &&
        (correctWith ? (
          correctWith(() => setOpen('none'))
        ) : (
          <EntryCorrection caseId={caseId} entry={entry} onDone={() => setOpen('none')} />
        ))}
      {open === 'history' && <HistoryView caseId={caseId} entryId={entry.id} />}
      {open === 'void' && <VoidForm caseId={caseId} entry={entry} onDone={() => setOpen('none')} />}
    </div>
  );
}

function VoidForm({ caseId, entry, onDone }: { caseId: string; entry: Entry; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const voiding = useVoidEntry(caseId, entry.id);
  const unsaved = useUnsavedChanges(reason.trim() !== '' && !voiding.isSuccess);
  return (
    <form className="card correction" aria-label={t('correctUi.void.title')} onSubmit={(e) => e.preventDefault()}>
      <h3>{t('correctUi.void.title')}</h3>
      <p>{t('correctUi.void.explain')}</p>
      <ReasonField label={t('correctUi.void.reason')} value={reason} onChange={setReason} />
      <ConflictNotice error={voiding.error} queryKey={['case', caseId]} onReloaded={() => voiding.reset()} />
      <div className="actions">
        <ConfirmButton
          className="danger"
          label={t('correctUi.void.submit')}
          question={t('correctUi.void.question')}
          disabled={reason.trim() === '' || voiding.isPending}
          onConfirm={() =>
            voiding.mutate(
              { reason: reason.trim(), version: entry.version },
              {
                onSuccess: () => {
                  unsaved.release();
                  onDone();
                },
              },
            )
          }
        />
        <button type="button" className="secondary" onClick={onDone}>
          {t('correctUi.cancel')}
        </button>
      </div>
    </form>
  );
}

export function HistoryView({ caseId, entryId }: { caseId: string; entryId: string }) {
  const { t } = useTranslation();
  const history = useEntryHistory(caseId, entryId, true);
  return (
    <section className="card history" aria-label={t('correctUi.history.title')}>
      <h3>{t('correctUi.history.title')}</h3>
      <ErrorMessage error={history.error} />
      {history.isPending && <p role="status">{t('common.loading')}</p>}
      {history.data && <Versions history={history.data} />}
    </section>
  );
}

function Versions({ history }: { history: EntryHistory }) {
  const { t, i18n } = useTranslation();
  const label = (field: string) => t(`correctUi.fields.${field}`, { defaultValue: field });
  return (
    <ol className="versions">
      {history.versions.map((v) => {
        const when = formatDateTime(v.recordedAt);
        const who = v.recordedBy?.displayName ?? t('correctUi.history.system');
        const line = v.voided
          ? t('correctUi.history.voided', { who, when })
          : v.version === 1
            ? t('correctUi.history.recorded', { who, when })
            : t('correctUi.history.corrected', { who, when });
        return (
          <li key={v.version} className={v.voided ? 'voided' : undefined}>
            <p>
              <strong>{t('correctUi.history.version', { version: v.version })}</strong> · {line}
              {v.current && <> · {t('correctUi.history.current')}</>}
            </p>
            {v.reason && <p>{t('correctUi.history.reason', { reason: v.reason })}</p>}
            {v.version > 1 && !v.voided && v.changes.length > 0 && (
              <ul>
                {v.changes.map((c) => (
                  <li key={c.field}>
                    {c.secret
                      ? t('correctUi.history.changedSecret', { field: label(c.field) })
                      : t('correctUi.history.changed', {
                          field: label(c.field),
                          before: c.before ?? '—',
                          after: c.after ?? '—',
                        })}
                  </li>
                ))}
              </ul>
            )}
            {v.voided && (
              <p>
                <del>{t('correctUi.history.voidedRecord')}</del>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Records of this kind voided by mistake: kept, struck through, with who voided them, when and why. */
export function VoidedEntries({ caseId, kind }: { caseId: string; kind: string }) {
  const { t } = useTranslation();
  const voided = useVoidedEntries(caseId, kind);
  const entries = voided.data?.entries ?? [];
  if (entries.length === 0) return <ErrorMessage error={voided.error} />;
  return (
    <details className="voided-entries">
      <summary>{t('correctUi.voidedList.title', { count: entries.length })}</summary>
      {entries.map((h) => (
        <section key={h.entryId} className="history" aria-label={t('correctUi.history.title')}>
          <Versions history={h} />
        </section>
      ))}
    </details>
  );
}

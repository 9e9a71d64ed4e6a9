/**
 * The Attachments tab: signed consent forms, ID scans, medical and legal documents, photos.
 * Upload with a category (a consent form may name its consent record), progress while it is
 * sent, the list with a download link (each download is audited) and void with a reason, asked first.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntries, useLabel, type CaseDetail, type Entry } from '../../api/cases';
import { useIdempotencyKey } from '../../api/idempotency';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { FieldError, FieldErrorSummary, useFieldErrors } from '../../components/FieldErrors';
import { formatDate } from '../../i18n/dates';
import { CodeSelect } from '../fields';
import { downloadUrl, uploadAttachment, useAttachments, useVoidAttachment, type Attachment } from './api';

/** The accept attribute only helps the file picker; the server decides from the content. */
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,image/heic,.heic,text/plain';

export function formatSize(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** "Consent to referral sharing, recorded 3 March 2026" for a consent record. */
export function useConsentLabel() {
  const { t } = useTranslation();
  const label = useLabel();
  return (e: Entry) =>
    t('attachmentsUi.consentRecord', {
      purpose: label('consent_purposes', String(e.data.purpose)),
      action: t(e.data.action === 'withdrawn' ? 'caseUi.withdrawn' : 'caseUi.granted'),
      date: formatDate(String(e.data.recordedOn)),
    });
}

export function AttachmentsTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const list = useAttachments(c.id);
  const consents = useEntries(c.id, 'consent');
  const consentLabel = useConsentLabel();
  const consentById = new Map((consents.data?.entries ?? []).map((e) => [e.id, e]));
  return (
    <div className="tab-panel">
      {c.permissions.update && <UploadForm c={c} consents={consents.data?.entries ?? []} />}
      <section className="card" aria-labelledby="attachments-list">
        <h2 id="attachments-list">{t('attachmentsUi.title')}</h2>
        <ErrorMessage error={list.error} />
        {list.isPending && <p role="status">{t('common.loading')}</p>}
        {list.data?.attachments.length === 0 && <p className="muted">{t('attachmentsUi.none')}</p>}
        <ul className="entries attachments" data-testid="attachments">
          {list.data?.attachments.map((a) => (
            <AttachmentItem
              key={a.id}
              c={c}
              a={a}
              consent={a.consentEntryId ? consentById.get(a.consentEntryId) : undefined}
              consentLabel={consentLabel}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}

function AttachmentItem({
  c,
  a,
  consent,
  consentLabel,
}: {
  c: CaseDetail;
  a: Attachment;
  consent?: Entry;
  consentLabel: (e: Entry) => string;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const voiding = useVoidAttachment(c.id);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const reasonId = useId();
  return (
    <li>
      <p style={{ overflowWrap: 'anywhere' }}>
        <a href={downloadUrl(c.id, a.id)} download={a.fileName}>
          {a.fileName}
        </a>{' '}
        · {label('document_types', a.category)} · {formatSize(a.sizeBytes, i18n.resolvedLanguage ?? 'en')}
      </p>
      {consent && <p className="muted">{t('attachmentsUi.linkedTo', { consent: consentLabel(consent) })}</p>}
      <small className="muted">
        {a.uploadedBy?.displayName ?? t('caseUi.system')}, {formatDate(a.uploadedAt)}
      </small>
      {c.permissions.update && (
        <div className="actions">
          {!asking ? (
            <button type="button" className="link" onClick={() => setAsking(true)}>
              {t('attachmentsUi.void')}
            </button>
          ) : (
            <div className="card">
              <label className="field" htmlFor={reasonId}>
                <span>{t('attachmentsUi.voidReason')}</span>
                <input
                  id={reasonId}
                  name="voidReason"
                  required
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
              <ConfirmButton
                className="danger"
                label={t('attachmentsUi.void')}
                question={t('attachmentsUi.confirmVoid', { name: a.fileName })}
                confirmLabel={t('attachmentsUi.confirmVoidYes')}
                disabled={!reason.trim() || voiding.isPending}
                onConfirm={() => voiding.mutate({ id: a.id, reason })}
              />
              <button type="button" className="secondary" onClick={() => setAsking(false)}>
                {t('caseUi.cancel')}
              </button>
              <ErrorMessage error={voiding.error} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function UploadForm({ c, consents }: { c: CaseDetail; consents: Entry[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const idem = useIdempotencyKey();
  const consentLabel = useConsentLabel();
  const fileRef = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState('');
  const [consentEntryId, setConsentEntryId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fe = useFieldErrors(error);
  const granted = consents.filter((e) => e.data.action === 'granted');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setSaved(null);
    setError(null);
    setProgress(0);
    try {
      const added = await uploadAttachment(
        c.id,
        { category, consentEntryId: category === 'consent_form' && consentEntryId ? consentEntryId : undefined, file },
        { idempotencyKey: idem.key, onProgress: setProgress },
      );
      idem.renew();
      setSaved(added.fileName);
      setCategory('');
      setConsentEntryId('');
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      await client.invalidateQueries({ queryKey: ['case', c.id] });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="card" aria-labelledby="attachment-new" onSubmit={submit}>
      <h2 id="attachment-new">{t('attachmentsUi.add')}</h2>
      {saved && !error && <Notice>{t('attachmentsUi.saved', { name: saved })}</Notice>}
      <CodeSelect
        label={t('attachmentsUi.category')}
        listKey="document_types"
        name="category"
        required
        value={category}
        onChange={setCategory}
        error={fe.errorFor('category')}
      />
      {category === 'consent_form' && (
        <label className="field">
          <span>{t('attachmentsUi.consent')}</span>
          <select
            name="consentEntryId"
            value={consentEntryId}
            onChange={(e) => setConsentEntryId(e.target.value)}
            {...fe.describe('consentEntryId')}
          >
            <option value="">{t('attachmentsUi.noConsent')}</option>
            {granted.map((e) => (
              <option key={e.id} value={e.id}>
                {consentLabel(e)}
              </option>
            ))}
          </select>
          <FieldError fe={fe} path="consentEntryId" />
        </label>
      )}
      <label className="field">
        <span>{t('attachmentsUi.file')}</span>
        <input
          ref={fileRef}
          type="file"
          name="file"
          required
          accept={ACCEPT}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          {...(fe.errorFor('file') ? fe.describe('file') : { 'aria-describedby': 'attachment-file-hint' })}
        />
        <small id="attachment-file-hint">{t('attachmentsUi.fileHint')}</small>
        <FieldError fe={fe} path="file" />
      </label>
      {progress !== null && (
        <label className="field">
          <span>{t('attachmentsUi.uploading')}</span>
          <progress max={1} value={progress} aria-valuetext={`${Math.round(progress * 100)}%`} />
        </label>
      )}
      <ErrorMessage error={error} />
      <FieldErrorSummary fe={fe} />
      <div className="actions">
        <button type="submit" disabled={progress !== null || !file}>
          {t('attachmentsUi.upload')}
        </button>
      </div>
    </form>
  );
}

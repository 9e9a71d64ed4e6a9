/**
 * XLSForm in and out on the Forms settings page (issue #17): upload an .xlsx (with progress) to
 * make a draft form, with every refused row listed (sheet, row, reason) so she can fix the file;
 * and download any form as an XLSForm for ODK, KoBo or a colleague.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { labelIn } from '../../domain/forms/present';
import type { XlsFormImport } from '../../server/api-types';
import { ApiError, apiFile, saveFile, upload } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import { ErrorMessage } from '../components/ErrorMessage';
import { useAllForms } from '../forms/api';

type RowProblem = { sheet: string; row: number; reason: string };

/** POST /api/forms/import as multipart, reporting the fraction sent (XMLHttpRequest reports upload progress). */
function uploadXlsForm(file: File, idempotencyKey: string, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<XlsFormImport>('/api/forms/import', form, { idempotencyKey, onProgress });
}

export function XlsFormTransfer() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const client = useQueryClient();
  const forms = useAllForms();
  const idem = useIdempotencyKey();
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), form: useId(), rows: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<XlsFormImport | null>(null);
  const [rows, setRows] = useState<RowProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState('');
  const [download, setDownload] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file || progress !== null) return;
    setResult(null);
    setRows([]);
    setError(null);
    setProgress(0);
    try {
      const imported = await uploadXlsForm(file, idem.key, setProgress);
      setResult(imported);
      idem.renew();
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      await client.invalidateQueries({ queryKey: ['forms'] });
    } catch (failure) {
      // The server answered (a refusal is stored under the key): the corrected file is a new submission.
      if (failure instanceof ApiError && failure.status > 0) idem.renew();
      const details =
        failure instanceof ApiError ? (failure.details as { rows?: RowProblem[] } | undefined) : undefined;
      if (failure instanceof ApiError && failure.code === 'invalid_xlsform' && details?.rows?.length)
        setRows(details.rows);
      else setError(failure);
    } finally {
      setProgress(null);
    }
  }

  async function exportChosen() {
    if (!chosen) return;
    setDownload({ busy: true, error: null });
    try {
      const { blob, filename } = await apiFile(`/api/forms/${encodeURIComponent(chosen)}/xlsform`, { method: 'GET' });
      saveFile(blob, filename ?? `${chosen}.xlsx`);
      setDownload({ busy: false, error: null });
    } catch (failure) {
      setDownload({ busy: false, error: failure });
    }
  }

  const list = forms.data?.forms ?? [];
  return (
    <section aria-labelledby="xlsform-title" className="xlsform-transfer">
      <h3 id="xlsform-title">{t('xlsformUi.title')}</h3>
      <p className="muted">{t('xlsformUi.intro')}</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={rows.length ? ids.rows : undefined}>
        <label htmlFor={ids.file}>{t('xlsformUi.file')}</label>
        <input
          id={ids.file}
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <div className="actions">
          <button type="submit" disabled={!file || progress !== null}>
            {t('xlsformUi.import')}
          </button>
        </div>
        {progress !== null && (
          <p role="status">
            <label>
              {t('xlsformUi.importing')}{' '}
              <progress max={1} value={progress}>
                {Math.round(progress * 100)}%
              </progress>
            </label>
          </p>
        )}
      </form>
      <ErrorMessage error={error} />
      {rows.length > 0 && (
        <div role="alert" id={ids.rows}>
          <p>{t('xlsformUi.refused', { count: rows.length })}</p>
          <ul>
            {rows.map((r) => (
              <li key={`${r.sheet}-${r.row}-${r.reason}`}>
                {t('xlsformUi.row', { sheet: r.sheet, row: r.row })}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <div role="status">
          <p>
            {t('xlsformUi.imported', { code: result.form.code })}{' '}
            <Link to={result.form.code}>{t('xlsformUi.openDraft')}</Link>
          </p>
          {result.skipped.length > 0 && (
            <>
              <p>{t('xlsformUi.skipped', { count: result.skipped.length })}</p>
              <ul>
                {result.skipped.map((s) => (
                  <li key={s.row}>
                    {t('xlsformUi.row', { sheet: s.sheet, row: s.row })} ({s.name}): {s.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.renamed.length > 0 && <p>{t('xlsformUi.renamed', { count: result.renamed.length })}</p>}
        </div>
      )}
      {list.length > 0 && (
        <div className="actions">
          <label htmlFor={ids.form}>{t('xlsformUi.exportChoose')}</label>
          <select id={ids.form} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">—</option>
            {list.map((f) => (
              <option key={f.code} value={f.code}>
                {labelIn((f.draft ?? f.published)?.title, language) || f.code}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            onClick={() => void exportChosen()}
            disabled={!chosen || download.busy}
          >
            {t('xlsformUi.download')}
          </button>
          {download.busy && <span role="status">{t('xlsformUi.downloading')}</span>}
        </div>
      )}
      <ErrorMessage error={download.error} />
    </section>
  );
}

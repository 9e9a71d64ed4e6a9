/**
 * "Print case file": the caseworker chooses the sections (all by default) and downloads a PDF of
 * them, labelled and dated in her language. The server prints only what she may read and audits it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_FILE_SECTIONS, type CaseFileSection } from '../../domain/cases/case-file';
import { apiFile, saveFile } from '../api/client';
import type { CaseDetail } from '../api/cases';
import { ErrorMessage, Notice } from '../components/ErrorMessage';

function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function PrintCaseFile({ c }: { c: Pick<CaseDetail, 'id' | 'reference'> }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<CaseFileSection[]>([...CASE_FILE_SECTIONS]);
  const [state, setState] = useState<{ busy: boolean; done: boolean; error: unknown; empty: boolean }>({
    busy: false,
    done: false,
    error: null,
    empty: false,
  });
  const titleId = useId();

  const toggle = (section: CaseFileSection, on: boolean) =>
    setChosen((now) => CASE_FILE_SECTIONS.filter((s) => (s === section ? on : now.includes(s))));

  async function download() {
    if (chosen.length === 0) return setState({ busy: false, done: false, error: null, empty: true });
    setState({ busy: true, done: false, error: null, empty: false });
    try {
      const zone = timeZone();
      const { blob, filename } = await apiFile(`/api/cases/${c.id}/print`, {
        body: { sections: chosen, language: i18n.language, ...(zone ? { timeZone: zone } : {}) },
      });
      saveFile(blob, filename ?? `case-file-${c.reference}.pdf`);
      setState({ busy: false, done: true, error: null, empty: false });
    } catch (error) {
      setState({ busy: false, done: false, error, empty: false });
    }
  }

  if (!open)
    return (
      <p className="print-case-file">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('printUi.button')}
        </button>
      </p>
    );
  return (
    <div className="card print-case-file" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('printUi.dialogTitle')}</h2>
      <p>{t('printUi.dialogIntro')}</p>
      <fieldset>
        <legend>{t('printUi.sectionsLegend')}</legend>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setChosen([...CASE_FILE_SECTIONS])}>
            {t('printUi.selectAll')}
          </button>
          <button type="button" className="secondary" onClick={() => setChosen([])}>
            {t('printUi.selectNone')}
          </button>
        </div>
        {CASE_FILE_SECTIONS.map((section) => (
          <label key={section} className="checkbox">
            <input
              type="checkbox"
              name="sections"
              value={section}
              checked={chosen.includes(section)}
              onChange={(e) => toggle(section, e.target.checked)}
            />{' '}
            {t(`printUi.sections.${section}`)}
          </label>
        ))}
      </fieldset>
      {state.empty && (
        <p className="alert alert-error" role="alert">
          {t('printUi.noSection')}
        </p>
      )}
      {Boolean(state.error) && <ErrorMessage error={state.error} />}
      {state.busy && <p role="status">{t('printUi.preparing')}</p>}
      {state.done && <Notice>{t('printUi.done')}</Notice>}
      <div className="actions">
        <button type="button" onClick={() => void download()} disabled={state.busy}>
          {t('printUi.download')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(false);
            setState({ busy: false, done: false, error: null, empty: false });
          }}
        >
          {t('printUi.cancel')}
        </button>
      </div>
    </div>
  );
}

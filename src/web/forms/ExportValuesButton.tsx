/**
 * "Download recorded values (CSV)" on a form's page in Settings (issue #17): the organisation's
 * records of the form, one column per field. The server leaves sealed fields out and names them;
 * the button says which, so nobody looks for free text that an export never holds.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFile, saveFile } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';

export function ExportValuesButton({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; withheld: string[] | null; error: unknown }>({
    busy: false,
    withheld: null,
    error: null,
  });
  async function download() {
    setState({ busy: true, withheld: null, error: null });
    try {
      const language = encodeURIComponent(i18n.resolvedLanguage ?? 'en');
      const { blob, filename, headers } = await apiFile(`/api/forms/${code}/export.csv?language=${language}`, {
        method: 'GET',
      });
      saveFile(blob, filename ?? `ariadne-form-${code}.csv`);
      const withheld = (headers.get('x-withheld-fields') ?? '').split(',').filter(Boolean);
      setState({ busy: false, withheld, error: null });
    } catch (error) {
      setState({ busy: false, withheld: null, error });
    }
  }
  return (
    <div className="export-values">
      <button type="button" className="secondary" onClick={() => void download()} disabled={state.busy}>
        {t('formValuesUi.exportCsv')}
      </button>
      {state.busy && <p role="status">{t('formValuesUi.exporting')}</p>}
      {state.withheld && (
        <p role="status">
          {t('formValuesUi.exported')}{' '}
          {state.withheld.length
            ? t('formValuesUi.withheld', { fields: state.withheld.join(', ') })
            : t('formValuesUi.noneWithheld')}
        </p>
      )}
      {Boolean(state.error) && <ErrorMessage error={state.error} />}
    </div>
  );
}

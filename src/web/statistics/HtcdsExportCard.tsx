/** The organisation's de-identified case records in the HTCDS layout: what is left out and withheld is said before the download. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import type { HtcdsExport } from '../../server/api-types';

/** floor: the organisation's disclosure floor; k is never below it (the server refuses it too). */
export function HtcdsExportCard({ floor }: { floor: number }) {
  const { t } = useTranslation();
  const [k, setK] = useState(Math.max(5, floor));
  // Case-level data is read (and audited) only when someone asks for it, not on every visit.
  const [prepared, setPrepared] = useState(false);
  const valid = Number.isInteger(k) && k >= floor && k <= 50;
  const preview = useQuery({
    queryKey: ['htcds', k],
    enabled: prepared && valid,
    queryFn: () => api<HtcdsExport>(`/api/exports/htcds?k=${k}`),
  });
  const p = preview.data?.provenance;
  return (
    <section className="card" aria-labelledby="htcds-title">
      <h2 id="htcds-title">{t('stats.htcds.title')}</h2>
      <p className="muted">{t('stats.htcds.intro')}</p>
      <label className="field">
        <span>{t('stats.htcds.k')}</span>
        <input
          type="number"
          min={floor}
          max={50}
          value={Number.isNaN(k) ? '' : k}
          onChange={(e) => setK(e.target.valueAsNumber)}
          aria-invalid={!valid}
          aria-describedby="htcds-k-hint"
        />
        <small id="htcds-k-hint">{t('stats.htcds.kHint')}</small>
      </label>
      {!prepared && (
        <button type="button" disabled={!valid} onClick={() => setPrepared(true)}>
          {t('stats.htcds.prepare')}
        </button>
      )}
      <ErrorMessage error={preview.error} />
      {preview.isFetching && <p role="status">{t('stats.computing')}</p>}
      {p && preview.data && (
        <>
          <dl className="facts">
            <dt>{t('stats.htcds.records')}</dt>
            <dd>{preview.data.records.length}</dd>
            <dt>{t('stats.htcds.withheld')}</dt>
            <dd>{p.withheldRecords}</dd>
            <dt>{t('stats.htcds.generalised')}</dt>
            <dd>
              {t('stats.htcds.generalisedCounts', {
                citizenship: p.generalised.prs_Citizenship ?? 0,
                ageBand: p.generalised.ariadne_AgeBandAtFirstContact ?? 0,
                year: p.generalised.ariadne_FirstContactYear ?? 0,
              })}
            </dd>
            <dt>{t('stats.htcds.withoutConsent')}</dt>
            <dd>{p.personsWithoutConsent}</dd>
          </dl>
          <p className="muted">
            {t('stats.htcds.excluded', { count: p.excludedFields.length })} {p.standard}
          </p>
          <p className="actions">
            <a className="button" href={`/api/exports/htcds?k=${k}&format=csv`} download>
              {t('stats.htcds.downloadCsv')}
            </a>
            <a className="button" href={`/api/exports/htcds?k=${k}&format=json`} download="ariadne-htcds.json">
              {t('stats.htcds.downloadJson')}
            </a>
          </p>
        </>
      )}
    </section>
  );
}

/** Person-based reports: one population at a time, what is counted stated first, small cells hidden, exports. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import type { SessionView } from '../api/types';
import { DisclosureFloorCard, type DisclosureFloors } from './DisclosureFloorCard';
import { HtcdsExportCard } from './HtcdsExportCard';
import { ContactsChart } from '../handoffs/ContactsChart';
import { DIMENSIONS, POPULATIONS, ReportView, type Report } from './ReportView';

export function StatisticsPage({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const year = new Date().getUTCFullYear();
  // An empty threshold asks for the floor: the server applies it.
  const [form, setForm] = useState({
    population: 'determined_victims',
    rows: 'year',
    cols: 'sex',
    from: String(year - 3),
    to: String(year),
    threshold: '',
    scope: 'organisation',
  });
  const [query, setQuery] = useState(form);
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  const report = useQuery({
    queryKey: ['report', params],
    queryFn: () => api<Report>(`/api/statistics/report?${params}`),
  });
  const floors = useQuery({
    queryKey: ['disclosure-floors'],
    queryFn: () => api<DisclosureFloors>('/api/statistics/disclosure-floors'),
  });
  const floor = floors.data ? (form.scope === 'network' ? floors.data.network : floors.data.organisation) : 2;
  const belowFloor = form.threshold !== '' && Number(form.threshold) < floor;
  // The server refuses a threshold below the floor too (the floor may have changed since the page loaded).
  const refusedFloor =
    report.error instanceof ApiError && report.error.code === 'threshold_below_floor'
      ? ((report.error.details as { minimum?: number }[] | undefined)?.[0]?.minimum ?? floor)
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (belowFloor) return;
    setQuery(form);
  }

  const r = report.data;
  return (
    <section>
      <h1>{t('stats.title')}</h1>
      <form className="card filters" onSubmit={submit}>
        <label className="field">
          <span>{t('stats.population')}</span>
          <select
            value={form.population}
            onChange={(e) => setForm({ ...form, population: e.target.value })}
            aria-describedby="population-hint"
          >
            {POPULATIONS.map((p) => (
              <option key={p} value={p}>
                {t(`stats.populations.${p}`)}
              </option>
            ))}
          </select>
          <small id="population-hint">{t('stats.neverSummed')}</small>
        </label>
        <label className="field">
          <span>{t('stats.rows')}</span>
          <select value={form.rows} onChange={(e) => setForm({ ...form, rows: e.target.value })}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`stats.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stats.columns')}</span>
          <select value={form.cols} onChange={(e) => setForm({ ...form, cols: e.target.value })}>
            <option value="all">{t('stats.dimensions.all')}</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`stats.dimensions.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('stats.from')}</span>
          <input
            type="number"
            min={1990}
            max={2100}
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('stats.to')}</span>
          <input
            type="number"
            min={1990}
            max={2100}
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('stats.threshold')}</span>
          <input
            type="number"
            min={floor}
            max={20}
            value={form.threshold}
            placeholder={String(floor)}
            onChange={(e) => setForm({ ...form, threshold: e.target.value })}
            aria-invalid={belowFloor || undefined}
            aria-describedby={belowFloor ? 'threshold-hint threshold-error' : 'threshold-hint'}
          />
          <small id="threshold-hint">{t('stats.floor.hint', { floor })}</small>
          {belowFloor && (
            <small id="threshold-error" className="field-error" role="alert">
              {t('stats.floor.belowFloor', { floor })}
            </small>
          )}
        </label>
        <label className="field">
          <span>{t('outcomesUi.scope')}</span>
          <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>
            <option value="organisation">{t('outcomesUi.scopeOrganisation')}</option>
            <option value="network">{t('outcomesUi.scopeNetwork')}</option>
          </select>
        </label>
        <div className="actions">
          <button type="submit" disabled={report.isFetching}>
            {report.isFetching ? t('stats.computing') : t('stats.run')}
          </button>
        </div>
      </form>
      {refusedFloor !== null ? (
        <p className="alert alert-error" role="alert">
          {t('stats.floor.belowFloor', { floor: refusedFloor })}
        </p>
      ) : (
        <ErrorMessage error={report.error} />
      )}
      {r && (
        <>
          <ReportView report={r} />
          <p className="actions">
            {(['csv', 'xlsx', 'ctdc'] as const).map((format) => (
              <a key={format} className="button" href={`/api/statistics/report?${params}&format=${format}`} download>
                {t(`stats.export.${format}`)}
              </a>
            ))}
          </p>
        </>
      )}
      <ContactsChart scope="organisation" />
      {floors.data && <DisclosureFloorCard floors={floors.data} />}
      {session.permissions.exportHtcds && floors.data && <HtcdsExportCard floor={floors.data.organisation} />}
    </section>
  );
}

/** Person-based reports: one population at a time, what is counted stated first, small cells hidden, exports. */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useLabel } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { EChart } from './EChart';

type Count = number | { suppressed: true; reason: string };
interface Report {
  counts: 'persons'; population: string; populationKind: string; definition: string; period: { from: number; to: number };
  scope: { description?: string }; provenance: { source?: string; generatedAt?: string; disclosureControl?: string[] }; notes: string[];
  rowDimension: string; colDimension: string;
  table: { rows: string[]; cols: string[]; cells: Count[][]; rowTotals: Count[]; colTotals: Count[]; grandTotal: Count };
}

const POPULATIONS = ['potential_victims', 'determined_victims_org', 'determined_victims_authority', 'determined_victims', 'assisted_persons', 'irregular_migration', 'smuggling', 'sex_work'];
const DIMENSIONS = ['year', 'sex', 'ageBand', 'citizenship', 'formOfExploitation', 'identificationChannel', 'programmeType', 'outcome'];
const LISTS: Record<string, string> = { formOfExploitation: 'forms_of_exploitation', identificationChannel: 'channels', programmeType: 'programme_types' };
const hidden = (c: Count): c is { suppressed: true; reason: string } => typeof c === 'object';

export function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const year = new Date().getUTCFullYear();
  const [form, setForm] = useState({ population: 'determined_victims', rows: 'year', cols: 'sex', from: String(year - 3), to: String(year), threshold: '5', scope: 'organisation' });
  const [query, setQuery] = useState(form);
  const params = new URLSearchParams(query).toString();
  const report = useQuery({ queryKey: ['report', params], queryFn: () => api<Report>(`/api/statistics/report?${params}`) });
  const fmt = new Intl.NumberFormat(i18n.language);
  const category = (dimension: string, code: string) => (LISTS[dimension] ? label(LISTS[dimension], code) : dimension === 'sex' ? t(`caseUi.sexes.${code}`, { defaultValue: code }) : code);
  const show = (c: Count) => (hidden(c) ? t('stats.suppressedMark') : fmt.format(c));

  const option = useMemo(() => {
    const r = report.data;
    if (!r) return null;
    return {
      tooltip: {}, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: r.table.rows.map((code) => category(r.rowDimension, code)) }, yAxis: { type: 'value', minInterval: 1 },
      series: r.table.cols.map((col, j) => ({ type: 'bar', name: r.colDimension === 'all' ? t('stats.persons') : category(r.colDimension, col), data: r.table.cells.map((row) => (hidden(row[j]) ? null : row[j])) })),
    };
  }, [report.data, i18n.language]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery(form);
  }

  const r = report.data;
  return (
    <section>
      <h1>{t('stats.title')}</h1>
      <form className="card filters" onSubmit={submit}>
        <label className="field"><span>{t('stats.population')}</span>
          <select value={form.population} onChange={(e) => setForm({ ...form, population: e.target.value })} aria-describedby="population-hint">
            {POPULATIONS.map((p) => <option key={p} value={p}>{t(`stats.populations.${p}`)}</option>)}
          </select>
          <small id="population-hint">{t('stats.neverSummed')}</small></label>
        <label className="field"><span>{t('stats.rows')}</span>
          <select value={form.rows} onChange={(e) => setForm({ ...form, rows: e.target.value })}>{DIMENSIONS.map((d) => <option key={d} value={d}>{t(`stats.dimensions.${d}`)}</option>)}</select></label>
        <label className="field"><span>{t('stats.columns')}</span>
          <select value={form.cols} onChange={(e) => setForm({ ...form, cols: e.target.value })}>
            <option value="all">{t('stats.dimensions.all')}</option>{DIMENSIONS.map((d) => <option key={d} value={d}>{t(`stats.dimensions.${d}`)}</option>)}
          </select></label>
        <label className="field"><span>{t('stats.from')}</span><input type="number" min={1990} max={2100} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} /></label>
        <label className="field"><span>{t('stats.to')}</span><input type="number" min={1990} max={2100} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} /></label>
        <label className="field"><span>{t('stats.threshold')}</span><input type="number" min={2} max={20} value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} /></label>
        <label className="field"><span>{t('outcomesUi.scope')}</span>
          <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value })}>
            <option value="organisation">{t('outcomesUi.scopeOrganisation')}</option><option value="network">{t('outcomesUi.scopeNetwork')}</option>
          </select></label>
        <div className="actions"><button type="submit" disabled={report.isFetching}>{report.isFetching ? t('stats.computing') : t('stats.run')}</button></div>
      </form>
      <ErrorMessage error={report.error} />
      {r && (
        <>
          <section className="card" aria-labelledby="what-title">
            <h2 id="what-title">{t('stats.whatIsCounted')}</h2>
            <p><strong>{t('stats.personsNotCases')}</strong> — {t(`stats.populations.${r.population}`)}{r.populationKind === 'separate' ? ` (${t('stats.notTrafficking')})` : ''}</p>
            <p>{r.definition}</p>
            <dl className="facts">
              <dt>{t('stats.period')}</dt><dd>{r.period.from}–{r.period.to}</dd>
              <dt>{t('stats.scope')}</dt><dd>{r.scope.description}</dd>
              <dt>{t('stats.source')}</dt><dd>{r.provenance.source}</dd>
              <dt>{t('stats.generated')}</dt><dd>{r.provenance.generatedAt ? new Date(r.provenance.generatedAt).toLocaleString(i18n.language) : ''}</dd>
            </dl>
            <ul>{[...r.notes, ...(r.provenance.disclosureControl ?? [])].map((n) => <li key={n}>{n}</li>)}</ul>
          </section>
          {option && <EChart option={option} label={t('stats.chartLabel', { rows: t(`stats.dimensions.${r.rowDimension}`), total: show(r.table.grandTotal) })} />}
          <p className="muted">{t('stats.legend', { mark: t('stats.suppressedMark') })}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('stats.table')}>
            <table>
              <thead><tr><th scope="col">{t(`stats.dimensions.${r.rowDimension}`)}</th>
                {r.table.cols.map((c) => <th scope="col" key={c}>{r.colDimension === 'all' ? t('stats.persons') : category(r.colDimension, c)}</th>)}
                {r.colDimension !== 'all' && <th scope="col">{t('stats.total')}</th>}</tr></thead>
              <tbody>
                {r.table.rows.map((row, i) => (
                  <tr key={row}><th scope="row">{category(r.rowDimension, row)}</th>
                    {r.table.cells[i].map((c, j) => <td key={j} className={hidden(c) ? 'suppressed' : ''}>{show(c)}</td>)}
                    {r.colDimension !== 'all' && <td>{show(r.table.rowTotals[i])}</td>}</tr>
                ))}
                <tr><th scope="row">{t('stats.total')}</th>{r.table.colTotals.map((c, j) => <td key={j}>{show(c)}</td>)}{r.colDimension !== 'all' && <td>{show(r.table.grandTotal)}</td>}</tr>
              </tbody>
            </table>
          </div>
          <p className="actions">
            {(['csv', 'xlsx', 'ctdc'] as const).map((format) => <a key={format} className="button" href={`/api/statistics/report?${params}&format=${format}`} download>{t(`stats.export.${format}`)}</a>)}
          </p>
        </>
      )}
    </section>
  );
}

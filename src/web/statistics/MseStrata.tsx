/**
 * A stratified estimate (issue #21): one estimate per stratum with its interval, the combined total (their
 * sum) and its interval, as a chart and a table. A stratum hidden under the disclosure floor shows as hidden
 * and why, never with a number: the server sends only its name.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MseStrata as Strata } from '../../server/api-types';
import { EChart } from './EChart';

const FLAG = /^\s*[01]\s*$/;
const unquote = (cell: string) => cell.trim().replace(/^"(.*)"$/, '$1');

/**
 * The columns of a capture-history CSV that can stratify it: before the count (the last column), with some
 * value that is not a 0/1 list flag. Reads the header and the first rows only; the server checks the whole.
 */
export function stratumColumns(csv: string): string[] {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 500);
  if (lines.length < 2) return [];
  const delimiter = [',', ';', '\t'].find((d) => lines[0].includes(d)) ?? ',';
  const header = lines[0].split(delimiter).map(unquote);
  const rows = lines.slice(1).map((line) => line.split(delimiter).map(unquote));
  return header
    .slice(0, -1)
    .filter((name, i) => name !== '' && rows.some((row) => (row[i] ?? '') !== '' && !FLAG.test(row[i] ?? '')));
}

export function MseStrata({ strata: s, variable }: { strata: Strata; variable: string }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : fmt.format(x));
  const range = (xs: (number | null)[] | null) => (xs ? `${n(xs[0])} – ${xs[1] === null ? '∞' : n(xs[1])}` : '—');
  const percent = Math.round(s.level * 100);
  const shown = s.strata.flatMap((x) => (x.suppressed === false && x.estimate !== null ? [x] : []));
  const option = useMemo(
    () => ({
      grid: { left: 110, right: 20, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: shown.map((x) => x.name) },
      series: [
        // The interval as a bar from its low to its high limit (a transparent bar up to the low limit below it).
        {
          type: 'bar',
          stack: 'interval',
          itemStyle: { color: 'transparent' },
          data: shown.map((x) => x.interval?.[0] ?? x.estimate),
        },
        {
          name: t('mseJobs.interval', { percent }),
          type: 'bar',
          stack: 'interval',
          itemStyle: { color: '#9db4d6' },
          data: shown.map((x) =>
            x.interval && x.interval[0] !== null && x.interval[1] !== null ? x.interval[1] - x.interval[0] : 0,
          ),
        },
        {
          name: t('mseJobs.estimate'),
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 12,
          itemStyle: { color: '#1d4f91' },
          data: shown.map((x) => x.estimate),
        },
      ],
    }),
    // A new option object redraws the chart: only a new result or language should.
    [s, i18n.language],
  );
  const c = s.combined;
  const hidden = s.strata.length - s.strata.filter((x) => x.suppressed === false).length;
  return (
    <section className="card" aria-labelledby="mse-strata-title" data-testid="mse-strata">
      <h2 id="mse-strata-title">{t('mseJobs.strataTitle', { variable })}</h2>
      {c ? (
        <p data-testid="mse-strata-combined">
          {c.estimate === null
            ? t('mseJobs.combinedNone', { observed: n(c.observed) })
            : t('mseJobs.combined', {
                estimate: n(c.estimate),
                percent,
                interval: range(c.interval),
                observed: n(c.observed),
              })}{' '}
          {c.intervalMethod === 'summed_bootstrap_replicates'
            ? t('mseJobs.combinedBootstrap', { replicates: c.replicates ?? 0, failed: c.failed ?? 0, seed: c.seed })
            : t('mseJobs.combinedWald')}
        </p>
      ) : (
        <p data-testid="mse-strata-combined">{t('mseJobs.combinedHidden')}</p>
      )}
      {hidden > 0 && <p className="muted">{t('mseJobs.hiddenNote', { floor: s.floor, hidden })}</p>}
      {shown.length > 0 && (
        <EChart
          height={Math.max(160, 48 * shown.length + 50)}
          label={t('mseJobs.chartLabel', {
            variable,
            strata: shown.map((x) => `${x.name}: ${n(x.estimate)} (${range(x.interval)})`).join('; '),
          })}
          option={option}
        />
      )}
      <div className="table-scroll">
        <table className="table" data-testid="mse-strata-table">
          <caption>{t('mseJobs.tableCaption', { variable, percent })}</caption>
          <thead>
            <tr>
              <th scope="col">{variable}</th>
              <th scope="col">{t('mseJobs.observed')}</th>
              <th scope="col">{t('mseJobs.estimate')}</th>
              <th scope="col">{t('mseJobs.interval', { percent })}</th>
              <th scope="col">{t('mseJobs.model')}</th>
            </tr>
          </thead>
          <tbody>
            {s.strata.map((x) =>
              x.suppressed === false ? (
                <tr key={x.name}>
                  <th scope="row">{x.name}</th>
                  <td>{n(x.observed)}</td>
                  <td>{x.estimate === null ? t('mseJobs.noEstimate') : n(x.estimate)}</td>
                  <td>
                    {range(x.interval)}
                    {x.interval && ` (${t(`mseJobs.stratumMethods.${x.intervalMethod}`)})`}
                  </td>
                  <td>{x.model === null ? '—' : x.terms.join(', ') || t('mseUi.mainEffectsOnly')}</td>
                </tr>
              ) : (
                <tr key={x.name} data-suppressed={x.suppressed}>
                  <th scope="row">{x.name}</th>
                  <td colSpan={4}>{t(`mseJobs.suppressed.${x.suppressed}`, { floor: s.floor })}</td>
                </tr>
              ),
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('mseJobs.total')}</th>
              {c ? (
                <>
                  <td>{n(c.observed)}</td>
                  <td>{n(c.estimate)}</td>
                  <td>{range(c.interval)}</td>
                  <td>—</td>
                </>
              ) : (
                <td colSpan={4}>{t('mseJobs.combinedHidden')}</td>
              )}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** One person-based report: what is counted first, then a chart and the table; hidden counts marked. Shared by suppressed reports and private releases. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DIMENSION_KEYS } from '../../domain/statistics/dimensions';
import { POPULATIONS as STANDARD_POPULATIONS, type StandardPopulationKey } from '../../domain/statistics/populations';
import { useLabel } from '../api/cases';
import { EChart } from './EChart';

import type { PrivateReport, PublishedReport as Report, ReportCount as Count } from '../../server/api-types';
import { formatDateTime } from '../i18n/dates';
/** The published report's shapes, inferred from the server's response schema. */
export type { Count, Report };

/** The standard populations and the dimensions a report may cross, from the domain (the server validates against the same lists). */
export const POPULATIONS = Object.keys(STANDARD_POPULATIONS) as StandardPopulationKey[];
export const DIMENSIONS = DIMENSION_KEYS.filter((d) => d !== 'all');
const LISTS: Record<string, string> = {
  formOfExploitation: 'forms_of_exploitation',
  identificationChannel: 'channels',
  programmeType: 'programme_types',
};
const hidden = (c: Count): c is { suppressed: true; reason: string } => typeof c === 'object';

/** A published report, or a private release's (noise instead of a threshold: it has none). */
export function ReportView({ report: r }: { report: Report | PrivateReport }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const fmt = new Intl.NumberFormat(i18n.language);
  const category = (dimension: string, code: string) =>
    LISTS[dimension]
      ? label(LISTS[dimension], code)
      : dimension === 'sex'
        ? t(`caseUi.sexes.${code}`, { defaultValue: code })
        : code;
  const show = (c: Count) => (hidden(c) ? t('stats.suppressedMark') : fmt.format(c));
  // Chart what can be published: the cells, or else the row totals when every cell is hidden, or nothing.
  const chartOf = r.table.cells.some((row) => row.some((c) => !hidden(c)))
    ? 'cells'
    : r.table.rowTotals.some((c) => !hidden(c))
      ? 'totals'
      : 'nothing';
  // A table with no columns (no data yet) charts its totals without claiming anything was hidden.
  const cellsHidden = r.table.cells.some((row) => row.some(hidden));
  const option = useMemo(
    () => ({
      tooltip: {},
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: r.table.rows.map((code) => category(r.rowDimension, code)) },
      yAxis: { type: 'value', minInterval: 1 },
      series:
        chartOf === 'totals'
          ? [{ type: 'bar', name: t('stats.total'), data: r.table.rowTotals.map((c) => (hidden(c) ? null : c)) }]
          : r.table.cols.map((col, j) => ({
              type: 'bar',
              name: r.colDimension === 'all' ? t('stats.persons') : category(r.colDimension, col),
              data: r.table.cells.map((row) => (hidden(row[j]) ? null : row[j])),
            })),
    }),
    [r, i18n.language, chartOf],
  );

  return (
    <>
      <section className="card" aria-labelledby="what-title">
        <h2 id="what-title">{t('stats.whatIsCounted')}</h2>
        <p>
          <strong>{t('stats.personsNotCases')}</strong> — {t(`stats.populations.${r.population}`)}
          {r.populationKind === 'separate' ? ` (${t('stats.notTrafficking')})` : ''}
        </p>
        <p>{r.definition}</p>
        <dl className="facts">
          <dt>{t('stats.period')}</dt>
          <dd>
            {r.period.from}–{r.period.to}
          </dd>
          <dt>{t('stats.scope')}</dt>
          <dd>{r.scope.description}</dd>
          <dt>{t('stats.source')}</dt>
          <dd>{r.provenance.source}</dd>
          <dt>{t('stats.generated')}</dt>
          <dd>{r.provenance.generatedAt ? formatDateTime(r.provenance.generatedAt) : ''}</dd>
        </dl>
        <ul>
          {[...r.notes, ...(r.provenance.disclosureControl ?? [])].map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
      {chartOf === 'nothing' ? (
        <p className="muted">{t('stats.nothingToChart')}</p>
      ) : (
        <>
          {chartOf === 'totals' && cellsHidden && <p className="muted">{t('stats.chartTotalsOnly')}</p>}
          <EChart
            option={option}
            label={t('stats.chartLabel', {
              rows: t(`stats.dimensions.${r.rowDimension}`),
              total: show(r.table.grandTotal),
            })}
          />
        </>
      )}
      {[...r.table.cells.flat(), ...r.table.rowTotals, ...r.table.colTotals].some(hidden) && (
        <p className="muted">{t('stats.legend', { mark: t('stats.suppressedMark') })}</p>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('stats.table')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(`stats.dimensions.${r.rowDimension}`)}</th>
              {r.table.cols.map((c) => (
                <th scope="col" key={c}>
                  {r.colDimension === 'all' ? t('stats.persons') : category(r.colDimension, c)}
                </th>
              ))}
              {r.colDimension !== 'all' && <th scope="col">{t('stats.total')}</th>}
            </tr>
          </thead>
          <tbody>
            {r.table.rows.map((row, i) => (
              <tr key={row}>
                <th scope="row">{category(r.rowDimension, row)}</th>
                {r.table.cells[i].map((c, j) => (
                  <td key={j} className={hidden(c) ? 'suppressed' : ''}>
                    {show(c)}
                  </td>
                ))}
                {r.colDimension !== 'all' && <td>{show(r.table.rowTotals[i])}</td>}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('stats.total')}</th>
              {r.table.colTotals.map((c, j) => (
                <td key={j}>{show(c)}</td>
              ))}
              {r.colDimension !== 'all' && <td>{show(r.table.grandTotal)}</td>}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

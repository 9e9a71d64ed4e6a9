/**
 * Contacts per channel and per territory over time, and persons apart (issue #18): two charts that
 * never share an axis with persons, and a table of persons of their own. Hidden counts are gaps,
 * never zeros, and said as such in the tables.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ContactStatisticsSchema } from '../../server/presenters/handoff';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { EChart } from '../statistics/EChart';

type Stats = z.infer<typeof ContactStatisticsSchema>;
type Series = Stats['contactsByChannel'];
type Count = Series['grandTotal'];

const value = (c: Count) => (typeof c === 'number' ? c : null);

function monthsBack(n: number): { from: string; to: string } {
  const now = new Date();
  const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1), 1));
  return { from: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`, to };
}

function SeriesTable({ series, title, colLabel }: { series: Series; title: string; colLabel: (c: string) => string }) {
  const { t } = useTranslation();
  const show = (c: Count) => (typeof c === 'number' ? String(c) : t('handoffUi.suppressed'));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('handoffUi.month')}</th>
            {series.cols.map((c) => (
              <th scope="col" key={c}>
                {colLabel(c)}
              </th>
            ))}
            <th scope="col">{t('handoffUi.total')}</th>
          </tr>
        </thead>
        <tbody>
          {series.rows.map((m, r) => (
            <tr key={m}>
              <th scope="row">{m}</th>
              {series.cells[r].map((c, i) => (
                <td key={i}>{show(c)}</td>
              ))}
              <td>{show(series.rowTotals[r])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('handoffUi.total')}</th>
            {series.colTotals.map((c, i) => (
              <td key={i}>{show(c)}</td>
            ))}
            <td>{show(series.grandTotal)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ContactsChart({ scope }: { scope: 'organisation' | 'network' }) {
  const { t } = useTranslation();
  const [period] = useState(() => monthsBack(12));
  const stats = useQuery({
    queryKey: ['contact-statistics', scope, period.from, period.to],
    queryFn: () => api<Stats>(`/api/statistics/contacts?from=${period.from}&to=${period.to}&scope=${scope}`),
  });
  const chart = (series: Series, colLabel: (c: string) => string) => ({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll' },
    grid: { left: 40, right: 16, bottom: 32, top: 40 },
    xAxis: { type: 'category', data: series.rows },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.cols.map((c, i) => ({
      name: colLabel(c),
      type: 'bar',
      stack: 'contacts',
      data: series.cells.map((row) => value(row[i])),
    })),
  });
  const kind = (c: string) => t(`handoffUi.kinds.${c}`);
  const place = (c: string) => c;
  const data = stats.data;
  const byChannel = useMemo(() => (data ? chart(data.contactsByChannel, kind) : null), [data, t]);
  const byTerritory = useMemo(() => (data ? chart(data.contactsByTerritory, place) : null), [data, t]);
  const persons = useMemo(
    () =>
      data
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, bottom: 32, top: 24 },
            xAxis: { type: 'category', data: data.personsByChannel.rows },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: t('handoffUi.persons'),
                type: 'line',
                data: data.personsByChannel.rowTotals.map(value),
              },
            ],
          }
        : null,
    [data, t],
  );
  return (
    <section className="card" aria-labelledby={`contacts-${scope}`} data-testid="contact-statistics">
      <h2 id={`contacts-${scope}`}>{t('handoffUi.statisticsTitle')}</h2>
      <p className="muted">{t('handoffUi.apart')}</p>
      {stats.error && <ErrorMessage error={stats.error} />}
      {data && byChannel && byTerritory && persons && (
        <>
          <h3>{t('handoffUi.contactsByChannel')}</h3>
          <EChart option={byChannel} label={t('handoffUi.contactsByChannel')} />
          <SeriesTable series={data.contactsByChannel} title={t('handoffUi.contactsByChannel')} colLabel={kind} />
          <h3>{t('handoffUi.contactsByTerritory')}</h3>
          <EChart option={byTerritory} label={t('handoffUi.contactsByTerritory')} />
          <SeriesTable series={data.contactsByTerritory} title={t('handoffUi.contactsByTerritory')} colLabel={place} />
          <h3>{t('handoffUi.personsTitle')}</h3>
          <EChart option={persons} label={t('handoffUi.personsTitle')} height={200} />
          <SeriesTable series={data.personsByChannel} title={t('handoffUi.personsTitle')} colLabel={kind} />
          <p data-testid="contacts-total">
            {t('handoffUi.contactsCounted')}:{' '}
            {typeof data.contactsByChannel.grandTotal === 'number'
              ? data.contactsByChannel.grandTotal
              : t('handoffUi.suppressed')}
          </p>
          <p data-testid="persons-total">
            {t('handoffUi.personsCounted')}:{' '}
            {typeof data.personsByChannel.grandTotal === 'number'
              ? data.personsByChannel.grandTotal
              : t('handoffUi.suppressed')}
          </p>
        </>
      )}
    </section>
  );
}

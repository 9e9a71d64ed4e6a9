/**
 * Labour-market insertion on the cohort page: persons per stage (a bar chart and its table), still in
 * work at 6 and 12 months, time from intake as quartiles, employers per territory and the internship
 * cost, small cells hidden. Facts about persons, never a success rate or a score.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import type { LabourStatisticsSchema } from '../../server/presenters/labour-statistics';
import { EChart } from './EChart';

type Labour = z.infer<typeof LabourStatisticsSchema>;
type Cell = Labour['persons'];
const valueOf = (c: Cell) => ('value' in c ? c.value : null);

export function LabourStatsSection({ scope, threshold }: { scope: string; threshold: string }) {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams({ scope, ...(threshold ? { threshold } : {}) }).toString();
  const labour = useQuery({
    queryKey: ['labour-statistics', params],
    queryFn: () => api<Labour>(`/api/statistics/labour?${params}`),
  });
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const show = (c: Cell, suffix = '') =>
    'value' in c ? `${fmt.format(c.value)}${suffix}` : t('labourStats.suppressed');
  const l = labour.data;
  const stageLabel = (s: string) => t(`labourStats.stages.${s}`);

  const stageOption = useMemo(() => {
    if (!l) return null;
    const stages = [...l.stages].reverse();
    return {
      tooltip: {},
      grid: { left: 170, right: 20, top: 10, bottom: 30 },
      yAxis: { type: 'category', data: stages.map((s) => stageLabel(s.stage)) },
      xAxis: { type: 'value', minInterval: 1, name: t('labourStats.persons') },
      series: [{ type: 'bar', data: stages.map((s) => valueOf(s.persons)), itemStyle: { color: '#2b6cb0' } }],
    };
  }, [l, i18n.language]);
  const stageSummary = l?.stages.map((s) => `${stageLabel(s.stage)}: ${show(s.persons)}`).join('; ') ?? '';

  const retentionOption = useMemo(() => {
    if (!l) return null;
    return {
      tooltip: {},
      grid: { left: 40, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: l.retention.map((r) => t('labourStats.atMonths', { months: r.months })) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', data: l.retention.map((r) => valueOf(r.share)), itemStyle: { color: '#2f855a' } }],
    };
  }, [l, i18n.language]);
  const retentionSummary =
    l?.retention
      .map((r) => `${t('labourStats.atMonths', { months: r.months })}: ${show(r.inWork)} / ${show(r.persons)}`)
      .join('; ') ?? '';

  return (
    <section className="card" aria-labelledby="labour-title" data-testid="labour-statistics">
      <h2 id="labour-title">{t('labourStats.title')}</h2>
      <p className="muted">{t('labourStats.intro')}</p>
      <ErrorMessage error={labour.error} />
      {labour.isPending && <p role="status">{t('labourStats.loading')}</p>}
      {l && (
        <>
          <p data-testid="labour-persons">
            {t('labourStats.personsWithRecords')}: <strong>{show(l.persons)}</strong>
          </p>
          {stageOption && (
            <EChart
              option={stageOption}
              label={t('labourStats.stageChartLabel', { summary: stageSummary })}
              height={260}
            />
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('labourStats.stagesTitle')}>
            <table>
              <caption>{t('labourStats.stagesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('labourStats.stage')}</th>
                  <th scope="col">{t('labourStats.persons')}</th>
                </tr>
              </thead>
              <tbody>
                {l.stages.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{stageLabel(s.stage)}</th>
                    <td data-testid={`labour-stage-${s.stage}`}>{show(s.persons)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('labourStats.retentionTitle')}</h3>
          {retentionOption && (
            <EChart
              option={retentionOption}
              label={t('labourStats.retentionChartLabel', { summary: retentionSummary })}
              height={200}
            />
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('labourStats.retentionTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('labourStats.horizon')}</th>
                  <th scope="col">{t('labourStats.denominator')}</th>
                  <th scope="col">{t('labourStats.inWork')}</th>
                  <th scope="col">{t('labourStats.share')}</th>
                </tr>
              </thead>
              <tbody>
                {l.retention.map((r) => (
                  <tr key={r.months}>
                    <th scope="row">{t('labourStats.atMonths', { months: r.months })}</th>
                    <td>{show(r.persons)}</td>
                    <td data-testid={`labour-in-work-${r.months}`}>{show(r.inWork)}</td>
                    <td>{show(r.share, '%')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('labourStats.retentionNote')}</p>
          <h3>{t('labourStats.timeTitle')}</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('labourStats.timeTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('labourStats.to')}</th>
                  <th scope="col">{t('labourStats.persons')}</th>
                  <th scope="col">{t('labourStats.median')}</th>
                  <th scope="col">{t('labourStats.quartiles')}</th>
                </tr>
              </thead>
              <tbody>
                {l.timeFromIntake.map((q) => (
                  <tr key={q.to}>
                    <th scope="row">{t(`labourStats.timeTo.${q.to}`)}</th>
                    <td>{show(q.persons)}</td>
                    <td>
                      {'suppressed' in q.quartiles ? t('labourStats.suppressed') : fmt.format(q.quartiles.median)}
                    </td>
                    <td>
                      {'suppressed' in q.quartiles
                        ? t('labourStats.suppressed')
                        : `${fmt.format(q.quartiles.q1)}–${fmt.format(q.quartiles.q3)}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('labourStats.employersTitle')}</h3>
          {l.employersByTerritory.length === 0 ? (
            <p className="muted">{t('labourStats.noEmployers')}</p>
          ) : (
            <ul>
              {l.employersByTerritory.map((e) => (
                <li key={e.territory}>
                  {e.territory === 'unknown' ? t('labourStats.unknownTerritory') : e.territory}: {show(e.employers)}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('labourStats.costTitle')}</h3>
          <p data-testid="labour-cost">
            {l.internshipCost.total === null
              ? t('labourStats.costHidden')
              : t('labourStats.cost', {
                  total: money.format(l.internshipCost.total),
                  perInternship: money.format(l.internshipCost.perInternship ?? 0),
                  internships: l.internshipCost.internships ?? 0,
                })}
          </p>
          <details>
            <summary>{t('labourStats.provenance')}</summary>
            <p>
              {l.provenance.personsCounted === undefined
                ? t('labourStats.personsCountedWithheld')
                : t('labourStats.personsCounted', { count: l.provenance.personsCounted })}
            </p>
            <ul>
              <li>{t('labourStats.disclosureSmall', { below: l.threshold - 1 })}</li>
              <li>{t('labourStats.disclosureWith')}</li>
              <li>{t('labourStats.retentionNote')}</li>
              {l.personsWithoutConsent && <li>{t('labourStats.withoutConsent')}</li>}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}

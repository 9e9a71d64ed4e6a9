/** Outcomes of the cohort for coordinators: aggregates only, small cells hidden, never an overall success rate. */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import type { z } from 'zod';
import type { CohortViewSchema } from '../../server/presenters/cohort';
import type { OutcomeModelView } from '../../server/api-types';
import type { DisclosureFloors } from './DisclosureFloorCard';
import { EChart } from './EChart';
import { LabourStatsSection } from './LabourStatsSection';

/** Inferred from the server's presenter schemas. */
type Cohort = z.infer<typeof CohortViewSchema>;
type Cell = Cohort['groups']['withProgress'];
type ModelLabels = OutcomeModelView;

const valueOf = (c: Cell) => ('value' in c ? c.value : null);

export function CohortPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const [scope, setScope] = useState('organisation');
  const floors = useQuery({
    queryKey: ['disclosure-floors'],
    queryFn: () => api<DisclosureFloors>('/api/statistics/disclosure-floors'),
  });
  const floor = floors.data ? (scope === 'network' ? floors.data.network : floors.data.organisation) : undefined;
  // Nothing chosen (or a choice below the scope's floor) asks the server for the floor itself.
  const [chosen, setChosen] = useState('');
  const threshold = chosen && floor !== undefined && Number(chosen) >= floor ? chosen : '';
  const choices =
    floor === undefined ? [] : [...new Set([floor, 5, 10, 20])].filter((n) => n >= floor).sort((a, b) => a - b);
  const params = new URLSearchParams({ scope, ...(threshold ? { threshold } : {}) }).toString();
  const cohort = useQuery({
    queryKey: ['cohort', params],
    queryFn: () => api<Cohort>(`/api/statistics/cohort?${params}`),
  });
  const labels = useQuery({
    queryKey: ['outcome-labels'],
    queryFn: () => api<ModelLabels>('/api/outcomes/model'),
    staleTime: Infinity,
  });
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const show = (c: Cell, suffix = '') => ('value' in c ? `${fmt.format(c.value)}${suffix}` : t('stats.suppressedMark'));
  const dimLabel = (code: string) => labels.data?.model.dimensions.find((d) => d.code === code)?.label[lang] ?? code;
  const factorLabel = (code: string) => labels.data?.factorCatalogue.find((f) => f.code === code)?.label[lang] ?? code;
  const c = cohort.data;

  const shareOption = useMemo(() => {
    if (!c) return null;
    const dims = c.progressByHorizon[0]?.dimensions.map((d) => d.dimension) ?? [];
    return {
      tooltip: {},
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: c.progressByHorizon.map((h) => t(`outcomesUi.horizons.${h.horizon}`)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: dims.map((d) => ({
        type: 'bar',
        name: dimLabel(d),
        data: c.progressByHorizon.map((h) => valueOf(h.dimensions.find((x) => x.dimension === d)!.share)),
      })),
    };
  }, [c, lang, labels.data]);
  const shareSummary =
    c?.progressByHorizon
      .map(
        (h) =>
          `${t(`outcomesUi.horizons.${h.horizon}`)}: ${h.dimensions.map((d) => `${dimLabel(d.dimension)} ${show(d.share, '%')}`).join(', ')}`,
      )
      .join('; ') ?? '';

  const milestoneOption = useMemo(() => {
    if (!c) return null;
    const shown = c.timeToMilestone.filter((m) => !('suppressed' in m.quartiles));
    return {
      tooltip: {},
      grid: { left: 150, right: 20, top: 10, bottom: 30 },
      yAxis: { type: 'category', data: shown.map((m) => t(`outcomesUi.eventKinds.${m.kind}`)) },
      xAxis: { type: 'value', name: t('outcomesUi.median') },
      series: [
        {
          type: 'boxplot',
          data: shown.map((m) => {
            const q = m.quartiles as { q1: number; median: number; q3: number };
            return [q.q1, q.q1, q.median, q.q3, q.q3];
          }),
        },
      ],
    };
  }, [c, lang]);
  const milestoneSummary =
    c?.timeToMilestone
      .map(
        (m) =>
          `${t(`outcomesUi.eventKinds.${m.kind}`)}: ${'suppressed' in m.quartiles ? t('stats.suppressedMark') : `${m.quartiles.median} (${m.quartiles.q1}–${m.quartiles.q3})`}`,
      )
      .join('; ') ?? '';

  return (
    <section>
      <h1>{t('outcomesUi.cohortTitle')}</h1>
      <p className="alert alert-info">
        {t('outcomesUi.cohortIntro', { threshold: c?.threshold ?? (threshold || floor) })}
      </p>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('outcomesUi.scope')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="organisation">{t('outcomesUi.scopeOrganisation')}</option>
            <option value="network">{t('outcomesUi.scopeNetwork')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('outcomesUi.threshold')}</span>
          <select value={threshold || String(floor ?? '')} onChange={(e) => setChosen(e.target.value)}>
            {choices.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <a className="button secondary" href={`/api/statistics/cohort?${params}&format=csv`} download>
            {t('outcomesUi.download', { format: 'CSV' })}
          </a>
          <a className="button secondary" href={`/api/statistics/cohort?${params}&format=xlsx`} download>
            {t('outcomesUi.download', { format: 'XLSX' })}
          </a>
        </div>
      </form>
      <ErrorMessage error={cohort.error} />
      {cohort.isPending && <p role="status">{t('common.loading')}</p>}
      {c && (
        <>
          {c.personsWithoutConsent && <p className="muted">{t('outcomesUi.withoutConsentNote')}</p>}
          <section className="card" aria-labelledby="horizon-title">
            <h2 id="horizon-title">{t('outcomesUi.progressByHorizon')}</h2>
            {shareOption && (
              <EChart option={shareOption} label={t('outcomesUi.shareChartLabel', { summary: shareSummary })} />
            )}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('outcomesUi.progressByHorizon')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('outcomesUi.dimension')}</th>
                    {c.progressByHorizon.map((h) => (
                      <th key={h.horizon} scope="col">
                        {t(`outcomesUi.horizons.${h.horizon}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('outcomesUi.personsAssessed')}</th>
                    {c.progressByHorizon.map((h) => (
                      <td key={h.horizon} data-testid={`persons-${h.horizon}`}>
                        {show(h.persons)}
                      </td>
                    ))}
                  </tr>
                  {(c.progressByHorizon[0]?.dimensions ?? []).map((d) => (
                    <tr key={d.dimension}>
                      <th scope="row">{dimLabel(d.dimension)}</th>
                      {c.progressByHorizon.map((h) => {
                        const x = h.dimensions.find((y) => y.dimension === d.dimension)!;
                        return (
                          <td key={h.horizon} data-testid={`share-${h.horizon}-${d.dimension}`}>
                            {show(x.withProgress)} · {show(x.share, '%')}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="milestone-title">
            <h2 id="milestone-title">{t('outcomesUi.timeToMilestone')}</h2>
            {milestoneOption && (
              <EChart
                option={milestoneOption}
                label={t('outcomesUi.milestoneChartLabel', { summary: milestoneSummary })}
                height={240}
              />
            )}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('outcomesUi.timeToMilestone')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('outcomesUi.milestone')}</th>
                    <th scope="col">{t('outcomesUi.persons')}</th>
                    <th scope="col">{t('outcomesUi.median')}</th>
                    <th scope="col">{t('outcomesUi.quartiles')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.timeToMilestone.map((m) => (
                    <tr key={m.kind}>
                      <th scope="row">{t(`outcomesUi.eventKinds.${m.kind}`)}</th>
                      <td>{show(m.persons)}</td>
                      <td>
                        {'suppressed' in m.quartiles ? t('stats.suppressedMark') : fmt.format(m.quartiles.median)}
                      </td>
                      <td>
                        {'suppressed' in m.quartiles
                          ? t('stats.suppressedMark')
                          : `${fmt.format(m.quartiles.q1)}–${fmt.format(m.quartiles.q3)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <LabourStatsSection scope={scope} threshold={threshold} />
          <section className="card" aria-labelledby="factor-title">
            <h2 id="factor-title">{t('outcomesUi.factorPrevalence')}</h2>
            <p>
              {t('outcomesUi.withProgress')}: {show(c.groups.withProgress)} · {t('outcomesUi.withoutProgress')}:{' '}
              {show(c.groups.withoutProgress)}
            </p>
            {c.factorPrevalence.length === 0 ? (
              <p className="muted">{t('caseUi.nothingYet')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('outcomesUi.factorPrevalence')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('outcomesUi.factor')}</th>
                      <th scope="col">{t('outcomesUi.valence')}</th>
                      <th scope="col">{t('outcomesUi.withProgress')}</th>
                      <th scope="col">{t('outcomesUi.withoutProgress')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.factorPrevalence.map((f) => (
                      <tr key={`${f.code}${f.valence}`}>
                        <th scope="row">{factorLabel(f.code)}</th>
                        <td>{t(`outcomesUi.${f.valence}`)}</td>
                        <td>
                          {show(f.withProgress.count)} · {show(f.withProgress.share, '%')}
                        </td>
                        <td>
                          {show(f.withoutProgress.count)} · {show(f.withoutProgress.share, '%')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}

/** The registry of estimates: every figure with its unit, scope, method and citation chain; recast figures flagged. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { Check } from '../cases/fields';
import type { Estimate, EstimateList } from '../../server/api-types';

export function EstimatesPage() {
  const { t, i18n } = useTranslation();
  const [onlyRecast, setOnlyRecast] = useState(false);
  const estimates = useQuery({
    queryKey: ['estimates'],
    queryFn: () => api<EstimateList>('/api/estimates'),
  });
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const whole = (x: number | null | undefined) =>
    x === null || x === undefined ? t('stats.mse.unbounded') : fmt.format(Math.round(x));
  const figure = (e: Estimate) =>
    e.value !== undefined
      ? fmt.format(e.value)
      : `${e.low !== undefined ? fmt.format(e.low) : '?'}–${e.high !== undefined ? fmt.format(e.high) : '?'}`;
  const shown = (estimates.data?.estimates ?? []).filter((e) => !onlyRecast || e.chain.recast);
  return (
    <section>
      <h1>{t('stats.estimatesTitle')}</h1>
      <p className="muted">{t('stats.estimatesIntro')}</p>
      <Check label={t('stats.onlyRecast')} checked={onlyRecast} onChange={setOnlyRecast} />
      <ErrorMessage error={estimates.error} />
      {estimates.isPending && <p role="status">{t('common.loading')}</p>}
      <ul className="estimates">
        {shown.map((e) => (
          <li key={e.id} className="card">
            <p>
              <strong className="figure">{figure(e)}</strong> {e.unitNote ?? e.unit} · {e.scope.geography},{' '}
              {e.scope.period} · {t('stats.method')}: {t(`stats.methods.${e.method}`)}
            </p>
            {e.mse && (
              <p data-testid="estimate-interval">
                {t('stats.mse.savedInterval', {
                  level: Math.round((e.mse.level ?? 0.95) * 100),
                  low: e.mse.interval[0] === null ? '—' : fmt.format(Math.round(e.mse.interval[0])),
                  high:
                    e.mse.interval[1] === null ? t('stats.mse.unbounded') : fmt.format(Math.round(e.mse.interval[1])),
                  method: t(`stats.mse.intervalMethods.${e.mse.intervalMethod}`),
                })}
              </p>
            )}
            {e.mse?.bootstrap && (
              <p data-testid="estimate-bootstrap">
                {t('mseJobs.registry.bootstrap', {
                  replicates: fmt.format(e.mse.bootstrap.replicates),
                  failed: fmt.format(e.mse.bootstrap.failed),
                  generator:
                    e.mse.bootstrap.generator === 'given'
                      ? t('mseJobs.registry.given')
                      : e.mse.bootstrap.generator === 'not_recorded'
                        ? t('mseJobs.registry.notRecorded')
                        : e.mse.bootstrap.generator,
                  seed: e.mse.bootstrap.seed,
                })}
              </p>
            )}
            {e.mse?.sensitivity && (
              <p data-testid="estimate-sensitivity">
                {t('mseJobs.registry.sensitivity', {
                  low: whole(e.mse.sensitivity.range[0]),
                  high: whole(e.mse.sensitivity.range[1]),
                  averaged: whole(e.mse.sensitivity.averaged.estimate),
                })}
              </p>
            )}
            {(e.flags ?? []).length > 0 && (
              <p>
                {e.flags!.map((f) => (
                  <span key={f} className="tag">
                    {t(`stats.flags.${f}`)}
                  </span>
                ))}
              </p>
            )}
            {e.chain.recast && <p className="alert alert-error">⚠ {t('stats.recastWarning')}</p>}
            <details>
              <summary>{t('stats.citationChain')}</summary>
              <ol>
                {e.chain.links.map((l, i) => (
                  <li key={i}>
                    {l.role === 'original' ? t('stats.original') : t('stats.citing')}: {l.citation.source}
                    {l.citation.year ? ` (${l.citation.year})` : ''}
                    {l.citation.page ? `, p. ${l.citation.page}` : ''} [{l.citation.locator}]
                    {l.recast && <strong> — ⚠ {t('stats.recastLink', { credited: l.creditedTo })}</strong>}
                  </li>
                ))}
              </ol>
              {e.caveat && <p className="muted">{e.caveat}</p>}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

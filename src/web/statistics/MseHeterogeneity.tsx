/**
 * Heterogeneity beside an MSE estimate (issue #21): Chao's lower bound as a sanity floor under every
 * estimate, and, when the latent-class estimator (LCMCR) ran, its posterior median, credible interval,
 * convergence diagnostics, posterior histogram and trace of the chains.
 */
import { useTranslation } from 'react-i18next';
import type { MseResult } from '../../server/api-types';
import { EChart } from './EChart';

export function MseHeterogeneity({ result: r }: { result: MseResult }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const dec = (digits: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : fmt.format(x));
  const range = (xs: (number | null)[]) => `${n(xs[0])} – ${xs[1] === null ? '∞' : n(xs[1])}`;
  const percent = Math.round((r.lcmcr?.level ?? r.chao?.level ?? 0.95) * 100);
  const chao = r.chao;
  const l = r.lcmcr;
  const belowFloor = chao && r.estimate !== null && r.estimate < chao.estimate;
  return (
    <>
      {chao && (
        <section aria-labelledby="mse-chao" data-testid="mse-chao">
          <h3 id="mse-chao">{t('mseLcmcr.chaoTitle')}</h3>
          <p>
            {t('mseLcmcr.chao', {
              estimate: n(chao.estimate),
              percent,
              interval: range(chao.interval),
              f1: n(chao.f1),
              f2: n(chao.f2),
            })}
          </p>
          <p>{t(chao.form === 'classic' ? 'mseLcmcr.chaoClassic' : 'mseLcmcr.chaoBiasCorrected')}</p>
          {belowFloor && (
            <p className="alert alert-error" data-testid="mse-below-chao">
              {t('mseLcmcr.belowFloor', { estimate: n(r.estimate), floor: n(chao.estimate) })}
            </p>
          )}
        </section>
      )}
      {l && (
        <section aria-labelledby="mse-lcmcr" data-testid="mse-lcmcr">
          <h3 id="mse-lcmcr">{t('mseLcmcr.title')}</h3>
          <p>{t('mseLcmcr.explain')}</p>
          <p data-testid="mse-lcmcr-estimate">
            {t('mseLcmcr.estimate', { estimate: n(l.estimate), percent, interval: range(l.interval) })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('mseLcmcr.diagnosticsTitle')}>
            <table>
              <caption>{t('mseLcmcr.diagnosticsTitle')}</caption>
              <tbody>
                <tr>
                  <th scope="row">{t('mseLcmcr.rHat')}</th>
                  <td>{l.diagnostics.rHat === null ? '—' : dec(3).format(l.diagnostics.rHat)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('mseLcmcr.ess')}</th>
                  <td>{n(l.diagnostics.ess)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('mseLcmcr.geweke')}</th>
                  <td>{l.diagnostics.geweke.map((z) => (z === null ? '—' : dec(2).format(z))).join(', ')}</td>
                </tr>
                <tr>
                  <th scope="row">{t('mseLcmcr.classes')}</th>
                  <td>{dec(1).format(l.diagnostics.occupiedClasses)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('mseLcmcr.settings')}</th>
                  <td>
                    {t('mseLcmcr.settingsValue', {
                      chains: l.settings.chains,
                      samples: n(l.settings.samples),
                      burnIn: n(l.settings.burnIn),
                      thin: l.settings.thin,
                      classes: l.settings.maxClasses,
                      seed: l.settings.seed,
                    })}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          {l.warnings.map((w) => (
            <p key={w.code} className="alert alert-error">
              {t(`mseLcmcr.warnings.${w.code}`, {
                rHat: l.diagnostics.rHat === null ? '—' : dec(3).format(l.diagnostics.rHat),
                ess: n(l.diagnostics.ess),
              })}
            </p>
          ))}
          <EChart
            height={240}
            label={t('mseLcmcr.histogramLabel', {
              estimate: n(l.estimate),
              percent,
              interval: range(l.interval),
            })}
            option={{
              grid: { left: 50, right: 16, top: 16, bottom: 45 },
              tooltip: { trigger: 'axis' },
              xAxis: {
                type: 'category',
                name: t('mseLcmcr.total'),
                nameLocation: 'middle',
                nameGap: 28,
                data: l.histogram.counts.map((_, i) => fmt.format(l.histogram.from + i * l.histogram.width)),
              },
              yAxis: { type: 'value', name: t('mseLcmcr.draws') },
              series: [{ name: t('mseLcmcr.draws'), type: 'bar', barCategoryGap: '5%', data: l.histogram.counts }],
            }}
          />
          <EChart
            height={220}
            label={t('mseLcmcr.traceLabel', { chains: l.trace.length })}
            option={{
              grid: { left: 60, right: 16, top: 16, bottom: 30 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: (l.trace[0] ?? []).map((_, i) => i + 1) },
              yAxis: { type: 'value', scale: true },
              series: l.trace.map((chain, c) => ({
                name: t('mseLcmcr.chain', { chain: c + 1 }),
                type: 'line',
                symbol: 'none',
                lineStyle: { width: 1 },
                data: chain,
              })),
            }}
          />
        </section>
      )}
    </>
  );
}

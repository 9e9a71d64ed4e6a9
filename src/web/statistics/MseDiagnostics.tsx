/**
 * Diagnostics of an MSE fit (issue #21): observed against fitted cells with their residuals, the influence of
 * single cells (leverage, Cook's distance, the estimate without the cell) and of single lists, the pairs of
 * lists with small overlaps, the histogram of the bootstrap estimates and how often each model was selected
 * across the replicates. Every chart has a data table with the same numbers.
 */
import { useTranslation } from 'react-i18next';
import type { MseResult } from '../../server/api-types';
import { EChart } from './EChart';

/** Rows shown in the cell table (the largest residuals first); the charts draw every cell. */
const TABLE_CELLS = 30;

export function MseDiagnostics({ result: r }: { result: MseResult }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : fmt.format(x));
  const d2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : dec.format(x));
  const d = r.diagnostics;
  const b = r.bootstrap;
  if (!d && !b) return null;
  const cellName = (lists: readonly string[]) => lists.join(' + ');
  const terms = (xs: readonly string[]) => xs.join(', ') || t('mseDiagnostics.mainEffects');
  const byResidual = d ? [...d.cells].sort((x, y) => Math.abs(y.pearson ?? 0) - Math.abs(x.pearson ?? 0)) : [];
  const largest = byResidual[0];
  const mostInfluential = d
    ? [...d.cells].sort((x, y) => (y.cooksDistance ?? Infinity) - (x.cooksDistance ?? Infinity))[0]
    : undefined;
  const smallPairs = d ? d.pairs.filter((p) => p.small) : [];
  return (
    <section aria-labelledby="mse-diagnostics" data-testid="mse-diagnostics">
      <h3 id="mse-diagnostics">{t('mseDiagnostics.title')}</h3>
      {d && largest && (
        <>
          <h4>{t('mseDiagnostics.fittedTitle')}</h4>
          <EChart
            height={280}
            label={t('mseDiagnostics.fittedChart', {
              cells: d.cells.length,
              largest: d2(largest.pearson),
              cell: cellName(largest.lists),
            })}
            option={{
              grid: { left: 60, right: 20, top: 20, bottom: 45 },
              tooltip: { trigger: 'item' },
              xAxis: {
                type: 'value',
                name: t('mseDiagnostics.fitted'),
                nameLocation: 'middle',
                nameGap: 28,
              },
              yAxis: { type: 'value', name: t('mseDiagnostics.observed') },
              series: [
                {
                  type: 'scatter',
                  name: t('mseDiagnostics.observed'),
                  data: d.cells.map((c) => ({ value: [c.fitted, c.observed], name: cellName(c.lists) })),
                },
                {
                  type: 'line',
                  name: t('mseDiagnostics.equality'),
                  showSymbol: false,
                  data: [
                    [0, 0],
                    [
                      Math.max(...d.cells.map((c) => Math.max(c.fitted, c.observed))),
                      Math.max(...d.cells.map((c) => Math.max(c.fitted, c.observed))),
                    ],
                  ],
                },
              ],
            }}
          />
          <EChart
            height={240}
            label={t('mseDiagnostics.residualsChart', { largest: d2(largest.pearson), cell: cellName(largest.lists) })}
            option={{
              grid: { left: 50, right: 20, top: 20, bottom: 70 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: d.cells.map((c) => cellName(c.lists)), axisLabel: { rotate: 60 } },
              yAxis: { type: 'value' },
              series: [
                { type: 'bar', name: t('mseDiagnostics.pearson'), data: d.cells.map((c) => c.pearson) },
                { type: 'bar', name: t('mseDiagnostics.deviance'), data: d.cells.map((c) => c.deviance) },
              ],
            }}
          />
          {mostInfluential && (
            <EChart
              height={240}
              label={t('mseDiagnostics.cooksChart', {
                largest: mostInfluential.cooksDistance === null ? '∞' : d2(mostInfluential.cooksDistance),
                cell: cellName(mostInfluential.lists),
              })}
              option={{
                grid: { left: 50, right: 20, top: 20, bottom: 70 },
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'category', data: d.cells.map((c) => cellName(c.lists)), axisLabel: { rotate: 60 } },
                yAxis: { type: 'value' },
                series: [{ type: 'bar', name: t('mseDiagnostics.cooks'), data: d.cells.map((c) => c.cooksDistance) }],
              }}
            />
          )}
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mse-cells-caption">
            <table data-testid="mse-diagnostics-cells">
              <caption id="mse-cells-caption">
                {t('mseDiagnostics.cellsCaption', {
                  shown: Math.min(TABLE_CELLS, d.cells.length),
                  cells: d.cells.length,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('mseDiagnostics.cell')}</th>
                  <th scope="col">{t('mseDiagnostics.observed')}</th>
                  <th scope="col">{t('mseDiagnostics.fitted')}</th>
                  <th scope="col">{t('mseDiagnostics.pearson')}</th>
                  <th scope="col">{t('mseDiagnostics.deviance')}</th>
                  <th scope="col">{t('mseDiagnostics.leverage')}</th>
                  <th scope="col">{t('mseDiagnostics.cooks')}</th>
                  <th scope="col">{t('mseDiagnostics.without')}</th>
                </tr>
              </thead>
              <tbody>
                {byResidual.slice(0, TABLE_CELLS).map((c) => (
                  <tr key={cellName(c.lists)}>
                    <th scope="row">{cellName(c.lists)}</th>
                    <td>{n(c.observed)}</td>
                    <td>{d2(c.fitted)}</td>
                    <td>{d2(c.pearson)}</td>
                    <td>{d2(c.deviance)}</td>
                    <td>{d2(c.leverage)}</td>
                    <td>{c.cooksDistance === null ? '∞' : d2(c.cooksDistance)}</td>
                    <td>{n(c.estimateWithout)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!d.cellsRefitted && <p>{t('mseDiagnostics.notRefitted')}</p>}
          {d.lists && (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mse-lists-caption">
              <table data-testid="mse-diagnostics-lists">
                <caption id="mse-lists-caption">{t('mseDiagnostics.listsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mseDiagnostics.list')}</th>
                    <th scope="col">{t('mseDiagnostics.estimateWithout')}</th>
                    <th scope="col">{t('mseDiagnostics.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.lists.map((l) => (
                    <tr key={l.list}>
                      <th scope="row">{l.list}</th>
                      <td>{l.estimate === null ? t('mseDiagnostics.noEstimate') : n(l.estimate)}</td>
                      <td>{l.change === null ? '—' : pct.format(l.change)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{t('mseDiagnostics.pairsTitle')}</h4>
          <p data-testid="mse-small-pairs">
            {smallPairs.length
              ? t('mseDiagnostics.smallPairs', {
                  threshold: d.smallOverlapThreshold,
                  pairs: smallPairs.map((p) => `${p.lists.join(':')} (${n(p.overlap)})`).join(', '),
                })
              : t('mseDiagnostics.noSmallPairs', { threshold: d.smallOverlapThreshold })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mse-pairs-caption">
            <table data-testid="mse-diagnostics-pairs">
              <caption id="mse-pairs-caption">{t('mseDiagnostics.pairsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mseDiagnostics.pair')}</th>
                  <th scope="col">{t('mseDiagnostics.overlap')}</th>
                  <th scope="col">{t('mseDiagnostics.fittedOverlap')}</th>
                  <th scope="col">{t('mseDiagnostics.small')}</th>
                </tr>
              </thead>
              <tbody>
                {d.pairs.map((p) => (
                  <tr key={p.lists.join(':')}>
                    <th scope="row">{p.lists.join(':')}</th>
                    <td>{n(p.overlap)}</td>
                    <td>{d2(p.fitted)}</td>
                    <td>{p.small ? t('mseDiagnostics.yes') : t('mseDiagnostics.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {b && (
        <>
          <h4>{t('mseDiagnostics.histogramTitle')}</h4>
          <p data-testid="mse-generator">
            {b.generator === 'given'
              ? t('mseDiagnostics.given', { replicates: b.replicates })
              : t('mseDiagnostics.generator', { generator: b.generator, seed: b.seed })}
          </p>
          <EChart
            height={240}
            label={t('mseDiagnostics.histogramChart', {
              finite: b.histogram.finite,
              unbounded: b.histogram.unbounded,
            })}
            option={{
              grid: { left: 50, right: 20, top: 20, bottom: 50 },
              tooltip: { trigger: 'axis' },
              xAxis: {
                type: 'category',
                data: b.histogram.bins.map((bin) => `${n(bin.from)}–${n(bin.to)}`),
                axisLabel: { rotate: 45 },
              },
              yAxis: { type: 'value', name: t('mseDiagnostics.count') },
              series: [
                {
                  type: 'bar',
                  name: t('mseDiagnostics.count'),
                  barCategoryGap: 0,
                  data: b.histogram.bins.map((bin) => bin.count),
                },
              ],
            }}
          />
          <details>
            <summary>{t('mseDiagnostics.histogramTable')}</summary>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mse-histogram-caption">
              <table data-testid="mse-histogram">
                <caption id="mse-histogram-caption">
                  {t('mseDiagnostics.histogramCaption', { unbounded: b.histogram.unbounded })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mseDiagnostics.from')}</th>
                    <th scope="col">{t('mseDiagnostics.to')}</th>
                    <th scope="col">{t('mseDiagnostics.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.histogram.bins.map((bin) => (
                    <tr key={bin.from}>
                      <td>{n(bin.from)}</td>
                      <td>{n(bin.to)}</td>
                      <td>{n(bin.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mse-selections-caption">
            <table data-testid="mse-selections">
              <caption id="mse-selections-caption">
                {t('mseDiagnostics.selectionsCaption', { replicates: b.replicates, failed: b.failed })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('mseDiagnostics.model')}</th>
                  <th scope="col">{t('mseDiagnostics.times')}</th>
                  <th scope="col">{t('mseDiagnostics.share')}</th>
                </tr>
              </thead>
              <tbody>
                {b.selections.map((m) => (
                  <tr key={m.terms.join(' ')}>
                    <th scope="row">{terms(m.terms)}</th>
                    <td>{n(m.count)}</td>
                    <td>{pct.format(m.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

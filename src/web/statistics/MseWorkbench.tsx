/**
 * The MSE workbench below an estimate (issue #21): its untestable assumptions, the lists left out, the
 * sensitivity curve over the stepwise threshold, the estimates with a list left out or two lists merged,
 * the competing models with AIC, AICc and BIC and their model average, and an UpSet chart of the overlaps.
 */
import { useTranslation } from 'react-i18next';
import type { MseResult } from '../../server/api-types';
import { EChart } from './EChart';

type Interval = (number | null)[] | null | undefined;

export function MseWorkbench({ result: r }: { result: MseResult }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : fmt.format(x));
  const range = (xs: Interval) => (xs ? `${n(xs[0])} – ${xs[1] === null ? '∞' : n(xs[1])}` : '—');
  const terms = (xs: readonly string[]) => xs.join(', ') || t('mseUi.mainEffectsOnly');
  const s = r.sensitivity;
  return (
    <>
      {r.caveats.length > 0 && (
        <section aria-labelledby="mse-caveats" data-testid="mse-caveats">
          <h3 id="mse-caveats">{t('mseUi.caveatsTitle')}</h3>
          <ul>
            {r.caveats.map((c) => (
              <li key={c.code}>{t(`mseUi.caveats.${c.code}`)}</li>
            ))}
          </ul>
        </section>
      )}
      {r.linkageError && (
        <p data-testid="mse-linkage-error">
          {t('mseLinkage.included', {
            run: r.linkageError.run,
            pairs: n(r.linkageError.uncertainPairs),
            replicates: n(r.linkageError.replicates),
            interval: range(r.linkageError.interval),
          })}
        </p>
      )}
      {r.twoList && (
        <p data-testid="mse-two-lists">
          {t('mseUi.twoLists', {
            first: n(r.twoList.onFirst),
            second: n(r.twoList.onSecond),
            both: n(r.twoList.onBoth),
            lincolnPetersen: r.twoList.lincolnPetersen === null ? '∞' : n(r.twoList.lincolnPetersen),
            chapman: n(r.twoList.chapman),
          })}
        </p>
      )}
      {r.removedLists && r.removedLists.length > 0 && (
        <section aria-labelledby="mse-removed">
          <h3 id="mse-removed">{t('mseUi.removedTitle')}</h3>
          <ul>
            {r.removedLists.map((l) => (
              <li key={l.list}>{t(`mseUi.removed.${l.reason}`, { list: l.list, other: l.duplicateOf ?? '' })}</li>
            ))}
          </ul>
          {(r.personsOnRemovedListsOnly ?? 0) > 0 && (
            <p>{t('mseUi.personsDropped', { persons: r.personsOnRemovedListsOnly })}</p>
          )}
        </section>
      )}
      {s && (
        <section aria-labelledby="mse-sensitivity" data-testid="mse-sensitivity">
          <h3 id="mse-sensitivity">{t('mseUi.sensitivityTitle')}</h3>
          <p>{t('mseUi.range', { low: n(s.range[0]), high: n(s.range[1]) })}</p>
          <EChart
            height={260}
            label={t('mseUi.curveLabel', {
              points: s.thresholds.map((p) => `${p.threshold}: ${n(p.estimate)}`).join('; '),
            })}
            option={{
              grid: { left: 70, right: 20, top: 20, bottom: 45 },
              tooltip: { trigger: 'axis' },
              xAxis: {
                type: 'category',
                name: t('mseUi.threshold'),
                nameLocation: 'middle',
                nameGap: 28,
                data: s.thresholds.map((p) => String(p.threshold)),
              },
              yAxis: { type: 'value', scale: true },
              series: [
                {
                  name: t('mseUi.lower'),
                  type: 'line',
                  stack: 'band',
                  symbol: 'none',
                  lineStyle: { opacity: 0 },
                  data: s.thresholds.map((p) => p.interval[0]),
                },
                {
                  name: t('mseUi.upper'),
                  type: 'line',
                  stack: 'band',
                  symbol: 'none',
                  lineStyle: { opacity: 0 },
                  areaStyle: { color: '#1d4f91', opacity: 0.15 },
                  data: s.thresholds.map((p) =>
                    p.interval[1] === null || p.interval[0] === null ? null : p.interval[1] - p.interval[0],
                  ),
                },
                {
                  name: t('mseUi.estimate'),
                  type: 'line',
                  itemStyle: { color: '#1d4f91' },
                  data: s.thresholds.map((p) => p.estimate),
                  markLine: {
                    symbol: 'none',
                    data: [{ xAxis: String(s.threshold) }],
                    lineStyle: { type: 'dashed', color: '#555' },
                  },
                },
              ],
            }}
          />
          <table className="table" data-testid="mse-alternatives">
            <caption>{t('mseUi.alternativesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mseUi.change')}</th>
                <th scope="col">{t('mseUi.estimate')}</th>
                <th scope="col">{t('mseUi.interval')}</th>
                <th scope="col">{t('mseUi.terms')}</th>
              </tr>
            </thead>
            <tbody>
              {s.leaveOneOut.map((a) => (
                <tr key={`out-${a.left}`}>
                  <th scope="row">{t('mseUi.leftOut', { list: a.left })}</th>
                  <td>{a.estimate === null ? t(`mseUi.noEstimate`) : n(a.estimate)}</td>
                  <td>{range(a.interval)}</td>
                  <td>{a.model === 'two_list' ? t('mseUi.chapman') : terms(a.terms)}</td>
                </tr>
              ))}
              {s.merged.map((a) => (
                <tr key={`merged-${a.pair.join('+')}`}>
                  <th scope="row">{t('mseUi.merged', { first: a.pair[0], second: a.pair[1] })}</th>
                  <td>{a.estimate === null ? t(`mseUi.noEstimate`) : n(a.estimate)}</td>
                  <td>{range(a.interval)}</td>
                  <td>{a.model === 'two_list' ? t('mseUi.chapman') : terms(a.terms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id="mse-models">{t('mseUi.modelsTitle')}</h3>
          <p data-testid="mse-averaged">
            {t('mseUi.averaged', {
              estimate: n(s.averaged.estimate),
              interval: range(s.averaged.interval),
              models: s.averaged.models,
            })}
          </p>
          <p className="muted">{t('mseUi.averagedMethod')}</p>
          <ul>
            {(['stepwise', 'aic', 'aicc', 'bic'] as const).map((c) => (
              <li key={c}>
                {t('mseUi.selectedBy', {
                  criterion: t(`mseUi.criteria.${c}`),
                  estimate: n(s.selections[c].estimate),
                  terms: terms(s.selections[c].terms),
                })}
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="table" aria-labelledby="mse-models" data-testid="mse-models">
              <thead>
                <tr>
                  <th scope="col">{t('mseUi.terms')}</th>
                  <th scope="col">{t('mseUi.criteria.aic')}</th>
                  <th scope="col">{t('mseUi.criteria.aicc')}</th>
                  <th scope="col">{t('mseUi.criteria.bic')}</th>
                  <th scope="col">{t('mseUi.weight')}</th>
                  <th scope="col">{t('mseUi.estimate')}</th>
                  <th scope="col">{t('mseUi.interval')}</th>
                  <th scope="col">{t('mseUi.selected')}</th>
                </tr>
              </thead>
              <tbody>
                {s.models.map((m) => (
                  <tr key={[...m.terms, '|', ...m.infiniteTerms].join(',')}>
                    <td>
                      {terms(m.terms)}
                      {m.infiniteTerms.length > 0 && ` · ${t('mseUi.infinite', { terms: m.infiniteTerms.join(', ') })}`}
                    </td>
                    <td>{m.aic === null ? '—' : dec.format(m.aic)}</td>
                    <td>{m.aicc === null ? '—' : dec.format(m.aicc)}</td>
                    <td>{m.bic === null ? '—' : dec.format(m.bic)}</td>
                    <td>{pct.format(m.aicWeight)}</td>
                    <td>{n(m.estimate)}</td>
                    <td>{range(m.interval)}</td>
                    <td>{m.selectedBy.map((c) => t(`mseUi.criteria.${c}`)).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">
            {t(s.candidates.set === 'all' ? 'mseUi.candidatesAll' : 'mseUi.candidatesSearched', {
              models: s.candidates.considered,
            })}
          </p>
        </section>
      )}
      <UpSet result={r} />
    </>
  );
}

/** Persons per combination of lists (the 20 largest), with the lists of each combination as joined dots below. */
function UpSet({ result: r }: { result: MseResult }) {
  const { t } = useTranslation();
  const combos = [...r.overlaps].sort((a, b) => b.count - a.count).slice(0, 20);
  if (!combos.length) return null;
  const lists = [...new Set(combos.flatMap((c) => c.lists))];
  const allLists = [...r.lists, ...lists.filter((l) => !r.lists.includes(l))].filter((l) => lists.includes(l));
  const names = combos.map((c) => c.lists.join(' ∩ '));
  const dots = combos.flatMap((c, x) =>
    allLists.map((list, y) => ({
      value: [x, y],
      itemStyle: { color: c.lists.includes(list) ? '#1d4f91' : '#d8dde6' },
    })),
  );
  return (
    <section aria-labelledby="mse-upset" data-testid="mse-upset">
      <h3 id="mse-upset">{t('mseUi.upsetTitle')}</h3>
      <EChart
        height={220 + allLists.length * 22}
        label={t('mseUi.upsetLabel', { combos: combos.map((c, i) => `${names[i]}: ${c.count}`).join('; ') })}
        option={{
          tooltip: {},
          grid: [
            { left: 90, right: 20, top: 15, height: 150 },
            { left: 90, right: 20, top: 185, height: allLists.length * 22 },
          ],
          xAxis: [
            { type: 'category', gridIndex: 0, data: names, axisLabel: { show: false }, axisTick: { show: false } },
            { type: 'category', gridIndex: 1, data: names, axisLabel: { show: false }, axisTick: { show: false } },
          ],
          yAxis: [
            { type: 'value', gridIndex: 0, name: t('mseUi.persons') },
            { type: 'category', gridIndex: 1, data: allLists, inverse: true },
          ],
          series: [
            {
              type: 'bar',
              xAxisIndex: 0,
              yAxisIndex: 0,
              itemStyle: { color: '#1d4f91' },
              label: { show: true, position: 'top' },
              data: combos.map((c) => c.count),
            },
            { type: 'scatter', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 12, data: dots },
            ...combos.map((c, x) => ({
              type: 'line',
              xAxisIndex: 1,
              yAxisIndex: 1,
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#1d4f91', width: 2 },
              data: c.lists.map((list) => [x, allLists.indexOf(list)]),
            })),
          ],
        }}
      />
    </section>
  );
}

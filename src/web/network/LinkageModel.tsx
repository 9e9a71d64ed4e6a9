/** The estimated linkage model of a run (m, u and weights per field and level, λ, thresholds, expected quality) and each review pair's explanation: parameters and levels only, never a value. */
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkageReview, LinkageStatus } from '../../server/api-types';
import { EChart } from '../statistics/EChart';

type Model = NonNullable<NonNullable<LinkageStatus['lastRun']>['model']>;

const percent = (x: number, language: string) =>
  x.toLocaleString(language, { style: 'percent', maximumFractionDigits: 1 });
const decimal = (x: number, language: string, digits = 3) =>
  x.toLocaleString(language, { maximumSignificantDigits: digits });

/** A field's name or a level's, in the reader's language (unknown ones as they are). */
export function useLinkageLabels() {
  const { t } = useTranslation();
  return {
    field: (name: string) => t(`linkageModelUi.fields.${name}`, { defaultValue: name }),
    level: (name: string) => t(`linkageModelUi.levels.${name}`, { defaultValue: name }),
  };
}

export function LinkageModelPanel({
  model,
  caps,
}: {
  model: Model | null;
  caps?: { name: string; reviewCap: number | null }[];
}) {
  const { t, i18n } = useTranslation();
  const labels = useLinkageLabels();
  const language = i18n.language;
  const option = useMemo(() => {
    if (!model) return null;
    const fields = model.fields.map((f) => labels.field(f.field));
    const top = model.fields.map((f) => f.levels[f.levels.length - 1]?.weight ?? 0);
    const bottom = model.fields.map((f) => f.levels[0]?.weight ?? 0);
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: t('linkageModelUi.table.weight') },
      yAxis: { type: 'category', data: fields },
      series: [
        { name: t('linkageModelUi.chart.agree'), type: 'bar', data: top },
        { name: t('linkageModelUi.chart.disagree'), type: 'bar', data: bottom },
      ],
    };
  }, [model, labels, t]);
  if (!model)
    return (
      <section aria-labelledby="linkage-model-title">
        <h3 id="linkage-model-title">{t('linkageModelUi.title')}</h3>
        <p className="muted">{t('linkageModelUi.fixedDice')}</p>
      </section>
    );
  const facts: [string, string][] = [
    ['autoLinkThreshold', decimal(model.autoLinkThreshold, language, 4)],
    ['targetPrecision', percent(model.targetPrecision, language)],
    ['expectedPrecision', percent(model.expectedPrecision, language)],
    ['expectedRecall', percent(model.expectedRecall, language)],
    ['lambda', decimal(model.lambda, language)],
    ['reviewFloor', decimal(model.reviewFloor, language)],
    ['reviewCandidates', model.reviewCandidates.toLocaleString(language)],
    ['reviewBand', model.reviewBand.toLocaleString(language)],
    ['iterations', model.iterations.toLocaleString(language)],
  ];
  return (
    <section aria-labelledby="linkage-model-title">
      <h3 id="linkage-model-title">{t('linkageModelUi.title')}</h3>
      <p className="muted">{t('linkageModelUi.intro')}</p>
      {!model.converged && <p className="alert alert-warning">{t('linkageModelUi.notConverged')}</p>}
      <dl className="facts">
        {facts.map(([key, value]) => (
          <Fragment key={key}>
            <dt>{t(`linkageModelUi.facts.${key}`)}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
        {(caps ?? [])
          .filter((c) => c.reviewCap !== null)
          .map((c) => (
            <Fragment key={c.name}>
              <dt>{t('linkageModelUi.facts.reviewCap', { name: c.name })}</dt>
              <dd>{c.reviewCap!.toLocaleString(language)}</dd>
            </Fragment>
          ))}
      </dl>
      <div className="table-scroll">
        <table>
          <caption>{t('linkageModelUi.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('linkageModelUi.table.field')}</th>
              <th scope="col">{t('linkageModelUi.table.level')}</th>
              <th scope="col">{t('linkageModelUi.table.m')}</th>
              <th scope="col">{t('linkageModelUi.table.u')}</th>
              <th scope="col">{t('linkageModelUi.table.weight')}</th>
            </tr>
          </thead>
          {model.fields.map((f) => (
            <tbody key={f.field}>
              {[...f.levels].reverse().map((l, k) => (
                <tr key={l.level}>
                  {k === 0 ? (
                    <th scope="rowgroup" rowSpan={f.levels.length}>
                      {labels.field(f.field)}
                    </th>
                  ) : null}
                  <td>{labels.level(l.level)}</td>
                  <td>{decimal(l.m, language)}</td>
                  <td>{decimal(l.u, language)}</td>
                  <td>{decimal(l.weight, language)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {option && <EChart option={option} label={t('linkageModelUi.chart.label')} height={220} />}
    </section>
  );
}

/** How each field of a review pair compared: its level in words and its weight, never the values. */
export function ReviewEvidence({ review }: { review: LinkageReview }) {
  const { t, i18n } = useTranslation();
  const labels = useLinkageLabels();
  if (!review.evidence.length) return <p className="muted">{t('linkageModelUi.evidence.none')}</p>;
  return (
    <div>
      {review.probability !== null && (
        <p>{t('linkageModelUi.evidence.probability', { value: percent(review.probability, i18n.language) })}</p>
      )}
      <table>
        <caption>{t('linkageModelUi.evidence.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('linkageModelUi.table.field')}</th>
            <th scope="col">{t('linkageModelUi.evidence.reached')}</th>
            <th scope="col">{t('linkageModelUi.table.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {review.evidence.map((e) => (
            <tr key={e.field}>
              <th scope="row">{labels.field(e.field)}</th>
              <td>{labels.level(e.level)}</td>
              <td>{e.weight.toLocaleString(i18n.language, { signDisplay: 'exceptZero', maximumFractionDigits: 2 })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Her progress per dimension against her own baseline: small multiples with event markers, the history, and the assessment form. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { todayIso, useAddEntry, useEntries, type CaseDetail, type Entry } from '../../api/cases';
import { ReasonField } from '../corrections/inputs';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../fields';
import { pick, type AssessmentDraft, type Outcomes } from './types';
import { formatDate } from '../../i18n/dates';

const MARKER_COLOURS: Record<string, string> = {
  turning_point: '#2b6cb0',
  event: '#2f855a',
  hard_failure: '#c53030',
  economic: '#975a16',
};

function DimensionChart({
  title,
  series,
  markers,
  scale,
}: {
  title: string;
  series: { date: string; value: number | null }[];
  markers: { date: string; label: string; category: string }[];
  scale: { min: number; max: number };
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
      instance.setOption({
        animation: false,
        grid: { left: 30, right: 12, top: 28, bottom: 30 },
        title: { text: title, textStyle: { fontSize: 12 } },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', min: scale.min, max: scale.max, interval: 1 },
        series: [
          {
            type: 'line',
            data: series.map((s) => [s.date, s.value]),
            connectNulls: true,
            symbolSize: 7,
            markLine: {
              symbol: 'none',
              label: { show: false },
              data: [
                { yAxis: series[0]?.value ?? scale.min, lineStyle: { type: 'dashed', color: '#718096' } },
                ...markers.map((m) => ({
                  xAxis: m.date,
                  name: m.label,
                  lineStyle: { color: MARKER_COLOURS[m.category] ?? '#4a5568', type: 'solid' as const },
                })),
              ],
            },
          },
        ],
      });
      chart = instance;
    });
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [title, series, markers, scale]);
  const summary = series.map((s) => `${s.date}: ${s.value ?? '—'}`).join(', ');
  const events = markers.map((m) => `${m.date}: ${m.label}`).join(', ');
  return (
    <div
      ref={ref}
      className="mini-chart"
      role="img"
      aria-label={`${title}: ${summary}${events ? ` | ${events}` : ''}`}
    />
  );
}

export function ProgressPanel({
  c,
  o,
  draft,
  setDraft,
}: {
  c: CaseDetail;
  o: Outcomes;
  draft: AssessmentDraft | null;
  setDraft: (d: AssessmentDraft | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const assessments = useEntries(c.id, 'outcome_assessment');
  const markerLabel = (kind: string) =>
    kind === 'return_to_exploitation' ? t('outcomesUi.returnToExploitation') : t(`outcomesUi.eventKinds.${kind}`);
  const markers = o.markers.map((m) => ({ date: m.date, category: m.category, label: markerLabel(m.kind) }));
  // Her economic facts (issue #19) are markers on the economic dimension only: facts, never a score or a failure.
  const economicMarkers = o.economicFacts.map((f) => ({
    date: f.date,
    category: f.category,
    label: t(`labourStats.facts.${f.kind}`),
  }));
  const dimLabel = (code: string) => pick(o.model.dimensions.find((x) => x.code === code)?.label, lang) || code;
  const sorted = [...(assessments.data?.entries ?? [])].sort((a, b) =>
    String(a.data.date).localeCompare(String(b.data.date)),
  );

  const revise = (e: Entry) =>
    setDraft({
      date: String(e.data.date),
      revise: { entryId: e.id, version: e.version },
      scores: Object.fromEntries(
        (e.data.scores as { element: string; score: number; source: string; informedBy?: string[] }[]).map((s) => [
          s.element,
          { score: String(s.score), source: s.source, ...(s.informedBy ? { informedBy: s.informedBy } : {}) },
        ]),
      ),
    });

  return (
    <>
      {o.continuum?.baseline && (
        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title">
            {t('caseUi.progressSinceBaseline', { date: formatDate(o.continuum.baseline.date) })}
          </h2>
          <div className="small-multiples">
            {o.model.dimensions.map((d) => (
              <DimensionChart
                key={d.code}
                title={pick(d.label, lang)}
                scale={o.model.scale}
                markers={d.code === 'economic' ? [...markers, ...economicMarkers] : markers}
                series={[
                  {
                    date: o.continuum!.baseline!.date,
                    value: o.continuum!.baseline!.dimensions.find((x) => x.dimension === d.code)?.score ?? null,
                  },
                  ...o.continuum!.points.map((p) => ({
                    date: p.date,
                    value: p.dimensions.find((x) => x.dimension === d.code)?.score ?? null,
                  })),
                ]}
              />
            ))}
          </div>
          {markers.length > 0 && (
            <ul className="legend">
              {markers.map((m) => (
                <li key={`${m.date}${m.label}`}>
                  <span className="swatch" style={{ background: MARKER_COLOURS[m.category] }} aria-hidden="true" />{' '}
                  {m.date}: {m.label}
                </li>
              ))}
            </ul>
          )}
          <ul>
            {o.continuum.points.map((p) => (
              <li key={p.date}>
                {p.date}: {t('caseUi.progressOn')} {p.progressOn.map(dimLabel).join(', ') || '—'};{' '}
                {t('caseUi.regressionOn')} {p.regressionOn.map(dimLabel).join(', ') || '—'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {o.economicFacts.length > 0 && (
        <section className="card" aria-labelledby="economic-facts-title" data-testid="economic-facts">
          <h2 id="economic-facts-title">{t('labourStats.economicFactsTitle')}</h2>
          <p className="muted">{t('labourStats.economicFactsIntro')}</p>
          <ul className="legend">
            {o.economicFacts.map((f, i) => (
              <li key={`${f.date}${f.kind}${i}`}>
                <span className="swatch" style={{ background: MARKER_COLOURS.economic }} aria-hidden="true" />{' '}
                {formatDate(f.date)}: {t(`labourStats.facts.${f.kind}`)} ·{' '}
                {f.daysSinceBaseline === null
                  ? t('labourStats.noBaseline')
                  : f.daysSinceBaseline >= 0
                    ? t('labourStats.daysFromBaseline', { days: f.daysSinceBaseline })
                    : t('labourStats.daysBeforeBaseline', { days: -f.daysSinceBaseline })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-label={t('outcomesUi.history')}>
        <h2>{t('outcomesUi.history')}</h2>
        <ErrorMessage error={assessments.error} />
        {sorted.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
        <ul className="entries">
          {sorted.map((e, i) => (
            <li key={e.id}>
              <strong>{formatDate(String(e.data.date))}</strong>
              {i === 0 && ` (${t('outcomesUi.baseline')})`} · {t('outcomesUi.version', { version: e.version })} ·{' '}
              {(e.data.scores as unknown[]).length} ·{' '}
              <small className="muted">{e.recordedBy?.displayName ?? t('caseUi.system')}</small>
              {c.permissions.update && (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => revise(e)}>
                    {t('outcomesUi.revise')} <span className="visually-hidden">{formatDate(String(e.data.date))}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      {c.permissions.update && (
        <AssessmentForm c={c} o={o} hasBaseline={Boolean(o.continuum?.baseline)} draft={draft} setDraft={setDraft} />
      )}
    </>
  );
}

function AssessmentForm({
  c,
  o,
  hasBaseline,
  draft,
  setDraft,
}: {
  c: CaseDetail;
  o: Outcomes;
  hasBaseline: boolean;
  draft: AssessmentDraft | null;
  setDraft: (d: AssessmentDraft | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const client = useQueryClient();
  const add = useAddEntry(c.id);
  const [date, setDate] = useState(todayIso());
  const [scores, setScores] = useState<AssessmentDraft['scores']>({});
  const [source, setSource] = useState('own_view');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (draft) {
      setDate(draft.date);
      setScores(draft.scores);
    }
  }, [draft]);
  const reviseEntry = useMutation({
    mutationFn: (body: { data: Record<string, unknown>; version: number; reason: string }) =>
      api(`/api/cases/${c.id}/entries/${draft!.revise!.entryId}`, { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', c.id] }),
  });
  const levels = Array.from({ length: o.model.scale.max - o.model.scale.min + 1 }, (_, i) => o.model.scale.min + i);

  function submit(event: FormEvent) {
    event.preventDefault();
    const list = Object.entries(scores)
      .filter(([, v]) => v.score !== '')
      .map(([element, v]) => ({
        element,
        score: Number(v.score),
        source: v.source || source,
        ...(v.informedBy?.length ? { informedBy: v.informedBy } : {}),
      }));
    const data = {
      date,
      scores: list,
      ...(draft?.interviewEntryId ? { interviewEntryId: draft.interviewEntryId } : {}),
    };
    const done = {
      onSuccess: () => {
        setScores({});
        setDraft(null);
        setReason('');
      },
    };
    if (draft?.revise) reviseEntry.mutate({ data, version: draft.revise.version, reason: reason.trim() }, done);
    else add.mutate({ kind: 'outcome_assessment', data }, done);
  }

  return (
    <form className="card" aria-labelledby="assessment-title" onSubmit={submit}>
      <h2 id="assessment-title">
        {draft?.revise ? t('outcomesUi.revise') : hasBaseline ? t('caseUi.addFollowUp') : t('caseUi.addBaseline')}
      </h2>
      {draft?.revise && (
        <p className="alert alert-info">{t('outcomesUi.revising', { date: formatDate(draft.date) })}</p>
      )}
      {draft && !draft.revise && (
        <p className="alert alert-info">{t('outcomesUi.fromInterview', { date: formatDate(draft.date) })}</p>
      )}
      <Field label={t('caseUi.date')} type="date" value={date} onChange={setDate} />
      <label className="field">
        <span>{t('caseUi.scoreSource')}</span>
        <select value={source} onChange={(e) => setSource(e.target.value)}>
          {['own_view', 'caseworker_observation', 'document'].map((s) => (
            <option key={s} value={s}>
              {t(`caseUi.sources.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {o.model.dimensions.map((d) => (
        <fieldset key={d.code} className="checks">
          <legend>{pick(d.label, lang)}</legend>
          <details>
            <summary>{t('outcomesUi.anchorsTitle')}</summary>
            <dl className="anchors">
              {d.anchors.map((a) => (
                <div key={a.score}>
                  <dt>
                    {a.score} · {pick(a.label, lang)}
                  </dt>
                  <dd>{pick(a.description, lang)}</dd>
                </div>
              ))}
            </dl>
          </details>
          {o.model.elements
            .filter((e) => e.dimension === d.code)
            .map((e) => (
              <label key={e.code} className="field inline">
                <span>{pick(e.label, lang)}</span>
                <select
                  value={scores[e.code]?.score ?? ''}
                  onChange={(ev) =>
                    setScores({
                      ...scores,
                      [e.code]: { ...scores[e.code], score: ev.target.value, source: scores[e.code]?.source ?? '' },
                    })
                  }
                >
                  <option value="">{t('caseUi.notAssessed')}</option>
                  {levels.map((n) => (
                    <option key={n} value={n}>
                      {n} · {pick(d.anchors.find((a) => a.score === n)?.label, lang)}
                    </option>
                  ))}
                </select>
                {scores[e.code]?.informedBy?.length ? (
                  <small>{t('outcomesUi.informedBy', { questions: scores[e.code]!.informedBy!.join(', ') })}</small>
                ) : null}
              </label>
            ))}
        </fieldset>
      ))}
      {draft?.revise && <ReasonField value={reason} onChange={setReason} />}
      <ErrorMessage error={add.error ?? reviseEntry.error} />
      <div className="actions">
        <button type="submit" disabled={add.isPending || reviseEntry.isPending}>
          {t('caseUi.saveAssessment')}
        </button>
        {draft && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(null);
              setScores({});
            }}
          >
            {t('outcomesUi.cancelRevision')}
          </button>
        )}
      </div>
    </form>
  );
}

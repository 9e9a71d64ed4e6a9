/** (Re)integration against her own baseline: one small chart per dimension, recorded events, never an overall score. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { todayIso, useAddEntry, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../fields';

interface Outcomes {
  model: { dimensions: { code: string; label: Record<string, string> }[]; elements: { code: string; dimension: string; label: Record<string, string> }[]; scale: { min: number; max: number } };
  continuum: { baseline: { date: string; dimensions: { dimension: string; score: number | null }[] } | null; points: { date: string; dimensions: { dimension: string; score: number | null; change: string }[]; progressOn: string[]; regressionOn: string[] }[] } | null;
  flags: { kind: string; event: string; date: string }[];
  next: { hint: string | null };
  due: { dueDate: string; overdue: boolean }[];
}

function DimensionChart({ title, series }: { title: string; series: { date: string; value: number | null }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | undefined;
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
      instance.setOption({ animation: false, grid: { left: 30, right: 10, top: 20, bottom: 30 }, title: { text: title, textStyle: { fontSize: 12 } },
        xAxis: { type: 'category', data: series.map((s) => s.date) }, yAxis: { type: 'value', min: 0, max: 4 },
        series: [{ type: 'line', data: series.map((s) => s.value), connectNulls: true, markLine: { data: [{ yAxis: series[0]?.value ?? 0, name: 'baseline' }], symbol: 'none', lineStyle: { type: 'dashed' } } }] });
      chart = instance;
    });
    return () => { disposed = true; chart?.dispose(); };
  }, [title, series]);
  const summary = series.map((s) => `${s.date}: ${s.value ?? '—'}`).join(', ');
  return <div ref={ref} className="mini-chart" role="img" aria-label={`${title}: ${summary}`} />;
}

export function OutcomesTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const outcomes = useQuery({ queryKey: ['case', c.id, 'outcomes'], queryFn: () => api<Outcomes>(`/api/cases/${c.id}/outcomes`) });
  const add = useAddEntry(c.id);
  const [date, setDate] = useState(todayIso());
  const [scores, setScores] = useState<Record<string, string>>({});
  const [source, setSource] = useState('own_view');
  const o = outcomes.data;

  function submit(event: FormEvent) {
    event.preventDefault();
    const list = Object.entries(scores).filter(([, v]) => v !== '').map(([element, v]) => ({ element, score: Number(v), source }));
    add.mutate({ kind: 'outcome_assessment', data: { date, scores: list } }, { onSuccess: () => { setScores({}); void outcomes.refetch(); } });
  }

  return (
    <div className="tab-panel">
      <p className="alert alert-info">{t('caseUi.continuumNote')}</p>
      <ErrorMessage error={outcomes.error} />
      {o?.flags.map((f) => <p key={f.date} className="alert alert-error" role="alert">{t('caseUi.hardFailure', { date: f.date })}</p>)}
      {o?.next.hint === 'recovery_first' && <p className="alert alert-info">{t('caseUi.recoveryFirst')}</p>}
      {o?.continuum?.baseline && (
        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title">{t('caseUi.progressSinceBaseline', { date: o.continuum.baseline.date })}</h2>
          <div className="small-multiples">
            {o.model.dimensions.map((d) => (
              <DimensionChart key={d.code} title={d.label[lang] ?? d.label.en}
                series={[
                  { date: o.continuum!.baseline!.date, value: o.continuum!.baseline!.dimensions.find((x) => x.dimension === d.code)?.score ?? null },
                  ...o.continuum!.points.map((p) => ({ date: p.date, value: p.dimensions.find((x) => x.dimension === d.code)?.score ?? null })),
                ]} />
            ))}
          </div>
          <ul>{o.continuum.points.map((p) => (
            <li key={p.date}>{p.date}: {t('caseUi.progressOn')} {p.progressOn.map((d) => o.model.dimensions.find((x) => x.code === d)?.label[lang] ?? d).join(', ') || '—'}; {t('caseUi.regressionOn')} {p.regressionOn.map((d) => o.model.dimensions.find((x) => x.code === d)?.label[lang] ?? d).join(', ') || '—'}</li>
          ))}</ul>
        </section>
      )}
      {c.permissions.update && o && (
        <form className="card" aria-labelledby="assessment-title" onSubmit={submit}>
          <h2 id="assessment-title">{o.continuum?.baseline ? t('caseUi.addFollowUp') : t('caseUi.addBaseline')}</h2>
          <Field label={t('caseUi.date')} type="date" value={date} onChange={setDate} />
          <label className="field"><span>{t('caseUi.scoreSource')}</span>
            <select value={source} onChange={(e) => setSource(e.target.value)}>
              {['own_view', 'caseworker_observation', 'document'].map((s) => <option key={s} value={s}>{t(`caseUi.sources.${s}`)}</option>)}
            </select></label>
          {o.model.dimensions.map((d) => (
            <fieldset key={d.code} className="checks"><legend>{d.label[lang] ?? d.label.en}</legend>
              {o.model.elements.filter((e) => e.dimension === d.code).map((e) => (
                <label key={e.code} className="field inline"><span>{e.label[lang] ?? e.label.en}</span>
                  <select value={scores[e.code] ?? ''} onChange={(ev) => setScores({ ...scores, [e.code]: ev.target.value })}>
                    <option value="">{t('caseUi.notAssessed')}</option>
                    {[0, 1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
                  </select></label>
              ))}
            </fieldset>
          ))}
          <ErrorMessage error={add.error} />
          <div className="actions"><button type="submit" disabled={add.isPending}>{t('caseUi.saveAssessment')}</button></div>
        </form>
      )}
    </div>
  );
}

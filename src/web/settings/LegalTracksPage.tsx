/**
 * Settings → Legal tracks (issue #17): each country's track with its steps, durations and
 * extensions, and a form for an administrator to add a country's track, with the server's field
 * errors at their fields. Editing an existing track's steps is done through the API and CLI for now.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  labelIn,
  useAddLegalTrack,
  useLegalTracks,
  type LegalTrackInput,
  type TrackStepView,
} from '../api/legal-tracks';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { Field } from '../cases/fields';

type Unit = 'days' | 'months';
type Kind = TrackStepView['kind'];
const KINDS: Kind[] = ['reflection_period', 'programme', 'tolerated_stay', 'permit'];

interface StepDraft {
  code: string;
  label: string;
  kind: Kind;
  permitType: string;
  lengthType: 'fixed' | 'range' | 'none';
  unit: Unit;
  fixed: string;
  min: string;
  max: string;
  endInclusive: boolean;
  extensionCount: string;
  extensionAmount: string;
  extensionUnit: Unit;
}

const emptyStep = (): StepDraft => ({
  code: 'reflection',
  label: '',
  kind: 'reflection_period',
  permitType: '',
  lengthType: 'fixed',
  unit: 'days',
  fixed: '30',
  min: '',
  max: '',
  endInclusive: true,
  extensionCount: '0',
  extensionAmount: '',
  extensionUnit: 'days',
});

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

function toInput(country: string, names: Record<string, string>, steps: StepDraft[]): LegalTrackInput {
  const label = Object.fromEntries(
    Object.entries(names).filter(([, v]) => v.trim() !== ''),
  ) as LegalTrackInput['label'];
  return {
    country,
    label,
    steps: steps.map((s) => {
      const count = Number(s.extensionCount) || 0;
      return {
        code: s.code,
        label: { en: s.label },
        kind: s.kind,
        ...(s.permitType ? { permitType: s.permitType } : {}),
        ...(s.lengthType === 'fixed' ? { duration: { unit: s.unit, fixed: num(s.fixed) } } : {}),
        ...(s.lengthType === 'range' ? { duration: { unit: s.unit, min: num(s.min), max: num(s.max) } } : {}),
        endInclusive: s.endInclusive,
        ...(count > 0
          ? {
              extension: {
                maxCount: count,
                ...(s.extensionAmount ? { amount: num(s.extensionAmount), unit: s.extensionUnit } : {}),
              },
            }
          : {}),
      };
    }),
  };
}

export function LegalTracksPage() {
  const { t, i18n } = useTranslation();
  const tracks = useLegalTracks();
  const language = i18n.resolvedLanguage;
  const length = (d: TrackStepView['duration']) => {
    if (!d) return t('tracksUi.durationNone');
    const unit = t(`tracksUi.units.${d.unit}`);
    if (d.fixed !== undefined) return t('tracksUi.fixed', { count: d.fixed, unit });
    return [
      d.min !== undefined ? t('tracksUi.min', { count: d.min, unit }) : '',
      d.max !== undefined ? t('tracksUi.max', { count: d.max, unit }) : '',
    ]
      .filter(Boolean)
      .join(', ');
  };
  const extension = (e: TrackStepView['extension']) => {
    if (!e) return t('tracksUi.extensionNone');
    const each =
      e.amount !== undefined && e.unit
        ? t('tracksUi.fixed', { count: e.amount, unit: t(`tracksUi.units.${e.unit}`) })
        : t('tracksUi.extensionOpen');
    return e.maxCount === null
      ? t('tracksUi.extensionUnlimited', { length: each })
      : t('tracksUi.extensionSummary', { length: each, count: e.maxCount });
  };
  return (
    <section aria-labelledby="legal-tracks-title">
      <h2 id="legal-tracks-title">{t('tracksUi.title')}</h2>
      <p>{t('tracksUi.intro')}</p>
      <ErrorMessage error={tracks.error} />
      {(tracks.data?.tracks ?? []).map((track) => (
        <article key={track.country} className="card" aria-labelledby={`track-${track.country}`}>
          <h3 id={`track-${track.country}`}>
            {labelIn(track.label, language)} ({track.country}) · v{track.version}
          </h3>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('tracksUi.steps')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tracksUi.step')}</th>
                  <th scope="col">{t('tracksUi.kind')}</th>
                  <th scope="col">{t('tracksUi.duration')}</th>
                  <th scope="col">{t('tracksUi.endInclusive')}</th>
                  <th scope="col">{t('tracksUi.extension')}</th>
                  <th scope="col">{t('tracksUi.source')}</th>
                </tr>
              </thead>
              <tbody>
                {track.steps.map((s) => (
                  <tr key={s.code}>
                    <th scope="row">
                      {labelIn(s.label, language)}
                      {s.paths?.length ? (
                        <small>
                          {' '}
                          · {s.paths.map((p) => t(`tracksUi.pathNames.${p.code}`, { defaultValue: p.code })).join(', ')}
                        </small>
                      ) : null}
                    </th>
                    <td>{t(`tracksUi.kinds.${s.kind}`)}</td>
                    <td>{length(s.duration)}</td>
                    <td>{s.endInclusive ? t('tracksUi.inclusiveYes') : t('tracksUi.inclusiveNo')}</td>
                    <td>{extension(s.extension)}</td>
                    <td>{s.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      ))}
      <AddTrackForm />
    </section>
  );
}

function AddTrackForm() {
  const { t } = useTranslation();
  const add = useAddLegalTrack();
  const fe = useFieldErrors(add.error);
  const [country, setCountry] = useState('');
  const [names, setNames] = useState({ en: '', fr: '', it: '', sk: '' });
  const [steps, setSteps] = useState<StepDraft[]>([emptyStep()]);
  const [added, setAdded] = useState<string | null>(null);
  const setStep = (i: number, change: Partial<StepDraft>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    add.mutate(toInput(country, names, steps), {
      onSuccess: (track) => {
        setAdded(track.country);
        setCountry('');
        setNames({ en: '', fr: '', it: '', sk: '' });
        setSteps([emptyStep()]);
      },
    });
  };
  return (
    <form className="card" aria-labelledby="add-track-title" onSubmit={submit} noValidate>
      <h3 id="add-track-title">{t('tracksUi.addTitle')}</h3>
      <p>{t('tracksUi.addIntro')}</p>
      <Field
        label={t('tracksUi.countryCode')}
        name="country"
        value={country}
        required
        onChange={(v) => setCountry(v.toUpperCase().slice(0, 2))}
        error={fe.errorFor('country')}
      />
      <Field
        label={t('tracksUi.nameEn')}
        name="label.en"
        value={names.en}
        required
        onChange={(en) => setNames({ ...names, en })}
        error={fe.errorFor('label.en')}
      />
      <Field label={t('tracksUi.nameFr')} value={names.fr} onChange={(fr) => setNames({ ...names, fr })} />
      <Field label={t('tracksUi.nameIt')} value={names.it} onChange={(it) => setNames({ ...names, it })} />
      <Field label={t('tracksUi.nameSk')} value={names.sk} onChange={(sk) => setNames({ ...names, sk })} />
      {steps.map((s, i) => {
        const at = (field: string) => fe.errorFor(`steps.${i}.${field}`);
        return (
          <fieldset key={i} className="card">
            <legend>{t('tracksUi.stepN', { n: i + 1 })}</legend>
            <Field
              label={t('tracksUi.stepCode')}
              value={s.code}
              required
              onChange={(code) => setStep(i, { code })}
              error={at('code')}
            />
            <Field
              label={t('tracksUi.stepLabel')}
              value={s.label}
              required
              onChange={(label) => setStep(i, { label })}
              error={at('label')}
            />
            <label className="field">
              <span>{t('tracksUi.kind')}</span>
              <select value={s.kind} onChange={(e) => setStep(i, { kind: e.target.value as Kind })}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`tracksUi.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            {s.kind === 'permit' && (
              <Field
                label={t('caseUi.permitType')}
                value={s.permitType}
                required
                onChange={(permitType) => setStep(i, { permitType })}
                error={at('permitType')}
              />
            )}
            <label className="field">
              <span>{t('tracksUi.durationType')}</span>
              <select
                value={s.lengthType}
                onChange={(e) => setStep(i, { lengthType: e.target.value as StepDraft['lengthType'] })}
              >
                <option value="fixed">{t('tracksUi.durationFixed')}</option>
                <option value="range">{t('tracksUi.durationRange')}</option>
                <option value="none">{t('tracksUi.durationNone')}</option>
              </select>
            </label>
            {s.lengthType !== 'none' && (
              <label className="field">
                <span>{t('tracksUi.unit')}</span>
                <select value={s.unit} onChange={(e) => setStep(i, { unit: e.target.value as Unit })}>
                  <option value="days">{t('tracksUi.units.days')}</option>
                  <option value="months">{t('tracksUi.units.months')}</option>
                </select>
              </label>
            )}
            {s.lengthType === 'fixed' && (
              <Field
                label={t('tracksUi.amount')}
                type="number"
                value={s.fixed}
                onChange={(fixed) => setStep(i, { fixed })}
                error={at('duration.fixed')}
              />
            )}
            {s.lengthType === 'range' && (
              <>
                <Field
                  label={t('tracksUi.min', { count: '', unit: '' }).trim()}
                  type="number"
                  value={s.min}
                  onChange={(min) => setStep(i, { min })}
                  error={at('duration.min')}
                />
                <Field
                  label={t('tracksUi.max', { count: '', unit: '' }).trim()}
                  type="number"
                  value={s.max}
                  onChange={(max) => setStep(i, { max })}
                  error={at('duration.max')}
                />
              </>
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={s.endInclusive}
                onChange={(e) => setStep(i, { endInclusive: e.target.checked })}
              />
              {t('tracksUi.inclusiveYes')}
            </label>
            <Field
              label={t('tracksUi.extensionCount')}
              type="number"
              value={s.extensionCount}
              onChange={(extensionCount) => setStep(i, { extensionCount })}
              error={at('extension.maxCount')}
            />
            {Number(s.extensionCount) > 0 && (
              <>
                <Field
                  label={t('tracksUi.extensionAmount')}
                  type="number"
                  value={s.extensionAmount}
                  onChange={(extensionAmount) => setStep(i, { extensionAmount })}
                  error={at('extension.amount')}
                />
                <label className="field">
                  <span>{t('tracksUi.unit')}</span>
                  <select
                    value={s.extensionUnit}
                    onChange={(e) => setStep(i, { extensionUnit: e.target.value as Unit })}
                  >
                    <option value="days">{t('tracksUi.units.days')}</option>
                    <option value="months">{t('tracksUi.units.months')}</option>
                  </select>
                </label>
              </>
            )}
            {steps.length > 1 && (
              <button type="button" className="secondary" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                {t('tracksUi.removeStep')}
              </button>
            )}
          </fieldset>
        );
      })}
      <FieldErrorSummary fe={fe} />
      <ErrorMessage error={fe.any ? null : add.error} />
      {added && <p role="status">{t('tracksUi.added', { country: added })}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setSteps([...steps, { ...emptyStep(), code: '' }])}>
          {t('tracksUi.addStep')}
        </button>
        <button type="submit" disabled={add.isPending}>
          {t('tracksUi.save')}
        </button>
      </div>
    </form>
  );
}

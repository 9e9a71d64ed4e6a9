/**
 * The legal tab: legal events recorded against the country's legal track (issue #17). Recording a
 * step offers the track's steps for the event, the Art. 18 path once (and who gave the statement on
 * the social path), the event a step requires, an extension of a running step, and shows the end
 * the rule computes, letting an earlier end be entered where the rule allows one (Netherlands).
 * The server computes and checks the same rules (src/domain/legal-tracks/deadlines.ts).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endBounds } from '../../../domain/legal-tracks/deadlines';
import type { TrackStep } from '../../../domain/legal-tracks/model';
import { todayIso, useAddEntry, useEntries, useLabel, type CaseDetail } from '../../api/cases';
import { labelIn, useLegalTracks } from '../../api/legal-tracks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldErrorSummary, useFieldErrors } from '../../components/FieldErrors';
import { formatDate } from '../../i18n/dates';
import { CodeSelect, Field } from '../fields';
import { EntryList } from './EntryList';

const drop = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

export function LegalTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  const fe = useFieldErrors(add.error);
  const tracks = useLegalTracks().data?.tracks ?? [];
  const events = (useEntries(c.id, 'legal_event').data?.entries ?? []).filter((e) => e.kind === 'legal_event');
  const language = i18n.resolvedLanguage;
  const [l, setL] = useState({
    type: 'reflection_period',
    date: todayIso(),
    country: c.country ?? '',
    step: '',
    endDate: '',
    validUntil: '',
    permitType: '',
    path: '',
    statementBy: '',
    basedOn: '',
    extends: '',
    testimonyMode: '',
    note: '',
  });
  const set = (change: Partial<typeof l>) => setL({ ...l, ...change });
  const isExtension = l.type === 'extension';
  const track = tracks.find((tr) => tr.country === l.country);
  const steps = (track?.steps ?? []).filter((s) => s.startedBy.includes(l.type));
  const step = steps.find((s) => s.code === l.step) ?? (steps.length === 1 ? steps[0] : undefined);
  const endField = l.type === 'permit_decision' ? 'validUntil' : 'endDate';
  const bounds = step && isDate(l.date) ? endBounds(step as unknown as TrackStep, l.date) : undefined;
  const extendable = events.filter((e) => typeof e.data.step === 'string' && e.data.type !== 'extension');
  const required = step?.requiresAnyOf ?? [];
  const basis = events.filter((e) => required.includes(String(e.data.type)));
  const stepName = (country: unknown, code: unknown) => {
    const s = tracks.find((tr) => tr.country === country)?.steps.find((x) => x.code === code);
    return s ? labelIn(s.label, language) : String(code);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { type: l.type, date: l.date, note: l.note };
    const data = isExtension
      ? { ...common, extends: l.extends, endDate: l.endDate }
      : {
          ...common,
          ...(l.type === 'reflection_period' ? { country: l.country } : track ? { track: track.country } : {}),
          step: step?.code,
          [endField]: l[endField],
          permitType: l.type.startsWith('permit') ? (step?.permitType ?? l.permitType) : undefined,
          path: step?.paths?.length ? l.path : undefined,
          statementBy: l.path === 'social' ? l.statementBy : undefined,
          basedOn: required.length ? l.basedOn : undefined,
          testimonyMode: l.type === 'hearing' ? l.testimonyMode : undefined,
        };
    add.mutate(
      { kind: 'legal_event', data: drop(data) },
      { onSuccess: () => set({ endDate: '', validUntil: '', statementBy: '', basedOn: '', extends: '', note: '' }) },
    );
  };

  return (
    <div className="tab-panel">
      {c.permissions.update && (
        <form className="card" aria-labelledby="legal-title" onSubmit={submit} noValidate>
          <h2 id="legal-title">{t('caseUi.addLegalEvent')}</h2>
          <CodeSelect
            label={t('caseUi.legalType')}
            listKey="legal_event_types"
            name="type"
            required
            value={l.type}
            onChange={(type) => set({ type, step: '', endDate: '' })}
            error={fe.errorFor('type')}
          />
          <Field
            label={t('caseUi.date')}
            type="date"
            name="date"
            value={l.date}
            onChange={(date) => set({ date })}
            error={fe.errorFor('date') ?? fe.errorFor('data.date')}
          />
          {!isExtension && (
            <label className="field">
              <span>{t('tracksUi.country')}</span>
              <select
                name="country"
                value={l.country}
                onChange={(e) => set({ country: e.target.value, step: '' })}
                {...fe.describe('country')}
              >
                <option value="">{t('tracksUi.chooseStep')}</option>
                {tracks.map((tr) => (
                  <option key={tr.country} value={tr.country}>
                    {labelIn(tr.label, language)} ({tr.country})
                  </option>
                ))}
              </select>
              {fe.errorFor('country') && (
                <small id={fe.idFor('country')} className="field-error">
                  {fe.errorFor('country')}
                </small>
              )}
            </label>
          )}
          {!isExtension && steps.length > 1 && (
            <label className="field">
              <span>{t('tracksUi.step')}</span>
              <select name="step" value={l.step} onChange={(e) => set({ step: e.target.value })}>
                <option value="">{t('tracksUi.chooseStep')}</option>
                {steps.map((s) => (
                  <option key={s.code} value={s.code}>
                    {labelIn(s.label, language)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {!isExtension && step && steps.length === 1 && (
            <p>
              {t('tracksUi.step')}: {labelIn(step.label, language)}
            </p>
          )}
          {isExtension && (
            <label className="field">
              <span>{t('tracksUi.extends')}</span>
              <select
                name="extends"
                value={l.extends}
                onChange={(e) => set({ extends: e.target.value })}
                {...fe.describe('extends')}
              >
                <option value="">{t('tracksUi.chooseStep')}</option>
                {extendable.map((e) => (
                  <option key={e.id} value={e.id}>
                    {stepName(e.data.track, e.data.step)} · {formatDate(String(e.data.date))}
                  </option>
                ))}
              </select>
              {fe.errorFor('extends') && (
                <small id={fe.idFor('extends')} className="field-error">
                  {fe.errorFor('extends')}
                </small>
              )}
            </label>
          )}
          {isExtension && (
            <Field
              label={t('tracksUi.extensionEnd')}
              type="date"
              name="endDate"
              value={l.endDate}
              onChange={(endDate) => set({ endDate })}
              hint={t('tracksUi.shorterEndHint')}
              error={fe.errorFor('endDate')}
            />
          )}
          {step?.paths?.length ? (
            <fieldset className="checks" {...fe.describe('path')}>
              <legend>{t('tracksUi.path')}</legend>
              {step.paths.map((p) => (
                <label key={p.code} className="checkbox">
                  <input
                    type="radio"
                    name="path"
                    value={p.code}
                    checked={l.path === p.code}
                    onChange={() => set({ path: p.code })}
                  />
                  {t(`tracksUi.pathNames.${p.code}`, { defaultValue: p.code })}
                </label>
              ))}
              {fe.errorFor('path') && (
                <small id={fe.idFor('path')} className="field-error">
                  {fe.errorFor('path')}
                </small>
              )}
            </fieldset>
          ) : null}
          {l.path === 'social' && step?.paths?.some((p) => p.code === 'social') && (
            <Field
              label={t('tracksUi.statementBy')}
              name="statementBy"
              value={l.statementBy}
              required
              hint={t('tracksUi.statementByHint')}
              onChange={(statementBy) => set({ statementBy })}
              error={fe.errorFor('statementBy')}
            />
          )}
          {required.length > 0 && (
            <label className="field">
              <span>{t('tracksUi.basedOn')}</span>
              <select
                name="basedOn"
                value={l.basedOn}
                onChange={(e) => set({ basedOn: e.target.value })}
                {...fe.describe('basedOn')}
              >
                <option value="">{t('tracksUi.chooseStep')}</option>
                {basis.map((e) => (
                  <option key={e.id} value={e.id}>
                    {label('legal_event_types', String(e.data.type))} · {formatDate(String(e.data.date))}
                  </option>
                ))}
              </select>
              {fe.errorFor('basedOn') && (
                <small id={fe.idFor('basedOn')} className="field-error">
                  {fe.errorFor('basedOn')}
                </small>
              )}
            </label>
          )}
          {l.type.startsWith('permit') && !step?.permitType && (
            <CodeSelect
              label={t('caseUi.permitType')}
              listKey="permit_types"
              value={l.permitType}
              onChange={(permitType) => set({ permitType })}
              error={fe.errorFor('permitType')}
            />
          )}
          {bounds?.computed && (
            <p role="status" aria-live="polite">
              {bounds.fixed || !bounds.latest || !bounds.earliest
                ? bounds.fixed || !bounds.earliest
                  ? t('tracksUi.computedEnd', { date: formatDate(bounds.computed) })
                  : t('tracksUi.endsFrom', { from: formatDate(bounds.earliest) })
                : t('tracksUi.endsBetween', { from: formatDate(bounds.earliest), to: formatDate(bounds.latest) })}
            </p>
          )}
          {!isExtension && (l.type === 'permit_decision' || (step && !bounds?.fixed)) && (
            <Field
              label={l.type === 'permit_decision' ? t('caseUi.validUntil') : t('tracksUi.shorterEnd')}
              type="date"
              name={endField}
              value={l[endField]}
              hint={step && !bounds?.fixed ? t('tracksUi.shorterEndHint') : undefined}
              onChange={(v) => set({ [endField]: v })}
              error={fe.errorFor(endField)}
            />
          )}
          {l.type === 'hearing' && (
            <CodeSelect
              label={t('caseUi.testimonyMode')}
              listKey="testimony_modes"
              value={l.testimonyMode}
              onChange={(testimonyMode) => set({ testimonyMode })}
            />
          )}
          <FieldErrorSummary fe={fe} />
          <ErrorMessage error={fe.any ? null : add.error} />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.addLegalEvent')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="legal_event"
        title={t('caseUi.legalEvents')}
        render={(e) => (
          <>
            {label('legal_event_types', String(e.data.type))} · {formatDate(String(e.data.date))}
            {e.data.step ? ` · ${stepName(e.data.track, e.data.step)}` : ''}
            {e.data.path ? ` · ${t(`tracksUi.pathNames.${String(e.data.path)}`)}` : ''}
            {e.data.endDate ? ` → ${t('caseUi.endsOn', { date: formatDate(String(e.data.endDate)) })}` : ''}
            {e.data.permitType ? ` · ${label('permit_types', String(e.data.permitType))}` : ''}
            {e.data.validUntil ? ` · ${t('caseUi.validUntil')} ${formatDate(String(e.data.validUntil))}` : ''}
            {e.data.extensionDecisionBy
              ? ` · ${t('caseUi.agendaKinds.extension_decision_due')} ${formatDate(String(e.data.extensionDecisionBy))}`
              : ''}
          </>
        )}
      />
    </div>
  );
}

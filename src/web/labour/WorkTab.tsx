/**
 * The Work tab of a case (issue #19): her school and work biography (the work she did before, during
 * and after exploitation, recorded without judgement), guidance sessions, courses, internships with an
 * employer and tutor of the directory, the mediation log, job placements and the follow-ups after
 * them. Ending an internship or a placement asks first and records her stated reasons, never a label.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { todayIso, useAddEntry, useEntries, useLabel, type CaseDetail, type Entry } from '../api/cases';
import { api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { FieldErrorSummary, useFieldErrors, type FieldErrors } from '../components/FieldErrors';
import { CodeSelect, Field } from '../cases/fields';
import { EntryList } from '../cases/tabs/EntryList';
import { formatDate } from '../i18n/dates';
import { useEmployers } from './api';

const drop = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== null));
const num = (v: string) => (v === '' ? undefined : Number(v));
/** A field's message, whether the server named it `data.x` (schema, rules) or `x` (dates, codes). */
const at = (fe: FieldErrors, field: string) => fe.errorFor(`data.${field}`) ?? fe.errorFor(field);

function Select({
  label,
  value,
  onChange,
  options,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{label}</span>
      <select
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
      >
        <option value="">{t('caseUi.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <small className="field-error">{error}</small>}
    </label>
  );
}

function TextArea({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <textarea value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** One record form: the kind, its fields, and the server's field errors under them. */
function RecordForm({
  c,
  kind,
  title,
  build,
  children,
  onSaved,
}: {
  c: CaseDetail;
  kind: string;
  title: string;
  build: () => Record<string, unknown>;
  children: (fe: FieldErrors) => ReactNode;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddEntry(c.id);
  const fe = useFieldErrors(add.error);
  const id = `${kind}-form-title`;
  if (!c.permissions.update) return null;
  return (
    <form
      className="card"
      aria-labelledby={id}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        add.mutate({ kind, data: build() }, { onSuccess: onSaved });
      }}
    >
      <h2 id={id}>{title}</h2>
      {children(fe)}
      <FieldErrorSummary fe={fe} />
      <button type="submit" disabled={add.isPending}>
        {t('labourUi.save')}
      </button>
    </form>
  );
}

export function WorkTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <div className="tab-panel">
      <p className="muted">{t('labourUi.work.intro')}</p>
      <BiographyForm c={c} />
      <EntryList
        caseId={c.id}
        kind="work_biography"
        title={t('labourUi.biography.title')}
        render={(e) => <Biography e={e} />}
      />
      <GuidanceForm c={c} />
      <EntryList
        caseId={c.id}
        kind="guidance_session"
        title={t('labourUi.guidance.title')}
        render={(e) => (
          <span>
            {formatDate(String(e.data.date))} · {t(`labourUi.provider.${String(e.data.provider)}`)}
            {e.data.partnerName ? ` (${String(e.data.partnerName)})` : ''} ·{' '}
            {e.data.attended ? t('labourUi.guidance.attended') : t('labourUi.guidance.notAttended')}
            {e.data.note ? ` · ${String(e.data.note)}` : ''}
          </span>
        )}
      />
      <CourseForm c={c} />
      <EntryList
        caseId={c.id}
        kind="training"
        title={t('labourUi.course.title')}
        render={(e) => (
          <span>
            {String(e.data.title)} · {t(`labourUi.course.types.${String(e.data.type)}`)} ·{' '}
            {t(`labourUi.course.statuses.${String(e.data.status)}`)} · {formatDate(String(e.data.startOn))}
            {e.data.completedOn ? ` – ${formatDate(String(e.data.completedOn))}` : ''}
          </span>
        )}
      />
      <InternshipForm c={c} />
      <EntryList
        caseId={c.id}
        kind="internship"
        title={t('labourUi.internship.title')}
        render={(e) => <Internship c={c} e={e} />}
      />
      <MediationForm c={c} />
      <EntryList
        caseId={c.id}
        kind="employer_mediation"
        title={t('labourUi.mediation.title')}
        render={(e) => (
          <span>
            {formatDate(String(e.data.date))} · {String(e.data.issues)}
            {e.data.agreements ? ` · ${t('labourUi.mediation.agreements')}: ${String(e.data.agreements)}` : ''}
            {e.data.ownView ? ` · ${t('labourUi.mediation.ownView')}: ${String(e.data.ownView)}` : ''}
          </span>
        )}
      />
      <PlacementForm c={c} />
      <EntryList
        caseId={c.id}
        kind="job_placement"
        title={t('labourUi.placement.title')}
        render={(e) => <Placement c={c} e={e} />}
      />
      <FollowUpForm c={c} />
      <EntryList
        caseId={c.id}
        kind="job_follow_up"
        title={t('labourUi.followUp.title')}
        render={(e) => (
          <span>
            {formatDate(String(e.data.date))} · {t('labourUi.followUp.stillInWork')}:{' '}
            {t(`labourUi.followUp.answers.${String(e.data.stillInWork)}`)}
            {e.data.note ? ` · ${String(e.data.note)}` : ''}
          </span>
        )}
      />
    </div>
  );
}

function Biography({ e }: { e: Entry }) {
  const { t } = useTranslation();
  const label = useLabel();
  const d = e.data as Record<string, any>;
  return (
    <div>
      <strong>{formatDate(String(d.recordedOn))}</strong>
      {(d.schooling ?? []).map((s: any, i: number) => (
        <p key={`s${i}`}>
          {t('labourUi.biography.schooling')}: {label('education_levels', s.level)}
          {s.completed ? ` (${t('labourUi.biography.completed')})` : ''}
        </p>
      ))}
      {(d.languages ?? []).map((l: any, i: number) => (
        <p key={`l${i}`}>
          {t('labourUi.biography.language')}: {l.language} · {t(`labourUi.biography.levels.${l.level}`)}
        </p>
      ))}
      {(d.workHistory ?? []).map((w: any, i: number) => (
        <p key={`w${i}`}>
          {t('labourUi.biography.work')}: {w.role}
          {w.sector ? ` · ${label('economic_sectors', w.sector)}` : ''} · {t(`labourUi.biography.periods.${w.period}`)}
        </p>
      ))}
      {(d.qualifications ?? []).map((q: any, i: number) => (
        <p key={`q${i}`}>
          {t('labourUi.biography.qualification')}: {q.title} · {t(`labourUi.biography.recognition.${q.recognition}`)}
        </p>
      ))}
      {d.goals && (
        <p>
          {t('labourUi.biography.goals')}: {d.goals}
        </p>
      )}
    </div>
  );
}

function BiographyForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const empty = {
    recordedOn: todayIso(),
    level: '',
    completed: false,
    language: '',
    languageLevel: 'basic',
    role: '',
    sector: '',
    period: 'before',
    qualification: '',
    recognition: 'not_applied',
    goals: '',
  };
  const [f, setF] = useState(empty);
  const periods = ['before', 'during_exploitation', 'after'];
  return (
    <RecordForm
      c={c}
      kind="work_biography"
      title={t('labourUi.biography.add')}
      onSaved={() => setF(empty)}
      build={() =>
        drop({
          recordedOn: f.recordedOn,
          schooling: f.level ? [{ level: f.level, completed: f.completed }] : [],
          languages: f.language ? [{ language: f.language, level: f.languageLevel }] : [],
          workHistory: f.role ? [drop({ role: f.role, sector: f.sector, period: f.period })] : [],
          qualifications: f.qualification ? [{ title: f.qualification, recognition: f.recognition }] : [],
          goals: f.goals,
        })
      }
    >
      {(fe) => (
        <>
          <Field
            label={t('labourUi.date')}
            type="date"
            value={f.recordedOn}
            onChange={(recordedOn) => setF({ ...f, recordedOn })}
            error={at(fe, 'recordedOn')}
          />
          <fieldset>
            <legend>{t('labourUi.biography.schooling')}</legend>
            <CodeSelect
              label={t('labourUi.biography.level')}
              listKey="education_levels"
              value={f.level}
              onChange={(level) => setF({ ...f, level })}
              error={at(fe, 'schooling.0.level')}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={f.completed}
                onChange={(e) => setF({ ...f, completed: e.target.checked })}
              />
              {t('labourUi.biography.completed')}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('labourUi.biography.language')}</legend>
            <Field
              label={t('labourUi.biography.languageCode')}
              value={f.language}
              onChange={(language) => setF({ ...f, language })}
              error={at(fe, 'languages.0.language')}
            />
            <Select
              label={t('labourUi.biography.languageLevel')}
              value={f.languageLevel}
              onChange={(languageLevel) => setF({ ...f, languageLevel })}
              options={['basic', 'independent', 'proficient', 'native'].map((v) => ({
                value: v,
                label: t(`labourUi.biography.levels.${v}`),
              }))}
            />
          </fieldset>
          <fieldset>
            <legend>{t('labourUi.biography.work')}</legend>
            <p className="muted">{t('labourUi.biography.withoutJudgement')}</p>
            <Field
              label={t('labourUi.biography.role')}
              value={f.role}
              onChange={(role) => setF({ ...f, role })}
              error={at(fe, 'workHistory.0.role')}
            />
            <CodeSelect
              label={t('labourUi.sector')}
              listKey="economic_sectors"
              value={f.sector}
              onChange={(sector) => setF({ ...f, sector })}
              error={at(fe, 'workHistory.0.sector')}
            />
            <Select
              label={t('labourUi.biography.period')}
              value={f.period}
              onChange={(period) => setF({ ...f, period })}
              options={periods.map((v) => ({ value: v, label: t(`labourUi.biography.periods.${v}`) }))}
            />
          </fieldset>
          <fieldset>
            <legend>{t('labourUi.biography.qualification')}</legend>
            <Field
              label={t('labourUi.biography.qualificationTitle')}
              value={f.qualification}
              onChange={(qualification) => setF({ ...f, qualification })}
            />
            <Select
              label={t('labourUi.biography.recognitionLabel')}
              value={f.recognition}
              onChange={(recognition) => setF({ ...f, recognition })}
              options={['recognised', 'in_progress', 'not_recognised', 'not_applied'].map((v) => ({
                value: v,
                label: t(`labourUi.biography.recognition.${v}`),
              }))}
            />
          </fieldset>
          <TextArea label={t('labourUi.biography.goals')} value={f.goals} onChange={(goals) => setF({ ...f, goals })} />
        </>
      )}
    </RecordForm>
  );
}

function ProviderFields({
  f,
  setF,
}: {
  f: { provider: string; partnerName: string };
  setF: (p: { provider: string; partnerName: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t('labourUi.provider.label')}
        required
        value={f.provider}
        onChange={(provider) => setF({ ...f, provider })}
        options={['own', 'partner'].map((v) => ({ value: v, label: t(`labourUi.provider.${v}`) }))}
      />
      {f.provider === 'partner' && (
        <Field
          label={t('labourUi.provider.partnerName')}
          value={f.partnerName}
          onChange={(partnerName) => setF({ ...f, partnerName })}
        />
      )}
    </>
  );
}

function GuidanceForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const empty = { date: todayIso(), provider: 'own', partnerName: '', attended: true, note: '' };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="guidance_session"
      title={t('labourUi.guidance.add')}
      onSaved={() => setF(empty)}
      build={() => drop(f)}
    >
      {(fe) => (
        <>
          <Field
            label={t('labourUi.date')}
            type="date"
            value={f.date}
            onChange={(date) => setF({ ...f, date })}
            error={at(fe, 'date')}
          />
          <ProviderFields f={f} setF={(p) => setF({ ...f, ...p })} />
          <label className="check">
            <input type="checkbox" checked={f.attended} onChange={(e) => setF({ ...f, attended: e.target.checked })} />
            {t('labourUi.guidance.attended')}
          </label>
          <TextArea label={t('labourUi.note')} value={f.note} onChange={(note) => setF({ ...f, note })} />
        </>
      )}
    </RecordForm>
  );
}

function CourseForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const empty = {
    title: '',
    type: 'vocational',
    provider: 'own',
    partnerName: '',
    startOn: todayIso(),
    endOn: '',
    status: 'enrolled',
    completedOn: '',
    attendancePercent: '',
    certificate: false,
  };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="training"
      title={t('labourUi.course.add')}
      onSaved={() => setF(empty)}
      build={() => drop({ ...f, attendancePercent: num(f.attendancePercent) })}
    >
      {(fe) => (
        <>
          <Field
            label={t('labourUi.course.name')}
            required
            value={f.title}
            onChange={(title) => setF({ ...f, title })}
            error={at(fe, 'title')}
          />
          <Select
            label={t('labourUi.course.type')}
            value={f.type}
            onChange={(type) => setF({ ...f, type })}
            options={['vocational', 'language', 'other'].map((v) => ({
              value: v,
              label: t(`labourUi.course.types.${v}`),
            }))}
          />
          <ProviderFields f={f} setF={(p) => setF({ ...f, ...p })} />
          <Field
            label={t('labourUi.startOn')}
            type="date"
            value={f.startOn}
            onChange={(startOn) => setF({ ...f, startOn })}
            error={at(fe, 'startOn')}
          />
          <Field
            label={t('labourUi.endOn')}
            type="date"
            value={f.endOn}
            onChange={(endOn) => setF({ ...f, endOn })}
            error={at(fe, 'endOn')}
          />
          <Select
            label={t('labourUi.status')}
            value={f.status}
            onChange={(status) => setF({ ...f, status })}
            options={['enrolled', 'attending', 'completed', 'left'].map((v) => ({
              value: v,
              label: t(`labourUi.course.statuses.${v}`),
            }))}
          />
          <Field
            label={t('labourUi.course.completedOn')}
            type="date"
            value={f.completedOn}
            onChange={(completedOn) => setF({ ...f, completedOn })}
            error={at(fe, 'completedOn')}
          />
          <Field
            label={t('labourUi.course.attendance')}
            type="number"
            value={f.attendancePercent}
            onChange={(attendancePercent) => setF({ ...f, attendancePercent })}
            error={at(fe, 'attendancePercent')}
          />
        </>
      )}
    </RecordForm>
  );
}

/** The employer and tutor pickers: the directory she can read (own and shared), and that employer's tutors. */
function EmployerPicker({
  employerId,
  tutorId,
  onChange,
  fe,
  withTutor = true,
  required = true,
}: {
  employerId: string;
  tutorId?: string;
  onChange: (employerId: string, tutorId: string) => void;
  fe: FieldErrors;
  withTutor?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const employers = useEmployers().data?.employers ?? [];
  const chosen = employers.find((e) => e.id === employerId);
  return (
    <>
      <Select
        label={t('labourUi.employer')}
        required={required}
        value={employerId}
        onChange={(id) => onChange(id, '')}
        options={employers.map((e) => ({ value: e.id, label: e.own ? e.name : `${e.name} (${e.organisation.name})` }))}
        error={at(fe, 'employerId')}
      />
      {withTutor && (
        <Select
          label={t('labourUi.tutor')}
          value={tutorId ?? ''}
          onChange={(id) => onChange(employerId, id)}
          options={(chosen?.tutors ?? []).map((tu) => ({
            value: tu.id,
            label: tu.role ? `${tu.name} · ${tu.role}` : tu.name,
          }))}
          error={at(fe, 'tutorId')}
        />
      )}
    </>
  );
}

function InternshipForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const empty = {
    employerId: '',
    tutorId: '',
    startOn: todayIso(),
    endOn: '',
    hoursPerWeek: '30',
    payKind: 'grant',
    monthlyAmount: '',
    currency: 'EUR',
    insurancePaidBy: 'organisation',
    insurancePolicyReference: '',
    objectives: '',
    costToOrganisation: '',
    status: 'planned',
  };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="internship"
      title={t('labourUi.internship.add')}
      onSaved={() => setF(empty)}
      build={() =>
        drop({
          employerId: f.employerId,
          tutorId: f.tutorId,
          startOn: f.startOn,
          endOn: f.endOn,
          hoursPerWeek: num(f.hoursPerWeek),
          pay: drop({
            kind: f.payKind,
            monthlyAmount: num(f.monthlyAmount),
            currency: f.monthlyAmount ? f.currency : '',
          }),
          insurancePaidBy: f.insurancePaidBy,
          insurancePolicyReference: f.insurancePolicyReference,
          objectives: f.objectives,
          costToOrganisation: num(f.costToOrganisation),
          status: f.status,
        })
      }
    >
      {(fe) => (
        <>
          <EmployerPicker
            employerId={f.employerId}
            tutorId={f.tutorId}
            onChange={(employerId, tutorId) => setF({ ...f, employerId, tutorId })}
            fe={fe}
          />
          <Field
            label={t('labourUi.startOn')}
            type="date"
            value={f.startOn}
            onChange={(startOn) => setF({ ...f, startOn })}
            error={at(fe, 'startOn')}
          />
          <Field
            label={t('labourUi.endOn')}
            type="date"
            required
            hint={t('labourUi.internship.lengthHint')}
            value={f.endOn}
            onChange={(endOn) => setF({ ...f, endOn })}
            error={at(fe, 'endOn')}
          />
          <Field
            label={t('labourUi.hoursPerWeek')}
            type="number"
            value={f.hoursPerWeek}
            onChange={(hoursPerWeek) => setF({ ...f, hoursPerWeek })}
            error={at(fe, 'hoursPerWeek')}
          />
          <Select
            label={t('labourUi.internship.pay')}
            value={f.payKind}
            onChange={(payKind) => setF({ ...f, payKind })}
            options={['wage', 'grant', 'none'].map((v) => ({
              value: v,
              label: t(`labourUi.internship.payKinds.${v}`),
            }))}
          />
          <Field
            label={t('labourUi.internship.monthlyAmount')}
            type="number"
            value={f.monthlyAmount}
            onChange={(monthlyAmount) => setF({ ...f, monthlyAmount })}
            error={at(fe, 'pay.monthlyAmount')}
          />
          <Field
            label={t('labourUi.internship.currency')}
            value={f.currency}
            onChange={(currency) => setF({ ...f, currency })}
            error={at(fe, 'pay.currency')}
          />
          <Select
            label={t('labourUi.internship.insurancePaidBy')}
            value={f.insurancePaidBy}
            onChange={(insurancePaidBy) => setF({ ...f, insurancePaidBy })}
            options={['organisation', 'employer', 'public_scheme', 'other'].map((v) => ({
              value: v,
              label: t(`labourUi.internship.payers.${v}`),
            }))}
          />
          <Field
            label={t('labourUi.internship.policy')}
            value={f.insurancePolicyReference}
            onChange={(insurancePolicyReference) => setF({ ...f, insurancePolicyReference })}
          />
          <TextArea
            label={t('labourUi.internship.objectives')}
            value={f.objectives}
            onChange={(objectives) => setF({ ...f, objectives })}
          />
          <Field
            label={t('labourUi.internship.cost')}
            type="number"
            value={f.costToOrganisation}
            onChange={(costToOrganisation) => setF({ ...f, costToOrganisation })}
            error={at(fe, 'costToOrganisation')}
          />
          <Select
            label={t('labourUi.status')}
            value={f.status}
            onChange={(status) => setF({ ...f, status })}
            options={['planned', 'ongoing'].map((v) => ({ value: v, label: t(`labourUi.internship.statuses.${v}`) }))}
          />
        </>
      )}
    </RecordForm>
  );
}

/** Revises a record (ending it), with the reason the correction history keeps. */
function useRevise(c: CaseDetail, e: Entry) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { data: Record<string, unknown>; reason: string }) =>
      api(`/api/cases/${c.id}/entries/${e.id}`, { method: 'PATCH', body: { ...body, version: e.version } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', c.id] }),
  });
}

/** Ending an internship or placement: the date, her stated reasons (her words), then a confirmation. */
function EndRecord({ c, e, kind }: { c: CaseDetail; e: Entry; kind: 'internship' | 'job_placement' }) {
  const { t } = useTranslation();
  const revise = useRevise(c, e);
  const fe = useFieldErrors(revise.error);
  const [endedOn, setEndedOn] = useState(todayIso());
  const [outcome, setOutcome] = useState('completed');
  const [reasons, setReasons] = useState('');
  const [open, setOpen] = useState(false);
  if (!c.permissions.update) return null;
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t(`labourUi.end.${kind}`)}
      </button>
    );
  const { custom: _custom, ...data } = e.data as Record<string, unknown>;
  const ended =
    kind === 'internship'
      ? { ...data, status: outcome, endedOn, ...(reasons ? { statedReasons: reasons } : {}) }
      : { ...data, endedOn, ...(reasons ? { statedReasons: reasons } : {}) };
  return (
    <div className="card" role="group" aria-label={t(`labourUi.end.${kind}`)}>
      <Field
        label={t('labourUi.end.endedOn')}
        type="date"
        value={endedOn}
        onChange={setEndedOn}
        error={at(fe, 'endedOn')}
      />
      {kind === 'internship' && (
        <Select
          label={t('labourUi.end.how')}
          value={outcome}
          onChange={setOutcome}
          options={['completed', 'ended_early'].map((v) => ({
            value: v,
            label: t(`labourUi.internship.statuses.${v}`),
          }))}
        />
      )}
      <TextArea label={t('labourUi.end.reasons')} value={reasons} onChange={setReasons} />
      <FieldErrorSummary fe={fe} />
      <ConfirmButton
        label={t('labourUi.end.confirm')}
        question={t('labourUi.end.question')}
        onConfirm={() => revise.mutate({ data: ended, reason: t('labourUi.end.historyReason') })}
      />
    </div>
  );
}

function employerName(employers: { id: string; name: string }[], id: unknown) {
  return employers.find((x) => x.id === id)?.name ?? '—';
}

function Internship({ c, e }: { c: CaseDetail; e: Entry }) {
  const { t } = useTranslation();
  const employers = useEmployers().data?.employers ?? [];
  const d = e.data as Record<string, any>;
  const tutor = employers.flatMap((x) => x.tutors).find((x) => x.id === d.tutorId);
  const open = d.status === 'planned' || d.status === 'ongoing';
  return (
    <div>
      <strong>{employerName(employers, d.employerId)}</strong>
      {tutor ? ` · ${t('labourUi.tutor')}: ${tutor.name}` : ''} · {formatDate(d.startOn)} – {formatDate(d.endOn)} ·{' '}
      {t(`labourUi.internship.statuses.${d.status}`)}
      {d.objectives && (
        <p>
          {t('labourUi.internship.objectives')}: {d.objectives}
        </p>
      )}
      {d.statedReasons && (
        <p>
          {t('labourUi.end.reasons')}: {d.statedReasons}
        </p>
      )}
      {open && <EndRecord c={c} e={e} kind="internship" />}
    </div>
  );
}

function Placement({ c, e }: { c: CaseDetail; e: Entry }) {
  const { t } = useTranslation();
  const label = useLabel();
  const employers = useEmployers().data?.employers ?? [];
  const d = e.data as Record<string, any>;
  return (
    <div>
      <strong>{d.employerId ? employerName(employers, d.employerId) : label('contract_types', d.contractType)}</strong>{' '}
      · {label('contract_types', d.contractType)}
      {d.sector ? ` · ${label('economic_sectors', d.sector)}` : ''} · {formatDate(d.startOn)}
      {d.endedOn ? ` – ${formatDate(d.endedOn)}` : ''}
      {d.statedReasons && (
        <p>
          {t('labourUi.end.reasons')}: {d.statedReasons}
        </p>
      )}
      {!d.endedOn && <EndRecord c={c} e={e} kind="job_placement" />}
    </div>
  );
}

function MediationForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const internships = useEntries(c.id, 'internship').data?.entries ?? [];
  const empty = { date: todayIso(), employerId: '', internshipId: '', issues: '', agreements: '', ownView: '' };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="employer_mediation"
      title={t('labourUi.mediation.add')}
      onSaved={() => setF(empty)}
      build={() => drop(f)}
    >
      {(fe) => (
        <>
          <Field
            label={t('labourUi.date')}
            type="date"
            value={f.date}
            onChange={(date) => setF({ ...f, date })}
            error={at(fe, 'date')}
          />
          <EmployerPicker
            employerId={f.employerId}
            withTutor={false}
            onChange={(employerId) => setF({ ...f, employerId })}
            fe={fe}
          />
          <Select
            label={t('labourUi.mediation.internship')}
            value={f.internshipId}
            onChange={(internshipId) => setF({ ...f, internshipId })}
            options={internships.map((i) => ({
              value: i.id,
              label: `${formatDate(String(i.data.startOn))} – ${formatDate(String(i.data.endOn))}`,
            }))}
            error={at(fe, 'internshipId')}
          />
          <TextArea
            label={t('labourUi.mediation.issues')}
            value={f.issues}
            onChange={(issues) => setF({ ...f, issues })}
          />
          <TextArea
            label={t('labourUi.mediation.agreements')}
            value={f.agreements}
            onChange={(agreements) => setF({ ...f, agreements })}
          />
          <TextArea
            label={t('labourUi.mediation.ownView')}
            value={f.ownView}
            onChange={(ownView) => setF({ ...f, ownView })}
          />
        </>
      )}
    </RecordForm>
  );
}

function PlacementForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const empty = {
    employerId: '',
    contractType: '',
    sector: '',
    startOn: todayIso(),
    hoursPerWeek: '',
    followUpEveryMonths: '3',
  };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="job_placement"
      title={t('labourUi.placement.add')}
      onSaved={() => setF(empty)}
      build={() => drop({ ...f, hoursPerWeek: num(f.hoursPerWeek), followUpEveryMonths: num(f.followUpEveryMonths) })}
    >
      {(fe) => (
        <>
          <EmployerPicker
            employerId={f.employerId}
            withTutor={false}
            required={false}
            onChange={(employerId) => setF({ ...f, employerId })}
            fe={fe}
          />
          <CodeSelect
            label={t('labourUi.placement.contractType')}
            listKey="contract_types"
            required
            value={f.contractType}
            onChange={(contractType) => setF({ ...f, contractType })}
            error={at(fe, 'contractType')}
          />
          <CodeSelect
            label={t('labourUi.sector')}
            listKey="economic_sectors"
            value={f.sector}
            onChange={(sector) => setF({ ...f, sector })}
            error={at(fe, 'sector')}
          />
          <Field
            label={t('labourUi.startOn')}
            type="date"
            value={f.startOn}
            onChange={(startOn) => setF({ ...f, startOn })}
            error={at(fe, 'startOn')}
          />
          <Field
            label={t('labourUi.hoursPerWeek')}
            type="number"
            value={f.hoursPerWeek}
            onChange={(hoursPerWeek) => setF({ ...f, hoursPerWeek })}
            error={at(fe, 'hoursPerWeek')}
          />
          <Field
            label={t('labourUi.placement.followUpEvery')}
            type="number"
            value={f.followUpEveryMonths}
            onChange={(followUpEveryMonths) => setF({ ...f, followUpEveryMonths })}
            error={at(fe, 'followUpEveryMonths')}
          />
        </>
      )}
    </RecordForm>
  );
}

function FollowUpForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const placements = useEntries(c.id, 'job_placement').data?.entries ?? [];
  const empty = { placementId: '', date: todayIso(), stillInWork: 'yes', note: '' };
  const [f, setF] = useState(empty);
  return (
    <RecordForm
      c={c}
      kind="job_follow_up"
      title={t('labourUi.followUp.add')}
      onSaved={() => setF({ ...empty, placementId: f.placementId })}
      build={() => drop(f)}
    >
      {(fe) => (
        <>
          <Select
            label={t('labourUi.followUp.placement')}
            required
            value={f.placementId}
            onChange={(placementId) => setF({ ...f, placementId })}
            options={placements.map((p) => ({
              value: p.id,
              label: `${label('contract_types', String(p.data.contractType))} · ${formatDate(String(p.data.startOn))}`,
            }))}
            error={at(fe, 'placementId')}
          />
          <Field
            label={t('labourUi.date')}
            type="date"
            value={f.date}
            onChange={(date) => setF({ ...f, date })}
            error={at(fe, 'date')}
          />
          <Select
            label={t('labourUi.followUp.stillInWork')}
            value={f.stillInWork}
            onChange={(stillInWork) => setF({ ...f, stillInWork })}
            options={['yes', 'no', 'unknown'].map((v) => ({ value: v, label: t(`labourUi.followUp.answers.${v}`) }))}
          />
          <TextArea label={t('labourUi.note')} value={f.note} onChange={(note) => setF({ ...f, note })} />
        </>
      )}
    </RecordForm>
  );
}

/**
 * Minors: her guardian or legal representative, best-interests determinations, age assessments and
 * the child-protection referral her case's country requires. Names, contacts, authorities and notes
 * are encrypted at rest (SECRET_FIELDS). The child-protection notice is on the case header.
 */
import { useTranslation } from 'react-i18next';
import { todayIso, useLabel, type CaseDetail } from '../../api/cases';
import { Field } from '../fields';
import { EntryList } from '../tabs/EntryList';
import { RecordForm, useRecordForm } from '../tabs/SeparateRecords';
import { formatDate } from '../../i18n/dates';

const GUARDIAN_ROLES = ['guardian', 'legal_representative', 'voluntary_guardian', 'institutional_guardian', 'other'];
const BID_OUTCOMES = [
  'stay_in_country',
  'return_to_family',
  'family_reunification_elsewhere',
  'alternative_care',
  'pending',
  'other',
];
const AGE_METHODS = ['document', 'medical', 'psychosocial_interview', 'self_declaration', 'other'];
const AGE_RESULTS = ['minor', 'adult', 'uncertain'];

function Select({
  label,
  name,
  value,
  options,
  prefix,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  options: string[];
  prefix: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${prefix}.${o}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function MinorsTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <div className="tab-panel">
      <p className="muted" data-testid="minor-status">
        {c.childProtection.minor ? t('minorsUi.isMinor') : t('minorsUi.notMinor')}
      </p>
      <ChildProtectionReferralForm c={c} />
      <EntryList
        caseId={c.id}
        kind="child_protection_referral"
        title={t('minorsUi.referral.list')}
        render={(e) => (
          <>
            <strong>{String(e.data.authority)}</strong> · {formatDate(String(e.data.referredOn))}
            {typeof e.data.reference === 'string' && <> · {e.data.reference}</>}
            {typeof e.data.requirement === 'string' && (
              <div className="muted">{label('child_protection_requirements', e.data.requirement)}</div>
            )}
          </>
        )}
      />
      <GuardianForm c={c} />
      <EntryList
        caseId={c.id}
        kind="guardian"
        title={t('minorsUi.guardian.list')}
        render={(e) => (
          <>
            <strong>{String(e.data.name)}</strong> · {t(`minorsUi.guardian.roles.${String(e.data.role)}`)}
            {typeof e.data.appointedOn === 'string' && <> · {formatDate(e.data.appointedOn)}</>}
            {typeof e.data.authority === 'string' && <> · {e.data.authority}</>}
            {typeof e.data.contact === 'string' && <div className="muted">{e.data.contact}</div>}
          </>
        )}
      />
      <BestInterestsForm c={c} />
      <EntryList
        caseId={c.id}
        kind="best_interests_determination"
        title={t('minorsUi.bid.list')}
        render={(e) => (
          <>
            <strong>{t(`minorsUi.bid.outcomes.${String(e.data.outcome)}`)}</strong> · {formatDate(String(e.data.date))}{' '}
            · {String(e.data.decidedBy)}
            {typeof e.data.note === 'string' && <div className="muted">{e.data.note}</div>}
          </>
        )}
      />
      <AgeAssessmentForm c={c} />
      <EntryList
        caseId={c.id}
        kind="age_assessment"
        title={t('minorsUi.age.list')}
        render={(e) => (
          <>
            <strong>{t(`minorsUi.age.results.${String(e.data.result)}`)}</strong> · {formatDate(String(e.data.date))} ·{' '}
            {t(`minorsUi.age.methods.${String(e.data.method)}`)}
            {typeof e.data.assessedBy === 'string' && <> · {e.data.assessedBy}</>}
          </>
        )}
      />
    </div>
  );
}

function ChildProtectionReferralForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ authority: '', referredOn: todayIso(), reference: '' }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="child-protection-referral-title"
      title={t('minorsUi.referral.title')}
      hint={t('minorsUi.referral.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('minorsUi.referral.save')}
      onSubmit={() =>
        f.save('child_protection_referral', {
          ...f.value,
          ...(c.childProtection.requirement ? { requirement: c.childProtection.requirement } : {}),
        })
      }
    >
      <Field
        label={t('minorsUi.referral.authority')}
        name="cpAuthority"
        required
        value={f.value.authority}
        onChange={(authority) => f.set({ authority })}
      />
      <Field
        label={t('minorsUi.referral.referredOn')}
        type="date"
        name="cpReferredOn"
        required
        value={f.value.referredOn}
        onChange={(referredOn) => f.set({ referredOn })}
      />
      <Field
        label={t('minorsUi.referral.reference')}
        name="cpReference"
        value={f.value.reference}
        onChange={(reference) => f.set({ reference })}
      />
    </RecordForm>
  );
}

function GuardianForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ name: '', contact: '', role: 'guardian', appointedOn: '', authority: '' }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="guardian-title"
      title={t('minorsUi.guardian.title')}
      hint={t('minorsUi.guardian.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('minorsUi.guardian.save')}
      onSubmit={() => f.save('guardian', f.value)}
    >
      <Field
        label={t('minorsUi.guardian.name')}
        name="guardianName"
        required
        value={f.value.name}
        onChange={(name) => f.set({ name })}
      />
      <Select
        label={t('minorsUi.guardian.role')}
        name="guardianRole"
        value={f.value.role}
        options={GUARDIAN_ROLES}
        prefix="minorsUi.guardian.roles"
        onChange={(role) => f.set({ role })}
      />
      <Field
        label={t('minorsUi.guardian.contact')}
        name="guardianContact"
        value={f.value.contact}
        onChange={(contact) => f.set({ contact })}
      />
      <Field
        label={t('minorsUi.guardian.appointedOn')}
        type="date"
        name="guardianAppointedOn"
        value={f.value.appointedOn}
        onChange={(appointedOn) => f.set({ appointedOn })}
      />
      <Field
        label={t('minorsUi.guardian.authority')}
        name="guardianAuthority"
        value={f.value.authority}
        onChange={(authority) => f.set({ authority })}
      />
    </RecordForm>
  );
}

function BestInterestsForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ date: todayIso(), decidedBy: '', outcome: 'pending', note: '' }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="bid-title"
      title={t('minorsUi.bid.title')}
      hint={t('minorsUi.bid.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('minorsUi.bid.save')}
      onSubmit={() => f.save('best_interests_determination', f.value)}
    >
      <Field
        label={t('minorsUi.bid.date')}
        type="date"
        name="bidDate"
        required
        value={f.value.date}
        onChange={(date) => f.set({ date })}
      />
      <Field
        label={t('minorsUi.bid.decidedBy')}
        name="bidDecidedBy"
        required
        value={f.value.decidedBy}
        onChange={(decidedBy) => f.set({ decidedBy })}
      />
      <Select
        label={t('minorsUi.bid.outcome')}
        name="bidOutcome"
        value={f.value.outcome}
        options={BID_OUTCOMES}
        prefix="minorsUi.bid.outcomes"
        onChange={(outcome) => f.set({ outcome })}
      />
      <label className="field">
        <span>{t('minorsUi.bid.note')}</span>
        <textarea name="bidNote" rows={4} value={f.value.note} onChange={(e) => f.set({ note: e.target.value })} />
      </label>
    </RecordForm>
  );
}

function AgeAssessmentForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const f = useRecordForm(c.id, () => ({ date: todayIso(), method: 'document', result: 'uncertain', assessedBy: '' }));
  if (!c.permissions.update) return null;
  return (
    <RecordForm
      id="age-assessment-title"
      title={t('minorsUi.age.title')}
      hint={t('minorsUi.age.hint')}
      pending={f.add.isPending}
      error={f.add.error}
      saved={f.saved}
      submit={t('minorsUi.age.save')}
      onSubmit={() => f.save('age_assessment', f.value)}
    >
      <Field
        label={t('minorsUi.age.date')}
        type="date"
        name="ageDate"
        required
        value={f.value.date}
        onChange={(date) => f.set({ date })}
      />
      <Select
        label={t('minorsUi.age.method')}
        name="ageMethod"
        value={f.value.method}
        options={AGE_METHODS}
        prefix="minorsUi.age.methods"
        onChange={(method) => f.set({ method })}
      />
      <Select
        label={t('minorsUi.age.result')}
        name="ageResult"
        value={f.value.result}
        options={AGE_RESULTS}
        prefix="minorsUi.age.results"
        onChange={(result) => f.set({ result })}
      />
      <Field
        label={t('minorsUi.age.assessedBy')}
        name="ageAssessedBy"
        value={f.value.assessedBy}
        onChange={(assessedBy) => f.set({ assessedBy })}
      />
    </RecordForm>
  );
}

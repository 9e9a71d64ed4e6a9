/**
 * First contact: the person (identifying fields are encrypted), the intake and a safety risk assessment.
 * With ?from=<case id> it opens a new case for the person of that case: her identity is reused, not asked again.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import { todayIso, type CaseDetail } from '../api/cases';
import { ErrorMessage } from '../components/ErrorMessage';
import { useUnsavedChanges } from '../components/useUnsavedChanges';
import { FieldErrorSummary, useFieldErrors } from '../components/FieldErrors';
import { Check, CodeChecks, CodeSelect, Field } from './fields';
import { PossibleMatches } from './search/PossibleMatches';

export function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const from = useSearchParams()[0].get('from');
  const known = useQuery({
    queryKey: ['case', from],
    queryFn: () => api<CaseDetail>(`/api/cases/${from}`),
    enabled: !!from,
  });
  const knownName = known.data
    ? [known.data.person.givenName, known.data.person.familyName].filter(Boolean).join(' ')
    : '';
  const [p, setP] = useState({
    givenName: '',
    familyName: '',
    dateOfBirth: '',
    sex: 'female',
    citizenship: '',
    chosenTerm: '',
    preferredLanguage: '',
  });
  const [intake, setIntake] = useState({
    channel: '',
    contactDate: todayIso(),
    municipality: '',
    language: '',
    mediatorUsed: false,
    immediateNeeds: [] as string[],
  });
  const [risk, setRisk] = useState('');
  // Leaving with anything typed asks first; the first render's values are the clean form.
  const [pristine] = useState(() => JSON.stringify({ p, intake, risk }));
  const unsaved = useUnsavedChanges(JSON.stringify({ p, intake, risk }) !== pristine);
  // One key per submission: a double click or a retry opens one case.
  const idem = useIdempotencyKey();
  const create = useMutation({
    mutationFn: () => {
      const clean = <T extends Record<string, unknown>>(o: T) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '')) as T;
      const who = from ? { personId: known.data!.person.id } : { person: clean(p) };
      return api<CaseDetail>('/api/cases', {
        method: 'POST',
        body: { ...who, intake: clean(intake), risk: { level: risk } },
        idempotencyKey: idem.key,
      });
    },
    onSuccess: (c) => {
      idem.renew();
      // Her earlier case now lists this one (and no longer offers a new case): refetch it.
      if (from) void client.invalidateQueries({ queryKey: ['case', from] });
      unsaved.release();
      navigate(`/cases/${c.id}`);
    },
  });

  // The server's field paths (person.givenName, intake.contactDate, risk.level) put each message at its field.
  const fe = useFieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  // A 409 names her open case: offer to go there rather than duplicate it.
  const openCase =
    create.error instanceof ApiError && create.error.code === 'open_case_exists'
      ? (create.error.details as { caseId?: string; reference?: string } | undefined)
      : undefined;

  if (from && known.isPending) return <p role="status">{t('common.loading')}</p>;
  if (from && known.isError) return <ErrorMessage error={known.error} />;

  return (
    <section>
      <h1>{from ? t('caseUi.newCaseFor', { name: knownName }) : t('caseUi.newIntake')}</h1>
      <p className="muted">{from ? t('caseUi.knownPersonIntro') : t('caseUi.intakeIntro')}</p>
      <form onSubmit={submit} className="form-grid">
        {!from && (
          <fieldset className="card">
            <legend>{t('caseUi.personSection')}</legend>
            <Field
              label={t('caseUi.givenName')}
              value={p.givenName}
              required
              onChange={(givenName) => setP({ ...p, givenName })}
              error={fe.errorFor('person.givenName')}
            />
            <Field
              label={t('caseUi.familyName')}
              value={p.familyName}
              onChange={(familyName) => setP({ ...p, familyName })}
              error={fe.errorFor('person.familyName')}
            />
            <Field
              label={t('caseUi.dateOfBirth')}
              type="date"
              value={p.dateOfBirth}
              onChange={(dateOfBirth) => setP({ ...p, dateOfBirth })}
              error={fe.errorFor('person.dateOfBirth')}
            />
            <label className="field">
              <span>{t('caseUi.sex')}</span>
              <select value={p.sex} onChange={(e) => setP({ ...p, sex: e.target.value })}>
                {['female', 'male', 'other', 'unknown'].map((s) => (
                  <option key={s} value={s}>
                    {t(`caseUi.sexes.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <Field
              label={t('caseUi.citizenship')}
              value={p.citizenship}
              onChange={(citizenship) => setP({ ...p, citizenship: citizenship.toUpperCase() })}
              error={fe.errorFor('person.citizenship')}
              hint={t('caseUi.citizenshipHint')}
            />
            <CodeSelect
              label={t('caseUi.chosenTerm')}
              listKey="chosen_terms"
              value={p.chosenTerm}
              onChange={(chosenTerm) => setP({ ...p, chosenTerm })}
              error={fe.errorFor('person.chosenTerm')}
            />
            <Field
              label={t('caseUi.preferredLanguage')}
              value={p.preferredLanguage}
              onChange={(preferredLanguage) => setP({ ...p, preferredLanguage })}
              error={fe.errorFor('person.preferredLanguage')}
            />
          </fieldset>
        )}
        {!from && <PossibleMatches givenName={p.givenName} familyName={p.familyName} dateOfBirth={p.dateOfBirth} />}
        <fieldset className="card">
          <legend>{t('caseUi.intakeSection')}</legend>
          <CodeSelect
            label={t('caseUi.channel')}
            listKey="channels"
            required
            value={intake.channel}
            onChange={(channel) => setIntake({ ...intake, channel })}
            error={fe.errorFor('intake.channel')}
          />
          <Field
            label={t('caseUi.contactDate')}
            type="date"
            required
            value={intake.contactDate}
            onChange={(contactDate) => setIntake({ ...intake, contactDate })}
            error={fe.errorFor('intake.contactDate')}
          />
          <Field
            label={t('caseUi.municipality')}
            value={intake.municipality}
            onChange={(municipality) => setIntake({ ...intake, municipality })}
            error={fe.errorFor('intake.municipality')}
            hint={t('caseUi.municipalityHint')}
          />
          <Field
            label={t('caseUi.language')}
            value={intake.language}
            onChange={(language) => setIntake({ ...intake, language })}
            error={fe.errorFor('intake.language')}
          />
          <Check
            label={t('caseUi.mediatorUsed')}
            checked={intake.mediatorUsed}
            onChange={(mediatorUsed) => setIntake({ ...intake, mediatorUsed })}
          />
          <CodeChecks
            legend={t('caseUi.immediateNeeds')}
            listKey="immediate_needs"
            value={intake.immediateNeeds}
            onChange={(immediateNeeds) => setIntake({ ...intake, immediateNeeds })}
          />
          <CodeSelect
            label={t('caseUi.riskLevel')}
            listKey="risk_levels"
            required
            value={risk}
            onChange={setRisk}
            error={fe.errorFor('risk.level')}
          />
        </fieldset>
        <ErrorMessage error={create.error} />
        <FieldErrorSummary fe={fe} />
        {openCase?.caseId && (
          <p>
            <Link to={`/cases/${openCase.caseId}`}>
              {t('caseUi.goToCase', { reference: openCase.reference ?? '' })}
            </Link>
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('caseUi.openCase')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Palermo Art. 3 assessment with its derivation; the organisation's determination kept apart from any other. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useAddEntry, useLabel, type CaseDetail } from '../../api/cases';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DerivationCard, useFieldError } from '../Derivation';
import { CodeChecks, Field } from '../fields';
import { EntryList } from './EntryList';
import { SeparateRecords } from './SeparateRecords';
import { SmugglingCard } from './SmugglingCard';
import { formatDate } from '../../i18n/dates';

export function IdentificationTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const label = useLabel();
  const add = useAddEntry(c.id);
  const assess = useAddEntry(c.id);
  // Her age at the time of the acts is what counts: the acts date and/or the explicit answer.
  const [a, setA] = useState({
    acts: [] as string[],
    means: [] as string[],
    purposes: [] as string[],
    formsOfExploitation: [] as string[],
    assessedOn: todayIso(),
    actsDate: '',
    minorAtActs: 'unknown',
  });
  const [decision, setDecision] = useState({ outcome: 'determined', decidedBy: '', decidedOn: todayIso() });
  const fieldError = useFieldError(assess.error);

  return (
    <div className="tab-panel">
      {c.identification && <DerivationCard identification={c.identification} headingId="derivation-title" />}
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="assess-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            const { actsDate, ...rest } = a;
            assess.mutate({ kind: 'identification', data: { ...rest, ...(actsDate ? { actsDate } : {}) } });
          }}
        >
          <h2 id="assess-title">{t('caseUi.assessment')}</h2>
          <CodeChecks
            legend={t('caseUi.acts')}
            listKey="palermo_acts"
            value={a.acts}
            onChange={(acts) => setA({ ...a, acts })}
          />
          <CodeChecks
            legend={t('caseUi.means')}
            listKey="palermo_means"
            value={a.means}
            onChange={(means) => setA({ ...a, means })}
          />
          <CodeChecks
            legend={t('caseUi.purposes')}
            listKey="palermo_purposes"
            value={a.purposes}
            onChange={(purposes) => setA({ ...a, purposes })}
          />
          <CodeChecks
            legend={t('caseUi.forms')}
            listKey="forms_of_exploitation"
            value={a.formsOfExploitation}
            onChange={(formsOfExploitation) => setA({ ...a, formsOfExploitation })}
          />
          <Field
            label={t('caseUi.actsDate')}
            type="date"
            name="actsDate"
            value={a.actsDate}
            onChange={(actsDate) => setA({ ...a, actsDate })}
            hint={t('caseUi.actsDateHint')}
            error={fieldError('actsDate')}
          />
          <fieldset className="checks">
            <legend>{t('caseUi.minorAtActs')}</legend>
            {(['yes', 'no', 'unknown'] as const).map((v) => (
              <label key={v} className="checkbox">
                <input
                  type="radio"
                  name="minorAtActs"
                  value={v}
                  checked={a.minorAtActs === v}
                  onChange={() => setA({ ...a, minorAtActs: v })}
                />
                {t(`caseUi.minorAtActsOptions.${v}`)}
              </label>
            ))}
          </fieldset>
          <Field
            label={t('caseUi.assessedOn')}
            type="date"
            value={a.assessedOn}
            onChange={(assessedOn) => setA({ ...a, assessedOn })}
            error={fieldError('assessedOn')}
          />
          <ErrorMessage error={assess.error} />
          <div className="actions">
            <button type="submit" disabled={assess.isPending}>
              {t('caseUi.saveAssessment')}
            </button>
          </div>
        </form>
      )}
      {c.permissions.update && (
        <form
          className="card"
          aria-labelledby="decision-title"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate({ kind: 'determination_organisation', data: decision });
          }}
        >
          <h2 id="decision-title">{t('caseUi.orgDetermination')}</h2>
          <p className="muted">{t('caseUi.determinationsApart')}</p>
          <label className="field">
            <span>{t('caseUi.outcome')}</span>
            <select value={decision.outcome} onChange={(e) => setDecision({ ...decision, outcome: e.target.value })}>
              {['determined', 'not_determined', 'pending'].map((o) => (
                <option key={o} value={o}>
                  {t(`caseUi.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </label>
          <Field
            label={t('caseUi.decidedBy')}
            required
            value={decision.decidedBy}
            onChange={(decidedBy) => setDecision({ ...decision, decidedBy })}
          />
          <Field
            label={t('caseUi.decidedOn')}
            type="date"
            value={decision.decidedOn}
            onChange={(decidedOn) => setDecision({ ...decision, decidedOn })}
          />
          <div className="actions">
            <button type="submit" disabled={add.isPending}>
              {t('caseUi.recordDetermination')}
            </button>
          </div>
        </form>
      )}
      <EntryList
        caseId={c.id}
        kind="determination_organisation"
        title={t('caseUi.orgDetermination')}
        render={(e) => (
          <>
            {t(`caseUi.outcomes.${String(e.data.outcome)}`)} · {String(e.data.decidedBy)} ·{' '}
            {formatDate(String(e.data.decidedOn))}
          </>
        )}
      />
      <EntryList
        caseId={c.id}
        kind="identification"
        title={t('caseUi.assessments')}
        render={(e) => (
          <>
            {(e.data.formsOfExploitation as string[]).map((f) => label('forms_of_exploitation', f)).join(', ') || '—'} ·{' '}
            {formatDate(String(e.data.assessedOn))}
          </>
        )}
      />
      <SmugglingCard c={c} />
      <SeparateRecords c={c} />
      <p className="muted">{t('caseUi.noAutoLabel')}</p>
    </div>
  );
}

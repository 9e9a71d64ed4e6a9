/**
 * The case's Forms tab (issue #17): the organisation's published forms for the case record, filled
 * in with the shared renderer (skip logic live, problems at each field, the server's field errors at
 * the same fields), saved once per submission (idempotency key), and the recorded ones listed with
 * their version, read with THAT version's labels, corrected (under their own version) or voided.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition, FormValues } from '../../../domain/forms/definition';
import { labelIn, presentRecord } from '../../../domain/forms/present';
import type { CustomValuesView } from '../../../server/api-types';
import { useAddEntry, useEntries, useLabel, type CaseDetail, type Entry } from '../../api/cases';
import { fieldIssues } from '../../components/FieldErrors';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import {
  cleanValues,
  CustomFormFields,
  serverProblems,
  useLocalProblems,
  valuesByName,
  type DraftValues,
} from '../../forms/CustomFormFields';
import { useFormVersion, usePublishedForms } from '../../forms/api';
import { formatDate } from '../../i18n/dates';
import { EntryActions, VoidedEntries } from '../corrections/EntryActions';
import { useReviseEntry } from '../corrections/api';
import { ReasonField } from '../corrections/inputs';
import { useAttachments } from '../attachments/api';

/** The case's attachments as choices of an attachment field. */
function useAttachmentChoices(caseId: string) {
  const attachments = useAttachments(caseId).data?.attachments ?? [];
  return attachments.map((a) => ({ id: a.id, label: a.fileName }));
}

export function FormsTab({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const forms = usePublishedForms('case');
  const [open, setOpen] = useState<string | null>(null);
  const chosen = forms.data?.forms.find((f) => f.code === open);
  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="custom-forms-title">
        <h2 id="custom-forms-title">{t('customFormsUi.caseTitle')}</h2>
        <ErrorMessage error={forms.error} />
        {forms.data?.forms.length === 0 && <p className="muted">{t('customFormsUi.noneOffered')}</p>}
        {c.permissions.update && (
          <ul className="inline-list">
            {forms.data?.forms.map((f) => (
              <li key={f.code}>
                <button
                  type="button"
                  className={open === f.code ? '' : 'secondary'}
                  aria-expanded={open === f.code}
                  onClick={() => setOpen(open === f.code ? null : f.code)}
                >
                  {t('customFormsUi.fillIn', { title: f.published ? labelIn(f.published.title, language) : f.code })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {chosen?.published && (
          <FillIn
            key={`${chosen.code}-${chosen.currentVersion}`}
            caseId={c.id}
            form={chosen.published}
            version={chosen.currentVersion}
            onDone={() => setOpen(null)}
          />
        )}
      </section>
      <RecordedForms c={c} />
    </div>
  );
}

function FillIn({
  caseId,
  form,
  version,
  onDone,
}: {
  caseId: string;
  form: FormDefinition;
  version: number;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const add = useAddEntry(caseId);
  const [values, setValues] = useState<DraftValues>({});
  const [tried, setTried] = useState(false);
  const local = useLocalProblems(form, values);
  const server = serverProblems(fieldIssues(add.error), 'data.values');
  const unsaved = useUnsavedChanges(Object.keys(cleanValues(values)).length > 0 && !add.isSuccess);
  const attachments = useAttachmentChoices(caseId);
  const title = labelIn(form.title, i18n.resolvedLanguage ?? 'en');

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(local).length > 0) return;
    add.mutate(
      { kind: 'custom_form', data: { form: form.code, version, values: cleanValues(values) } },
      {
        onSuccess: () => {
          unsaved.release();
          onDone();
        },
      },
    );
  }

  return (
    <form className="custom-fill" aria-label={title} onSubmit={submit} noValidate>
      <h3>
        {title} <small className="muted">{t('customFormsUi.version', { version })}</small>
      </h3>
      {form.description && <p className="muted">{labelIn(form.description, i18n.resolvedLanguage ?? 'en')}</p>}
      <CustomFormFields
        form={form}
        values={values}
        onChange={setValues}
        problems={{ ...(tried ? local : {}), ...server }}
        attachments={attachments}
      />
      {tried && Object.keys(local).length > 0 && (
        <p className="alert alert-error" role="alert">
          {t('customFormsUi.fixFields')}
        </p>
      )}
      <ErrorMessage error={add.error} />
      <div className="actions">
        <button type="submit" disabled={add.isPending}>
          {t('customFormsUi.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('customFormsUi.cancel')}
        </button>
      </div>
    </form>
  );
}

function RecordedForms({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const entries = useEntries(c.id, 'custom_form');
  return (
    <section className="card" aria-labelledby="custom-records-title">
      <h2 id="custom-records-title">{t('customFormsUi.recorded')}</h2>
      <ErrorMessage error={entries.error} />
      {entries.data?.entries.length === 0 && <p className="muted">{t('caseUi.nothingYet')}</p>}
      <ul className="entries">
        {entries.data?.entries.map((e) => (
          <li key={e.id}>
            <RecordedForm caseId={c.id} entry={e} editable={c.permissions.update} />
          </li>
        ))}
      </ul>
      <VoidedEntries caseId={c.id} kind="custom_form" />
    </section>
  );
}

/** One recorded form, read with the definition of its own version. */
export function RecordedForm({ caseId, entry, editable }: { caseId: string; entry: Entry; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const custom = entry.data as unknown as CustomValuesView;
  const version = useFormVersion(custom.form, custom.version);
  const definition = version.data?.version.definition;
  return (
    <article aria-label={definition ? labelIn(definition.title, language) : custom.form}>
      <h3>
        {definition ? labelIn(definition.title, language) : custom.form}{' '}
        <small className="muted">{t('customFormsUi.version', { version: custom.version })}</small>
      </h3>
      <ErrorMessage error={version.error} />
      {definition && <RecordedValues definition={definition} values={valuesByName(custom.values)} />}
      <small className="muted">
        {entry.recordedBy?.displayName ?? t('caseUi.system')}, {formatDate(entry.recordedAt)}
      </small>
      <EntryActions
        caseId={caseId}
        entry={entry}
        editable={editable}
        correctWith={
          definition
            ? (onDone) => (
                <CorrectForm caseId={caseId} entry={entry} definition={definition} custom={custom} onDone={onDone} />
              )
            : undefined
        }
      />
    </article>
  );
}

/** The values in words, under the labels of the version they were recorded under. */
export function RecordedValues({ definition, values }: { definition: FormDefinition; values: FormValues }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const language = i18n.resolvedLanguage ?? 'en';
  const codes = new Proxy({} as Record<string, string>, {
    get: (_target, key: string) => {
      const at = key.indexOf('.');
      return at < 0 ? undefined : label(key.slice(0, at), key.slice(at + 1));
    },
  });
  const sections = presentRecord(definition, values, {
    locale: language,
    yes: t('customFormsUi.yes'),
    no: t('customFormsUi.no'),
    codes,
  });
  if (sections.length === 0) return <p className="muted">{t('customFormsUi.noValues')}</p>;
  return (
    <>
      {sections.map((s) => (
        <dl key={s.name} className="custom-values" aria-label={s.label}>
          {s.fields.map((f) => (
            <div key={f.name}>
              <dt>
                {f.label}
                {f.retired && <span className="muted"> ({t('customFormsUi.retiredField')})</span>}
              </dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ))}
    </>
  );
}

function CorrectForm({
  caseId,
  entry,
  definition,
  custom,
  onDone,
}: {
  caseId: string;
  entry: Entry;
  definition: FormDefinition;
  custom: CustomValuesView;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const revise = useReviseEntry(caseId, entry.id);
  const [values, setValues] = useState<DraftValues>(() => valuesByName(custom.values));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const local = useLocalProblems(definition, values);
  const server = serverProblems(fieldIssues(revise.error), 'data.values');
  const attachments = useAttachmentChoices(caseId);
  const unsaved = useUnsavedChanges(reason.trim() !== '' && !revise.isSuccess);
  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(local).length > 0 || reason.trim() === '') return;
    revise.mutate(
      {
        data: { form: custom.form, version: custom.version, values: cleanValues(values) },
        version: entry.version,
        reason: reason.trim(),
      },
      {
        onSuccess: () => {
          unsaved.release();
          onDone();
        },
      },
    );
  }
  return (
    <form className="card correction" aria-label={t('correctUi.entry.formTitle')} onSubmit={submit} noValidate>
      <h3>{t('correctUi.entry.formTitle')}</h3>
      <CustomFormFields
        form={definition}
        values={values}
        onChange={setValues}
        problems={{ ...(tried ? local : {}), ...server }}
        attachments={attachments}
      />
      <ReasonField label={t('correctUi.reason')} value={reason} onChange={setReason} />
      <ErrorMessage error={revise.error} />
      <div className="actions">
        <button type="submit" disabled={revise.isPending}>
          {t('correctUi.entry.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('correctUi.cancel')}
        </button>
      </div>
    </form>
  );
}

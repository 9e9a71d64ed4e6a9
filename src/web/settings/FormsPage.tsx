/**
 * Custom forms, for administrators (issue #17): the organisation's forms (status, version, target)
 * and a builder for a form's draft: sections and fields (type, name, label and hint in each
 * language, required, relevant, constraint and its message, calculation, choices from a reference
 * list or the form's own, sensitive, retired), moved up and down; every expression checked as she
 * types (`checkDefinition`, the server's own check, with the problem at the field); a preview that
 * renders the draft with its skip logic (the same `relevantFields` as the case's Forms tab);
 * publishing (which names the version it creates) and retiring ask first.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { ENTRY_KINDS } from '../../domain/cases/entries';
import { FIELD_TYPES, FormDefinitionSchema, type FieldType, type FormDefinition } from '../../domain/forms/definition';
import { labelIn } from '../../domain/forms/present';
import { checkDefinition } from '../../domain/forms/validate';
import type { Labels } from '../../domain/reference/types';
import { useReferenceLists } from '../api/cases';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { fieldIssues, useIssueText } from '../components/FieldErrors';
import { CustomFormFields, type DraftValues } from '../forms/CustomFormFields';
import { ExportValuesButton } from '../forms/ExportValuesButton';
import { XlsFormTransfer } from './XlsFormTransfer';
import {
  useAllForms,
  useCreateForm,
  useForm,
  useFormAction,
  useSaveDraft,
  type CustomForm,
  type CustomFormDefinition,
} from '../forms/api';
import { LANGUAGES } from '../i18n';

/** The languages a form is written in: every label has these inputs (English required). */
const FORM_LANGUAGES = ['en', 'fr', 'it', 'sk'] as const;
const TARGETS = ['case', ...ENTRY_KINDS.filter((k) => k !== 'custom_form')];

type Draft = CustomFormDefinition;
type Field = Draft['sections'][number]['fields'][number];

const emptyField = (n: number): Field => ({
  name: `field_${n}`,
  type: 'text',
  label: { en: '' },
  required: false,
  sensitive: false,
  retired: false,
});
const emptyForm = (): Draft => ({
  code: '',
  title: { en: '' },
  target: 'case',
  referralSection: null,
  sections: [{ name: 'section_1', label: { en: '' }, fields: [emptyField(1)] }],
});

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
};

export function FormsPage() {
  return (
    <Routes>
      <Route index element={<FormList />} />
      <Route path="new" element={<NewForm />} />
      <Route path=":code" element={<EditForm />} />
    </Routes>
  );
}

function FormList() {
  const { t, i18n } = useTranslation();
  const forms = useAllForms();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{t('customFormsUi.listTitle')}</h2>
      <p className="muted">{t('customFormsUi.listIntro')}</p>
      <div className="actions">
        <Link to="new" className="button">
          {t('customFormsUi.newForm')}
        </Link>
      </div>
      <XlsFormTransfer />
      <ErrorMessage error={forms.error} />
      {forms.data?.forms.length === 0 && <p className="muted">{t('customFormsUi.noForms')}</p>}
      {forms.data && forms.data.forms.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('customFormsUi.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customFormsUi.formTitle')}</th>
                <th scope="col">{t('customFormsUi.code')}</th>
                <th scope="col">{t('customFormsUi.target')}</th>
                <th scope="col">{t('customFormsUi.status')}</th>
                <th scope="col">{t('customFormsUi.publishedVersion')}</th>
              </tr>
            </thead>
            <tbody>
              {forms.data.forms.map((f) => (
                <tr key={f.code}>
                  <td>
                    <Link to={f.code}>{labelIn((f.draft ?? f.published)?.title, language) || f.code}</Link>
                  </td>
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>{targetLabel(t, f.target)}</td>
                  <td>{t(`customFormsUi.statuses.${f.status}`)}</td>
                  <td>{f.currentVersion > 0 ? f.currentVersion : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const targetLabel = (t: (key: string, options?: Record<string, unknown>) => string, target: string) =>
  target === 'case' ? t('customFormsUi.targetCase') : t(`printUi.kinds.${target}`, { defaultValue: target });

function NewForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateForm();
  const [draft, setDraft] = useState<Draft>(emptyForm);
  return (
    <Builder
      heading={t('customFormsUi.newForm')}
      draft={draft}
      onChange={setDraft}
      error={create.error}
      isNew
      actions={
        <button
          type="button"
          disabled={create.isPending}
          onClick={() =>
            create.mutate(draft, {
              onSuccess: (answer) => {
                create.renew();
                navigate(`../${answer.form.code}`);
              },
            })
          }
        >
          {t('customFormsUi.create')}
        </button>
      }
    />
  );
}

function EditForm() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const form = useForm(code);
  if (form.isPending) return <p role="status">{t('common.loading')}</p>;
  if (form.isError) return <ErrorMessage error={form.error} />;
  return <EditLoaded key={form.data.form.lockVersion} form={form.data.form} />;
}

function EditLoaded({ form }: { form: CustomForm }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => form.draft ?? emptyForm());
  const save = useSaveDraft(form.code);
  const publish = useFormAction(form.code, 'publish');
  const retire = useFormAction(form.code, 'retire');
  const changed = JSON.stringify(draft) !== JSON.stringify(form.draft);
  const next = form.currentVersion + 1;
  const title = labelIn(form.draft?.title, i18n.resolvedLanguage ?? 'en') || form.code;
  return (
    <Builder
      heading={title}
      draft={draft}
      onChange={setDraft}
      error={save.error ?? publish.error ?? retire.error}
      status={
        <p>
          {t(`customFormsUi.statuses.${form.status}`)}
          {form.currentVersion > 0 && ` · ${t('customFormsUi.version', { version: form.currentVersion })}`}
          {publish.isSuccess && (
            <span role="status"> · {t('customFormsUi.published', { version: form.currentVersion })}</span>
          )}
        </p>
      }
      actions={
        <>
          <Link to=".." relative="path" className="button secondary">
            {t('customFormsUi.backToList')}
          </Link>
          {form.status !== 'retired' && (
            <button
              type="button"
              disabled={!changed || save.isPending}
              onClick={() => save.mutate({ definition: draft, lockVersion: form.lockVersion })}
            >
              {t('customFormsUi.saveDraft')}
            </button>
          )}
          {form.status !== 'retired' && (
            <ConfirmButton
              label={t('customFormsUi.publish', { version: next })}
              question={t('customFormsUi.publishQuestion', { version: next })}
              disabled={changed || publish.isPending}
              onConfirm={() => publish.mutate({ lockVersion: form.lockVersion })}
            />
          )}
          {form.status === 'published' && (
            <ConfirmButton
              className="danger"
              label={t('customFormsUi.retire')}
              question={t('customFormsUi.retireQuestion')}
              disabled={retire.isPending}
              onConfirm={() => retire.mutate({ lockVersion: form.lockVersion })}
            />
          )}
          {form.currentVersion > 0 && <ExportValuesButton code={form.code} />}
          {changed && <p className="muted">{t('customFormsUi.saveBeforePublish')}</p>}
        </>
      }
    />
  );
}

/** Problems by path (`sections.0.fields.2.relevant`): the live check first, then the server's answer. */
function useProblems(draft: Draft, error: unknown) {
  const issueText = useIssueText();
  return useMemo(() => {
    const out = new Map<string, string>();
    for (const issue of fieldIssues(error)) {
      const path = issue.path.replace(/^definition\./, '');
      out.set(path, issueText({ ...issue, path }));
    }
    try {
      for (const issue of checkDefinition(draft)) out.set(issue.path.join('.'), issue.message);
    } catch {
      // A draft in the middle of an edit the checker cannot read: the server's answer stands.
    }
    return out;
  }, [draft, error, issueText]);
}

function Builder({
  heading,
  draft,
  onChange,
  error,
  actions,
  status,
  isNew = false,
}: {
  heading: string;
  draft: Draft;
  onChange: (draft: Draft) => void;
  error: unknown;
  actions: ReactNode;
  status?: ReactNode;
  isNew?: boolean;
}) {
  const { t } = useTranslation();
  const problems = useProblems(draft, error);
  const setSection = (s: number, section: Draft['sections'][number]) =>
    onChange({ ...draft, sections: draft.sections.map((x, i) => (i === s ? section : x)) });
  const fieldCount = draft.sections.reduce((n, s) => n + s.fields.length, 0);
  return (
    <section aria-labelledby="builder-title" className="form-builder">
      <h2 id="builder-title">{heading}</h2>
      {status}
      <div className="card">
        <TextField
          label={t('customFormsUi.code')}
          hint={t('customFormsUi.codeHint')}
          value={draft.code}
          readOnly={!isNew}
          problem={problems.get('code')}
          onChange={(code) => onChange({ ...draft, code })}
        />
        <LabelsEditor
          legend={t('customFormsUi.formTitle')}
          labels={draft.title}
          problems={problems}
          path="title"
          onChange={(title) => onChange({ ...draft, title })}
        />
        <label className="field">
          <span>{t('customFormsUi.target')}</span>
          <select value={draft.target} onChange={(e) => onChange({ ...draft, target: e.target.value })}>
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {targetLabel(t, target)}
              </option>
            ))}
          </select>
        </label>
        <Problem text={problems.get('target')} />
      </div>
      {draft.sections.map((section, s) => (
        <fieldset key={s} className="card builder-section">
          <legend>{t('customFormsUi.sectionN', { n: s + 1 })}</legend>
          <TextField
            label={t('customFormsUi.sectionName')}
            value={section.name}
            problem={problems.get(`sections.${s}.name`)}
            onChange={(name) => setSection(s, { ...section, name })}
          />
          <LabelsEditor
            legend={t('customFormsUi.sectionLabel')}
            labels={section.label}
            problems={problems}
            path={`sections.${s}.label`}
            onChange={(label) => setSection(s, { ...section, label })}
          />
          <ExpressionField
            label={t('customFormsUi.relevant')}
            value={section.relevant}
            problem={problems.get(`sections.${s}.relevant`)}
            onChange={(relevant) => setSection(s, { ...section, relevant })}
          />
          {section.fields.map((field, f) => (
            <FieldEditor
              key={f}
              field={field}
              path={`sections.${s}.fields.${f}`}
              problems={problems}
              first={f === 0}
              last={f === section.fields.length - 1}
              onChange={(next) =>
                setSection(s, { ...section, fields: section.fields.map((x, i) => (i === f ? next : x)) })
              }
              onMove={(by) => setSection(s, { ...section, fields: move(section.fields, f, f + by) })}
              onRemove={
                section.fields.length > 1
                  ? () => setSection(s, { ...section, fields: section.fields.filter((_, i) => i !== f) })
                  : undefined
              }
            />
          ))}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => setSection(s, { ...section, fields: [...section.fields, emptyField(fieldCount + 1)] })}
            >
              {t('customFormsUi.addField')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={s === 0}
              onClick={() => onChange({ ...draft, sections: move(draft.sections, s, s - 1) })}
            >
              {t('customFormsUi.moveSectionUp')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={s === draft.sections.length - 1}
              onClick={() => onChange({ ...draft, sections: move(draft.sections, s, s + 1) })}
            >
              {t('customFormsUi.moveSectionDown')}
            </button>
            {draft.sections.length > 1 && (
              <button
                type="button"
                className="secondary"
                onClick={() => onChange({ ...draft, sections: draft.sections.filter((_, i) => i !== s) })}
              >
                {t('customFormsUi.removeSection')}
              </button>
            )}
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            onChange({
              ...draft,
              sections: [
                ...draft.sections,
                {
                  name: `section_${draft.sections.length + 1}`,
                  label: { en: '' },
                  fields: [emptyField(fieldCount + 1)],
                },
              ],
            })
          }
        >
          {t('customFormsUi.addSection')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <div className="actions">{actions}</div>
      <Preview draft={draft} />
    </section>
  );
}

function FieldEditor({
  field,
  path,
  problems,
  first,
  last,
  onChange,
  onMove,
  onRemove,
}: {
  field: Field;
  path: string;
  problems: Map<string, string>;
  first: boolean;
  last: boolean;
  onChange: (field: Field) => void;
  onMove: (by: number) => void;
  onRemove?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lists = useReferenceLists().data?.lists ?? [];
  const isChoice = field.type === 'select_one' || field.type === 'select_multiple';
  const name = labelIn(field.label, i18n.resolvedLanguage ?? 'en') || field.name;
  const setType = (type: FieldType) => {
    const next: Field = { ...field, type };
    const choice = type === 'select_one' || type === 'select_multiple';
    if (choice && !next.choices) next.choices = { options: [{ code: 'option_1', label: { en: '' } }] };
    if (!choice) delete next.choices;
    if (type === 'calculated' && next.calculation === undefined) next.calculation = '';
    if (type !== 'calculated') delete next.calculation;
    onChange(next);
  };
  return (
    <fieldset className="builder-field" aria-label={t('customFormsUi.fieldNamed', { name })}>
      <legend>{t('customFormsUi.fieldNamed', { name })}</legend>
      <label className="field">
        <span>{t('customFormsUi.type')}</span>
        <select value={field.type} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`customFormsUi.types.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <TextField
        label={t('customFormsUi.fieldName')}
        hint={t('customFormsUi.fieldNameHint')}
        value={field.name}
        problem={problems.get(`${path}.name`)}
        onChange={(value) => onChange({ ...field, name: value })}
      />
      <LabelsEditor
        legend={t('customFormsUi.label')}
        labels={field.label}
        problems={problems}
        path={`${path}.label`}
        onChange={(label) => onChange({ ...field, label })}
      />
      <LabelsEditor
        legend={t('customFormsUi.hint')}
        labels={field.hint ?? { en: '' }}
        optional
        problems={problems}
        path={`${path}.hint`}
        onChange={(hint) => onChange({ ...field, hint: hint.en ? hint : undefined })}
      />
      <ExpressionField
        label={t('customFormsUi.relevant')}
        hint={t('customFormsUi.relevantHint')}
        value={field.relevant}
        problem={problems.get(`${path}.relevant`)}
        onChange={(relevant) => onChange({ ...field, relevant })}
      />
      {field.type !== 'calculated' && (
        <>
          <ExpressionField
            label={t('customFormsUi.constraint')}
            hint={t('customFormsUi.constraintHint')}
            value={field.constraint}
            problem={problems.get(`${path}.constraint`)}
            onChange={(constraint) => onChange({ ...field, constraint })}
          />
          {field.constraint && (
            <LabelsEditor
              legend={t('customFormsUi.constraintMessage')}
              labels={field.constraintMessage ?? { en: '' }}
              optional
              problems={problems}
              path={`${path}.constraintMessage`}
              onChange={(m) => onChange({ ...field, constraintMessage: m.en ? m : undefined })}
            />
          )}
        </>
      )}
      {field.type === 'calculated' && (
        <ExpressionField
          label={t('customFormsUi.calculation')}
          value={field.calculation}
          problem={problems.get(`${path}.calculation`)}
          onChange={(calculation) => onChange({ ...field, calculation: calculation ?? '' })}
        />
      )}
      {isChoice && field.choices && (
        <fieldset className="choices">
          <legend>{t('customFormsUi.choices')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${path}-choices`}
              checked={'list' in field.choices}
              onChange={() => onChange({ ...field, choices: { list: lists[0]?.key ?? 'services' } })}
            />
            {t('customFormsUi.fromList')}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${path}-choices`}
              checked={'options' in field.choices}
              onChange={() => onChange({ ...field, choices: { options: [{ code: 'option_1', label: { en: '' } }] } })}
            />
            {t('customFormsUi.ownOptions')}
          </label>
          {'list' in field.choices ? (
            <label className="field">
              <span>{t('customFormsUi.list')}</span>
              <select
                value={field.choices.list}
                onChange={(e) => onChange({ ...field, choices: { list: e.target.value } })}
              >
                {lists.map((l) => (
                  <option key={l.key} value={l.key}>
                    {t(`lists.${l.key}._name`, { defaultValue: l.key })}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <OptionsEditor
              options={field.choices.options}
              path={`${path}.choices.options`}
              problems={problems}
              onChange={(options) => onChange({ ...field, choices: { options } })}
            />
          )}
          <Problem text={problems.get(`${path}.choices.list`) ?? problems.get(`${path}.choices`)} />
        </fieldset>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={field.required ?? false}
          onChange={(e) => onChange({ ...field, required: e.target.checked })}
        />
        {t('customFormsUi.required')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={field.sensitive ?? false}
          onChange={(e) => onChange({ ...field, sensitive: e.target.checked })}
        />
        {t('customFormsUi.sensitive')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={field.retired ?? false}
          onChange={(e) => onChange({ ...field, retired: e.target.checked })}
        />
        {t('customFormsUi.retired')}
      </label>
      <div className="actions">
        <button type="button" className="secondary" disabled={first} onClick={() => onMove(-1)}>
          {t('customFormsUi.moveUp')} <span className="visually-hidden">{name}</span>
        </button>
        <button type="button" className="secondary" disabled={last} onClick={() => onMove(1)}>
          {t('customFormsUi.moveDown')} <span className="visually-hidden">{name}</span>
        </button>
        {onRemove && (
          <button type="button" className="secondary" onClick={onRemove}>
            {t('customFormsUi.removeField')} <span className="visually-hidden">{name}</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}

function OptionsEditor({
  options,
  path,
  problems,
  onChange,
}: {
  options: { code: string; label: Labels }[];
  path: string;
  problems: Map<string, string>;
  onChange: (options: { code: string; label: Labels }[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="options-editor">
      {options.map((option, o) => (
        <fieldset key={o} className="option">
          <legend>{t('customFormsUi.optionN', { n: o + 1 })}</legend>
          <TextField
            label={t('customFormsUi.optionCode')}
            value={option.code}
            problem={problems.get(`${path}.${o}.code`)}
            onChange={(code) => onChange(options.map((x, i) => (i === o ? { ...x, code } : x)))}
          />
          <LabelsEditor
            legend={t('customFormsUi.label')}
            labels={option.label}
            problems={problems}
            path={`${path}.${o}.label`}
            onChange={(label) => onChange(options.map((x, i) => (i === o ? { ...x, label } : x)))}
          />
          {options.length > 1 && (
            <button type="button" className="secondary" onClick={() => onChange(options.filter((_, i) => i !== o))}>
              {t('customFormsUi.removeOption')}
            </button>
          )}
        </fieldset>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...options, { code: `option_${options.length + 1}`, label: { en: '' } }])}
      >
        {t('customFormsUi.addOption')}
      </button>
    </div>
  );
}

/** A label in each language of the form (English required); an emptied language is left out. */
function LabelsEditor({
  legend,
  labels,
  onChange,
  problems,
  path,
  optional = false,
}: {
  legend: string;
  labels: Labels;
  onChange: (labels: Labels) => void;
  problems: Map<string, string>;
  path: string;
  optional?: boolean;
}) {
  return (
    <fieldset className="labels-editor">
      <legend>{legend}</legend>
      {FORM_LANGUAGES.map((language) => (
        <TextField
          key={language}
          label={LANGUAGES[language] ?? language}
          lang={language}
          required={language === 'en' && !optional}
          value={labels[language] ?? ''}
          problem={problems.get(`${path}.${language}`)}
          onChange={(value) => {
            const next: Record<string, string> = { ...labels };
            if (value === '' && language !== 'en') delete next[language];
            else next[language] = value;
            onChange(next as Labels);
          }}
        />
      ))}
    </fieldset>
  );
}

function TextField({
  label,
  value,
  onChange,
  hint,
  problem,
  readOnly = false,
  required = false,
  lang,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  problem?: string;
  readOnly?: boolean;
  required?: boolean;
  lang?: string;
}) {
  const [id] = useState(() => `f${Math.random().toString(36).slice(2, 10)}`);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        lang={lang}
        value={value}
        readOnly={readOnly}
        aria-required={required || undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <Problem id={`${id}-problem`} text={problem} />
    </div>
  );
}

/** An expression input: empty means none; its problem (a parse error, an unknown field) shown at it as she types. */
function ExpressionField({
  label,
  value,
  onChange,
  hint,
  problem,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  hint?: string;
  problem?: string;
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      value={value ?? ''}
      problem={problem}
      onChange={(v) => onChange(v.trim() === '' ? undefined : v)}
    />
  );
}

function Problem({ text, id }: { text?: string; id?: string }) {
  if (!text) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {text}
    </span>
  );
}

/** The draft as staff will see it, with its skip logic live; only when the draft is whole and its expressions read. */
function Preview({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<DraftValues>({});
  const parsed = FormDefinitionSchema.safeParse(draft);
  let readable = parsed.success;
  if (parsed.success) {
    try {
      readable = checkDefinition(parsed.data).length === 0;
    } catch {
      readable = false;
    }
  }
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('customFormsUi.preview')}</h2>
      {readable && parsed.success ? (
        <CustomFormFields
          form={parsed.data as FormDefinition}
          values={values}
          onChange={setValues}
          idPrefix="preview"
        />
      ) : (
        <p className="muted">{t('customFormsUi.previewUnavailable')}</p>
      )}
    </section>
  );
}

/**
 * The fields of a custom form, rendered from its definition (issue #17): every field type, skip
 * logic live through the same `relevantFields` the server runs, calculated fields shown read-only,
 * and each field's problems at the field: the browser's own check (required, constraint, type;
 * `validateValues`, the server's function) once she has tried to save, and the server's field
 * errors (`data.values.<name>`) at the same fields. Used by the case's Forms tab, the fields added
 * to another kind's form, and the builder's preview.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition, FormDefinition, FormValues } from '../../domain/forms/definition';
import { labelIn } from '../../domain/forms/present';
import { computeValues, relevantFields, validateValues } from '../../domain/forms/validate';
import { useReferenceLists } from '../api/cases';
import { listLabel } from '../i18n';
import { RequiredMark } from '../cases/corrections/inputs';

/** Values while she types: a field she emptied has no value. */
export type DraftValues = Record<string, FormValues[string] | undefined>;
/** A problem of one field, by name: the issue's code and the server's (English) message. */
export type FieldProblems = Record<string, { code: string; message?: string } | undefined>;

/** A response's { name, value } list as values by field name (a field may be called `__proto__`). */
export function valuesByName(list: readonly { name: string; value: FormValues[string] }[]): FormValues {
  const values: FormValues = {};
  for (const { name, value } of list)
    Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  return values;
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** The values as sent: empty ones left out. */
export const cleanValues = (values: DraftValues): FormValues =>
  Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as FormValues;

/** The active codes of the organisation's lists, for choices from a list. */
export function useChoicesOf() {
  const lists = useReferenceLists().data?.lists;
  return (list: string) => lists?.find((l) => l.key === list)?.items.map((i) => i.code);
}

/** The browser's own check of the values, by field name (the server runs the same function). */
export function useLocalProblems(form: FormDefinition, values: DraftValues): FieldProblems {
  const choicesOf = useChoicesOf();
  return useMemo(() => {
    const { issues } = validateValues(form, cleanValues(values), { today: todayIso(), choicesOf });
    return Object.fromEntries(issues.map((i) => [i.field, { code: i.code, message: i.message }]));
  }, [form, values, choicesOf]);
}

/** The server's field errors under `prefix` (`data.values`, `data.custom.values`), by field name. */
export function serverProblems(issues: { path: string; code: string }[], prefix: string): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of issues)
    if (issue.path.startsWith(`${prefix}.`)) out[issue.path.slice(prefix.length + 1)] = { code: issue.code };
  return out;
}

export function CustomFormFields({
  form,
  values,
  onChange,
  problems = {},
  attachments = [],
  idPrefix,
  readOnly = false,
}: {
  form: FormDefinition;
  values: DraftValues;
  onChange: (values: DraftValues) => void;
  problems?: FieldProblems;
  /** The case's attachments, for attachment fields. */
  attachments?: { id: string; label: string }[];
  idPrefix?: string;
  readOnly?: boolean;
}) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const clean = cleanValues(values);
  const relevant = relevantFields(form, clean, todayIso());
  const computed = computeValues(form, clean, todayIso());
  const generated = useId();
  const base = idPrefix ?? generated;
  return (
    <div className="custom-form">
      {form.sections.map((section) => {
        const shown = section.fields.filter((f) => relevant.has(f.name) && !f.retired);
        if (shown.length === 0) return null;
        return (
          <fieldset key={section.name} className="custom-section">
            <legend>{labelIn(section.label, language)}</legend>
            {shown.map((field) => (
              <CustomField
                key={field.name}
                id={`${base}-${field.name}`}
                field={field}
                value={field.type === 'calculated' ? computed[field.name] : values[field.name]}
                problem={problems[field.name]}
                attachments={attachments}
                readOnly={readOnly}
                onChange={(v) => onChange({ ...values, [field.name]: v })}
              />
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}

function CustomField({
  id,
  field,
  value,
  problem,
  attachments,
  readOnly,
  onChange,
}: {
  id: string;
  field: FieldDefinition;
  value: FormValues[string] | undefined;
  problem: { code: string; message?: string } | undefined;
  attachments: { id: string; label: string }[];
  readOnly: boolean;
  onChange: (value: FormValues[string] | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const lists = useReferenceLists().data?.lists;
  const label = labelIn(field.label, language);
  const hint = field.hint ? labelIn(field.hint, language) : '';
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? true : undefined,
    'aria-required': field.required || undefined,
    disabled: readOnly,
  } as const;
  const options = (): { code: string; label: string }[] => {
    const choices = field.choices;
    if (!choices) return [];
    if ('options' in choices) return choices.options.map((o) => ({ code: o.code, label: labelIn(o.label, language) }));
    const list = lists?.find((l) => l.key === choices.list);
    return (list?.items ?? []).map((i) => ({
      code: i.code,
      label: listLabel(i.label, choices.list, i.code, language),
    }));
  };
  const message = problem
    ? problem.code === 'constraint' && field.constraintMessage
      ? labelIn(field.constraintMessage, language)
      : t(`customFormsUi.issue.${problem.code}`, { defaultValue: t('customFormsUi.issue.invalid') })
    : '';
  const text = (v: string) => onChange(v === '' ? undefined : v);

  let control;
  switch (field.type) {
    case 'long_text':
      control = <textarea {...common} rows={4} value={String(value ?? '')} onChange={(e) => text(e.target.value)} />;
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          value={value === undefined ? '' : String(value)}
          onChange={(e) => {
            const raw = e.target.value;
            onChange(raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw);
          }}
        />
      );
      break;
    case 'date':
      control = <input {...common} type="date" value={String(value ?? '')} onChange={(e) => text(e.target.value)} />;
      break;
    case 'yes_no':
      control = (
        <select
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
        >
          <option value="">{t('customFormsUi.choose')}</option>
          <option value="yes">{t('customFormsUi.yes')}</option>
          <option value="no">{t('customFormsUi.no')}</option>
        </select>
      );
      break;
    case 'select_one':
      control = (
        <select {...common} value={String(value ?? '')} onChange={(e) => text(e.target.value)}>
          <option value="">{t('customFormsUi.choose')}</option>
          {options().map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'select_multiple': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field checks" aria-describedby={describedBy} aria-invalid={problem ? true : undefined}>
          <legend>
            {label}
            {field.required && <RequiredMark />}
          </legend>
          {hint && (
            <small id={hintId} className="muted">
              {hint}
            </small>
          )}
          {options().map((o) => (
            <label key={o.code} className="checkbox">
              <input
                type="checkbox"
                disabled={readOnly}
                checked={chosen.includes(o.code)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code))}
              />
              {o.label}
            </label>
          ))}
          {problem && (
            <span id={errorId} className="field-error" role="alert">
              {message}
            </span>
          )}
        </fieldset>
      );
    }
    case 'attachment':
      control = (
        <select {...common} value={String(value ?? '')} onChange={(e) => text(e.target.value)}>
          <option value="">{t('customFormsUi.noAttachment')}</option>
          {attachments.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'calculated':
      control = (
        <output id={id} aria-describedby={describedBy}>
          {value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value)}
        </output>
      );
      break;
    default:
      control = <input {...common} type="text" value={String(value ?? '')} onChange={(e) => text(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {field.required && field.type !== 'calculated' && <RequiredMark />}
      </label>
      {control}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
      {problem && (
        <span id={errorId} className="field-error" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

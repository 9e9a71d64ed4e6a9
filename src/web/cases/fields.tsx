/** Form fields bound to the organisation's reference lists, labelled in the current language. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceLists } from '../api/cases';
import { listLabel } from '../i18n';

/**
 * The items a form offers: the active ones, plus any retired one the record already holds (`keep`), so
 * editing an old record neither loses nor silently changes its value.
 */
function useItems(listKey: string, keep: string[] = []) {
  const { i18n } = useTranslation();
  const list = useReferenceLists().data?.lists.find((l) => l.key === listKey);
  const lang = i18n.resolvedLanguage ?? 'en';
  return (list?.items ?? [])
    .filter((item) => item.active || keep.includes(item.code))
    .map((item) => ({
      code: item.code,
      label: listLabel(item.label, listKey, item.code, lang),
      meta: item.meta,
    }));
}

export function CodeSelect({
  label,
  listKey,
  value,
  onChange,
  required = false,
  name,
  error,
}: {
  label: string;
  listKey: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  name?: string;
  /** A field-level message (already translated), announced with the control. */
  error?: string;
}) {
  const { t } = useTranslation();
  const items = useItems(listKey, value ? [value] : []);
  const errorId = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <select
        name={name ?? listKey}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        <option value="">{t('caseUi.choose')}</option>
        {items.map((i) => (
          <option key={i.code} value={i.code}>
            {i.label}
          </option>
        ))}
      </select>
      {error && (
        <small id={errorId} className="field-error">
          {error}
        </small>
      )}
    </label>
  );
}

export function CodeChecks({
  legend,
  listKey,
  value,
  onChange,
}: {
  legend: string;
  listKey: string;
  value: string[];
  onChange: (v: string[]) => void;
}) {
  const items = useItems(listKey, value);
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {items.map((i) => (
        <label key={i.code} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(i.code)}
            onChange={(e) => onChange(e.target.checked ? [...value, i.code] : value.filter((c) => c !== i.code))}
          />
          {i.label}
        </label>
      ))}
    </fieldset>
  );
}

/** `error` is a field-level message (already translated) shown under the input and announced with it. */
export function Field({
  label,
  value,
  onChange,
  type = 'text',
  required = false,
  hint,
  name,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  required?: boolean;
  hint?: string;
  name?: string;
  error?: string;
}) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type={type}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      {hint && <small id={hintId}>{hint}</small>}
      {error && (
        <small id={errorId} className="field-error">
          {error}
        </small>
      )}
    </label>
  );
}

export function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

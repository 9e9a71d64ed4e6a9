/** Inputs of the correction forms: required ones marked (visibly and for assistive technology), long text multi-line. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <abbr className="required-mark" title={t('correctUi.required')} aria-hidden="true">
      {' *'}
    </abbr>
  );
}

export function TextInput({
  label,
  value,
  onChange,
  required = false,
  type = 'text',
  hint,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  type?: string;
  hint?: string;
}) {
  const hintId = useId();
  return (
    <label className="field">
      <span>
        {label}
        {required && <RequiredMark />}
      </span>
      <input
        type={type}
        value={value}
        required={required}
        aria-required={required || undefined}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <small id={hintId}>{hint}</small>}
    </label>
  );
}

export function LongText({
  label,
  value,
  onChange,
  required = false,
  rows = 4,
  hint,
  maxLength,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  rows?: number;
  hint?: string;
  maxLength?: number;
}) {
  const hintId = useId();
  return (
    <label className="field">
      <span>
        {label}
        {required && <RequiredMark />}
      </span>
      <textarea
        rows={rows}
        value={value}
        required={required}
        aria-required={required || undefined}
        maxLength={maxLength}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <small id={hintId}>{hint}</small>}
    </label>
  );
}

/** The reason for a correction or a void: required, multi-line, stored encrypted. */
export function ReasonField({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <LongText
      label={label ?? t('correctUi.reason')}
      hint={t('correctUi.reasonHint')}
      required
      rows={2}
      maxLength={2000}
      value={value}
      onChange={onChange}
    />
  );
}

/**
 * Password forms shared by the account page and the forced change after a temporary
 * password: field-level errors carry the strength estimator's feedback, translated.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { sessionKey } from '../api/session';
import type { SessionView } from '../api/types';
import { ErrorMessage, Notice } from './ErrorMessage';

interface FieldDetail {
  path?: string[];
  code?: string;
  warning?: string | null;
  suggestions?: string[];
}

/** The translated message for one field of a failed request, or null when the error is not about it. */
export function usePasswordFieldError() {
  const { t, i18n } = useTranslation();
  return (error: unknown, field: string): string | null => {
    if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null;
    const detail = (error.details as FieldDetail[]).find((d) => d.path?.[0] === field);
    if (!detail) return null;
    if (detail.code === 'too_small') return t('accountsUi.fieldErrors.password_too_short');
    if (detail.warning === 'unchanged') return t('accountsUi.fieldErrors.unchanged');
    const feedback = [detail.warning, ...(detail.suggestions ?? [])]
      .filter((k): k is string => !!k && i18n.exists(`accountsUi.feedback.${k}`))
      .map((k) => t(`accountsUi.feedback.${k}`));
    const base =
      detail.code && i18n.exists(`accountsUi.fieldErrors.${detail.code}`)
        ? t(`accountsUi.fieldErrors.${detail.code}`)
        : t('errors.validation_failed');
    return [base, ...feedback].join(' ');
  };
}

/** A password input with its hint and, when the server refused it, the reason beside it. */
export function PasswordInput({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete,
  required = true,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
  hint?: string;
  autoComplete: string;
  required?: boolean;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <label className="field">
      <span>{label}</span>
      <input
        id={id}
        name={id}
        type="password"
        required={required}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}

/** Changing one's own password; the server ends every other session. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fieldError = usePasswordFieldError();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      api<SessionView>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: (session) => {
      setCurrent('');
      setNew('');
      setDone(true);
      client.setQueryData(sessionKey, session);
      onChanged?.();
    },
  });
  const currentError = fieldError(change.error, 'currentPassword');
  const newError = fieldError(change.error, 'newPassword');
  return (
    <form
      className="form-grid"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setDone(false);
        change.mutate();
      }}
    >
      {done && <Notice>{t('accountsUi.passwordChanged')}</Notice>}
      <PasswordInput
        id="currentPassword"
        label={t('accountsUi.currentPassword')}
        value={currentPassword}
        onChange={setCurrent}
        error={currentError}
        autoComplete="current-password"
      />
      <PasswordInput
        id="newPassword"
        label={t('accountsUi.newPassword')}
        value={newPassword}
        onChange={setNew}
        error={newError}
        hint={t('accountsUi.newPasswordHint')}
        autoComplete="new-password"
      />
      {!currentError && !newError && <ErrorMessage error={change.error} />}
      <div className="actions">
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? t('common.saving') : t('accountsUi.changePassword')}
        </button>
      </div>
    </form>
  );
}

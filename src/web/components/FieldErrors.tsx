/**
 * Field errors: the server names the field that is wrong (`details[].path`, e.g. ['intake', 'contactDate'])
 * and its limit (`maximum`, `minimum`, the allowed `values`); this puts that message at the field, in the
 * user's language, wired with aria-invalid and aria-describedby, and lists any issue whose field the form
 * does not show under the form's alert, so nothing wrong stays unsaid.
 *
 * @example
 *   const fe = useFieldErrors(create.error);
 *   <Field label={t('caseUi.givenName')} error={fe.errorFor('person.givenName')} … />
 *   <textarea {...fe.describe('message')} />  <FieldError fe={fe} path="message" />
 *   <FieldErrorSummary fe={fe} />   // after the fields
 */
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** One issue as the server's error envelope carries it (src/server/errors-handler.ts, domain errors' details). */
export interface FieldIssue {
  path: string;
  code: string;
  maximum?: number;
  minimum?: number;
  origin?: string;
  format?: string;
  values?: string[];
}

/** The issues of an error that name a field; none for other errors. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  // A domain error may name one field as { field: 'risk.level' }.
  if (details && !Array.isArray(details) && typeof details === 'object' && 'field' in details) {
    const field = (details as { field?: unknown }).field;
    return typeof field === 'string' ? [{ path: field, code: error.code }] : [];
  }
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    const raw = d && typeof d === 'object' ? (d as { path?: unknown }).path : undefined;
    // A path is an array of keys (Zod) or, from a few services, one dotted string.
    if (!Array.isArray(raw) && typeof raw !== 'string') return [];
    const issue = d as Record<string, unknown>;
    return [
      {
        path: Array.isArray(raw) ? raw.map(String).join('.') : raw,
        code: typeof issue.code === 'string' ? issue.code : error.code,
        ...(typeof issue.maximum === 'number' ? { maximum: issue.maximum } : {}),
        ...(typeof issue.minimum === 'number' ? { minimum: issue.minimum } : {}),
        ...(typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
        ...(typeof issue.format === 'string' ? { format: issue.format } : {}),
        ...(Array.isArray(issue.values) ? { values: issue.values.map(String) } : {}),
      },
    ];
  });
}

/** The translated message for one issue: its limit when it has one, else the code's own message. */
export function useIssueText() {
  const { t, i18n } = useTranslation();
  return (issue: FieldIssue): string => {
    const { code, maximum, minimum, origin } = issue;
    const kind = origin === 'string' ? 'Chars' : origin === 'array' || origin === 'set' ? 'Items' : '';
    if (code === 'too_big' && maximum !== undefined) return t(`feedbackUi.field.tooBig${kind}`, { limit: maximum });
    if (code === 'too_small' && minimum !== undefined)
      return origin === 'string' && minimum === 1
        ? t('feedbackUi.field.required')
        : t(`feedbackUi.field.tooSmall${kind}`, { limit: minimum });
    if (code === 'invalid_format' || code === 'pattern' || code === 'invalid_string')
      return issue.format === 'date' || /date/i.test(issue.path)
        ? t('feedbackUi.field.date')
        : t('feedbackUi.field.format');
    if (code === 'invalid_value' || code === 'invalid_enum_value') return t('feedbackUi.field.choice');
    if (code === 'invalid_type') return t('feedbackUi.field.type');
    if (code === 'unrecognized_keys') return t('feedbackUi.field.unexpected');
    if (i18n.exists(`errors.${code}`)) return t(`errors.${code}`);
    return t('feedbackUi.field.invalid');
  };
}

export interface FieldErrors {
  /** The message for the field at this dotted path (e.g. 'intake.contactDate'), or undefined. */
  errorFor(path: string): string | undefined;
  /** aria-invalid and aria-describedby for a control rendered by hand; pair it with <FieldError>. */
  describe(path: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
  idFor(path: string): string;
  /** Issues whose path no field of the form asked for (rendered by <FieldErrorSummary>). */
  unclaimed(): { path: string; text: string }[];
  any: boolean;
}

/**
 * The field errors of one form's last error. A path matches its field or any field within it
 * (`person` matches `person.givenName`'s issue only when asked for `person.givenName`, never the reverse).
 */
export function useFieldErrors(error: unknown): FieldErrors {
  const text = useIssueText();
  const base = useId();
  const claimed = useRef(new Set<string>());
  claimed.current = new Set();
  const issues = fieldIssues(error);
  const idFor = (path: string) => `${base}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}-error`;
  const errorFor = (path: string) => {
    claimed.current.add(path);
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
    return issue ? text(issue) : undefined;
  };
  return {
    errorFor,
    idFor,
    describe: (path) => (errorFor(path) ? { 'aria-invalid': true, 'aria-describedby': idFor(path) } : {}),
    unclaimed: () =>
      issues
        .filter((i) => ![...claimed.current].some((p) => i.path === p || i.path.startsWith(`${p}.`)))
        .map((i) => ({ path: i.path, text: text(i) })),
    any: issues.length > 0,
  };
}

/** The message under a control wired by `describe(path)`. */
export function FieldError({ fe, path }: { fe: FieldErrors; path: string }) {
  const message = fe.errorFor(path);
  if (!message) return null;
  return (
    <small id={fe.idFor(path)} className="field-error">
      {message}
    </small>
  );
}

/** Issues the form has no field for, under its alert (render it after the fields). */
export function FieldErrorSummary({ fe }: { fe: FieldErrors }) {
  const { t } = useTranslation();
  const rest = fe.unclaimed();
  if (rest.length === 0) return null;
  return (
    <ul className="alert alert-error" aria-label={t('feedbackUi.otherProblems')}>
      {rest.map((r) => (
        <li key={r.path}>{r.text}</li>
      ))}
    </ul>
  );
}

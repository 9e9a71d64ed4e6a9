/**
 * Named errors with an HTTP status and a stable machine-readable code. The UI
 * translates by code (errors.<code>); the English message is for API users.
 */
import type { z } from 'zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const errors = {
  validation: (details: unknown, message = 'The request is not valid') =>
    new AppError(400, 'validation_failed', message, details),
  badRequest: (code: string, message: string) => new AppError(400, code, message),
  unauthenticated: () => new AppError(401, 'unauthenticated', 'Please log in'),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'The email or password is not correct'),
  totpRequired: () => new AppError(401, 'totp_required', 'Enter the code from your authenticator app'),
  invalidTotp: () => new AppError(400, 'invalid_totp', 'The authenticator code is not correct'),
  csrf: () => new AppError(403, 'csrf_failed', 'The request could not be verified; reload the page and try again'),
  forbidden: () => new AppError(403, 'forbidden', 'You do not have permission to do this'),
  // "Not found or no access": never reveal that a record of another organisation exists.
  notFound: () => new AppError(404, 'not_found', 'Not found, or you do not have access'),
  conflict: (code: string, message: string) => new AppError(409, code, message),
  // Her name and the account as a whole belong to her home organisation; a partner changes only her membership.
  homeOrganisationOnly: () =>
    new AppError(
      403,
      'home_organisation_only',
      "Only her home organisation's administrators change her name or deactivate her whole account; you can deactivate her membership in your organisation",
    ),
  // Names her open case (a reference, not personal data) so the caseworker can go there instead.
  openCaseExists: (caseId: string, reference: string) =>
    new AppError(
      409,
      'open_case_exists',
      `She already has an open case (${reference}); continue or reopen it instead of opening another`,
      { caseId, reference },
    ),
  versionConflict: () =>
    new AppError(409, 'version_conflict', 'Someone else changed this record; reload it and apply your change again'),
  lockedOut: () => new AppError(429, 'locked_out', 'Too many failed attempts; try again later'),
  /** A new password the estimator finds guessable; details carry its feedback keys for the field. */
  weakPassword: (field: string, verdict: { warning: string | null; suggestions: string[] }) =>
    verdict.warning === 'too_short'
      ? new AppError(400, 'password_too_short', 'The password is too short', [
          { path: [field], code: 'password_too_short' },
        ])
      : new AppError(400, 'weak_password', 'The password is too easy to guess', [
          { path: [field], code: 'weak_password', warning: verdict.warning, suggestions: verdict.suggestions },
        ]),
  wrongPassword: (field: string) =>
    new AppError(400, 'wrong_password', 'The password is not correct', [{ path: [field], code: 'wrong_password' }]),
  rateLimited: () => new AppError(429, 'rate_limited', 'Too many requests; slow down and try again'),
  // Idempotency keys (src/server/plugins/idempotency.ts): a key names one request, and is done once.
  idempotencyKeyInvalid: () =>
    new AppError(
      400,
      'idempotency_key_invalid',
      'The Idempotency-Key header must be 1 to 100 of A-Z, a-z, 0-9, - and _',
      [{ path: ['headers', 'idempotency-key'], code: 'idempotency_key_invalid' }],
    ),
  idempotencyKeyReused: () =>
    new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request'),
  idempotencyInProgress: () =>
    new AppError(409, 'idempotency_in_progress', 'The same request is still being processed; try again in a moment'),
  passwordChangeRequired: () =>
    new AppError(403, 'password_change_required', 'Choose a new password before doing anything else'),
};

/**
 * The limits a Zod issue names (a maximum length, a minimum, the allowed values), so the form can say
 * "at most 2000 characters" at the field. Schema constants only: never the value that was sent.
 */
export function issueLimits(params: unknown): Record<string, unknown> {
  const p = (params ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['maximum', 'minimum'] as const) {
    const v = p[key];
    if (typeof v === 'number' || typeof v === 'bigint') out[key] = Number(v);
  }
  for (const key of ['origin', 'format'] as const) if (typeof p[key] === 'string') out[key] = p[key];
  if (Array.isArray(p.values) && p.values.every((v) => typeof v === 'string')) out.values = p.values;
  return out;
}

/**
 * A body checked against its schema inside a service (the CLI and sync call services without a route):
 * the parsed value, or a 400 naming each issue's field (under `prefix`) and its limits.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown, prefix: string[] = []): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: [...prefix, ...i.path.map(String)],
        code: i.code,
        message: i.message,
        ...issueLimits(i),
      })),
    );
  return parsed.data;
}

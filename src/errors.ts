/**
 * Named errors with an HTTP status and a stable machine-readable code. The UI
 * translates by code (errors.<code>); the English message is for API users.
 */
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
  validation: (details: unknown, message = 'The request is not valid') => new AppError(400, 'validation_failed', message, details),
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
  versionConflict: () => new AppError(409, 'version_conflict', 'Someone else changed this record; reload it and apply your change again'),
  lockedOut: () => new AppError(429, 'locked_out', 'Too many failed attempts; try again later'),
};

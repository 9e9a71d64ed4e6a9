/**
 * Optional TOTP second factor (RFC 6238), with a one-step window for clock drift.
 * verifyTotp returns the time step the code belongs to, so that a caller can accept
 * each step once only (a replayed code is refused).
 */
import { authenticator } from 'otplib';

authenticator.options = { window: 1 };

export const TOTP_STEP_SECONDS = 30;

export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(accountEmail: string, secret: string): string {
  return authenticator.keyuri(accountEmail, 'Ariadne', secret);
}

/** The time step (30-second units since the epoch) that the code matches, or null. */
export function verifyTotp(secret: string, code: string, nowMs = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: nowMs }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS) + delta;
}

/** For tests and the CLI: the code valid at a moment (default now). */
export function currentTotp(secret: string, nowMs = Date.now()): string {
  return authenticator.clone({ epoch: nowMs }).generate(secret);
}

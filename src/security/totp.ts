/** Optional TOTP second factor (RFC 6238), with a one-step window for clock drift. */
import { authenticator } from 'otplib';

authenticator.options = { window: 1 };

export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(accountEmail: string, secret: string): string {
  return authenticator.keyuri(accountEmail, 'Ariadne', secret);
}

export function verifyTotp(secret: string, code: string): boolean {
  return /^\d{6}$/.test(code) && authenticator.check(code, secret);
}

/** For tests and the CLI: the code valid right now. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}

import { describe, expect, test } from 'vitest';
import crypto from 'node:crypto';
import { checkLinkageSecret, MIN_SECRET_BITS, secretFingerprint, secretStrengthBits } from './secret';

describe('linkage secret strength', () => {
  test.each([
    ['sixteen equal characters', 'aaaaaaaaaaaaaaaa'],
    ['a repeated pair', 'abababababababababababab'],
    ['a common password', 'password12345678'],
    ['a keyboard walk', 'qwertyuiopasdfgh'],
    ['a short one', 'Xk3jd9Qp2L'],
  ])('refuses %s with a field error on the secret', (_, secret) => {
    expect(() => checkLinkageSecret(secret)).toThrow(
      expect.objectContaining({ code: 'weak_secret', details: [expect.objectContaining({ path: ['secret'] })] }),
    );
  });

  test.each([
    ['16 random base64 characters', crypto.randomBytes(12).toString('base64')],
    ['32 random bytes in hex', crypto.randomBytes(32).toString('hex')],
    ['a long passphrase', 'demo-network-linkage-secret-not-for-production'],
  ])('accepts %s', (_, secret) => {
    expect(secretStrengthBits(secret)).toBeGreaterThanOrEqual(MIN_SECRET_BITS);
    expect(() => checkLinkageSecret(secret)).not.toThrow();
  });

  test('the message never quotes the secret', () => {
    expect(() => checkLinkageSecret('passwordpassword')).toThrow(expect.not.stringContaining('passwordpassword'));
  });
});

describe('secret fingerprint', () => {
  const secret = 'a-long-enough-network-secret-2026';
  test('equal secrets give equal fingerprints; others, others', () => {
    expect(secretFingerprint(secret)).toBe(secretFingerprint(secret));
    expect(secretFingerprint(secret)).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
    expect(secretFingerprint(secret)).not.toBe(secretFingerprint(`${secret}.`));
  });

  test('is keyed: not a plain hash of the secret, nor of the label', () => {
    const flat = secretFingerprint(secret).replace(/-/g, '');
    expect(crypto.createHash('sha256').update(secret).digest('hex')).not.toContain(flat);
    expect(flat).not.toContain(Buffer.from(secret).toString('hex').slice(0, 8));
  });
});

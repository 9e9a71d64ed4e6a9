/** The password strength check: length first, then the estimator with its dictionaries. */
import { describe, expect, test } from 'vitest';
import { checkPasswordStrength } from './password-strength';

describe('password strength', () => {
  test.each(['password1234', 'qwertyuiop12', 'azerty123456', 'Password2026!'])(
    '%s is refused with feedback',
    (password) => {
      const verdict = checkPasswordStrength(password);
      expect(verdict.ok).toBe(false);
      expect(verdict.warning !== null || verdict.suggestions.length > 0).toBe(true);
    },
  );

  test('too short is said so before anything else', () => {
    expect(checkPasswordStrength('Xk#9!')).toEqual({ ok: false, warning: 'too_short', suggestions: [] });
  });

  test.each(['violet-harbour-lantern-92', 'ariadne-demo-2026', 'correct horse battery staple'])(
    '%s is accepted',
    (password) => {
      expect(checkPasswordStrength(password).ok).toBe(true);
    },
  );

  test('her own email and name count as easy to guess', () => {
    expect(checkPasswordStrength('Kavito Resuma 1', ['kavito.resuma@north.demo.test', 'Kavito Resuma']).ok).toBe(false);
    expect(checkPasswordStrength('Kavito Resuma 1').ok).toBe(true);
  });
});

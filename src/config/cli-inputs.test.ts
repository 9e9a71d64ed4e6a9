import { describe, expect, test } from 'vitest';
import { newUserPassword } from './cli-inputs';

describe('CLI inputs from the environment', () => {
  test.each([
    [{ ARIADNE_NEW_PASSWORD: 'Demo-long-passphrase-2026' }, 'Demo-long-passphrase-2026'],
    [{}, ''],
  ])('newUserPassword(%j) is %j', (source, expected) => {
    expect(newUserPassword(source)).toBe(expected);
  });
});

/**
 * Inputs the CLI takes from the environment rather than from its arguments, so
 * that a secret never appears in the process list or the shell history. Like
 * env.ts, the only place besides it that reads process.env.
 */

/**
 * The password for `ariadne create-user` when --password-stdin is not given: ARIADNE_NEW_PASSWORD, or empty.
 * @example newUserPassword({ ARIADNE_NEW_PASSWORD: 'Demo-long-passphrase' }) // 'Demo-long-passphrase'
 */
export function newUserPassword(source: Record<string, string | undefined> = process.env): string {
  return source.ARIADNE_NEW_PASSWORD ?? '';
}

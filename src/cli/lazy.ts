/**
 * Lazily loaded functions for the CLI: a command module names the services it calls without
 * importing them, so `ariadne --help` (and every command) loads only what it runs — no
 * database driver, server, exceljs or GLPK just to print the usage.
 *
 * @example const seedDemo = lazy(() => import('../../services/demo-seed'), 'seedDemo');
 */

/** Names of a module's exports that are functions returning a promise (only those can be deferred). */
type AsyncExports<M> = { [K in keyof M]: M[K] extends (...args: any[]) => Promise<any> ? K : never }[keyof M];

/** An async export of a module loaded on first call; calls are identical to the real function's. */
export function lazy<M, K extends AsyncExports<M>>(load: () => Promise<M>, name: K): M[K] {
  return (async (...args: unknown[]) =>
    ((await load())[name] as (...a: unknown[]) => Promise<unknown>)(...args)) as M[K];
}

/** Shared CLI plumbing: configuration, the app context, and JSON-or-text output. */
import type { Actor } from '../policies/policies';
import type { AppContext } from '../services/context';

export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  // Loaded here, not at the top: `ariadne --help` needs neither the configuration nor a database driver.
  const [{ loadConfig }, { createAppContext }] = await Promise.all([
    import('../config/env'),
    import('../services/context'),
  ]);
  const ctx = await createAppContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

/** Prints JSON with --json, otherwise the human-readable text. */
export function output(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : text() + '\n');
}

/** A progress bar on stderr for long operations; silent when not a terminal or when printing JSON. */
export async function withProgress<T>(
  label: string,
  total: number,
  quiet: boolean,
  fn: (tick: (done: number) => void) => Promise<T>,
): Promise<T> {
  if (quiet || !process.stderr.isTTY) return fn(() => {});
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  try {
    return await fn((done) => bar.update(done));
  } finally {
    bar.stop();
  }
}

/**
 * The staff member a command acts as (`--org <slug> --as <email>`): an active member of the organisation,
 * with her roles there, so the command has exactly the access and the audit trail she has in the web.
 */
export async function staffActor(ctx: AppContext, slug: string, email: string): Promise<Actor> {
  const [{ organisationsRepo }, { usersRepo }] = await Promise.all([
    import('../storage/repositories/organisations'),
    import('../storage/repositories/users'),
  ]);
  const org = await organisationsRepo.findBySlug(ctx.db.system, slug);
  if (!org) throw new Error(`No organisation with slug ${slug}`);
  const user = await usersRepo.findForLogin(ctx.db.system, email);
  const member = user ? await usersRepo.findMember(ctx.db.system, org.id, user.id) : undefined;
  if (!user || !member || !member.active) throw new Error(`${email} is not an active member of ${slug}`);
  return { userId: user.id, organisationId: org.id, roles: member.roles as Actor['roles'] };
}

/** Shared CLI plumbing: configuration, the app context, and JSON-or-text output. */
import { loadConfig } from '../config/env';
import { createAppContext, type AppContext } from '../services/context';

export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
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

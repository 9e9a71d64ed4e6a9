/** Where a run's seeded browser data directories live: one per engine and number of demo cases. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BROWSER_TEMPLATE_ROOT = path.join(os.tmpdir(), 'ariadne-browser-templates');

export const templateDirOf = (runId: string, demoCases: number, engine: 'pglite' | 'postgres'): string =>
  path.join(BROWSER_TEMPLATE_ROOT, `${runId}_${engine}_cases${demoCases}`);

/** True for a name that starts with (after `prefix`) the id of a run begun more than six hours ago: it crashed. */
export function isOldRunName(name: string, prefix = ''): boolean {
  const m = new RegExp(`^${prefix}r([0-9a-z]{8})[0-9a-f]{4}_`).exec(name);
  return m !== null && Date.now() - parseInt(m[1], 36) > 6 * 3_600_000;
}

/** This run's directories, and any left by a run that crashed more than six hours ago. */
export function templateDirsOf(runId: string): string[] {
  if (!fs.existsSync(BROWSER_TEMPLATE_ROOT)) return [];
  return fs
    .readdirSync(BROWSER_TEMPLATE_ROOT)
    .filter((name) => name.startsWith(`${runId}_`) || isOldRunName(name))
    .map((name) => path.join(BROWSER_TEMPLATE_ROOT, name));
}

/** The start of the name of every database a harness of this run copies from a template (PostgreSQL runs). */
export const BROWSER_DATABASE = 'ariadne_browser_';
export const browserDatabasePrefix = (runId: string): string => `${BROWSER_DATABASE}${runId.toLowerCase()}_`;

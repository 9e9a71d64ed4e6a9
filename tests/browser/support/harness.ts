/**
 * Browser test harness: a real Ariadne on an ephemeral port with a fresh
 * file-backed PGlite and demo data, driven by Debian's Chromium (never a downloaded build).
 *
 * Migrating a new PGlite and seeding the demo data costs 8–30 s, once per test file. So the first
 * harness of a run (per number of demo cases) starts Ariadne on a template data directory, closes it
 * cleanly, and every harness then starts on a copy of that directory (database files and the master
 * key file together): the same migrations, seed and start-up checks, at the cost of a copy.
 */
import AxeBuilder from '@axe-core/playwright';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAriadne } from '../../../src/server/start';
import type { AppContext } from '../../../src/services/context';
import { DEMO_PASSWORD } from '../../../src/services/demo-seed';
import type { Actor } from '../../../src/policies/policies';
import type { Role } from '../../../src/policies/roles';
import { currentRunId } from '../../integration/support/templates';
import { BROWSER_TEMPLATE_ROOT, templateDirOf } from './template-dirs';

export { DEMO_PASSWORD };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Harness {
  baseUrl: string;
  /** The server's own context, for arranging what the UI cannot (e.g. a linkage run). */
  ctx: AppContext;
  browser: Browser;
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `demoCases`: how many demo cases to seed besides the users (none by default: most tests arrange their own). */
export async function startHarness(opts: { demoCases?: number } = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/ensure-chromium.sh (apt-get install chromium)`);
  if (!existsSync(path.resolve('dist/web/index.html')))
    throw new Error('The web app is not built: run npm run build:web');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-browser-'));
  cpSync(await seededTemplate(opts.demoCases ?? 0), dataDir, {
    recursive: true,
    // The lock of a closed server is gone; never copy one left by a crash.
    filter: (source) => !/ariadne\.lock(\.owner)?$/.test(source),
  });
  const server = await start(dataDir, opts.demoCases);
  const browser = await workerBrowser();
  return {
    baseUrl: server.url,
    ctx: server.ctx,
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'en-GB' });
      return { context, page: await context.newPage() };
    },
    async close() {
      // The browser is the worker's: this file's contexts go (their pages, cookies and storage with them).
      await Promise.all(browser.contexts().map((context) => context.close()));
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium per test worker, shared by the files it runs one after the other (a worker keeps its
 * modules: isolate is off): starting one cost about a second per file. Files never share a context,
 * and a harness closes all of its own when it closes. Playwright ends the browser with the worker.
 */
let shared: Promise<Browser> | undefined;
function workerBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).then((browser) => {
    browser.on('disconnected', () => (shared = undefined));
    return browser;
  });
  return shared;
}

const start = (dataDir: string, demoCases: number | undefined) =>
  startAriadne({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    // Already seeded in a copy of the template: seeding then finds the demo organisations and does nothing.
    seedDemo: true,
    demoCases,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
  });

/** The run's migrated and seeded data directory for this many demo cases, built on first use. */
async function seededTemplate(demoCases: number): Promise<string> {
  const dir = templateDirOf(currentRunId(), demoCases);
  if (existsSync(dir)) return dir;
  mkdirSync(BROWSER_TEMPLATE_ROOT, { recursive: true });
  // Built beside its final name and renamed when complete and closed, so a half-built one is never copied.
  const building = mkdtempSync(`${dir}.building-`);
  const server = await start(building, demoCases);
  await server.close();
  try {
    renameSync(building, dir);
  } catch (error) {
    // Test files run side by side: another worker built the same template first. Its copy is as good.
    if (!existsSync(dir)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** The service-level actor of a demo user, for arranging data through the services a test does not exercise. */
export async function actorOf(harness: Harness, email: string): Promise<Actor> {
  const user = await harness.ctx.db.system
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'memberships.organisation_id as organisationId', 'memberships.roles'])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisationId, roles: user.roles as Role[] };
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Serious or critical axe-core violations on the current page, as readable strings. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

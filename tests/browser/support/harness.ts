/**
 * Browser test harness: a real Ariadne on an ephemeral port with a fresh
 * file-backed PGlite and demo data, driven by Debian's Chromium (never a downloaded build).
 *
 * Migrating a new database and seeding the demo data costs 8–30 s, once per test file. So the first
 * harness of a run (per number of demo cases) starts Ariadne on a template, closes it cleanly, and every
 * harness then starts on a copy of it: the same migrations, seed and start-up checks, at the cost of a copy.
 *
 * The engine is the integration tier's: PostgreSQL when TEST_DATABASE_URL is set (as in CI), else PGlite.
 * - PGlite: the template is a data directory (database files and the master key file), copied whole.
 * - PostgreSQL: the template is a database (`CREATE DATABASE … TEMPLATE`) plus a data directory that
 *   holds only its master key file; each harness gets its own database, dropped when it closes. The
 *   server's queries then cost native PostgreSQL time, not WebAssembly time in the test worker: the
 *   server was most of a browser file's CPU on PGlite.
 */
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAriadne } from '../../../src/server/start';
import type { AppContext } from '../../../src/services/context';
import { DEMO_PASSWORD } from '../../../src/services/demo-seed';
import type { Actor } from '../../../src/policies/policies';
import type { Role } from '../../../src/policies/roles';
import { adminClient, currentRunId, MIGRATIONS_HASH, withUrl } from '../../integration/support/templates';
import { BROWSER_TEMPLATE_ROOT, browserDatabasePrefix, templateDirOf } from './template-dirs';

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

export interface HarnessOptions {
  /** How many demo cases to seed besides the users (none by default: most tests arrange their own). */
  demoCases?: number;
  /** PGlite forced, for a file that keeps the demo's own engine covered in the browser when the run has PostgreSQL. */
  engine?: 'pglite';
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/ensure-chromium.sh (apt-get install chromium)`);
  if (!existsSync(path.resolve('dist/web/index.html')))
    throw new Error('The web app is not built: run npm run build:web');
  const template = await seededTemplate(opts.demoCases ?? 0, opts.engine === 'pglite' ? undefined : SERVER_URL);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-browser-'));
  cpSync(template.dataDir, dataDir, {
    recursive: true,
    // The lock of a closed server is gone; never copy one left by a crash.
    filter: (source) => !/ariadne\.lock(\.owner)?$/.test(source),
  });
  const database = template.database && (await cloneDatabase(template.database.serverUrl, template.database.name));
  const server = await start(dataDir, opts.demoCases, database?.url);
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
      await database?.drop();
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
export function workerBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }).then((browser) => {
    browser.on('disconnected', () => (shared = undefined));
    return browser;
  });
  return shared;
}

/** The PostgreSQL server of the run, when there is one (the integration tier's variable). */
const SERVER_URL = process.env.TEST_DATABASE_URL;

const start = (dataDir: string, demoCases: number | undefined, databaseUrl?: string) =>
  startAriadne({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl,
    // Already seeded in a copy of the template: seeding then finds the demo organisations and does nothing.
    seedDemo: true,
    demoCases,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
  });

interface SeededTemplate {
  /** The data directory to copy: the whole PGlite database, or on PostgreSQL only the master key file. */
  dataDir: string;
  /** On PostgreSQL, the template database to copy, and the server that holds it. */
  database?: { name: string; serverUrl: string };
}

/**
 * The template database for this many demo cases. Named like the integration tier's seeded templates,
 * ending in the run id, so that tier's clean-up (dropRunTemplates) drops it at the end of the run, and
 * a crashed run's after six hours.
 */
const templateDatabaseOf = (demoCases: number) =>
  `ariadne_tseed_${MIGRATIONS_HASH}_c${demoCases}_${currentRunId()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');

/** The run's migrated and seeded template for this many demo cases, built on first use: on PGlite without a server. */
async function seededTemplate(demoCases: number, serverUrl: string | undefined): Promise<SeededTemplate> {
  const dir = templateDirOf(currentRunId(), demoCases, serverUrl === undefined ? 'pglite' : 'postgres');
  if (serverUrl === undefined) {
    if (!existsSync(dir)) await buildTemplate(dir, (building) => start(building, demoCases));
    return { dataDir: dir };
  }
  const database = templateDatabaseOf(demoCases);
  if (!existsSync(dir)) {
    // Test files run side by side: one builds the template while the others wait on its lock.
    await adminClient(serverUrl, async (c) => {
      await c.query('SELECT pg_advisory_lock(hashtext($1))', [database]);
      try {
        if (existsSync(dir)) return;
        const draft = `${database.slice(0, 48)}_b${randomBytes(4).toString('hex')}`;
        await c.query(`CREATE DATABASE ${draft}`);
        await buildTemplate(dir, (building) => start(building, demoCases, withUrl(serverUrl, draft)));
        await c.query(`ALTER DATABASE ${draft} RENAME TO ${database}`);
        await c.query(`ALTER DATABASE ${database} IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [database]);
      }
    });
  }
  return { dataDir: dir, database: { name: database, serverUrl } };
}

/** Starts and closes Ariadne on a new data directory, then renames it to `dir`: a half-built one is never copied. */
async function buildTemplate(dir: string, startOn: (dataDir: string) => ReturnType<typeof start>): Promise<void> {
  mkdirSync(BROWSER_TEMPLATE_ROOT, { recursive: true });
  const building = mkdtempSync(`${dir}.building-`);
  const server = await startOn(building);
  await server.close();
  try {
    renameSync(building, dir);
  } catch (error) {
    // Test files run side by side: another worker built the same template first. Its copy is as good.
    if (!existsSync(dir)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
}

/** A database of this harness's own, copied from the template; dropped when the harness closes. */
async function cloneDatabase(serverUrl: string, template: string): Promise<{ url: string; drop(): Promise<void> }> {
  // Named after the run: the run's end drops any a failed file left behind (global-setup.ts).
  const name = `${browserDatabasePrefix(currentRunId())}${randomBytes(6).toString('hex')}`;
  await adminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: withUrl(serverUrl, name),
    async drop() {
      await adminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
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

/**
 * Serious or critical axe-core violations on the current page, as readable strings. axe runs in the page itself
 * (legacy mode: the app has no frames, so nothing needs axe's per-frame runs and their merge in a blank page of
 * its own), and only violations are gathered (passes and incomplete results are not read). Both took 64 s of
 * the 135 s that statistics.test.ts and cases.test.ts spent in their tests, against 21 s now; a11y-check.test.ts
 * shows the check still finds what it must.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

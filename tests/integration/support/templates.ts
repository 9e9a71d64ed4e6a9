/**
 * Template databases for integration tests: migrating (and seeding the demo data) costs seconds
 * per test file, so each run builds a migrated — and a migrated and seeded — database once and
 * every test file starts from a copy.
 *
 * - PostgreSQL: `CREATE DATABASE x TEMPLATE ariadne_template_<hash of the migration files>`. The
 *   migrated template outlives the run (a new or edited migration gives a new name); the seeded one,
 *   `ariadne_tseed_<migration hash>_<run>`, belongs to one run and is dropped at its end, since the
 *   demo seed follows the code. Builders serialise on an advisory lock named after the template.
 * - PGlite: the engine's own dump of its data directory (dumpDataDir), written once per run under
 *   the OS temp directory and loaded into a fresh in-memory PGlite (loadDataDir) per context. A
 *   lock directory serialises builders across vitest workers.
 *
 * Seeded data is encrypted under organisation keys wrapped by the master key of the context that
 * seeded it, so each seeded template keeps its master key alongside (a database comment on
 * PostgreSQL, a JSON file next to the dump on PGlite) and a context cloned from it uses that key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { KeyRing } from '../../../src/security/field-encryption';
import type { AppContext } from '../../../src/services/context';
import { seedDemo } from '../../../src/services/demo-seed';
import { openDatabase, type Database } from '../../../src/storage/database';
import { listMigrations, migrate } from '../../../src/storage/migrate';
import { keyStore } from '../../../src/storage/repositories/keys';

export type TemplateKind = 'migrated' | 'seeded';

export interface Template {
  /** PostgreSQL: the template database's name; PGlite: the dump file. */
  name: string;
  /** The master key the seeded data's keys are wrapped with (a fresh one for a migrated template). */
  masterKey: Buffer;
}

declare module 'vitest' {
  export interface ProvidedContext {
    ariadneTestRunId: string;
  }
}

/** Provided once per `vitest run` by global-setup.ts; a process of its own outside vitest's workers. */
let runId: string | undefined;
export function currentRunId(): string {
  if (!runId) {
    try {
      runId = inject('ariadneTestRunId');
    } catch {
      /* not in a vitest worker */
    }
    runId ??= process.env.ARIADNE_TEST_RUN_ID ?? newRunId();
  }
  return runId;
}

/** SHA-256 of every migration file, so a new or edited migration builds a new template. */
export const MIGRATIONS_HASH = crypto
  .createHash('sha256')
  .update(
    listMigrations()
      .map((m) => `${m.name}:${m.checksum}`)
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 12);

export const TEMPLATE_DIR = path.join(os.tmpdir(), 'ariadne-test-templates');

// --- seeding, the same way for both engines --------------------------------------------------

async function fill(db: Database, kind: TemplateKind): Promise<Buffer> {
  await migrate(db);
  const masterKey = crypto.randomBytes(32);
  if (kind === 'seeded') {
    const { testConfig } = await import('./engines');
    const ctx: AppContext = { config: testConfig(), db, keyRing: new KeyRing(masterKey, keyStore(db.system)) };
    await seedDemo(ctx);
  }
  return masterKey;
}

// --- PGlite -----------------------------------------------------------------------------------

/** An in-memory PGlite, empty or loaded from a dump of dumpDataDir. */
const openPglite = (loadDataDir?: Blob) => openDatabase(loadDataDir ? { loadDataDir } : {});

/** Runs fn while holding a lock directory (mkdir is atomic); a lock older than 5 minutes is a crashed builder's. */
async function withLockDir<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 5 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* released meanwhile */
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

const pgliteTemplates = new Map<TemplateKind, Promise<{ dump: Blob; masterKey: Buffer }>>();

async function buildPgliteTemplate(kind: TemplateKind): Promise<{ dump: Blob; masterKey: Buffer }> {
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const base = path.join(TEMPLATE_DIR, `pglite_${kind}_${MIGRATIONS_HASH}_${currentRunId()}`);
  const read = () => ({
    dump: new Blob([fs.readFileSync(`${base}.tar`)]),
    masterKey: Buffer.from(JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')).masterKey, 'base64'),
  });
  if (fs.existsSync(`${base}.json`)) return read();
  return withLockDir(`${base}.lock`, async () => {
    if (fs.existsSync(`${base}.json`)) return read();
    const db = await openPglite();
    try {
      const masterKey = await fill(db, kind);
      const dump = await db.dumpDataDir!();
      // The dump first, the key file last: the key file's presence means the template is complete.
      fs.writeFileSync(`${base}.tar.tmp`, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(`${base}.tar.tmp`, `${base}.tar`);
      fs.writeFileSync(`${base}.json.tmp`, JSON.stringify({ masterKey: masterKey.toString('base64') }));
      fs.renameSync(`${base}.json.tmp`, `${base}.json`);
      return { dump, masterKey };
    } finally {
      await db.close();
    }
  });
}

/** A fresh in-memory PGlite holding a copy of the template, and the template's master key. */
export async function clonePglite(
  kind: TemplateKind,
): Promise<{ db: Database & { dispose(): Promise<void> }; masterKey: Buffer }> {
  let template = pgliteTemplates.get(kind);
  if (!template) {
    template = buildPgliteTemplate(kind);
    pgliteTemplates.set(kind, template);
    template.catch(() => pgliteTemplates.delete(kind));
  }
  const { dump, masterKey } = await template;
  const db = await openPglite(dump);
  return {
    db: Object.assign(db, { dispose: () => db.close() }),
    masterKey: kind === 'seeded' ? masterKey : crypto.randomBytes(32),
  };
}

// --- PostgreSQL -------------------------------------------------------------------------------

export const pgTemplateName = (kind: TemplateKind) =>
  kind === 'migrated'
    ? `ariadne_template_${MIGRATIONS_HASH}`
    : `ariadne_tseed_${MIGRATIONS_HASH}_${currentRunId()}`
        .toLowerCase()
        .replace(/[^a-z0-9_]/g, '_')
        .slice(0, 63);

export const withUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = '/' + database;
  return url.toString();
};

export async function adminClient<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const pgTemplates = new Map<TemplateKind, Promise<Template>>();

async function buildPgTemplate(serverUrl: string, kind: TemplateKind): Promise<Template> {
  const name = pgTemplateName(kind);
  const existing = async (c: pg.Client) =>
    (
      await c.query<{ key: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS key FROM pg_database WHERE datname = $1 AND datistemplate`,
        [name],
      )
    ).rows[0];
  return adminClient(serverUrl, async (c) => {
    // Every test file of the run asks; one builds while the others wait on the lock.
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      let found = await existing(c);
      if (!found?.key) {
        const building = `${name.slice(0, 50)}_b${crypto.randomBytes(4).toString('hex')}`;
        await c.query(`CREATE DATABASE ${building}`);
        const db = await openDatabase({ databaseUrl: withUrl(serverUrl, building) });
        let masterKey: Buffer;
        try {
          masterKey = await fill(db, kind);
        } finally {
          await db.close();
        }
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
        await c.query(`ALTER DATABASE ${name} IS_TEMPLATE true ALLOW_CONNECTIONS false`);
        // Last: a template with its key comment is complete.
        await c.query(`COMMENT ON DATABASE ${name} IS '${masterKey.toString('base64')}'`);
        found = { key: masterKey.toString('base64') };
      }
      return { name, masterKey: Buffer.from(found.key!, 'base64') };
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

/** A throw-away database copied from the template, and the template's master key. */
export async function clonePostgres(
  serverUrl: string,
  kind: TemplateKind,
): Promise<{ db: Database & { dispose(): Promise<void> }; masterKey: Buffer }> {
  const name = `ariadne_test_${crypto.randomBytes(6).toString('hex')}`;
  let masterKey: Buffer;
  for (let attempt = 0; ; attempt += 1) {
    let template = pgTemplates.get(kind);
    if (!template) {
      template = buildPgTemplate(serverUrl, kind);
      pgTemplates.set(kind, template);
      template.catch(() => pgTemplates.delete(kind));
    }
    const built = await template;
    masterKey = built.masterKey;
    try {
      await adminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${built.name}`));
      break;
    } catch (error) {
      // Dropped by the end of another run whose migrations differed (a migration edited meanwhile): build it again.
      if ((error as { code?: string }).code !== '3D000' || attempt > 0) throw error;
      pgTemplates.delete(kind);
    }
  }
  const db = await openDatabase({ databaseUrl: withUrl(serverUrl, name) });
  return {
    db: Object.assign(db, {
      async dispose() {
        await db.close();
        await adminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    }),
    masterKey: kind === 'seeded' ? masterKey : crypto.randomBytes(32),
  };
}

// --- the end of a run -------------------------------------------------------------------------

/** A new run id: `r` and the time in base 36, so leftovers of crashed runs can be recognised by age. */
export const newRunId = () => `r${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;

/** Templates of a run started more than six hours ago (it crashed before cleaning up). */
function isOldRun(name: string): boolean {
  const m = /_r([0-9a-z]{8})[0-9a-f]{4}$/.exec(name);
  return m !== null && Date.now() - parseInt(m[1], 36) > 6 * 3_600_000;
}

/** Removes this run's seeded templates (both engines) and migrated templates of older migration sets. */
export async function dropRunTemplates(serverUrl: string | undefined, runId: string): Promise<void> {
  if (fs.existsSync(TEMPLATE_DIR)) {
    for (const file of fs.readdirSync(TEMPLATE_DIR)) {
      if (file.includes(`_${runId}.`) || isOldRun(file.replace(/\..*$/, '')))
        fs.rmSync(path.join(TEMPLATE_DIR, file), { recursive: true, force: true });
    }
  }
  if (!serverUrl) return;
  await adminClient(serverUrl, async (c) => {
    const rows = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datistemplate AND (datname LIKE 'ariadne\\_tseed\\_%' OR datname LIKE 'ariadne\\_template\\_%')`,
    );
    for (const { datname } of rows.rows) {
      const ours =
        datname.startsWith('ariadne_tseed_') && (datname.endsWith(`_${runId.toLowerCase()}`) || isOldRun(datname));
      const superseded = datname.startsWith('ariadne_template_') && datname !== pgTemplateName('migrated');
      if (!ours && !superseded) continue;
      try {
        await c.query(`ALTER DATABASE ${datname} IS_TEMPLATE false`);
        await c.query(`DROP DATABASE IF EXISTS ${datname}`);
      } catch {
        /* another run is copying it: left for a later run */
      }
    }
  });
}

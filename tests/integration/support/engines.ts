/**
 * The engines every integration test runs on: PGlite always, PostgreSQL when
 * TEST_DATABASE_URL is set (each test file gets its own fresh database).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../../../src/config/env';
import { KeyRing } from '../../../src/security/field-encryption';
import type { AppContext } from '../../../src/services/context';
import { openDatabase, type Database } from '../../../src/storage/database';
import { migrate } from '../../../src/storage/migrate';
import { keyStore } from '../../../src/storage/repositories/keys';
import { clonePglite, clonePostgres, type TemplateKind } from './templates';

export interface EngineUnderTest {
  name: 'pglite' | 'postgres';
  /** An empty database (no migrations). */
  open(): Promise<Database & { dispose(): Promise<void> }>;
  /** A copy of this run's migrated (or migrated and seeded) template, with the master key its data needs. */
  clone(kind: TemplateKind): Promise<{ db: Database & { dispose(): Promise<void> }; masterKey: Buffer }>;
}

const serverUrl = process.env.TEST_DATABASE_URL;

async function freshPostgres(): Promise<Database & { dispose(): Promise<void> }> {
  const name = `ariadne_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = '/' + name;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openDatabase({});
      return Object.assign(db, { dispose: () => db.close() });
    },
    clone: (kind) => clonePglite(kind),
  },
  ...(serverUrl
    ? [
        {
          name: 'postgres' as const,
          open: freshPostgres,
          clone: (kind: TemplateKind) => clonePostgres(serverUrl, kind),
        },
      ]
    : []),
];

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    dataDir: path.join(os.tmpdir(), 'ariadne-test-unused'),
    ...overrides,
  };
}

/**
 * A migrated database with a random master key: the app context services expect. It is a copy of
 * the run's migrated template (support/templates.ts), or with `seeded` of the template that also
 * holds the demo data, whose master key the context then uses.
 */
export async function createTestContext(
  engine: EngineUnderTest,
  overrides: Partial<AppConfig> = {},
  options: { seeded?: boolean } = {},
): Promise<AppContext & { dispose(): Promise<void> }> {
  const { db, masterKey } = await engine.clone(options.seeded ? 'seeded' : 'migrated');
  await migrate(db); // a no-op on the template's copy, which still checks every migration's checksum
  const keyRing = new KeyRing(masterKey, keyStore(db.system));
  return { config: testConfig(overrides), db, keyRing, dispose: () => db.dispose() };
}

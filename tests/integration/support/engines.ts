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

export interface EngineUnderTest {
  name: 'pglite' | 'postgres';
  open(): Promise<Database & { dispose(): Promise<void> }>;
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
  { name: 'pglite', open: async () => { const db = await openDatabase({}); return Object.assign(db, { dispose: () => db.close() }); } },
  ...(serverUrl ? [{ name: 'postgres' as const, open: freshPostgres }] : []),
];

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    dataDir: path.join(os.tmpdir(), 'ariadne-test-unused'),
    ...overrides,
  };
}

/** A migrated database with a random master key: the app context services expect. */
export async function createTestContext(engine: EngineUnderTest, overrides: Partial<AppConfig> = {}): Promise<AppContext & { dispose(): Promise<void> }> {
  const db = await engine.open();
  await migrate(db);
  const keyRing = new KeyRing(crypto.randomBytes(32), keyStore(db.kysely));
  return { config: testConfig(overrides), db, keyRing, dispose: () => db.dispose() };
}

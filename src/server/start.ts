/** Starts a complete Ariadne (migrate, optional demo seed, HTTP) — used by the CLI and browser tests. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { loadConfig } from '../config/env';
import { createAppContext, type AppContext } from '../services/context';
import { seedDemo } from '../services/demo-seed';
import { buildServer } from './app';

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  seedDemo?: boolean;
  /** How many fictional cases to seed with the demo data. */
  demoCases?: number;
  onSeedProgress?: (done: number) => void;
  /** Each step of the start (first runs migrate and seed for a while: `ariadne start` shows progress). */
  onPhase?: (phase: 'database' | 'seed' | 'listen') => void;
  onMigration?: (done: number, total: number, name: string) => void;
  webDir?: string;
  logStream?: Writable;
  env?: Record<string, string | undefined>;
}

export async function startAriadne(opts: StartOptions = {}) {
  const base = loadConfig(opts.env);
  const config = {
    ...base,
    port: opts.port ?? base.port,
    host: opts.host ?? base.host,
    dataDir: opts.dataDir ? path.resolve(opts.dataDir) : base.dataDir,
    databaseUrl: opts.databaseUrl ?? base.databaseUrl,
  };
  opts.onPhase?.('database');
  const ctx: AppContext = await createAppContext(config, { onMigration: opts.onMigration });
  if (opts.seedDemo) opts.onPhase?.('seed');
  const seeded = opts.seedDemo
    ? await seedDemo(ctx, { cases: opts.demoCases ?? 0, onProgress: opts.onSeedProgress })
    : undefined;
  opts.onPhase?.('listen');
  const app = await buildServer(ctx, { webDir: opts.webDir ?? DEFAULT_WEB_DIR, logStream: opts.logStream });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    url: address.replace('[::1]', 'localhost'),
    ctx,
    seeded,
    async close() {
      await app.close();
      await ctx.db.close();
    },
  };
}

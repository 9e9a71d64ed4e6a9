/** A seeded app per engine for API tests. */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/app';
import type { AppConfig } from '../../../src/config/env';
import type { AppContext } from '../../../src/services/context';
import { seedDemo, DEMO_PASSWORD } from '../../../src/services/demo-seed';
import { createTestContext, type EngineUnderTest } from './engines';
import { ApiClient } from './http';

export { DEMO_PASSWORD };

export interface TestApp {
  ctx: AppContext & { dispose(): Promise<void> };
  app: FastifyInstance;
  logs: string[];
  client(): ApiClient;
  as(email: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export async function createTestApp(
  engine: EngineUnderTest,
  opts: { secureCookies?: boolean; loginRateLimitPerMinute?: number; config?: Partial<AppConfig> } = {},
): Promise<TestApp> {
  const ctx = await createTestContext(
    engine,
    {
      logLevel: 'info',
      secureCookies: opts.secureCookies ?? false,
      loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 10_000,
      ...opts.config,
    },
    { seeded: true },
  );
  await seedDemo(ctx); // already present in the seeded template: returns at once
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildServer(ctx, { logStream });
  await app.ready();
  return {
    ctx,
    app,
    logs,
    client: () => new ApiClient(app),
    async as(email: string) {
      const c = new ApiClient(app);
      const res = await c.login(email, DEMO_PASSWORD);
      if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status}`);
      return c;
    },
    async close() {
      await app.close();
      await ctx.dispose();
    },
  };
}

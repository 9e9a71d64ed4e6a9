/**
 * Black-box attacks on a real server (ephemeral port, production-like settings: secure
 * cookies, default login limits, no trusted proxy), driven over HTTP with fetch:
 * forwarded-address rotation, TOTP brute force and replay, and a parallel lockout race.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer } from '../../src/server/app';
import { seedDemo, DEMO_PASSWORD } from '../../src/services/demo-seed';
import { currentTotp } from '../../src/security/totp';
import { createTestContext, ENGINES } from './support/engines';

describe.each(ENGINES.map((e) => [e.name, e] as const))(
  'attacks against a production-like server on %s',
  (_name, engine) => {
    let app: FastifyInstance;
    let ctx: Awaited<ReturnType<typeof createTestContext>>;
    let base: string;

    beforeAll(async () => {
      // The defaults a production deployment gets: no proxy trusted, 20 logins per address and per account a minute.
      ctx = await createTestContext(engine, {
        env: 'production',
        secureCookies: true,
        logLevel: 'silent',
        loginRateLimitPerMinute: 20,
        trustedProxies: [],
      });
      await seedDemo(ctx);
      app = await buildServer(ctx);
      base = await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await app?.close();
      await ctx?.dispose();
    });

    async function login(email: string, password: string, totpCode?: string, headers: Record<string, string> = {}) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email, password, ...(totpCode ? { totpCode } : {}) }),
      });
      const body = (await res.json()) as any;
      return { status: res.status, body, cookie: res.headers.get('set-cookie')?.split(';')[0] };
    }

    async function call(session: { cookie?: string; body: any }, method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie: session.cookie!,
          'x-csrf-token': session.body.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
    }

    test('rotating X-Forwarded-For does not get 40 guesses past the per-address limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        statuses.push(
          (
            await login(`nobody${i}@attack.test`, 'guess-password-x', undefined, {
              'x-forwarded-for': `198.51.100.${i}`,
            })
          ).status,
        );
      }
      expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(20);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    });

    test('TOTP: brute force locks the account before a right code can get in, and a replayed code is refused', async () => {
      // Other tests' addresses are spent; this one is told apart by its socket only, so give it its own server.
      const email = 'case_owner@south.demo.test';
      const app2 = await buildServer(ctx);
      const base2 = await app2.listen({ port: 0, host: '127.0.0.1' });
      const original = base;
      base = base2;
      try {
        const session = await login(email, DEMO_PASSWORD);
        expect(session.status).toBe(200);
        const { secret } = (await call(session, 'POST', '/api/auth/totp/setup')).body;
        expect((await call(session, 'POST', '/api/auth/totp/enable', { code: currentTotp(secret) })).status).toBe(204);

        const code = currentTotp(secret);
        expect((await login(email, DEMO_PASSWORD, code)).status).toBe(200);
        expect((await login(email, DEMO_PASSWORD, code)).body.error.code).toBe('invalid_totp');

        const wrong = code === '123456' ? '654321' : '123456';
        const answers: string[] = [];
        for (let i = 0; i < 10; i++) answers.push((await login(email, DEMO_PASSWORD, wrong)).body.error.code);
        // Replay + 4 wrong codes lock the account; then even the password is not checked.
        expect(answers.slice(0, 4)).toEqual(Array(4).fill('invalid_totp'));
        expect(answers.slice(4).every((a) => a === 'invalid_credentials')).toBe(true);
        const right = await login(email, DEMO_PASSWORD, currentTotp(secret, Date.now() + 30_000));
        expect([right.status, right.body.error.code]).toEqual([401, 'invalid_credentials']);
      } finally {
        base = original;
        await app2.close();
      }
    });

    // All 20 wrong: with the right password among them, whether it arrived before the fifth failure was
    // counted would be the network's choice (seen under load), not the server's.
    test('20 parallel wrong guesses: at most 5 are checked, and the right password is then refused', async () => {
      const email = 'legal_advisor@north.demo.test';
      const app3 = await buildServer(ctx);
      const base3 = await app3.listen({ port: 0, host: '127.0.0.1' });
      const original = base;
      base = base3;
      try {
        const guesses = Array.from({ length: 20 }, (_, i) => `parallel-guess-${i}-x`);
        const results = await Promise.all(guesses.map((p) => login(email, p)));
        expect(results.map((r) => r.status)).toEqual(Array(20).fill(401));
        const user = await ctx.db.system
          .selectFrom('users')
          .select(['id', 'failed_logins'])
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        expect(user.failed_logins).toBe(5);
        const checked = await ctx.db.system
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', '=', user.id)
          .where('action', '=', 'auth.login_failed')
          .execute();
        expect(checked.length).toBeLessThanOrEqual(5);
        // Refused by the lock (401) or, on this production-like server, already by the rate limit (429).
        const right = await login(email, DEMO_PASSWORD);
        expect([401, 429]).toContain(right.status);
      } finally {
        base = original;
        await app3.close();
      }
    });
  },
);

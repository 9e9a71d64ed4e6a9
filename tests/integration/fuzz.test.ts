/**
 * Property-based abuse of every API route: random, malformed, oversized and
 * injection-laden input never yields a 5xx, and a rejected request changes no row.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_BODY_LIMIT } from '../../src/server/app';
import { linkageIdle } from '../../src/services/linkage-runs';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { installChangeWitness, type ChangeWitness } from './support/change-witness';
import { fingerprint } from './support/snapshot';

// Routes that end the fuzzing session itself are exercised in auth.test.ts.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

const hostile = fc.constantFrom(
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000',
  '../../etc/passwd',
  '{{7*7}}',
  '%00',
  'admin@north.demo.test',
  '1 OR 1=1',
  '\ud800',
  'é'.repeat(300),
);
const jsonValue = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        'email',
        'password',
        'roles',
        'version',
        'displayName',
        'active',
        'organisationId',
        'code',
        '__proto__',
        'constructor',
      ),
    ),
    fc.oneof(fc.jsonValue(), hostile),
  ),
);
const rawBody = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string(),
  hostile,
  fc.constant('{"email": '),
  fc.constant('x'.repeat(API_BODY_LIMIT + 10)),
);
const pathParam = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  hostile.map(encodeURIComponent),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.constantFrom('limit', 'x', 'q'), fc.oneof(fc.string(), hostile))
    .map((d) => '?' + new URLSearchParams(d).toString()),
);

/** Every route of the OpenAPI document, read from a real app before the tests are collected, so each is a test of its own. */
async function discoverRoutes(): Promise<{ method: string; path: string }[]> {
  const t = await createTestApp(ENGINES[0]);
  try {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })))
      .filter((r) => !SKIP.has(`${r.method} ${r.path}`));
  } finally {
    await t.close();
  }
}

const ROUTES = await discoverRoutes();

describe.each(ENGINES.map((e) => [e.name, e] as const))('fuzzing every route on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let caseworker: ApiClient;
  let coordinator: ApiClient;
  let routes: { method: string; path: string }[];
  let witness: ChangeWitness;

  beforeAll(async () => {
    t = await createTestApp(engine);
    witness = await installChangeWitness(t.ctx.db);
    admin = await t.as('admin@north.demo.test');
    caseworker = await t.as('caseworker@north.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })))
      .filter((r) => !SKIP.has(`${r.method} ${r.path}`));
  });
  afterAll(() => t.close());

  test('the route list is not empty (guards against a vacuous pass), and is the one each route test below was made from', () => {
    expect(routes.length).toBeGreaterThan(8);
    expect(ROUTES).toEqual(routes);
  });

  // One test per route, each within its own timeout: 25 runs. Each request is bracketed by two looks
  // at the change witness (support/change-witness.ts); the full fingerprint of every table, which
  // costs more per look, is taken around the whole route and compared when every request was rejected.
  test.each(ROUTES)(
    '$method $path: no 5xx, and nothing changes on rejection',
    async (route) => {
      const fingerprintBefore = await fingerprint(t.ctx.db);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(rawBody, pathParam, query, async (body, param, qs) => {
          const url = route.path.replace(/\{[^}]+\}/g, param) + qs;
          const before = await witness.look();
          // Each route is exercised by someone allowed past its policy check.
          const client = /^\/api\/(statistics|estimates|mse|network\/(graph|gaps))/.test(route.path)
            ? coordinator
            : (/^\/api\/(cases|agenda|staff|reference-lists|referrals|network\/partners|directory$)/.test(route.path) &&
                  route.method === 'GET') ||
                /^\/api\/(cases|referrals)/.test(route.path)
              ? caseworker
              : admin;
          const res = await client.request(route.method, url, route.method === 'GET' ? undefined : body);
          // An accepted linkage run works in the background: let it finish before comparing rows.
          await linkageIdle(t.ctx);
          expect(res.status, `${route.method} ${url}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body?.error?.code, `${route.method} ${url} error envelope`).toEqual(expect.any(String));
            expect(await witness.look(), `${route.method} ${url} changed a row`).toEqual(before);
          } else {
            accepted += 1;
          }
        }),
        { numRuns: 25, seed: 20261122 },
      );
      if (accepted === 0) expect(await fingerprint(t.ctx.db)).toEqual(fingerprintBefore);
    },
    60_000,
  );
});

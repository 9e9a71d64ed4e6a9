/**
 * Every error path answers in the error envelope with a 4xx, never a 500: text
 * PostgreSQL cannot store (NUL, lone surrogates) is refused at the edge as
 * invalid_text, versions beyond int4 as validation errors, and the errors Node's
 * HTTP parser raises (431 header too large, malformed requests) and cookie
 * trouble are envelopes too. A refused request changes no row.
 */
import http from 'node:http';
import net from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installErrorHandler } from '../../src/server/errors-handler';
import { INT4_MAX } from '../../src/server/schemas';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient, ApiResponse } from './support/http';
import { fingerprint } from './support/snapshot';

/** A JSON body with a lone surrogate escape, which JSON.stringify of a JS string would also produce. */
const rawJson = (value: unknown) => JSON.stringify(value);

function expectEnvelope(res: ApiResponse, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body?.error?.code).toEqual(code ?? expect.any(String));
  expect(res.body?.error?.message).toEqual(expect.any(String));
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('error envelope on %s', (_name, engine) => {
  let t: TestApp;
  let admin: ApiClient;
  let worker: ApiClient;
  let base: string;
  let caseId: string;
  let personVersion: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.as('admin@north.demo.test');
    worker = await t.as('caseworker@north.demo.test');
    const created = await worker.post('/api/cases', intake());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
    personVersion = created.body.person.version;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  async function unchanged(fn: () => Promise<ApiResponse>): Promise<ApiResponse> {
    const before = await fingerprint(t.ctx.db);
    const res = await fn();
    expect(await fingerprint(t.ctx.db)).toEqual(before);
    return res;
  }

  async function ownUser() {
    const users = await admin.get('/api/users');
    const list = Array.isArray(users.body) ? users.body : users.body.users;
    return list.find((u: { email: string }) => u.email === 'caseworker@north.demo.test');
  }

  test.each([
    ['a NUL character', 'Demo\u0000Name'],
    ['a lone high surrogate', 'Demo\ud800Name'],
    ['a lone low surrogate', 'Demo\udc00Name'],
    ['a surrogate pair reversed', 'Demo\udc00\ud800'],
  ])('%s in a body field is 400 invalid_text and stores nothing', async (_label, text) => {
    const user = await ownUser();
    const patch = await unchanged(() =>
      admin.patch(`/api/users/${user.id}`, rawJson({ displayName: text, version: user.version })),
    );
    expectEnvelope(patch, 400, 'invalid_text');
    expect(patch.body.error.details[0].path).toEqual(['displayName']);
    const create = await unchanged(() =>
      admin.post('/api/users', {
        email: 'demo.new@north.demo.test',
        displayName: text,
        password: 'Demo-long-passphrase-2026!x',
        roles: ['caseworker'],
      }),
    );
    expectEnvelope(create, 400, 'invalid_text');
    // Free text that is encrypted and jsonb records are refused alike.
    expectEnvelope(
      await unchanged(() => worker.post('/api/cases', intake({ risk: { level: 'low', notes: text } }))),
      400,
      'invalid_text',
    );
    expectEnvelope(
      await unchanged(() =>
        worker.patch(`/api/cases/${caseId}/person`, rawJson({ pronouns: text, version: personVersion })),
      ),
      400,
      'invalid_text',
    );
  });

  test('text in keys, query strings and path parameters is checked too', async () => {
    const user = await ownUser();
    expectEnvelope(
      await unchanged(() =>
        admin.patch(`/api/users/${user.id}`, rawJson({ ['display\u0000Name']: 'x', version: user.version })),
      ),
      400,
      'invalid_text',
    );
    expectEnvelope(await unchanged(() => worker.get('/api/cases?q=%00')), 400, 'invalid_text');
    expectEnvelope(await unchanged(() => worker.get('/api/cases/%00')), 400, 'invalid_text');
    // Deep nesting does not overflow the check.
    expectEnvelope(
      await unchanged(() => admin.patch(`/api/users/${user.id}`, '['.repeat(5000) + '"\\u0000"' + ']'.repeat(5000))),
      400,
    );
  });

  test('well-formed text, emoji (a surrogate pair) included, is stored as sent', async () => {
    const user = await ownUser();
    const res = await admin.patch(`/api/users/${user.id}`, {
      displayName: 'Demo Caseworker 🌻 North',
      version: user.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.displayName).toBe('Demo Caseworker 🌻 North');
  });

  test('a version of 2^31 or more is 400 validation_failed on every versioned route, never a database error', async () => {
    const user = await ownUser();
    for (const version of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      expectEnvelope(
        await unchanged(() => admin.patch(`/api/users/${user.id}`, { displayName: 'x', version })),
        400,
        'validation_failed',
      );
      expectEnvelope(
        await unchanged(() => worker.patch(`/api/cases/${caseId}/person`, { pronouns: 'she/her', version })),
        400,
        'validation_failed',
      );
      expectEnvelope(
        await unchanged(() => worker.post(`/api/cases/${caseId}/transitions`, { to: 'identification', version })),
        400,
      );
      expectEnvelope(
        await unchanged(() =>
          worker.post(`/api/cases/${caseId}/owner`, { ownerId: user.id, reason: 'Demo reason', version }),
        ),
        400,
      );
    }
    // The largest int4 passes validation and is judged by the record: a conflict, not a 400 or 500.
    expectEnvelope(
      await unchanged(() => worker.patch(`/api/cases/${caseId}/person`, { pronouns: 'she/her', version: INT4_MAX })),
      409,
      'version_conflict',
    );
  });

  test('a header section over the limit is 431 in the envelope', async () => {
    const { status, body, contentType } = await new Promise<{ status: number; body: string; contentType: string }>(
      (resolve, reject) => {
        const req = http.get(`${base}/api/health`, { headers: { 'x-filler': 'a'.repeat(64 * 1024) } }, (res) => {
          let text = '';
          res.on('data', (c) => {
            text += c;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode!, body: text, contentType: String(res.headers['content-type']) }),
          );
        });
        req.on('error', reject);
      },
    );
    expect(status).toBe(431);
    expect(contentType).toContain('application/json');
    expect(JSON.parse(body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });

  test('a malformed request line is 400 in the envelope', async () => {
    const url = new URL(base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write('NOT A REQUEST\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => {
        text += c;
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).error.code).toBe('bad_request');
  });

  test.each([
    ['an undecodable value', 'ariadne_session=%E0%A4%A'],
    ['an encoded NUL', 'ariadne_session=%00'],
    ['an encoded lone surrogate', 'ariadne_session=%ED%A0%80'],
    ['no name', '=abc; ; ;;'],
    ['the name twice', 'ariadne_session=a; ariadne_session=b'],
    ['a quote only', 'ariadne_session="'],
    ['a very long value', `ariadne_session=${'x'.repeat(8000)}`],
  ])('a cookie with %s is a 401 envelope, not a 500', async (_label, cookie) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthenticated');
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(intake()),
    });
    expect(write.statusCode).toBe(401);
    expect(JSON.parse(write.body).error.code).toBe('unauthenticated');
  });
});

describe('database data exceptions that slip past the edge', () => {
  test.each([
    ['22021', 'invalid_text'],
    ['22P05', 'invalid_text'],
    ['22003', 'value_out_of_range'],
    ['22001', 'value_too_long'],
  ])('SQLSTATE %s is a 400 %s, and the database message is not echoed', async (sqlState, code) => {
    const app = Fastify();
    installErrorHandler(app);
    app.get('/boom', async () => {
      throw Object.assign(new Error('value "Demo Secret" is invalid'), { code: sqlState });
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe(code);
    expect(res.body).not.toContain('Demo Secret');
    await app.close();
  });
});

/** Login, sessions, CSRF, lockout, TOTP, organisation switching and logout everywhere, through the API. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/security/totp';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';

describe.each(ENGINES.map((e) => [e.name, e] as const))('authentication on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(() => t.close());

  test('login sets an httpOnly, SameSite=Strict session cookie and returns the session view', async () => {
    const c = t.client();
    const res = await c.login('admin@north.demo.test', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.body.organisation.name).toBe('Demo Shelter North');
    expect(res.body.permissions.manageUsers).toBe(true);
    expect(res.body).not.toHaveProperty('user.passwordHash');
    expect((await c.get('/api/session')).status).toBe(200);
  });

  test('wrong password and unknown user give the same 401', async () => {
    const a = await t.client().login('admin@north.demo.test', 'wrong-password!!');
    const b = await t.client().login('nobody@north.demo.test', 'wrong-password!!');
    expect([a.status, a.body.error.code]).toEqual([401, 'invalid_credentials']);
    expect([b.status, b.body.error.code]).toEqual([401, 'invalid_credentials']);
  });

  test('five failed attempts lock the account, even for the right password', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await t.client().login('mediator@east.demo.test', 'wrong-password!!')).body.error.code);
    expect(codes.at(-1)).toBe('locked_out');
    expect((await t.client().login('mediator@east.demo.test', DEMO_PASSWORD)).status).toBe(429);
  });

  test('state-changing requests without the CSRF token are refused and change nothing', async () => {
    const c = await t.as('admin@north.demo.test');
    const before = (await c.get('/api/users')).body.users.length;
    const res = await c.request('POST', '/api/users', { email: 'csrf@north.demo.test', displayName: 'Demo Csrf', password: 'long-password-123', roles: ['caseworker'] }, { 'x-csrf-token': 'forged' });
    expect([res.status, res.body.error.code]).toEqual([403, 'csrf_failed']);
    expect((await c.get('/api/users')).body.users.length).toBe(before);
  });

  test('unauthenticated requests get 401', async () => {
    expect((await t.client().get('/api/users')).status).toBe(401);
    expect((await t.client().get('/api/session')).status).toBe(401);
  });

  test('logout everywhere ends every session of the user', async () => {
    const laptop = await t.as('caseworker@south.demo.test');
    const phone = await t.as('caseworker@south.demo.test');
    expect((await laptop.post('/api/auth/logout-everywhere')).status).toBe(204);
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await laptop.get('/api/session')).status).toBe(401);
  });

  test('logout ends only this session', async () => {
    const a = await t.as('coordinator@south.demo.test');
    const b = await t.as('coordinator@south.demo.test');
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect((await a.get('/api/session')).status).toBe(401);
    expect((await b.get('/api/session')).status).toBe(200);
  });

  test('a multi-organisation admin switches organisation; a single-organisation user cannot', async () => {
    const net = await t.as('network.admin@demo.test');
    const session = (await net.get('/api/session')).body;
    expect(session.memberships).toHaveLength(3);
    const south = session.memberships.find((m: any) => m.organisationName === 'Demo Outreach South');
    const switched = await net.post('/api/session/organisation', { organisationId: south.organisationId });
    expect(switched.status).toBe(200);
    expect(switched.body.organisation.name).toBe('Demo Outreach South');
    const users = (await net.get('/api/users')).body.users.map((u: any) => u.email);
    expect(users).toContain('caseworker@south.demo.test');
    expect(users).not.toContain('caseworker@north.demo.test');

    const single = await t.as('admin@north.demo.test');
    expect((await single.post('/api/session/organisation', { organisationId: south.organisationId })).status).toBe(404);
  });

  test('TOTP: enrol, then login requires the code', async () => {
    const c = await t.as('legal_advisor@south.demo.test');
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).body.error.code).toBe('invalid_totp');
    expect((await c.post('/api/auth/totp/enable', { code: currentTotp(setup.body.secret) })).status).toBe(204);

    const again = t.client();
    expect((await again.login('legal_advisor@south.demo.test', DEMO_PASSWORD)).body.error.code).toBe('totp_required');
    expect((await again.login('legal_advisor@south.demo.test', DEMO_PASSWORD, currentTotp(setup.body.secret))).status).toBe(200);
    expect((await again.get('/api/session')).body.user.totpEnabled).toBe(true);

    expect((await again.post('/api/auth/totp/disable', { password: DEMO_PASSWORD })).status).toBe(204);
    expect((await t.client().login('legal_advisor@south.demo.test', DEMO_PASSWORD)).status).toBe(200);
  });

  test('the TOTP secret is stored encrypted', async () => {
    const c = await t.as('mediator@south.demo.test');
    const setup = await c.post('/api/auth/totp/setup');
    const row = await t.ctx.db.kysely.selectFrom('users').select('totp_secret_enc').where('email', '=', 'mediator@south.demo.test').executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^enc1\./);
    expect(row.totp_secret_enc).not.toContain(setup.body.secret);
  });
});

describe('secure cookies outside development', () => {
  test('the session cookie is Secure and __Host- prefixed', async () => {
    const t = await createTestApp(ENGINES[0], { secureCookies: true });
    try {
      const res = await t.client().login('admin@north.demo.test', DEMO_PASSWORD);
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-ariadne_session=.*Secure/i);
    } finally { await t.close(); }
  });
});

describe('login rate limiting per client address', () => {
  test('the limit answers 429 rate_limited once exceeded', async () => {
    const t = await createTestApp(ENGINES[0], { loginRateLimitPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.client().login(`nobody${i}@demo.test`, 'whatever-password')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally { await t.close(); }
  });
});

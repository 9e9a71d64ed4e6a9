/** Login, sessions, CSRF, lockout, TOTP, organisation switching and logout everywhere, through the API. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentTotp } from '../../src/security/totp';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';

describe.each(ENGINES.map((e) => [e.name, e] as const))('authentication on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
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

  test('five failed attempts lock the account, even for the right password; locked answers like unknown', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await t.client().login('mediator@east.demo.test', 'wrong-password!!')).body.error.code);
    expect(codes).toEqual(Array(5).fill('invalid_credentials'));
    const row = await t.ctx.db.system
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('email', '=', 'mediator@east.demo.test')
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(5);
    expect(new Date(row.locked_until!).getTime()).toBeGreaterThan(Date.now());
    const locked = await t.client().login('mediator@east.demo.test', DEMO_PASSWORD);
    const unknown = await t.client().login('nobody-at-all@east.demo.test', DEMO_PASSWORD);
    expect([locked.status, locked.body]).toEqual([unknown.status, unknown.body]);
    expect([locked.status, locked.body.error.code]).toEqual([401, 'invalid_credentials']);
  });

  test('twenty parallel guesses, the right password among them: at most five are checked and none logs in', async () => {
    const email = 'auditor@south.demo.test';
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 10 ? DEMO_PASSWORD : `wrong-guess-${i}-long`));
    const results = await Promise.all(guesses.map((p) => t.client().login(email, p)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(0);
    const user = await t.ctx.db.system
      .selectFrom('users')
      .select(['id', 'failed_logins', 'locked_until', 'organisation_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(5);
    const audit = await t.ctx.db.system
      .selectFrom('audit_log')
      .select(['action', 'fields'])
      .where('organisation_id', '=', user.organisation_id)
      .where('entity_id', '=', user.id)
      .execute();
    // Five were checked: wrong ones fail; a right one checked inside the burst is refused as well.
    expect(
      audit.filter((a) => a.action === 'auth.login_failed' || a.action === 'auth.login_refused_burst'),
    ).toHaveLength(5);
    expect(audit.filter((a) => a.action === 'auth.locked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'auth.login_refused_locked')).toHaveLength(15);
  });

  test('failed logins are audited by field name only; an unknown email is counted, never audited', async () => {
    const c = t.client();
    await c.login('case_owner@south.demo.test', 'wrong-password-secret-77');
    const user = await t.ctx.db.system
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('email', '=', 'case_owner@south.demo.test')
      .executeTakeFirstOrThrow();
    const entry = await t.ctx.db.system
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', user.organisation_id)
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['password']);
    expect(JSON.stringify(entry)).not.toContain('wrong-password-secret-77');

    const auditRows = async () =>
      Number(
        (
          await t.ctx.db.system
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const unknownCount = async () =>
      (await t.ctx.db.system.selectFrom('login_failures_unknown').select(['attempts']).execute()).reduce(
        (sum, r) => sum + r.attempts,
        0,
      );
    const [rowsBefore, countBefore] = [await auditRows(), await unknownCount()];
    expect((await c.login('no-such-person@demo.test', 'whatever-password-1')).status).toBe(401);
    expect(await auditRows()).toBe(rowsBefore);
    expect(await unknownCount()).toBe(countBefore + 1);
  });

  test('an idle session ends, and expired sessions are purged at the next login', async () => {
    const c = await t.as('coordinator@east.demo.test');
    expect((await c.get('/api/session')).status).toBe(200);
    const token = decodeURIComponent(c.cookie!.split('=')[1]!);
    const { sha256Hex } = await import('../../src/security/tokens');
    // 31 minutes without a request, against the default 30-minute idle timeout.
    await t.ctx.db.system
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', '=', sha256Hex(token))
      .execute();
    expect((await c.get('/api/session')).status).toBe(401);
    expect(
      await t.ctx.db.system
        .selectFrom('sessions')
        .select('token_hash')
        .where('token_hash', '=', sha256Hex(token))
        .executeTakeFirst(),
    ).toBeDefined();
    await t.as('coordinator@east.demo.test');
    expect(
      await t.ctx.db.system
        .selectFrom('sessions')
        .select('token_hash')
        .where('token_hash', '=', sha256Hex(token))
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  test('a user changes her own password: the current one is required, weak ones are refused with feedback, other sessions end', async () => {
    const email = 'legal_advisor@east.demo.test';
    const c = await t.as(email);
    const other = await t.as(email);
    const wrong = await c.post('/api/auth/password', {
      currentPassword: 'not-my-password-1',
      newPassword: 'violet-harbour-lantern-92',
    });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details[0].path]).toEqual([
      400,
      'wrong_password',
      ['currentPassword'],
    ]);
    const weak = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'password1234' });
    expect([weak.status, weak.body.error.code, weak.body.error.details[0].path]).toEqual([
      400,
      'weak_password',
      ['newPassword'],
    ]);
    expect(weak.body.error.details[0].warning).toEqual(expect.any(String));
    const short = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(short.body.error.code).toBe('password_too_short');

    const ok = await c.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'violet-harbour-lantern-92',
    });
    expect(ok.status).toBe(200);
    expect((await c.get('/api/session')).status).toBe(200);
    expect((await other.get('/api/session')).status).toBe(401);
    expect((await t.client().login(email, DEMO_PASSWORD)).status).toBe(401);
    expect((await t.client().login(email, 'violet-harbour-lantern-92')).status).toBe(200);
    const user = await t.ctx.db.system
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const actions = await t.ctx.db.system
      .selectFrom('audit_log')
      .select(['action', 'fields'])
      .where('organisation_id', '=', user.organisation_id)
      .where('entity_id', '=', user.id)
      .execute();
    expect(actions).toContainEqual({ action: 'auth.password_changed', fields: ['password'] });
    expect(actions).toContainEqual({ action: 'auth.password_change_failed', fields: ['password'] });
  });

  test('state-changing requests without the CSRF token are refused and change nothing', async () => {
    const c = await t.as('admin@north.demo.test');
    const before = (await c.get('/api/users')).body.users.length;
    const res = await c.request(
      'POST',
      '/api/users',
      { email: 'csrf@north.demo.test', displayName: 'Demo Csrf', password: 'long-password-123', roles: ['caseworker'] },
      { 'x-csrf-token': 'forged' },
    );
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
    expect(
      (await again.login('legal_advisor@south.demo.test', DEMO_PASSWORD, currentTotp(setup.body.secret))).status,
    ).toBe(200);
    expect((await again.get('/api/session')).body.user.totpEnabled).toBe(true);

    // Turning it off needs a fresh code as well as the password; the code used to log in is spent.
    expect((await again.post('/api/auth/totp/disable', { password: DEMO_PASSWORD })).status).toBe(400);
    expect(
      (await again.post('/api/auth/totp/disable', { password: DEMO_PASSWORD, code: currentTotp(setup.body.secret) }))
        .body.error.code,
    ).toBe('invalid_totp');
    expect(
      (
        await again.post('/api/auth/totp/disable', {
          password: DEMO_PASSWORD,
          code: currentTotp(setup.body.secret, Date.now() + 30_000),
        })
      ).status,
    ).toBe(204);
    expect((await t.client().login('legal_advisor@south.demo.test', DEMO_PASSWORD)).status).toBe(200);
    const user = await t.ctx.db.system
      .selectFrom('users')
      .select(['id', 'organisation_id'])
      .where('email', '=', 'legal_advisor@south.demo.test')
      .executeTakeFirstOrThrow();
    const actions = (
      await t.ctx.db.system
        .selectFrom('audit_log')
        .select('action')
        .where('organisation_id', '=', user.organisation_id)
        .where('entity_id', '=', user.id)
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp_enabled', 'auth.totp_disabled', 'auth.login_failed']));
  });

  test('TOTP: a code is accepted once; wrong codes count towards the lockout', async () => {
    const email = 'case_owner@east.demo.test';
    const c = await t.as(email);
    const { secret } = (await c.post('/api/auth/totp/setup')).body;
    expect((await c.post('/api/auth/totp/enable', { code: currentTotp(secret) })).status).toBe(204);
    const code = currentTotp(secret);
    const first = t.client();
    expect((await first.login(email, DEMO_PASSWORD, code)).status).toBe(200);
    const replay = await t.client().login(email, DEMO_PASSWORD, code);
    expect([replay.status, replay.body.error.code]).toEqual([400, 'invalid_totp']);
    // A right password without a code is one step of two, not a failure; wrong codes are.
    for (let i = 0; i < 3; i++)
      expect((await t.client().login(email, DEMO_PASSWORD)).body.error.code).toBe('totp_required');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expect((await t.client().login(email, DEMO_PASSWORD, wrong)).body.error.code).toBe('invalid_totp');
    // Replay + 4 wrong codes = 5 failures: the account is locked, so even the next valid code is refused.
    const next = await t.client().login(email, DEMO_PASSWORD, currentTotp(secret, Date.now() + 30_000));
    expect([next.status, next.body.error.code]).toEqual([401, 'invalid_credentials']);
  });

  test('the TOTP secret is stored encrypted', async () => {
    const c = await t.as('mediator@south.demo.test');
    const setup = await c.post('/api/auth/totp/setup');
    const row = await t.ctx.db.system
      .selectFrom('users')
      .select('totp_secret_enc')
      .where('email', '=', 'mediator@south.demo.test')
      .executeTakeFirstOrThrow();
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
    } finally {
      await t.close();
    }
  });
});

describe('sessions with a fractional lifetime', () => {
  test.each([0.5, 0.1, 0.7])('SESSION_TTL_HOURS=%s logs in with a whole-second cookie lifetime', async (hours) => {
    const t = await createTestApp(ENGINES[0], { config: { sessionTtlHours: hours } });
    try {
      const res = await t.client().login('admin@north.demo.test', DEMO_PASSWORD);
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toContain(`Max-Age=${Math.floor(hours * 3600)}`);
    } finally {
      await t.close();
    }
  });
});

describe('login limits that no header can change', () => {
  test('without trusted proxies, rotating X-Forwarded-For does not escape the per-address limit', async () => {
    const t = await createTestApp(ENGINES[0], {
      loginRateLimitPerMinute: 3,
      config: { loginAccountRateLimitPerMinute: 100 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await t
              .client()
              .request(
                'POST',
                '/api/auth/login',
                { email: `nobody${i}@demo.test`, password: 'whatever-password' },
                { 'x-forwarded-for': `203.0.113.${i}` },
              )
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await t.close();
    }
  });

  test('a configured proxy is believed: clients behind it are limited one by one', async () => {
    const t = await createTestApp(ENGINES[0], {
      loginRateLimitPerMinute: 1,
      config: { loginAccountRateLimitPerMinute: 100, trustedProxies: ['127.0.0.1/32'] },
    });
    try {
      const send = (ip: string, i: number) =>
        t
          .client()
          .request(
            'POST',
            '/api/auth/login',
            { email: `nobody${i}@demo.test`, password: 'whatever-password' },
            { 'x-forwarded-for': ip },
          );
      expect((await send('203.0.113.1', 1)).status).toBe(401);
      expect((await send('203.0.113.2', 2)).status).toBe(401);
      expect((await send('203.0.113.1', 3)).status).toBe(429);
    } finally {
      await t.close();
    }
  });

  test('the per-account limit holds whatever the address, for unknown and known accounts alike', async () => {
    const t = await createTestApp(ENGINES[0], {
      loginRateLimitPerMinute: 1000,
      config: { loginAccountRateLimitPerMinute: 2, trustedProxies: ['127.0.0.1'] },
    });
    try {
      for (const email of ['admin@north.demo.test', 'nobody@north.demo.test']) {
        const statuses = [];
        for (let i = 0; i < 3; i++)
          statuses.push(
            (
              await t
                .client()
                .request(
                  'POST',
                  '/api/auth/login',
                  { email, password: 'wrong-password-x' },
                  { 'x-forwarded-for': `198.51.100.${i}` },
                )
            ).status,
          );
        expect(statuses, email).toEqual([401, 401, 429]);
      }
    } finally {
      await t.close();
    }
  });
});

describe('login rate limiting per client address', () => {
  test('the limit answers 429 rate_limited once exceeded', async () => {
    const t = await createTestApp(ENGINES[0], { loginRateLimitPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await t.client().login(`nobody${i}@demo.test`, 'whatever-password')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

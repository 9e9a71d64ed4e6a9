/** Administrators manage the users of their own organisation only. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';

const newUser = (email: string) => ({
  email,
  displayName: 'Demo New Colleague',
  password: 'long-password-123',
  roles: ['caseworker'],
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('user management on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  test('an admin lists only their own organisation', async () => {
    const admin = await t.as('admin@north.demo.test');
    const emails = (await admin.get('/api/users')).body.users.map((u: any) => u.email);
    expect(emails).toContain('caseworker@north.demo.test');
    expect(emails.some((e: string) => e.endsWith('@south.demo.test') || e.endsWith('@east.demo.test'))).toBe(false);
  });

  test('an admin creates a user who can then log in with the given roles', async () => {
    const admin = await t.as('admin@north.demo.test');
    const res = await admin.post('/api/users', newUser('fresh@north.demo.test'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'fresh@north.demo.test', roles: ['caseworker'], active: true, version: 1 });
    expect(res.body).not.toHaveProperty('passwordHash');
    const fresh = t.client();
    expect((await fresh.login('fresh@north.demo.test', 'long-password-123')).body.roles).toEqual(['caseworker']);
  });

  test('a duplicate email within the organisation is a 409 and nothing is written', async () => {
    const admin = await t.as('admin@south.demo.test');
    const before = (await admin.get('/api/users')).body.users.length;
    const res = await admin.post('/api/users', newUser('caseworker@south.demo.test'));
    expect([res.status, res.body.error.code]).toEqual([409, 'email_taken']);
    expect((await admin.get('/api/users')).body.users.length).toBe(before);
  });

  test('an email of another organisation answers like a creation, changes nothing there, and invites that account', async () => {
    const admin = await t.as('admin@south.demo.test');
    const fresh = await admin.post('/api/users', newUser('brand-new@south.demo.test'));
    const taken = await admin.post('/api/users', {
      ...newUser('caseworker@north.demo.test'),
      password: 'other-long-password-456',
    });
    expect(taken.status).toBe(fresh.status);
    const shape = (b: any) => ({ ...b, id: 'x', email: 'x' });
    expect(shape(taken.body)).toEqual(shape(fresh.body));
    // Her own password is untouched, and she decides whether to join.
    expect((await t.client().login('caseworker@north.demo.test', 'other-long-password-456')).status).toBe(401);
    const invited = await t.as('caseworker@north.demo.test');
    const invitations = (await invited.get('/api/account/invitations')).body.invitations;
    expect(invitations).toEqual([
      expect.objectContaining({ organisationName: 'Demo Outreach South', roles: ['caseworker'] }),
    ]);
    expect((await invited.post(`/api/account/invitations/${invitations[0].organisationId}/accept`)).status).toBe(204);
    expect((await admin.get('/api/users')).body.users.map((u: any) => u.email)).toContain('caseworker@north.demo.test');
    expect((await invited.get('/api/account/invitations')).body.invitations).toEqual([]);
  });

  test("weak passwords are refused with the estimator's feedback on the field", async () => {
    const admin = await t.as('admin@north.demo.test');
    const res = await admin.post('/api/users', { ...newUser('weak@north.demo.test'), password: 'password1234' });
    expect([res.status, res.body.error.code]).toEqual([400, 'weak_password']);
    expect(res.body.error.details[0]).toMatchObject({
      path: ['password'],
      code: 'weak_password',
      warning: expect.any(String),
    });
  });

  test('a temporary password must be changed at the next login; the session can do nothing else until then', async () => {
    const admin = await t.as('admin@north.demo.test');
    const target = (await admin.get('/api/users')).body.users.find((u: any) => u.email === 'mediator@north.demo.test');
    expect(target.permissions.setPassword).toBe(true);
    const before = await t.as('mediator@north.demo.test');
    const set = await admin.post(`/api/users/${target.id}/temporary-password`, { password: 'amber-window-harvest-31' });
    expect(set.status).toBe(200);
    expect(set.body.mustChangePassword).toBe(true);
    expect((await before.get('/api/session')).status).toBe(401);

    const c = t.client();
    const login = await c.login('mediator@north.demo.test', 'amber-window-harvest-31');
    expect([login.status, login.body.user.mustChangePassword]).toEqual([200, true]);
    expect((await c.get('/api/cases')).body.error.code).toBe('password_change_required');
    expect((await c.post('/api/auth/totp/setup')).body.error.code).toBe('password_change_required');
    const changed = await c.post('/api/auth/password', {
      currentPassword: 'amber-window-harvest-31',
      newPassword: 'quiet-meadow-copper-58',
    });
    expect([changed.status, changed.body.user.mustChangePassword]).toEqual([200, false]);
    expect((await c.get('/api/cases')).status).toBe(200);
    const entry = await t.ctx.db.system
      .selectFrom('audit_log')
      .select('fields')
      .where('action', '=', 'user.temporary_password')
      .where('entity_id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['must_change_password', 'password']);
  });

  test("a partner organisation's administrator cannot set the password of an account it does not own", async () => {
    const south = await t.as('admin@south.demo.test');
    const shared = (await south.get('/api/users')).body.users.find((u: any) => u.email === 'network.admin@demo.test');
    const home = await t.ctx.db.system
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select('organisations.name')
      .where('users.email', '=', 'network.admin@demo.test')
      .executeTakeFirstOrThrow();
    if (home.name === 'Demo Outreach South') return;
    expect(shared.permissions.setPassword).toBe(false);
    expect(
      (await south.post(`/api/users/${shared.id}/temporary-password`, { password: 'amber-window-harvest-32' })).status,
    ).toBe(403);
  });

  test('the users list shows a locked account as locked; an administrator unlocks it (audited)', async () => {
    for (let i = 0; i < 5; i++) await t.client().login('coordinator@north.demo.test', 'wrong-password-guess');
    const admin = await t.as('admin@north.demo.test');
    const locked = (await admin.get('/api/users')).body.users.find(
      (u: any) => u.email === 'coordinator@north.demo.test',
    );
    expect([locked.locked, locked.permissions.unlock]).toEqual([true, true]);
    expect((await (await t.as('caseworker@north.demo.test')).post(`/api/users/${locked.id}/unlock`)).status).toBe(403);
    const res = await admin.post(`/api/users/${locked.id}/unlock`);
    expect([res.status, res.body.locked]).toEqual([200, false]);
    expect((await t.client().login('coordinator@north.demo.test', DEMO_PASSWORD)).status).toBe(200);
    const actions = (
      await t.ctx.db.system.selectFrom('audit_log').select('action').where('entity_id', '=', locked.id).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'user.unlock']));
  });

  test.each(['case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'])(
    'a %s cannot list or create users',
    async (role) => {
      const c = await t.as(`${role}@east.demo.test`);
      expect((await c.get('/api/users')).status).toBe(403);
      expect((await c.post('/api/users', newUser(`x-${role}@east.demo.test`))).status).toBe(403);
    },
  );

  test("an admin cannot touch another organisation's user: 404, not 403", async () => {
    const southAdmin = await t.as('admin@south.demo.test');
    const southUser = (await southAdmin.get('/api/users')).body.users.find(
      (u: any) => u.email === 'mediator@south.demo.test',
    );
    const northAdmin = await t.as('admin@north.demo.test');
    const res = await northAdmin.patch(`/api/users/${southUser.id}`, {
      displayName: 'Hijacked',
      version: southUser.version,
    });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    const after = (await southAdmin.get('/api/users')).body.users.find((u: any) => u.id === southUser.id);
    expect(after.displayName).toBe(southUser.displayName);
  });

  test('edits change roles and bump the version; deactivated users cannot log in', async () => {
    const admin = await t.as('admin@east.demo.test');
    const created = (await admin.post('/api/users', newUser('edit-me@east.demo.test'))).body;
    const updated = await admin.patch(`/api/users/${created.id}`, {
      roles: ['caseworker', 'legal_advisor'],
      version: created.version,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.roles.sort()).toEqual(['caseworker', 'legal_advisor']);
    expect(updated.body.version).toBe(created.version + 1);
    const off = await admin.patch(`/api/users/${created.id}`, { active: false, version: updated.body.version });
    expect(off.body.active).toBe(false);
    expect((await t.client().login('edit-me@east.demo.test', 'long-password-123')).status).toBe(401);
  });

  test('of two concurrent edits with the same version one wins and the other gets 409', async () => {
    const admin = await t.as('admin@east.demo.test');
    const target = (await admin.post('/api/users', newUser('race@east.demo.test'))).body;
    const [a, b] = await Promise.all([
      admin.patch(`/api/users/${target.id}`, { displayName: 'Demo Writer A', version: target.version }),
      admin.patch(`/api/users/${target.id}`, { displayName: 'Demo Writer B', version: target.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Demo Writer A' : 'Demo Writer B';
    const now = (await admin.get('/api/users')).body.users.find((u: any) => u.id === target.id);
    expect(now.displayName).toBe(winner);
    expect(now.version).toBe(target.version + 1);
  });

  test('an admin cannot lock themselves out', async () => {
    const admin = await t.as('admin@east.demo.test');
    const me = (await admin.get('/api/session')).body.user;
    const self = (await admin.get('/api/users')).body.users.find((u: any) => u.id === me.id);
    expect((await admin.patch(`/api/users/${me.id}`, { active: false, version: self.version })).body.error.code).toBe(
      'cannot_demote_self',
    );
  });

  test.each([
    [{ email: 'not-an-email', displayName: 'x', password: 'long-password-123', roles: ['caseworker'] }, 'email'],
    [{ email: 'a@east.demo.test', displayName: 'x', password: 'short', roles: ['caseworker'] }, 'password'],
    [{ email: 'b@east.demo.test', displayName: 'x', password: 'long-password-123', roles: [] }, 'roles'],
    [{ email: 'c@east.demo.test', displayName: 'x', password: 'long-password-123', roles: ['superuser'] }, 'roles'],
    [
      {
        email: 'd@east.demo.test',
        displayName: 'x',
        password: 'long-password-123',
        roles: ['caseworker'],
        isAdmin: true,
      },
      '',
    ],
  ])('invalid input %# is a 400 naming the field', async (body, field) => {
    const admin = await t.as('admin@east.demo.test');
    const res = await admin.post('/api/users', body);
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    if (field) expect(res.body.error.details.some((d: any) => d.path[0] === field)).toBe(true);
  });

  test('user management is audited with field names, not values', async () => {
    const admin = await t.as('admin@north.demo.test');
    await admin.post('/api/users', newUser('audited@north.demo.test'));
    const auditor = await t.as('auditor@north.demo.test');
    const entries = (await auditor.get('/api/audit?limit=20')).body.entries;
    const create = entries.find((e: any) => e.action === 'user.create');
    expect(create.fields).toContain('email');
    expect(JSON.stringify(entries)).not.toContain('audited@north.demo.test');
    expect((await (await t.as('caseworker@north.demo.test')).get('/api/audit')).status).toBe(403);
  });
});

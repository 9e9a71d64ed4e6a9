/** Administrators manage the users of their own organisation only. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';

const newUser = (email: string) => ({ email, displayName: 'Demo New Colleague', password: 'long-password-123', roles: ['caseworker'] });

describe.each(ENGINES.map((e) => [e.name, e] as const))('user management on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
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

  test('a duplicate email is a 409 and nothing is written', async () => {
    const admin = await t.as('admin@south.demo.test');
    const before = (await admin.get('/api/users')).body.users.length;
    const res = await admin.post('/api/users', newUser('caseworker@north.demo.test'));
    expect([res.status, res.body.error.code]).toEqual([409, 'email_taken']);
    expect((await admin.get('/api/users')).body.users.length).toBe(before);
  });

  test.each(['case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'])('a %s cannot list or create users', async (role) => {
    const c = await t.as(`${role}@east.demo.test`);
    expect((await c.get('/api/users')).status).toBe(403);
    expect((await c.post('/api/users', newUser(`x-${role}@east.demo.test`))).status).toBe(403);
  });

  test("an admin cannot touch another organisation's user: 404, not 403", async () => {
    const southAdmin = await t.as('admin@south.demo.test');
    const southUser = (await southAdmin.get('/api/users')).body.users.find((u: any) => u.email === 'mediator@south.demo.test');
    const northAdmin = await t.as('admin@north.demo.test');
    const res = await northAdmin.patch(`/api/users/${southUser.id}`, { displayName: 'Hijacked', version: southUser.version });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    const after = (await southAdmin.get('/api/users')).body.users.find((u: any) => u.id === southUser.id);
    expect(after.displayName).toBe(southUser.displayName);
  });

  test('edits change roles and bump the version; deactivated users cannot log in', async () => {
    const admin = await t.as('admin@east.demo.test');
    const created = (await admin.post('/api/users', newUser('edit-me@east.demo.test'))).body;
    const updated = await admin.patch(`/api/users/${created.id}`, { roles: ['caseworker', 'legal_advisor'], version: created.version });
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
    expect((await admin.patch(`/api/users/${me.id}`, { active: false, version: self.version })).body.error.code).toBe('cannot_demote_self');
  });

  test.each([
    [{ email: 'not-an-email', displayName: 'x', password: 'long-password-123', roles: ['caseworker'] }, 'email'],
    [{ email: 'a@east.demo.test', displayName: 'x', password: 'short', roles: ['caseworker'] }, 'password'],
    [{ email: 'b@east.demo.test', displayName: 'x', password: 'long-password-123', roles: [] }, 'roles'],
    [{ email: 'c@east.demo.test', displayName: 'x', password: 'long-password-123', roles: ['superuser'] }, 'roles'],
    [{ email: 'd@east.demo.test', displayName: 'x', password: 'long-password-123', roles: ['caseworker'], isAdmin: true }, ''],
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

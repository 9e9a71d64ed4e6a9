/**
 * One organisation cannot lock a person out of the others: a partner's administrator deactivates
 * her membership there (her sessions there end, the other organisations stay open), never the
 * account and never her name; her home organisation's administrators deactivate the account,
 * which ends it everywhere.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withTenant } from '../../src/storage/database';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

const PASSWORD = 'amber-window-harvest-77';

describe.each(ENGINES.map((e) => [e.name, e] as const))('per-organisation deactivation on %s', (_name, engine) => {
  let t: TestApp;
  let orgs: Record<'north' | 'south' | 'east', string>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const rows = await t.ctx.db.system.selectFrom('organisations').select(['id', 'slug']).execute();
    orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id])) as typeof orgs;
  });
  afterAll(() => t.close());

  /** A caseworker whose home is North, who accepted South's and East's invitations. */
  async function sharedPerson(email: string): Promise<string> {
    const north = await t.as('admin@north.demo.test');
    const created = await north.post('/api/users', {
      email,
      displayName: 'Demo Shared Person',
      password: PASSWORD,
      roles: ['caseworker'],
    });
    expect(created.status).toBe(201);
    for (const slug of ['south', 'east'] as const) {
      expect(
        (
          await (
            await t.as(`admin@${slug}.demo.test`)
          ).post('/api/users', { email, displayName: 'x', password: 'unused-long-password-90', roles: ['caseworker'] })
        ).status,
      ).toBe(201);
    }
    const her = await login(email);
    for (const slug of ['south', 'east'] as const)
      expect((await her.post(`/api/account/invitations/${orgs[slug]}/accept`)).status).toBe(204);
    return created.body.id;
  }

  async function login(email: string, password = PASSWORD): Promise<ApiClient> {
    const c = t.client();
    const res = await c.login(email, password);
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status}`);
    return c;
  }

  /** Her session, moved to the given organisation. */
  async function sessionIn(email: string, slug: keyof typeof orgs): Promise<ApiClient> {
    const c = await login(email);
    if (slug !== 'north')
      expect((await c.post('/api/session/organisation', { organisationId: orgs[slug] })).status).toBe(200);
    return c;
  }

  const memberIn = async (admin: ApiClient, id: string) =>
    (await admin.get('/api/users')).body.users.find((u: any) => u.id === id);
  const sessionsOf = async (userId: string) =>
    (
      await t.ctx.db.system.selectFrom('sessions').select('organisation_id').where('user_id', '=', userId).execute()
    ).map((s) => s.organisation_id);

  test("a partner's administrator deactivates her membership: her sessions there end, she still works in her home and the third organisation", async () => {
    const email = 'shared-one@north.demo.test';
    const id = await sharedPerson(email);
    const [inSouth, inNorth, inEast] = [
      await sessionIn(email, 'south'),
      await sessionIn(email, 'north'),
      await sessionIn(email, 'east'),
    ];
    const south = await t.as('admin@south.demo.test');
    const before = await memberIn(south, id);
    expect(before).toMatchObject({
      active: true,
      membershipActive: true,
      accountActive: true,
      homeHere: false,
      permissions: { update: true, updateAccount: false },
    });

    const off = await south.patch(`/api/users/${id}`, { membershipActive: false, version: before.version });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, membershipActive: false, accountActive: true });
    // The users list shows the membership state.
    expect(await memberIn(south, id)).toMatchObject({ active: false, membershipActive: false, accountActive: true });

    expect((await inSouth.get('/api/session')).status).toBe(401);
    expect((await inNorth.get('/api/session')).status).toBe(200);
    expect((await inEast.get('/api/session')).status).toBe(200);
    expect(await sessionsOf(id)).not.toContain(orgs.south);

    const again = await login(email);
    const session = (await again.get('/api/session')).body;
    expect(session.organisation.id).toBe(orgs.north);
    expect(session.memberships.map((m: any) => m.organisationId).sort()).toEqual([orgs.north, orgs.east].sort());
    expect((await again.post('/api/session/organisation', { organisationId: orgs.south })).status).toBe(404);
    expect((await again.post('/api/session/organisation', { organisationId: orgs.east })).status).toBe(200);
    // East and North still see her as an active colleague.
    expect(await memberIn(await t.as('admin@east.demo.test'), id)).toMatchObject({
      active: true,
      membershipActive: true,
    });

    // Reactivated, she may work in South again.
    const back = await south.patch(`/api/users/${id}`, { membershipActive: true, version: off.body.version });
    expect(back.body.active).toBe(true);
    expect((await again.post('/api/session/organisation', { organisationId: orgs.south })).status).toBe(200);
    const audit = await t.ctx.db.system
      .selectFrom('audit_log')
      .select('fields')
      .where('organisation_id', '=', orgs.south)
      .where('action', '=', 'user.update')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.fields)).toContainEqual(['membership_active']);
  });

  test("a partner's administrator can neither deactivate the account nor rename her: 403 home_organisation_only, nothing changes", async () => {
    const email = 'shared-two@north.demo.test';
    const id = await sharedPerson(email);
    const south = await t.as('admin@south.demo.test');
    const current = await memberIn(south, id);
    const deactivate = await south.patch(`/api/users/${id}`, { active: false, version: current.version });
    expect([deactivate.status, deactivate.body.error.code]).toEqual([403, 'home_organisation_only']);
    expect(deactivate.body.error.message).toMatch(/home organisation/);
    const rename = await south.patch(`/api/users/${id}`, {
      displayName: 'Demo Renamed Elsewhere',
      version: current.version,
    });
    expect([rename.status, rename.body.error.code]).toEqual([403, 'home_organisation_only']);
    // Her unchanged name sent along with a role change is not a rename.
    const roles = await south.patch(`/api/users/${id}`, {
      displayName: 'Demo Shared Person',
      roles: ['caseworker', 'mediator'],
      version: current.version,
    });
    expect(roles.status).toBe(200);
    const row = await t.ctx.db.system
      .selectFrom('users')
      .select(['active', 'display_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ active: true, display_name: 'Demo Shared Person' });
    expect((await login(email)).csrf).toBeTruthy();

    // Her home organisation's administrator renames her, for every organisation.
    const north = await t.as('admin@north.demo.test');
    const home = await memberIn(north, id);
    expect(home).toMatchObject({ homeHere: true, permissions: { updateAccount: true } });
    expect(
      (await north.patch(`/api/users/${id}`, { displayName: 'Demo Shared Renamed', version: home.version })).status,
    ).toBe(200);
    expect((await memberIn(south, id)).displayName).toBe('Demo Shared Renamed');
  });

  test('her home organisation deactivates the account: every session ends and no organisation lets her in', async () => {
    const email = 'shared-three@north.demo.test';
    const id = await sharedPerson(email);
    const sessions = [await sessionIn(email, 'north'), await sessionIn(email, 'south'), await sessionIn(email, 'east')];
    const north = await t.as('admin@north.demo.test');
    const off = await north.patch(`/api/users/${id}`, { active: false, version: (await memberIn(north, id)).version });
    expect([off.status, off.body.accountActive, off.body.active]).toEqual([200, false, false]);
    for (const s of sessions) expect((await s.get('/api/session')).status).toBe(401);
    expect(await sessionsOf(id)).toEqual([]);
    const wrong = await t.client().login(email, 'not-her-password-at-all');
    const right = await t.client().login(email, PASSWORD);
    expect([right.status, right.body]).toEqual([wrong.status, wrong.body]);
    expect(await memberIn(await t.as('admin@east.demo.test'), id)).toMatchObject({
      active: false,
      accountActive: false,
      membershipActive: true,
    });
  });

  test('with no active membership left she gets the answer of a wrong password', async () => {
    const email = 'shared-four@north.demo.test';
    const id = await sharedPerson(email);
    for (const slug of ['north', 'south', 'east'] as const) {
      const admin = await t.as(`admin@${slug}.demo.test`);
      expect(
        (
          await admin.patch(`/api/users/${id}`, {
            membershipActive: false,
            version: (await memberIn(admin, id)).version,
          })
        ).status,
      ).toBe(200);
      if (slug === 'north')
        expect((await (await login(email)).get('/api/session')).body.organisation.id).not.toBe(orgs.north);
    }
    const wrong = await t.client().login(email, 'not-her-password-at-all');
    const right = await t.client().login(email, PASSWORD);
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    // The account itself is untouched: her home organisation deactivated only her membership there.
    expect(
      (await t.ctx.db.system.selectFrom('users').select('active').where('id', '=', id).executeTakeFirstOrThrow())
        .active,
    ).toBe(true);
  });

  /**
   * Below the application (migration 029's trigger on users): as the app role, the home
   * organisation never changes, and an account's global fields change only in her home
   * organisation's transaction or in her own. Login counters stay writable for every member.
   */
  describe('the app role and the global fields of an account', () => {
    let her: string;
    const asApp = (organisationId: string, userId: string | undefined, statement: string) =>
      withTenant(t.ctx.db, { organisationId, userId }, (tx) =>
        sql.raw(statement.replaceAll(':id', `'${her}'`)).execute(tx),
      );
    const row = () => t.ctx.db.system.selectFrom('users').selectAll().where('id', '=', her).executeTakeFirstOrThrow();
    beforeAll(async () => {
      her = await sharedPerson('shared-raw@north.demo.test');
    });

    test.each([
      [
        'south',
        'UPDATE users SET organisation_id = app_current_organisation() WHERE id = :id',
        /home organisation of an account cannot be changed/,
      ],
      [
        'north',
        `UPDATE users SET organisation_id = (SELECT id FROM organisations WHERE slug = 'south') WHERE id = :id`,
        /home organisation of an account cannot be changed/,
      ],
      ['south', `UPDATE users SET display_name = 'Demo Hijacked' WHERE id = :id`, /only the home organisation/],
      ['south', 'UPDATE users SET active = false WHERE id = :id', /only the home organisation/],
      [
        'east',
        `UPDATE users SET password_hash = 'x', must_change_password = true WHERE id = :id`,
        /only the home organisation/,
      ],
      [
        'east',
        'UPDATE users SET totp_enabled = false, totp_secret_enc = NULL, totp_last_step = 1 WHERE id = :id',
        /only the home organisation/,
      ],
    ] as const)('in %s the app role is refused: %s', async (slug, statement, message) => {
      const before = await row();
      const admin = (
        await t.ctx.db.system
          .selectFrom('users')
          .select('id')
          .where('email', '=', `admin@${slug}.demo.test`)
          .executeTakeFirstOrThrow()
      ).id;
      await expect(asApp(orgs[slug], admin, statement)).rejects.toThrow(message);
      expect(await row()).toEqual(before);
    });

    test('her home organisation changes her global fields, she changes her own, every member organisation the login counters', async () => {
      await asApp(
        orgs.north,
        undefined,
        `UPDATE users SET display_name = 'Demo Raw Renamed', active = true WHERE id = :id`,
      );
      await asApp(orgs.south, her, 'UPDATE users SET totp_last_step = 7 WHERE id = :id');
      await asApp(
        orgs.east,
        undefined,
        'UPDATE users SET failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = :id',
      );
      expect(await row()).toMatchObject({
        display_name: 'Demo Raw Renamed',
        totp_last_step: 7,
        organisation_id: orgs.north,
      });
      // The connection's own role (login, admin commands) is not confined.
      await t.ctx.db.system.updateTable('users').set({ totp_last_step: null }).where('id', '=', her).execute();
    });
  });

  test('an administrator cannot deactivate her own membership', async () => {
    const admin = await t.as('admin@south.demo.test');
    const me = (await admin.get('/api/session')).body.user;
    const self = await memberIn(admin, me.id);
    expect(
      (await admin.patch(`/api/users/${me.id}`, { membershipActive: false, version: self.version })).body.error.code,
    ).toBe('cannot_demote_self');
  });
});

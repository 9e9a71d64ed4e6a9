/** The professional roles and profiles catalogue on both engines: an editable, translatable copy per organisation mapped to the shared taxonomy, staff mapped to several roles, network coverage without names. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withTenant } from '../../src/storage/database';
import { createOrganisation, createUserInOrganisation } from '../../src/services/organisations';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('roles catalogue on %s', (_name, engine) => {
  let t: TestApp;
  let northAdmin: ApiClient;
  let southAdmin: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createOrganisation(t.ctx, { slug: 'west', name: 'Demo Health West' });
    await createUserInOrganisation(t.ctx, {
      organisationSlug: 'west',
      email: 'admin@west.demo.test',
      displayName: 'Demo Admin West',
      password: DEMO_PASSWORD,
      roles: ['admin'],
    });
    for (const slug of ['north', 'south', 'west'])
      ids[slug] = (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)
      ).rows[0].id;
    northAdmin = await t.as('admin@north.demo.test');
    southAdmin = await t.as('admin@south.demo.test');
  });
  afterAll(() => t.close());

  const userId = async (email: string) =>
    (await sql<{ id: string }>`SELECT id FROM users WHERE email = ${email}`.execute(t.ctx.db.system)).rows[0].id;
  const staffOf = async (client: ApiClient, id: string) =>
    (await client.get('/api/staff/roles')).body.staff.find((s: { userId: string }) => s.userId === id);

  test('every organisation starts from the EX-CHANGE taxonomy: 24 profiles, the roles, and 7-field role cards', async () => {
    const res = await (await t.as('caseworker@north.demo.test')).get('/api/catalogue');
    expect(res.status).toBe(200);
    expect(res.body.profiles).toHaveLength(24);
    expect(res.body.taxonomy.profiles).toHaveLength(24);
    const threshold = res.body.roles.find((r: { code: string }) => r.code === 'threshold_operator');
    expect(Object.keys(threshold.card).sort()).toEqual([
      'actions',
      'area',
      'methods',
      'organisation',
      'skills',
      'tasks',
      'tools',
    ]);
    expect(threshold.labels).toMatchObject({
      en: 'Threshold operator (receptionist)',
      sk: 'Pracovník prvého kontaktu (recepcia)',
    });
    expect(res.body.roles.find((r: { code: string }) => r.code === 'peer_educator').profileCodes).toEqual([]);
  });

  test('an administrator adds a local role mapped to the shared taxonomy and translates its card; others may only read', async () => {
    const local = {
      taxonomyCode: 'programme_delegate',
      labels: { it: 'Operatrice LIFEfriend', en: 'LIFEfriend operator' },
      card: { tasks: { it: 'Accompagna la persona dal primo contatto alla chiusura' } },
      profileCodes: ['social_worker'],
    };
    expect((await northAdmin.request('PUT', '/api/catalogue/roles/lifefriend', local)).status).toBe(204);
    const seen = (await (await t.as('mediator@north.demo.test')).get('/api/catalogue')).body.roles.find(
      (r: { code: string }) => r.code === 'lifefriend',
    );
    expect(seen).toMatchObject({
      taxonomyCode: 'programme_delegate',
      labels: local.labels,
      card: local.card,
      active: true,
    });
    // Translating the seeded threshold operator card into French keeps the English text.
    const catalogue = (await northAdmin.get('/api/catalogue')).body;
    const threshold = catalogue.roles.find((r: { code: string }) => r.code === 'threshold_operator');
    const translated = {
      ...threshold,
      card: { ...threshold.card, tasks: { ...threshold.card.tasks, fr: 'Accueil discret des victimes' } },
    };
    delete translated.code;
    expect((await northAdmin.request('PUT', '/api/catalogue/roles/threshold_operator', translated)).status).toBe(204);
    const after = (await northAdmin.get('/api/catalogue')).body.roles.find(
      (r: { code: string }) => r.code === 'threshold_operator',
    );
    expect(after.card.tasks).toMatchObject({ fr: 'Accueil discret des victimes', en: threshold.card.tasks.en });
    // Another organisation's copy is untouched.
    expect((await southAdmin.get('/api/catalogue')).body.roles.map((r: { code: string }) => r.code)).not.toContain(
      'lifefriend',
    );

    expect(
      (await (await t.as('caseworker@north.demo.test')).request('PUT', '/api/catalogue/roles/lifefriend', local))
        .status,
    ).toBe(403);
    const unmapped = await northAdmin.request('PUT', '/api/catalogue/roles/astronaut', {
      ...local,
      taxonomyCode: 'astronaut',
    });
    expect([unmapped.status, unmapped.body.error.code]).toEqual([400, 'unknown_taxonomy_role']);
    expect((await northAdmin.request('PUT', '/api/catalogue/roles/lifefriend', { ...local, labels: {} })).status).toBe(
      400,
    );
    expect((await northAdmin.request('PUT', '/api/catalogue/roles/Bad%20Code', local)).status).toBe(400);
    expect(
      (await northAdmin.request('PUT', '/api/catalogue/roles/lifefriend', { ...local, profileCodes: ['wizard'] })).body
        .error.code,
    ).toBe('unknown_profile');
    expect((await northAdmin.get('/api/catalogue')).body.roles.map((r: { code: string }) => r.code)).not.toContain(
      'astronaut',
    );
  });

  test('staff hold several roles and profiles; unknown codes and foreign staff are refused and change nothing; held roles cannot be retired', async () => {
    const worker = await userId('caseworker@north.demo.test');
    expect(
      (
        await northAdmin.request('PUT', `/api/staff/${worker}/roles`, {
          roles: ['lifefriend', 'mobile_unit_social_operator'],
          profiles: ['social_worker'],
        })
      ).status,
    ).toBe(204);
    expect(await staffOf(northAdmin, worker)).toMatchObject({
      roles: ['lifefriend', 'mobile_unit_social_operator'],
      profiles: ['social_worker'],
    });

    const bad = await northAdmin.request('PUT', `/api/staff/${worker}/roles`, {
      roles: ['lifefriend', 'astronaut'],
      profiles: [],
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'unknown_catalogue_entry']);
    expect((await staffOf(northAdmin, worker)).roles).toEqual(['lifefriend', 'mobile_unit_social_operator']);
    expect(
      (
        await northAdmin.request('PUT', `/api/staff/${await userId('caseworker@south.demo.test')}/roles`, {
          roles: ['lawyer'],
          profiles: [],
        })
      ).status,
    ).toBe(404);

    const lifefriend = (await northAdmin.get('/api/catalogue')).body.roles.find(
      (r: { code: string }) => r.code === 'lifefriend',
    );
    const retire = await northAdmin.request('PUT', '/api/catalogue/roles/lifefriend', {
      taxonomyCode: lifefriend.taxonomyCode,
      labels: lifefriend.labels,
      card: lifefriend.card,
      profileCodes: lifefriend.profileCodes,
      active: false,
    });
    expect([retire.status, retire.body.error.code]).toEqual([409, 'in_use']);

    const audit = (
      await sql<{
        action: string;
        fields: string[];
      }>`SELECT action, fields FROM audit_log WHERE action IN ('staff.roles.update', 'catalogue.role.save') AND organisation_id = ${ids.north}`.execute(
        t.ctx.db.system,
      )
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.roles.update', 'catalogue.role.save']));
  });

  test('network partners see which shared roles a member covers and how many staff, never who; the database hides staff rows across tenants', async () => {
    const southLawyer = await userId('legal_advisor@south.demo.test');
    expect(
      (
        await southAdmin.request('PUT', `/api/staff/${southLawyer}/roles`, {
          roles: ['lawyer', 'legal_advisor'],
          profiles: ['lawyer'],
        })
      ).status,
    ).toBe(204);
    const coverage = await (await t.as('coordinator@north.demo.test')).get('/api/network/roles');
    expect(coverage.status).toBe(200);
    const south = coverage.body.organisations.find((o: { name: string }) => o.name === 'Demo Outreach South');
    expect(south.roles).toMatchObject({ lawyer: 1, legal_advisor: 1 });
    const north = coverage.body.organisations.find((o: { name: string }) => o.name === 'Demo Shelter North');
    expect(north.roles).toMatchObject({ programme_delegate: 2, mobile_unit_social_operator: 1, cultural_mediator: 1 });
    expect(JSON.stringify(coverage.body)).not.toMatch(/Demo Legal Advisor|@|displayName/);
    // West is in no network with north.
    expect(coverage.body.organisations.map((o: { organisationId: string }) => o.organisationId)).not.toContain(
      ids.west,
    );

    await withTenant(t.ctx.db, { organisationId: ids.north }, async (tx) => {
      const rows = await sql<{
        organisation_id: string;
      }>`SELECT organisation_id FROM staff_roles UNION ALL SELECT organisation_id FROM catalogue_roles`.execute(tx);
      expect(new Set(rows.rows.map((r) => r.organisation_id))).toEqual(new Set([ids.north]));
    });
  });
});

/**
 * The employer directory (issue #19), on both engines: an employer shared with the network is read by
 * a network member, an unshared one is not, and an organisation outside the network reads neither
 * (tenancy × employers); the shared view and its SQL carry no person placed, and no owner's notes;
 * only the owner writes (RLS and the service); the sealed fields of the labour records and the
 * employer's notes are never in the clear columns.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrganisation, createUserInOrganisation } from '../../src/services/organisations';
import { withTenant } from '../../src/storage/database';
import { employersRepo } from '../../src/storage/repositories/employers';
import { ENGINES } from './support/engines';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const company = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  sector: 'hospitality',
  territoryLevel: 'municipality',
  territory: 'Demo Town North',
  contactPerson: 'Demo Hiring Desk',
  contactPhone: '+421 2 555 01 99',
  contactEmail: 'jobs@demo-company.example.org',
  notes: 'Demo owner note: prefers morning calls',
  ...extra,
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('employer directory on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let northAdmin: ApiClient;
  let south: ApiClient;
  let west: ApiClient;
  let shared: { id: string; version: number };
  let unshared: { id: string; version: number };
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createOrganisation(t.ctx, { slug: 'west', name: 'Demo Shelter West' });
    await createUserInOrganisation(t.ctx, {
      organisationSlug: 'west',
      email: 'caseworker@west.demo.test',
      displayName: 'Demo Worker West',
      password: DEMO_PASSWORD,
      roles: ['caseworker'],
    });
    for (const slug of ['north', 'south', 'west'])
      orgs[slug] = (
        await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system)
      ).rows[0]!.id;
    north = await t.as('caseworker@north.demo.test');
    northAdmin = await t.as('admin@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    west = await t.as('caseworker@west.demo.test');
    const a = await north.post('/api/employers', company('Demo Kitchen Tavola 01'));
    expect(a.status).toBe(201);
    const b = await north.post('/api/employers', company('Demo Laundry Pulito 02', { sector: 'cleaning' }));
    expect(b.status).toBe(201);
    const tutor = await north.post(`/api/employers/${a.body.id}/tutors`, {
      name: 'Demo Tutor Maro',
      role: 'Head chef',
      contact: '+421 2 555 01 98',
    });
    expect(tutor.status).toBe(201);
    const agreement = await north.post(`/api/employers/${a.body.id}/agreements`, {
      kind: 'internship_agreement',
      signedOn: daysAgo(30),
      validUntil: daysAgo(-300),
      reference: 'DEMO-AGR-01',
    });
    expect(agreement.status).toBe(201);
    const share = await north.put(`/api/employers/${a.body.id}/sharing`, {
      shared: true,
      version: agreement.body.version,
    });
    expect(share.status).toBe(200);
    shared = { id: share.body.id, version: share.body.version };
    unshared = { id: b.body.id, version: b.body.version };
  }, 600_000);
  afterAll(() => t.close());

  test('the owner reads both, with its notes, tutors and agreements', async () => {
    const res = await north.get('/api/employers');
    expect(res.status).toBe(200);
    const names = res.body.employers.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Demo Kitchen Tavola 01', 'Demo Laundry Pulito 02']));
    const kitchen = res.body.employers.find((e: { id: string }) => e.id === shared.id);
    expect(kitchen).toMatchObject({
      own: true,
      sharedWithNetworks: true,
      notes: 'Demo owner note: prefers morning calls',
      tutors: [{ name: 'Demo Tutor Maro', role: 'Head chef' }],
      agreements: [{ kind: 'internship_agreement', signedOn: daysAgo(30), reference: 'DEMO-AGR-01' }],
    });
  });

  test('a network member reads the shared employer only, without the owner’s notes', async () => {
    const res = await south.get('/api/employers');
    expect(res.status).toBe(200);
    const ids = res.body.employers.map((e: { id: string }) => e.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(unshared.id);
    const kitchen = res.body.employers.find((e: { id: string }) => e.id === shared.id);
    expect(kitchen.own).toBe(false);
    expect(kitchen.notes).toBeUndefined();
    expect(kitchen.tutors).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain('prefers morning calls');
    expect((await south.get(`/api/employers/${shared.id}`)).status).toBe(200);
    expect((await south.get(`/api/employers/${unshared.id}`)).status).toBe(404);
  });

  test('an organisation outside the network reads neither', async () => {
    const res = await west.get('/api/employers');
    expect(res.status).toBe(200);
    expect(res.body.employers).toEqual([]);
    expect((await west.get(`/api/employers/${shared.id}`)).status).toBe(404);
  });

  test('only the owner changes an employer, its tutors, agreements or sharing', async () => {
    expect(
      (await south.put(`/api/employers/${shared.id}`, { ...company('Taken over'), version: shared.version })).status,
    ).toBe(403);
    expect((await south.post(`/api/employers/${shared.id}/tutors`, { name: 'Demo Intruder' })).status).toBe(403);
    expect(
      (await south.put(`/api/employers/${shared.id}/sharing`, { shared: false, version: shared.version })).status,
    ).toBe(403);
    expect(
      (await west.put(`/api/employers/${shared.id}/sharing`, { shared: false, version: shared.version })).status,
    ).toBe(404);
    // Row-level security, under the service: the partner's transaction sees the row but cannot update it.
    const updated = await withTenant(t.ctx.db, { organisationId: orgs.south! }, (tx) =>
      sql`UPDATE employers SET name = 'Taken over' WHERE id = ${shared.id}`.execute(tx),
    );
    expect(Number(updated.numAffectedRows ?? 0)).toBe(0);
    await expect(
      withTenant(t.ctx.db, { organisationId: orgs.south! }, (tx) =>
        sql`INSERT INTO employer_tutors (organisation_id, id, employer_id, name)
            VALUES (${orgs.north}, gen_random_uuid(), ${shared.id}, 'Demo Intruder')`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
    // Unsharing withdraws it from the partner at once.
    const unshare = await north.put(`/api/employers/${shared.id}/sharing`, { shared: false, version: shared.version });
    expect(unshare.status).toBe(200);
    expect((await south.get(`/api/employers/${shared.id}`)).status).toBe(404);
    const reshare = await north.put(`/api/employers/${shared.id}/sharing`, {
      shared: true,
      version: unshare.body.version,
    });
    shared.version = reshare.body.version;
    expect((await south.get(`/api/employers/${shared.id}`)).status).toBe(200);
  });

  test('bad input is refused at its field', async () => {
    const res = await north.post('/api/employers', company('Demo Odd Sector', { sector: 'mining_on_mars' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'sector' } });
    const empty = await north.post('/api/employers', company(''));
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toEqual(['name']);
    const dates = await north.post(`/api/employers/${shared.id}/agreements`, {
      kind: 'framework',
      signedOn: daysAgo(10),
      validUntil: daysAgo(20),
    });
    expect(dates.status).toBe(400);
    expect(dates.body.error).toMatchObject({ code: 'invalid_date_range', details: { field: 'validUntil' } });
  });

  test('no person placed in the shared view or its SQL, even once she is placed there', async () => {
    const caseId = (await north.post('/api/cases', intake())).body.id as string;
    const placed = await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'job_placement',
      data: { employerId: shared.id, contractType: 'fixed_term', sector: 'hospitality', startOn: daysAgo(20) },
    });
    expect(placed.status).toBe(201);
    const view = await south.get(`/api/employers/${shared.id}`);
    expect(Object.keys(view.body).sort()).toEqual(
      [
        'agreements',
        'contactEmail',
        'contactPerson',
        'contactPhone',
        'id',
        'name',
        'organisation',
        'own',
        'retired',
        'sector',
        'sharedWithNetworks',
        'territory',
        'territoryLevel',
        'tutors',
        'updatedAt',
        'version',
      ].sort(),
    );
    const text = JSON.stringify(view.body);
    expect(text).not.toContain(caseId);
    expect(text).not.toMatch(/Demo [A-Z][a-z]+ [A-Z][a-z]+ \d{3}/); // no demo person's name
    // The directory's read names two tables, the employers and their organisations' names, and no notes.
    const query = employersRepo.visibleQuery(t.ctx.db.system).sql;
    expect([...query.matchAll(/(?:from|join) "([a-z_]+)"/g)].map((m) => m[1]).sort()).toEqual([
      'employers',
      'organisations',
    ]);
    expect(query).not.toContain('notes_enc');
    // The tables themselves have no column that could hold her.
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_name IN ('employers', 'employer_tutors', 'employer_agreements')`.execute(t.ctx.db.system);
    for (const c of columns.rows) expect(c.column_name).not.toMatch(/case|^person|placed|intern|entry/);
  });

  test('the owner’s notes and the sealed fields of the labour records are never clear in the rows', async () => {
    const raw = await sql<{ row: string }>`SELECT to_jsonb(e)::text AS row FROM employers e`.execute(t.ctx.db.system);
    expect(raw.rows.map((r) => r.row).join('\n')).not.toContain('prefers morning calls');
    const caseId = (await north.post('/api/cases', intake())).body.id as string;
    const secret = {
      objectives: 'Demo secret objective: confidence at the till',
      midReview: 'Demo secret mid review',
      insurancePolicyReference: 'DEMO-POLICY-SECRET-7',
    };
    const internship = await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'internship',
      data: {
        employerId: shared.id,
        startOn: daysAgo(40),
        endOn: daysAgo(-60),
        hoursPerWeek: 30,
        pay: { kind: 'grant', monthlyAmount: 450, currency: 'EUR' },
        insurancePaidBy: 'organisation',
        status: 'ongoing',
        midReviewOn: daysAgo(2),
        ...secret,
      },
    });
    expect(internship.status).toBe(201);
    const bio = await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'work_biography',
      data: {
        recordedOn: daysAgo(50),
        schooling: [{ level: 'upper_secondary', completed: true }],
        workHistory: [{ role: 'Demo secret role in a kitchen', period: 'during_exploitation', sector: 'hospitality' }],
        goals: 'Demo secret goal: own bakery',
      },
    });
    expect(bio.status).toBe(201);
    const mediation = await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'employer_mediation',
      data: {
        date: daysAgo(1),
        employerId: shared.id,
        internshipId: internship.body.id,
        issues: 'Demo secret issue: shifts',
        ownView: 'Demo secret own view',
      },
    });
    expect(mediation.status).toBe(201);
    const rows = await sql<{ data: string }>`
      SELECT data::text AS data FROM case_entries WHERE case_id = ${caseId}`.execute(t.ctx.db.system);
    const clear = rows.rows.map((r) => r.data).join('\n');
    expect(clear).toContain('upper_secondary');
    for (const s of [...Object.values(secret), 'Demo secret role', 'own bakery', 'Demo secret issue', 'own view'])
      expect(clear).not.toContain(s);
    // Read back by the organisation that holds them.
    const read = await north.get(`/api/cases/${caseId}/entries?kind=internship`);
    expect(read.body.entries?.[0]?.data ?? read.body[0]?.data).toMatchObject(secret);
  });
});

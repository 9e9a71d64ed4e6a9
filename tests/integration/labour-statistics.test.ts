/**
 * Labour-market statistics (issue #19) on both engines: persons, not cases, per stage; still in work
 * at 6 and 12 months; quartiles; employers per territory; internship cost; a person without
 * statistics consent left out; the network report with suppression and a provenance that never
 * states a hidden count; coverage gaps with shared employers counted per territory; the CLI.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const consent = () => ({
  kind: 'consent',
  data: {
    purpose: 'anonymous_statistics',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(500),
  },
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('labour statistics on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let coordinator: ApiClient;
  const employers: Record<string, string> = {};

  async function employer(slug: string, territory: string, shared: boolean) {
    const id = randomUUID();
    await sql`
      INSERT INTO employers (organisation_id, id, name, sector, territory_level, territory, shared_with_networks)
      SELECT id, ${id}, ${`Demo Employer ${territory}`}, 'hospitality', 'nuts3', ${territory}, ${shared}
      FROM organisations WHERE slug = ${slug}`.execute(t.ctx.db.system);
    return id;
  }

  /** One person placed 420 days ago after guidance, a completed course and a completed internship. */
  async function person(
    client: ApiClient,
    n: number,
    opts: { statsConsent?: boolean; employerId: string; stillInWork?: 'yes' | 'no'; personId?: string },
  ) {
    const body = opts.personId
      ? {
          ...intake({ intake: { ...intake().intake, contactDate: daysAgo(520) } }),
          person: undefined,
          personId: opts.personId,
        }
      : intake({
          person: { givenName: 'Demo', familyName: `Labour ${n}`, dateOfBirth: '1995-03-04', sex: 'female' },
          intake: { ...intake().intake, contactDate: daysAgo(540) },
        });
    const created = await client.post('/api/cases', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body;
    const add = async (kind: string, data: Record<string, unknown>) => {
      const res = await client.post(`/api/cases/${c.id}/entries`, { kind, data });
      expect(res.status, `${kind} ${JSON.stringify(res.body)}`).toBe(201);
      return res.body;
    };
    if (opts.statsConsent !== false) await add(consent().kind, consent().data);
    if (opts.personId) return c;
    await add('guidance_session', { date: daysAgo(530), provider: 'own', attended: true });
    await add('training', {
      title: 'Demo kitchen course',
      type: 'vocational',
      provider: 'own',
      startOn: daysAgo(525),
      status: 'completed',
      completedOn: daysAgo(500),
    });
    await add('internship', {
      employerId: opts.employerId,
      startOn: daysAgo(490),
      endOn: daysAgo(430),
      hoursPerWeek: 30,
      pay: { kind: 'grant', monthlyAmount: 400, currency: 'EUR' },
      insurancePaidBy: 'organisation',
      costToOrganisation: 1200,
      status: 'completed',
    });
    const placement = await add('job_placement', {
      employerId: opts.employerId,
      contractType: 'fixed_term',
      startOn: daysAgo(420 - n),
    });
    await add('job_follow_up', {
      placementId: placement.id,
      date: daysAgo(20),
      stillInWork: opts.stillInWork ?? 'yes',
    });
    return c;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
    employers.north = await employer('north', 'SK010', true);
    employers.northPrivate = await employer('north', 'SK010', false);
    employers.south = await employer('south', 'SK021', true);
    // Six consenting persons in the north; a seventh without statistics consent.
    const first = await person(north, 0, { employerId: employers.north });
    for (let i = 1; i < 6; i += 1)
      await person(north, i, { employerId: i < 3 ? employers.north : employers.northPrivate });
    await person(north, 6, { employerId: employers.north, statsConsent: false });
    // A second case of the first person, after her first closed: she still counts once.
    const closed = await north.post(`/api/cases/${first.id}/transitions`, {
      to: 'closed',
      reason: 'programme_completed',
      version: first.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await person(north, 7, { employerId: employers.north, personId: first.person?.id ?? first.personId });
  }, 600_000);
  afterAll(() => t.close());

  const stage = (body: any, name: string) => body.stages.find((s: { stage: string }) => s.stage === name).persons;

  test('the route counts consenting persons once per person, with retention, quartiles, employers and cost', async () => {
    const res = await coordinator.get('/api/statistics/labour');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.persons).toEqual({ value: 6 });
    for (const s of ['entered_guidance', 'started_training', 'completed_training', 'started_internship', 'placed'])
      expect(stage(b, s)).toEqual({ value: 6 });
    expect(b.retention).toEqual([
      { months: 6, persons: { value: 6 }, inWork: { value: 6 }, share: { value: 100 } },
      { months: 12, persons: { value: 6 }, inWork: { value: 6 }, share: { value: 100 } },
    ]);
    expect(b.timeFromIntake[0]).toMatchObject({ to: 'first_internship', quartiles: { median: 50 } });
    expect(b.timeFromIntake[1].quartiles.median).toBeGreaterThan(100);
    // Two employers in SK010 (one shared, one not): the engaged count is the organisation's own view.
    expect(b.employersByTerritory).toEqual([{ territory: 'SK010', employers: { suppressed: true } }]);
    expect(b.internshipCost).toEqual({ persons: { value: 6 }, internships: 6, total: 7200, perInternship: 1200 });
    expect(b.personsWithoutConsent).toBe(true);
    expect(b.provenance.personsCounted).toBe(6);
    expect(JSON.stringify(b)).not.toMatch(/Labour \d|Demo Employer|kitchen/);
    expect((await north.get('/api/statistics/labour')).status).toBe(403);
  });

  test('a threshold above the counts hides them, and the provenance then states no count', async () => {
    const b = (await coordinator.get('/api/statistics/labour?threshold=10')).body;
    expect(b.persons).toEqual({ suppressed: true });
    expect(b.stages.every((s: { persons: object }) => 'suppressed' in s.persons)).toBe(true);
    expect(b.timeFromIntake.every((q: { quartiles: object }) => 'suppressed' in q.quartiles)).toBe(true);
    expect(b.internshipCost.total).toBeNull();
    expect(b.provenance).not.toHaveProperty('personsCounted');
    expect(Object.keys(b.provenance).sort()).toEqual(
      ['asOf', 'counts', 'deduplication', 'disclosureControl', 'generatedAt', 'scope', 'source'].sort(),
    );
    const low = await coordinator.get('/api/statistics/labour?threshold=3');
    expect([low.status, low.body.error.code]).toEqual([400, 'threshold_below_floor']);
  });

  test('one person who left work at 6 months is a small complement: the share is hidden, not her', async () => {
    expect((await coordinator.get('/api/statistics/labour')).body.retention[0].inWork).toEqual({ value: 6 });
    await person(north, 8, { employerId: employers.north, stillInWork: 'no' });
    const after = (await coordinator.get('/api/statistics/labour')).body;
    expect(after.persons).toEqual({ value: 7 });
    // 7 known, 6 in work: showing both would reveal the one who is not.
    expect(after.retention[0]).toMatchObject({
      persons: { value: 7 },
      inWork: { suppressed: true },
      share: { suppressed: true },
    });
  });

  test('the network report counts placements across members, with suppression and provenance', async () => {
    for (let i = 0; i < 2; i += 1) await person(south, 20 + i, { employerId: employers.south });
    const b = (await coordinator.get('/api/statistics/labour?scope=network')).body;
    expect(b.scope).toBe('network');
    expect(b.organisations.length).toBe(3);
    expect(stage(b, 'placed')).toEqual({ value: 9 });
    expect(b.provenance.scope).toMatch(/network/);
    expect(b.provenance.personsCounted).toBe(9);
    // Two persons in the south: their employers' territory is a small cell.
    expect(b.employersByTerritory.find((e: { territory: string }) => e.territory === 'SK021').employers).toEqual({
      suppressed: true,
    });
    // Their own organisation's report does not include them.
    expect(stage((await coordinator.get('/api/statistics/labour')).body, 'placed')).toEqual({ value: 7 });
  });

  test('coverage gaps include on-the-job training and job placement, and shared employers per territory', async () => {
    const res = await coordinator.get('/api/network/gaps');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const services = new Set(res.body.cells.map((c: { service: string }) => c.service));
    expect(services.has('on_the_job_training') && services.has('job_placement')).toBe(true);
    // Shared employers only (the north's private one is not counted), partners' shared ones included.
    expect(res.body.employersByTerritory).toEqual(
      expect.arrayContaining([
        { territory: 'SK010', employers: 1 },
        { territory: 'SK021', employers: 1 },
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/Demo Employer/);
  });
});

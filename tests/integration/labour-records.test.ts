/**
 * The rules of the labour-market insertion records (issue #19), on both engines: each refusal names
 * its field (internship length within the country's bounds, 1–6 months by default and per country by
 * an administrator; end after start; an employer the organisation can read, own or shared, and a tutor
 * of that employer; a follow-up of a placement of the same case; completion dates not in the future);
 * the agenda shows an internship's reviews and end and a placement's next follow-up; a referral
 * carries the records only when the `employment` section is shared, and then codes and dates only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMonths } from '../../src/domain/cases/dates';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('labour records on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let admin: ApiClient;
  let south: ApiClient;
  let southId: string;
  let employer: string;
  let tutor: string;
  let otherTutor: string;
  let southPrivate: string;
  let southShared: string;

  const newCase = async () => (await north.post('/api/cases', intake())).body.id as string;
  const record = (caseId: string, kind: string, data: Record<string, unknown>) =>
    north.post(`/api/cases/${caseId}/entries`, { kind, data });
  const internship = (extra: Record<string, unknown> = {}) => ({
    employerId: employer,
    tutorId: tutor,
    startOn: daysAgo(30),
    endOn: addMonths(daysAgo(30), 3),
    hoursPerWeek: 30,
    pay: { kind: 'wage', monthlyAmount: 600, currency: 'EUR' },
    insurancePaidBy: 'organisation',
    status: 'ongoing',
    ...extra,
  });
  const fieldOf = (body: { error: { code: string; details?: unknown } }) => {
    const d = body.error.details as { path?: string[]; code?: string }[] | { field?: string } | undefined;
    if (Array.isArray(d)) return { code: d[0]?.code, field: d[0]?.path?.join('.') };
    return { code: body.error.code, field: d?.field };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    admin = await t.as('admin@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(t.ctx.db.system))
      .rows[0]!.id;
    const company = (name: string) => ({ name, sector: 'retail', territoryLevel: 'nuts3', territory: 'Demo Region' });
    const e = await north.post('/api/employers', company('Demo Shop Negozio 03'));
    employer = e.body.id;
    tutor = (await north.post(`/api/employers/${employer}/tutors`, { name: 'Demo Tutor Lina' })).body.tutors[0].id;
    const other = await north.post('/api/employers', company('Demo Garage Officina 04'));
    otherTutor = (await north.post(`/api/employers/${other.body.id}/tutors`, { name: 'Demo Tutor Piet' })).body
      .tutors[0].id;
    southPrivate = (await south.post('/api/employers', company('Demo South Private 05'))).body.id;
    const s = await south.post('/api/employers', company('Demo South Shared 06'));
    southShared = s.body.id;
    await south.put(`/api/employers/${southShared}/sharing`, { shared: true, version: s.body.version });
  }, 600_000);
  afterAll(() => t.close());

  test('an internship within 1–6 months by default; too short or too long is refused at endOn', async () => {
    const c = await newCase();
    expect((await record(c, 'internship', internship())).status).toBe(201);
    const short = await record(c, 'internship', internship({ endOn: daysAgo(20) }));
    expect(short.status).toBe(400);
    expect(fieldOf(short.body)).toEqual({ code: 'internship_too_short', field: 'data.endOn' });
    const long = await record(c, 'internship', internship({ endOn: addMonths(daysAgo(30), 7) }));
    expect(long.status).toBe(400);
    expect(fieldOf(long.body)).toEqual({ code: 'internship_too_long', field: 'data.endOn' });
    const backwards = await record(c, 'internship', internship({ endOn: daysAgo(40) }));
    expect(backwards.status).toBe(400);
    expect(fieldOf(backwards.body)).toEqual({ code: 'invalid_date_range', field: 'endOn' });
  });

  test("an administrator sets a country's bounds; the case's country follows them", async () => {
    expect((await north.put('/api/internship-rules', { country: 'IT', minMonths: 2, maxMonths: 12 })).status).toBe(403);
    const set = await admin.put('/api/internship-rules', { country: 'IT', minMonths: 2, maxMonths: 12 });
    expect(set.status).toBe(200);
    expect(set.body.rules).toEqual([{ country: 'IT', minMonths: 2, maxMonths: 12 }]);
    const created = (await north.post('/api/cases', intake())).body;
    const current = (await north.get(`/api/cases/${created.id}`)).body;
    expect((await north.patch(`/api/cases/${created.id}`, { country: 'IT', version: current.version })).status).toBe(
      200,
    );
    const c = created.id as string;
    expect((await record(c, 'internship', internship({ endOn: addMonths(daysAgo(30), 9) }))).status).toBe(201);
    const short = await record(c, 'internship', internship({ endOn: addMonths(daysAgo(30), 1) }));
    expect(fieldOf(short.body)).toEqual({ code: 'internship_too_short', field: 'data.endOn' });
    const bad = await admin.put('/api/internship-rules', { country: 'IT', minMonths: 5, maxMonths: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toEqual(['maxMonths']);
    expect((await admin.put('/api/internship-rules', { country: 'IT', minMonths: 1, maxMonths: 6 })).status).toBe(200);
  });

  test('the employer must be readable (own or shared) and the tutor one of its tutors', async () => {
    const c = await newCase();
    const foreign = await record(c, 'internship', internship({ employerId: southPrivate, tutorId: undefined }));
    expect(fieldOf(foreign.body)).toEqual({ code: 'unknown_employer', field: 'data.employerId' });
    expect((await record(c, 'internship', internship({ employerId: southShared, tutorId: undefined }))).status).toBe(
      201,
    );
    const wrongTutor = await record(c, 'internship', internship({ tutorId: otherTutor }));
    expect(fieldOf(wrongTutor.body)).toEqual({ code: 'unknown_tutor', field: 'data.tutorId' });
    const placement = await record(c, 'job_placement', {
      employerId: southPrivate,
      contractType: 'permanent',
      startOn: daysAgo(5),
    });
    expect(fieldOf(placement.body)).toEqual({ code: 'unknown_employer', field: 'data.employerId' });
    const badCode = await record(c, 'job_placement', { contractType: 'forever', startOn: daysAgo(5) });
    expect(fieldOf(badCode.body)).toEqual({ code: 'unknown_list_value', field: 'contractType' });
    const bio = await record(c, 'work_biography', {
      recordedOn: daysAgo(1),
      schooling: [{ level: 'primary' }, { level: 'doctorate_of_magic' }],
    });
    expect(fieldOf(bio.body)).toEqual({ code: 'unknown_list_value', field: 'schooling.1.level' });
  });

  test('a follow-up names a placement of the same case; completion dates are not in the future', async () => {
    const a = await newCase();
    const b = await newCase();
    const placed = await record(a, 'job_placement', { contractType: 'fixed_term', startOn: daysAgo(100) });
    expect(placed.status).toBe(201);
    const elsewhere = await record(b, 'job_follow_up', {
      placementId: placed.body.id,
      date: daysAgo(1),
      stillInWork: 'yes',
    });
    expect(fieldOf(elsewhere.body)).toEqual({ code: 'unknown_placement', field: 'data.placementId' });
    const future = await record(a, 'job_follow_up', {
      placementId: placed.body.id,
      date: daysAgo(-3),
      stillInWork: 'yes',
    });
    expect(fieldOf(future.body)).toEqual({ code: 'future_date', field: 'date' });
    const course = await record(a, 'training', {
      title: 'Demo course',
      type: 'vocational',
      provider: 'own',
      startOn: daysAgo(60),
      status: 'completed',
      completedOn: daysAgo(-10),
    });
    expect(fieldOf(course.body)).toEqual({ code: 'future_date', field: 'completedOn' });
    expect(
      (await record(a, 'job_follow_up', { placementId: placed.body.id, date: daysAgo(2), stillInWork: 'yes' })).status,
    ).toBe(201);
  });

  test('the agenda shows the internship reviews and end, and the next follow-up', async () => {
    const c = await newCase();
    const start = daysAgo(50);
    const end = addMonths(start, 2);
    expect((await record(c, 'internship', internship({ startOn: start, endOn: end }))).status).toBe(201);
    const placed = await record(c, 'job_placement', {
      contractType: 'permanent',
      startOn: daysAgo(80),
      followUpEveryMonths: 3,
    });
    await record(c, 'job_follow_up', { placementId: placed.body.id, date: daysAgo(75), stillInWork: 'yes' });
    const items = (
      (await north.get('/api/agenda?limit=200')).body.items as { caseId: string; kind: string; dueDate: string }[]
    )
      .filter((i) => i.caseId === c)
      .map((i) => [i.kind, i.dueDate]);
    expect(items).toEqual(
      expect.arrayContaining([
        ['internship_final_review', end],
        ['internship_ending', end],
        ['job_follow_up', addMonths(daysAgo(75), 3)],
      ]),
    );
    // Once the placement has ended, no more follow-ups are due.
    const ended = await north.patch(`/api/cases/${c}/entries/${placed.body.id}`, {
      version: placed.body.version,
      reason: 'She left the job',
      data: { contractType: 'permanent', startOn: daysAgo(80), endedOn: daysAgo(1), statedReasons: 'Demo: moved town' },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const after = ((await north.get('/api/agenda?limit=200')).body.items as { caseId: string; kind: string }[]).filter(
      (i) => i.caseId === c && i.kind === 'job_follow_up',
    );
    expect(after).toEqual([]);
  });

  test('a referral carries her labour records only with the employment section, codes and dates only', async () => {
    const c = await newCase();
    await record(c, 'consent', {
      purpose: 'referral_sharing',
      partnerOrganisationId: southId,
      action: 'granted',
      language: 'en',
      interpreterUsed: false,
      recordedOn: daysAgo(10),
    });
    await record(c, 'work_biography', {
      recordedOn: daysAgo(9),
      schooling: [{ level: 'vocational' }],
      workHistory: [{ role: 'Demo secret role', period: 'before', sector: 'agriculture' }],
      goals: 'Demo secret goals',
    });
    await record(c, 'internship', internship({ objectives: 'Demo secret objectives' }));
    await record(c, 'job_placement', { contractType: 'apprenticeship', sector: 'retail', startOn: daysAgo(3) });
    const send = (sections: string[]) =>
      north.post(`/api/cases/${c}/referrals`, {
        toOrganisationId: southId,
        kind: 'referral',
        requestedService: 'job_placement',
        sections,
      });
    const without = await send([]);
    expect(without.status, JSON.stringify(without.body)).toBe(201);
    expect((await south.get(`/api/referrals/${without.body.id}`)).body.snapshot.employment).toBeUndefined();
    await south.post(`/api/referrals/${without.body.id}/decline`, { version: 1, reason: 'Demo: full' });
    const withIt = await send(['employment']);
    expect(withIt.status, JSON.stringify(withIt.body)).toBe(201);
    const snapshot = (await south.get(`/api/referrals/${withIt.body.id}`)).body.snapshot;
    expect(snapshot.employment).toMatchObject({
      schoolingLevels: ['vocational'],
      internships: [{ status: 'ongoing', hoursPerWeek: 30 }],
      placements: [{ contractType: 'apprenticeship', sector: 'retail', startOn: daysAgo(3) }],
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/Demo secret|Demo Shop|Demo Tutor/);
    expect(JSON.stringify(snapshot)).not.toContain(employer);
  });
});

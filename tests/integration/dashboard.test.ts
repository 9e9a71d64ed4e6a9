/**
 * The dashboard counts (her open cases, high risk, referrals waiting, overdue, due this week) and the
 * agenda paged through every item, upcoming as well as overdue; a new case asks for its baseline
 * assessment, not a follow-up; implausible dates and dates before her birth are refused on the field.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

interface Item {
  caseId: string;
  kind: string;
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
}

describe.each(ENGINES.map((e) => [e.name, e] as const))('dashboard and agenda on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let owner: ApiClient;
  let coordinator: ApiClient;

  const newCase = async (client: ApiClient, overrides: Record<string, unknown> = {}) => {
    const res = await client.post('/api/cases', intake(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; reference: string };
  };
  const entry = async (caseId: string, kind: string, data: Record<string, unknown>) => {
    const res = await worker.post(`/api/cases/${caseId}/entries`, { kind, data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const allAgenda = async (client: ApiClient): Promise<Item[]> => (await client.get('/api/agenda')).body.items;

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    owner = await t.as('case_owner@north.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
  });
  afterAll(() => t.close());

  test('the count tiles follow her open cases, their risk and their deadlines; another user’s cases do not count', async () => {
    const before = (await worker.get('/api/dashboard')).body;
    expect(Object.keys(before).sort()).toEqual(
      ['dueThisWeek', 'highRisk', 'openCases', 'overdue', 'referralsWaiting', 'weekDays'].sort(),
    );
    const ownerBefore = (await owner.get('/api/dashboard')).body;
    // A high-risk case with an overdue review, and a low-risk one with a review due in 3 days.
    const high = await newCase(worker);
    await entry(high.id, 'review', { reviewedOn: daysAgo(40), notes: 'Demo review', nextReviewOn: daysAgo(10) });
    const low = await newCase(worker, { risk: { level: 'low' } });
    await entry(low.id, 'review', { reviewedOn: daysAgo(2), notes: 'Demo review', nextReviewOn: daysAgo(-3) });
    const mid = (await worker.get('/api/dashboard')).body;
    expect(mid.openCases).toBe(before.openCases + 2);
    expect(mid.highRisk).toBe(before.highRisk + 1);
    // Critical is above high: it counts as high risk too.
    const critical = await newCase(worker, { risk: { level: 'critical' } });
    const withCritical = (await worker.get('/api/dashboard')).body;
    expect(withCritical.openCases).toBe(before.openCases + 3);
    expect(withCritical.highRisk).toBe(before.highRisk + 2);
    const closed = await worker.post(`/api/cases/${critical.id}/transitions`, {
      to: 'closed',
      reason: 'programme_completed',
      version: (await worker.get(`/api/cases/${critical.id}`)).body.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const after = (await worker.get('/api/dashboard')).body;
    expect(after).toMatchObject({ openCases: mid.openCases, highRisk: mid.highRisk });
    // Overdue: the review and both baselines (intake 61 days ago, past the baseline's window, none recorded).
    expect(after.overdue).toBe(before.overdue + 3);
    expect(after.dueThisWeek).toBe(before.dueThisWeek + 1);
    expect((await owner.get('/api/dashboard')).body).toEqual(ownerBefore);
    // The tiles agree with the agenda.
    const page = (await worker.get('/api/agenda?limit=1')).body;
    expect([page.counts.overdue, page.counts.this_week]).toEqual([after.overdue, after.dueThisWeek]);
  });

  test('referrals waiting are those sent to her organisation and not answered yet', async () => {
    const north = (
      await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'north'`.execute(t.ctx.db.system)
    ).rows[0]!.id;
    const pending = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM referrals WHERE to_organisation_id = ${north} AND status = 'pending'`.execute(
            t.ctx.db.system,
          )
        ).rows[0]!.n,
      );
    expect((await worker.get('/api/dashboard')).body.referralsWaiting).toBe(await pending());
    // One answered: it no longer waits.
    const first = await sql<{
      id: string;
    }>`SELECT id FROM referrals WHERE to_organisation_id = ${north} AND status = 'pending' LIMIT 1`.execute(
      t.ctx.db.system,
    );
    if (first.rows[0]) {
      const n = await pending();
      await sql`UPDATE referrals SET status = 'declined' WHERE id = ${first.rows[0].id}`.execute(t.ctx.db.system);
      expect((await worker.get('/api/dashboard')).body.referralsWaiting).toBe(n - 1);
    }
  });

  test('the agenda pages through every item, upcoming as well as overdue, with counts per bucket', async () => {
    const c = await newCase(worker);
    for (const days of [-20, -1, 2, 5, 12, 25])
      await entry(c.id, 'objective', {
        title: `Demo objective ${days}`,
        status: 'open',
        dueDate: daysAgo(-days),
        microObjectives: [],
      });
    const all = await allAgenda(worker);
    const mine = all.filter((i) => i.caseId === c.id);
    expect(mine.map((i) => i.daysLeft)).toEqual(expect.arrayContaining([-20, -1, 2, 5, 12, 25]));
    const pages: Item[] = [];
    let first: { total: number; counts: Record<string, number> } | undefined;
    for (let offset = 0; ; offset += 4) {
      const page = (await worker.get(`/api/agenda?limit=4&offset=${offset}`)).body;
      first ??= page;
      expect(page.total).toBe(all.length);
      expect(page.items.length).toBeLessThanOrEqual(4);
      pages.push(...page.items);
      if (page.items.length < 4) break;
    }
    expect(pages).toEqual(all);
    const counts = first!.counts;
    expect(counts.overdue + counts.this_week + counts.later).toBe(all.length);
    expect(counts.overdue).toBe(all.filter((i) => i.overdue).length);
    // One bucket alone: the upcoming items beyond this week.
    const later = (await worker.get(`/api/agenda?bucket=later&limit=200`)).body;
    expect(later.total).toBe(counts.later);
    expect(later.items.every((i: Item) => !i.overdue && i.daysLeft > 7)).toBe(true);
    expect(later.items.map((i: Item) => i.caseId)).toContain(c.id);
    // Bad paging is refused.
    expect((await worker.get('/api/agenda?limit=0')).status).toBe(400);
    expect((await worker.get('/api/agenda?bucket=someday')).status).toBe(400);
  });

  test('a new case has no follow-up due before its baseline assessment, only the baseline', async () => {
    const c = await newCase(worker, { intake: { ...intake().intake, contactDate: daysAgo(2) } });
    const kinds = async () =>
      (await allAgenda(worker)).filter((i) => i.caseId === c.id).map((i) => `${i.kind}:${i.overdue}`);
    expect(await kinds()).toEqual(['baseline_due:false']);
    const { model } = (await coordinator.get('/api/outcomes/model')).body;
    const element = model.elements[0].code;
    await entry(c.id, 'outcome_assessment', {
      date: daysAgo(1),
      scores: [{ element, score: 1, source: 'own_view' }],
    });
    expect(await kinds()).toEqual([]);
  });

  test('implausible dates are refused with a clear message on the field', async () => {
    const c = await newCase(worker);
    for (const date of ['0001-01-01', '2999-01-01', '2026-02-30']) {
      const res = await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'review',
        data: { reviewedOn: daysAgo(1), notes: 'Demo review', nextReviewOn: date },
      });
      expect(res.status, date).toBe(400);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({
          path: ['data', 'nextReviewOn'],
          message: 'Use a real calendar date between 1900 and 2100',
        }),
      ]);
    }
    const intakeRes = await worker.post(
      '/api/cases',
      intake({ person: { ...intake().person, dateOfBirth: '0001-04-02' } }),
    );
    expect(intakeRes.status).toBe(400);
    expect(intakeRes.body.error.details[0].path).toEqual(['person', 'dateOfBirth']);
  });

  test('dates before her date of birth are refused with date_before_birth, on the field', async () => {
    // Born 1999-04-02 (the fixture): a record dated 1998 is a typing slip.
    const c = await newCase(worker);
    const res = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'review',
      data: { reviewedOn: '1998-05-01', notes: 'Demo review' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('date_before_birth');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: ['data', 'reviewedOn'], code: 'date_before_birth' }),
    ]);
    const early = await worker.post(
      '/api/cases',
      intake({ intake: { ...intake().intake, contactDate: '1998-01-01' } }),
    );
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: 'date_before_birth',
      details: [expect.objectContaining({ path: ['intake', 'contactDate'], code: 'date_before_birth' })],
    });
    // Nor may a correction of the intake move the first contact before her birth.
    const version = (await worker.get(`/api/cases/${c.id}`)).body.intake.version ?? 1;
    const edited = await worker.patch(`/api/cases/${c.id}/intake`, { contactDate: '1999-01-01', version });
    expect(edited.status).toBe(400);
    expect(edited.body.error).toMatchObject({
      code: 'date_before_birth',
      details: [expect.objectContaining({ path: ['contactDate'], code: 'date_before_birth' })],
    });
    // Her birthday itself is fine.
    expect(
      (
        await worker.post(`/api/cases/${c.id}/entries`, {
          kind: 'review',
          data: { reviewedOn: '1999-04-02', notes: 'Demo review' },
        })
      ).status,
    ).toBe(201);
  });
});

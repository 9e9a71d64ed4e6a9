/**
 * Outcomes beyond the basics, on both engines: the interview and its trace to
 * scores, revisions that keep history, follow-up rules, the cohort report with
 * a fixture whose small cells must be hidden, exports, and network scope in
 * which a person known to two organisations counts once.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runNetworkLinkage } from '../../src/services/linkage';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const consent = (purpose: string) => ({
  kind: 'consent',
  data: { purpose, action: 'granted', language: 'en', interpreterUsed: false, recordedOn: daysAgo(690) },
});
const score = (element: string, value: number) => ({ element, score: value, source: 'own_view' });

describe.each(ENGINES.map((e) => [e.name, e] as const))('outcome cohort and interview on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let coordinator: ApiClient;
  let recovery: string;
  let economic: string;

  /** A person with a baseline in January 2025 and a follow-up in August 2025 (the 6-month horizon). */
  async function person(
    client: ApiClient,
    n: number,
    opts: { economicProgress: boolean; statsConsent?: boolean; contactDate?: string; dedup?: boolean },
  ) {
    const c = (
      await client.post(
        '/api/cases',
        intake({
          person: {
            givenName: 'Demo',
            familyName: `Cohort ${n}`,
            dateOfBirth: '1997-05-06',
            sex: 'female',
            citizenship: 'MD',
          },
          intake: {
            channel: 'hotline',
            contactDate: opts.contactDate ?? daysAgo(690),
            municipality: 'Demo Town',
            language: 'ro',
            mediatorUsed: false,
            immediateNeeds: [],
          },
        }),
      )
    ).body;
    if (opts.statsConsent !== false) await client.post(`/api/cases/${c.id}/entries`, consent('anonymous_statistics'));
    if (opts.dedup) await client.post(`/api/cases/${c.id}/entries`, consent('network_deduplication'));
    const add = (date: string, r: number, e: number) =>
      client.post(`/api/cases/${c.id}/entries`, {
        kind: 'outcome_assessment',
        data: { date, scores: [score(recovery, r), score(economic, e)] },
      });
    const first = await add(daysAgo(680), 1, 1);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await add(daysAgo(487), 3, opts.economicProgress ? 2 : 1)).status).toBe(201);
    return c;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
    const { model } = (await coordinator.get('/api/outcomes/model')).body;
    recovery = model.elements.find((e: { dimension: string }) => e.dimension === 'recovery').code;
    economic = model.elements.find((e: { dimension: string }) => e.dimension === 'economic').code;
    // Six persons with recovery progress at 6 months; two of them also progressed economically; one more has not consented.
    for (let i = 0; i < 6; i += 1) await person(north, 900 + i, { economicProgress: i < 2, dedup: i === 0 });
    await person(north, 906, { economicProgress: true, statsConsent: false });
  });
  afterAll(() => t.close());

  const cellAt = (body: any, horizon: string, dimension?: string) => {
    const h = body.progressByHorizon.find((x: { horizon: string }) => x.horizon === horizon);
    return dimension ? h.dimensions.find((d: { dimension: string }) => d.dimension === dimension) : h.persons;
  };

  test('the cohort counts consenting persons, shows large cells and hides small ones', async () => {
    const res = await coordinator.get('/api/statistics/cohort');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(cellAt(res.body, '6m')).toEqual({ value: 6 });
    expect(cellAt(res.body, '6m', 'recovery')).toMatchObject({ withProgress: { value: 6 }, share: { value: 100 } });
    // Two persons with economic progress: hidden, and so is its share.
    expect(cellAt(res.body, '6m', 'economic')).toMatchObject({
      withProgress: { suppressed: true },
      share: { suppressed: true },
    });
    expect(cellAt(res.body, '12m')).toEqual({ suppressed: true });
    expect(res.body.personsWithoutConsent).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/Cohort 90|overallScore|successRate/);
    expect((await north.get('/api/statistics/cohort')).status).toBe(403);
  });

  test('the cohort respects the disclosure floor: omitted means the floor, below it is refused, above it hides more', async () => {
    const admin = await t.as('admin@north.demo.test');
    expect((await coordinator.get('/api/statistics/cohort')).body.threshold).toBe(5);
    const low = await coordinator.get('/api/statistics/cohort?threshold=3');
    expect([low.status, low.body.error.code, low.body.error.details[0].path]).toEqual([
      400,
      'threshold_below_floor',
      ['threshold'],
    ]);
    // Raised: the six persons at 6 months are now a small cell.
    expect(cellAt((await coordinator.get('/api/statistics/cohort?threshold=10')).body, '6m')).toEqual({
      suppressed: true,
    });
    // The organisation lowers its floor: the same request is now accepted.
    expect((await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 3 })).status).toBe(200);
    try {
      const allowed = await coordinator.get('/api/statistics/cohort?threshold=3');
      expect([allowed.status, allowed.body.threshold]).toEqual([200, 3]);
    } finally {
      await admin.put('/api/statistics/disclosure-floors/organisation', { floor: 5 });
    }
  });

  test('CSV and XLSX exports carry the same suppression and say what they count', async () => {
    const csv = await coordinator.request('GET', '/api/statistics/cohort?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/ariadne-cohort-organisation\.csv/);
    const lines = String(csv.body).split('\r\n');
    expect(lines.find((l) => l.startsWith(`progress_by_horizon,6m,economic,persons_with_progress,`))).toMatch(
      /,x,true,"?Persons \(not cases\)/,
    );
    expect(lines.find((l) => l.startsWith(`progress_by_horizon,6m,recovery,persons_with_progress,`))).toMatch(
      /,6,false,/,
    );
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/statistics/cohort?format=xlsx',
      headers: { cookie: coordinator.cookie! },
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  test('network scope counts a person known to two organisations once', async () => {
    // The same person (same identity) also assisted in the south, later.
    await person(south, 900, { economicProgress: false, contactDate: daysAgo(685), dedup: true });
    const before = (await coordinator.get('/api/statistics/cohort?scope=network')).body;
    expect(cellAt(before, '6m')).toEqual({ value: 7 });
    const summary = await runNetworkLinkage(t.ctx);
    expect(summary.personsDeduplicated).toBeGreaterThanOrEqual(1);
    const after = (await coordinator.get('/api/statistics/cohort?scope=network')).body;
    expect(cellAt(after, '6m')).toEqual({ value: 6 });
    expect(after.organisations.length).toBe(3);
    // Own-organisation scope is unchanged.
    expect(cellAt((await coordinator.get('/api/statistics/cohort')).body, '6m')).toEqual({ value: 6 });
  });

  test('the interview: trafficking questions are never required; answers propose scores with a trace; assessments keep the link', async () => {
    const c = (
      await north.post(
        '/api/cases',
        intake({
          intake: {
            channel: 'hotline',
            contactDate: daysAgo(61),
            municipality: 'Demo Town',
            language: 'ro',
            mediatorUsed: false,
            immediateNeeds: [],
          },
        }),
      )
    ).body;
    const instrument = (await north.get('/api/outcomes/instrument')).body;
    const sections = instrument.sections as {
      code: string;
      neverRequired?: boolean;
      questions: { code: string; type: string; optional: boolean; informs: string[] }[];
    }[];
    const required = sections.filter((s) => !s.neverRequired).flatMap((s) => s.questions.filter((q) => !q.optional));
    expect(sections.find((s) => s.code === 'trafficking_experience')!.neverRequired).toBe(true);

    const missing = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'interview',
      data: { date: daysAgo(42), answers: [] },
    });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'invalid_interview_answers']);

    const scale = required.find((q) => q.type === 'scale' && q.informs.length > 0)!;
    const answers = required.map((q) => ({ question: q.code, value: q.code === scale.code ? 4 : null }));
    const interview = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'interview',
      data: { date: daysAgo(42), answers },
    });
    expect(interview.status, JSON.stringify(interview.body)).toBe(201);
    const stored = await sql<{
      data: string;
    }>`SELECT data::text AS data FROM case_entries WHERE id = ${interview.body.id}`.execute(t.ctx.db.system);
    expect(stored.rows[0].data).not.toContain('answers');

    const proposals = (await north.post('/api/outcomes/proposals', { answers })).body.proposals as {
      element: string;
      score: number;
      trace: { question: string }[];
    }[];
    const proposal = proposals.find((p) => p.trace.some((x) => x.question === scale.code))!;
    expect(proposal).toBeDefined();
    const assessment = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'outcome_assessment',
      data: {
        date: daysAgo(42),
        interviewEntryId: interview.body.id,
        scores: [{ element: proposal.element, score: proposal.score, source: 'own_view', informedBy: [scale.code] }],
      },
    });
    expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
    expect(assessment.body.data.scores[0].informedBy).toEqual([scale.code]);

    const wrongLink = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'outcome_assessment',
      data: { date: daysAgo(41), interviewEntryId: assessment.body.id, scores: [score(recovery, 2)] },
    });
    expect([wrongLink.status, wrongLink.body.error.code]).toEqual([400, 'unknown_interview']);

    // Revising a past assessment writes a new version; the first is kept.
    const revised = await north.request('PATCH', `/api/cases/${c.id}/entries/${assessment.body.id}`, {
      version: 1,
      reason: 'Score entered on the wrong element',
      data: { date: daysAgo(42), scores: [{ element: proposal.element, score: 3, source: 'caseworker_observation' }] },
    });
    expect([revised.status, revised.body.version]).toEqual([200, 2]);
    const versions = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_entries WHERE id = ${assessment.body.id}`.execute(t.ctx.db.system);
    expect(versions.rows[0].n).toBe(2);
    const stale = await north.request('PATCH', `/api/cases/${c.id}/entries/${assessment.body.id}`, {
      version: 1,
      reason: 'stale',
      data: { date: daysAgo(42), scores: [score(recovery, 1)] },
    });
    expect(stale.status).toBe(409);
  });

  test('follow-up: a scheduled follow-up after she opted out is refused; beyond three years needs her consent; autonomy is summarised', async () => {
    const c = (await north.post('/api/cases', intake())).body;
    const beyond = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'follow_up_appointment',
      data: { dueDate: daysAgo(-1127) },
    });
    expect([beyond.status, beyond.body.error.code]).toEqual([400, 'follow_up_consent_required']);
    await north.post(`/api/cases/${c.id}/entries`, { kind: 'follow_up', data: { kind: 'consented', at: daysAgo(57) } });
    expect(
      (
        await north.post(`/api/cases/${c.id}/entries`, {
          kind: 'follow_up_appointment',
          data: { dueDate: daysAgo(-1127) },
        })
      ).status,
    ).toBe(201);
    await north.post(`/api/cases/${c.id}/entries`, { kind: 'follow_up', data: { kind: 'opted_out', at: daysAgo(56) } });
    const refused = await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'follow_up_appointment',
      data: { dueDate: daysAgo(-31) },
    });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'follow_up_opted_out']);
    let out = (await north.get(`/api/cases/${c.id}/outcomes`)).body;
    expect(out.followUp).toMatchObject({ optedOut: true });
    expect(out.due).toEqual([]);

    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'autonomy',
      data: {
        date: daysAgo(55),
        area: 'work',
        ownDecision: true,
        emotionalSupport: true,
        autonomyWithin: true,
        financialDependence: true,
      },
    });
    await north.post(`/api/cases/${c.id}/entries`, {
      kind: 'autonomy',
      data: {
        date: daysAgo(55),
        area: 'relationship',
        ownDecision: false,
        emotionalSupport: null,
        autonomyWithin: null,
      },
    });
    out = (await north.get(`/api/cases/${c.id}/outcomes`)).body;
    expect(out.autonomy).toMatchObject({ autonomous: 1, concern: 1, unknown: 0 });
    expect(out.flags).toEqual([]);
  });
});

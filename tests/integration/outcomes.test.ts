/** Outcomes through the API: baseline and follow-ups, the continuum, hard failures only when recorded, validation, cohort suppression. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('outcomes on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
  });
  afterAll(() => t.close());

  test('progress on one dimension with regression on another; unemployment is never a failure; a recorded return to exploitation is', async () => {
    const c = (await worker.post('/api/cases', intake())).body;
    const model = (await worker.get(`/api/cases/${c.id}/outcomes`)).body.model;
    const elements = model.elements as { code: string; dimension: string }[];
    const recoveryEl = elements.find((e) => e.dimension === 'recovery')!.code;
    const economicEl = elements.find((e) => e.dimension === 'economic')!.code;
    const s = (r: number, e: number) => [
      { element: recoveryEl, score: r, source: 'own_view' },
      { element: economicEl, score: e, source: 'caseworker_observation' },
    ];
    expect(
      (
        await worker.post(`/api/cases/${c.id}/entries`, {
          kind: 'outcome_assessment',
          data: { date: daysAgo(60), scores: s(1, 3) },
        })
      ).status,
    ).toBe(201);
    await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'outcome_assessment',
      data: { date: daysAgo(29), scores: s(3, 1) },
    });
    await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'circumstance',
      data: { kind: 'unemployment', from: daysAgo(57) },
    });
    let out = (await worker.get(`/api/cases/${c.id}/outcomes`)).body;
    const latest = out.continuum.points.at(-1);
    expect(latest.progressOn).toEqual(['recovery']);
    expect(latest.regressionOn).toEqual(['economic']);
    expect(out.flags).toEqual([]);
    expect(JSON.stringify(out)).not.toMatch(/"(overallScore|pass|fail)"/);

    await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'exploitation_return',
      data: { date: daysAgo(21), statedReasons: 'Demo: debt pressure from family' },
    });
    out = (await worker.get(`/api/cases/${c.id}/outcomes`)).body;
    expect(out.flags).toEqual([
      {
        kind: 'hard_failure',
        event: 'return_to_exploitation',
        date: daysAgo(21),
        statedReasons: 'Demo: debt pressure from family',
      },
    ]);
  });

  test('scores outside the scale and assessments before intake are 400', async () => {
    const c = (await worker.post('/api/cases', intake())).body;
    const el = (await worker.get(`/api/cases/${c.id}/outcomes`)).body.model.elements[0].code;
    const outside = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'outcome_assessment',
      data: { date: daysAgo(60), scores: [{ element: el, score: 9, source: 'own_view' }] },
    });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'score_out_of_scale']);
    const early = await worker.post(`/api/cases/${c.id}/entries`, {
      kind: 'outcome_assessment',
      data: { date: daysAgo(334), scores: [{ element: el, score: 2, source: 'own_view' }] },
    });
    expect([early.status, early.body.error.code]).toEqual([400, 'assessment_before_intake']);
  });

  test('her consent to follow-up contact withdrawn on the consent tab stops the schedule, the agenda and new appointments at once; given again, they resume', async () => {
    const c = (await worker.post('/api/cases', intake())).body;
    const consent = async (action: 'granted' | 'withdrawn') => {
      const res = await worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'consent',
        data: { purpose: 'follow_up_contact', action, language: 'en', interpreterUsed: false, recordedOn: daysAgo(0) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    const followUpItems = async () =>
      ((await worker.get('/api/agenda')).body.items as { caseId: string; kind: string }[])
        .filter((i) => i.caseId === c.id && (i.kind === 'baseline_due' || i.kind === 'follow_up_due'))
        .map((i) => i.kind);
    const appointment = () =>
      worker.post(`/api/cases/${c.id}/entries`, { kind: 'follow_up_appointment', data: { dueDate: daysAgo(-20) } });

    // Before any choice: her baseline assessment is due, and a follow-up may be scheduled.
    expect(await followUpItems()).toEqual(['baseline_due']);
    await consent('granted');
    expect((await worker.get(`/api/cases/${c.id}/outcomes`)).body.followUp).toMatchObject({
      consented: true,
      optedOut: false,
    });

    await consent('withdrawn');
    expect(await followUpItems()).toEqual([]);
    const out = (await worker.get(`/api/cases/${c.id}/outcomes`)).body;
    expect(out.followUp).toMatchObject({ optedOut: true, consented: false });
    expect(out.due).toEqual([]);
    const refused = await appointment();
    expect([refused.status, refused.body.error.code]).toEqual([400, 'follow_up_opted_out']);

    await consent('granted');
    expect(await followUpItems()).toEqual(['baseline_due']);
    expect((await appointment()).status).toBe(201);
  });

  test('her follow-up choice recorded with her outcomes shows on the consent tab, and a withdrawal there checks against it', async () => {
    const c = (await worker.post('/api/cases', intake())).body;
    const followUpConsent = async () =>
      ((await worker.get(`/api/cases/${c.id}`)).body.consents as { purpose: string; granted: boolean }[]).find(
        (k) => k.purpose === 'follow_up_contact',
      );
    const withdraw = () =>
      worker.post(`/api/cases/${c.id}/entries`, {
        kind: 'consent',
        data: {
          purpose: 'follow_up_contact',
          action: 'withdrawn',
          language: 'en',
          interpreterUsed: false,
          recordedOn: daysAgo(0),
        },
      });
    expect(await followUpConsent()).toBeUndefined();
    // Nothing to withdraw yet.
    expect((await withdraw()).body.error?.code).toBe('consent_already_withdrawn');

    await worker.post(`/api/cases/${c.id}/entries`, { kind: 'follow_up', data: { kind: 'consented', at: daysAgo(3) } });
    expect(await followUpConsent()).toMatchObject({ granted: true });
    expect((await withdraw()).status).toBe(201);
    expect(await followUpConsent()).toMatchObject({ granted: false });
    expect((await worker.get(`/api/cases/${c.id}/outcomes`)).body.followUp).toMatchObject({ optedOut: true });
  });

  test('the cohort report hides small cells', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const res = await coordinator.get('/api/statistics/cohort');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('"suppressed":true');
    expect(res.body.threshold).toBe(5);
  });
});

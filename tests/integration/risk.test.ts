/**
 * Structured risk (issue #16): a re-assessment answers the organisation's questions, the server
 * stores the level it suggests and refuses an override without a reason; the current level (latest
 * current assessment, kept on the case by migration 035) shows in the case view and filters the
 * case list; assessments of the first, one-field shape are still read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countHighRisk } from '../../src/services/risk';
import { caseEntriesRepo } from '../../src/storage/repositories/case-entries';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { ENGINES } from './support/engines';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const MIGRATION = path.join(__dirname, '../../src/storage/migrations/035_structured_risk.sql');

describe.each(ENGINES.map((e) => [e.name, e] as const))('structured risk on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let caseId: string;
  let reference: string;
  let organisationId: string;
  let userId: string;

  const assess = (data: Record<string, unknown>, id = caseId) =>
    north.post(`/api/cases/${id}/entries`, { kind: 'risk_assessment', data });
  const currentLevel = async (id = caseId) => {
    const res = await north.get(`/api/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body.risk;
  };
  const listedWith = async (risk: string) => {
    const res = await north.get(`/api/cases?risk=${risk}&limit=200`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const c of res.body.cases) expect(c.riskLevel).toBe(risk);
    return (res.body.cases as { id: string }[]).map((c) => c.id);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    const created = await north.post(
      '/api/cases',
      intake({
        person: { givenName: 'Demo', familyName: 'Risko 301', dateOfBirth: '1994-05-06', sex: 'female' },
        risk: { level: 'medium' },
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id;
    reference = created.body.reference;
    const row = await sql<{ organisation_id: string; owner_user_id: string }>`
      SELECT organisation_id, owner_user_id FROM cases WHERE id = ${caseId}`.execute(t.ctx.db.system);
    organisationId = row.rows[0].organisation_id;
    userId = row.rows[0].owner_user_id;
  });
  afterAll(() => t.close());

  test('the intake level is the current level, in the case view and the list', async () => {
    expect(await currentLevel()).toMatchObject({ currentLevel: 'medium', structured: false });
    expect(await listedWith('medium')).toContain(caseId);
    expect(await listedWith('high')).not.toContain(caseId);
  });

  test('the organisation has the default questions, each with its weight', async () => {
    const res = await north.get('/api/reference-lists');
    const questions = res.body.lists.find((l: { key: string }) => l.key === 'risk_questions');
    expect(questions.items.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['threat_from_traffickers', 'debt_bondage', 'self_harm', 'children_at_risk']),
    );
    expect(questions.items.find((i: { code: string }) => i.code === 'threat_from_traffickers').meta).toMatchObject({
      weight: 4,
      atLeast: 'high',
    });
  });

  test('a structured assessment stores its answers and the suggested level, and becomes the current level', async () => {
    const res = await assess({
      level: 'high',
      assessedOn: daysAgo(10),
      answers: [
        { question: 'threat_from_traffickers', answer: 'yes' },
        { question: 'debt_bondage', answer: 'no' },
        { question: 'self_harm', answer: 'unknown' },
      ],
      // Whatever the client claims, the server computes the suggestion.
      suggestedLevel: 'low',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ level: 'high', suggestedLevel: 'high' });
    expect(res.body.data.answers).toHaveLength(3);
    expect(res.body.data.overrideReason).toBeUndefined();
    expect(await currentLevel()).toMatchObject({ currentLevel: 'high', assessedOn: daysAgo(10), structured: true });
    expect(await listedWith('high')).toContain(caseId);
    expect(await listedWith('medium')).not.toContain(caseId);
    // The list shows the level of each case.
    const all = await north.get(`/api/cases?limit=200`);
    expect(all.body.cases.find((c: { id: string }) => c.id === caseId).riskLevel).toBe('high');
    expect(all.body.cases.find((c: { id: string }) => c.id === caseId).reference).toBe(reference);
  });

  test('choosing another level than the suggested one needs a reason, which is stored encrypted', async () => {
    const answers = [
      { question: 'threat_from_traffickers', answer: 'no' },
      { question: 'contact_by_exploiters', answer: 'no' },
    ];
    const refused = await assess({ level: 'critical', assessedOn: daysAgo(5), answers });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: ['data', 'overrideReason'], code: 'override_reason_required' }),
    ]);
    const blank = await assess({ level: 'critical', assessedOn: daysAgo(5), answers, overrideReason: '   ' });
    expect(blank.status).toBe(400);
    expect(await currentLevel()).toMatchObject({ currentLevel: 'high' });

    const reason = 'Demo override: she saw the exploiter outside the shelter yesterday';
    const ok = await assess({ level: 'critical', assessedOn: daysAgo(5), answers, overrideReason: reason });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.data).toMatchObject({ level: 'critical', suggestedLevel: 'low', overrideReason: reason });
    expect(await currentLevel()).toMatchObject({ currentLevel: 'critical' });
    expect(await listedWith('critical')).toContain(caseId);

    const stored = await sql<{ data: string; secret_enc: string | null }>`
      SELECT data::text AS data, secret_enc FROM case_entries WHERE id = ${ok.body.id}`.execute(t.ctx.db.system);
    expect(stored.rows[0].data).not.toContain('exploiter outside');
    expect(stored.rows[0].secret_enc).toBeTruthy();
    const listed = await north.get(`/api/cases/${caseId}/entries?kind=risk_assessment`);
    expect(listed.body.entries.find((e: { id: string }) => e.id === ok.body.id).data.overrideReason).toBe(reason);
  });

  test('the same level as suggested needs no reason; unknown questions and repeated questions are refused', async () => {
    const same = await assess({
      level: 'low',
      assessedOn: daysAgo(5),
      answers: [{ question: 'debt_bondage', answer: 'yes' }],
    });
    expect(same.status, JSON.stringify(same.body)).toBe(201);
    expect(await currentLevel()).toMatchObject({ currentLevel: 'low' });
    const unknown = await assess({
      level: 'low',
      assessedOn: daysAgo(5),
      answers: [{ question: 'not_a_question', answer: 'yes' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_list_value');
    const twice = await assess({
      level: 'low',
      assessedOn: daysAgo(5),
      answers: [
        { question: 'debt_bondage', answer: 'no' },
        { question: 'debt_bondage', answer: 'yes' },
      ],
    });
    expect(twice.status).toBe(400);
  });

  test('a back-dated assessment does not replace a later one', async () => {
    const old = await assess({ level: 'critical', assessedOn: daysAgo(40) });
    expect(old.status).toBe(201);
    expect(await currentLevel()).toMatchObject({ currentLevel: 'low', assessedOn: daysAgo(5) });
  });

  test('a revision and a void of the latest assessment move the current level in the same transaction', async () => {
    const latest = await assess({ level: 'medium', assessedOn: daysAgo(1) });
    expect(latest.status).toBe(201);
    expect(await currentLevel()).toMatchObject({ currentLevel: 'medium', assessedOn: daysAgo(1) });
    const revised = await north.patch(`/api/cases/${caseId}/entries/${latest.body.id}`, {
      data: { level: 'high', assessedOn: daysAgo(1) },
      version: latest.body.version,
      reason: 'Demo correction: wrong level chosen',
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(await currentLevel()).toMatchObject({ currentLevel: 'high' });
    const voided = await north.post(`/api/cases/${caseId}/entries/${latest.body.id}/void`, {
      reason: 'Demo void: recorded on the wrong case',
      version: revised.body.version,
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    // Back to the latest assessment that is not voided.
    expect(await currentLevel()).toMatchObject({ currentLevel: 'low', assessedOn: daysAgo(5) });
  });

  test('an assessment of the first shape ({ level, assessedOn, notes }) is still read, and counts', async () => {
    const id = crypto.randomUUID();
    await caseEntriesRepo.insert(t.ctx.db.system, {
      organisationId,
      id,
      version: 1,
      caseId,
      kind: 'risk_assessment',
      data: { level: 'high', assessedOn: daysAgo(0), notes: 'Demo legacy note in clear' },
      secretEnc: null,
      recordedBy: userId,
    });
    const listed = await north.get(`/api/cases/${caseId}/entries?kind=risk_assessment`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.entries.find((e: { id: string }) => e.id === id).data).toEqual({
      level: 'high',
      assessedOn: daysAgo(0),
      notes: 'Demo legacy note in clear',
    });
    expect(await currentLevel()).toMatchObject({ currentLevel: 'high', structured: false });
  });

  test('the migration backfills the current level from the latest assessment', async () => {
    const text = fs.readFileSync(MIGRATION, 'utf8');
    const backfill = text.slice(text.indexOf('UPDATE cases c SET current_risk_level'));
    const before = await sql<{ id: string; level: string | null }>`
      SELECT id, current_risk_level AS level FROM cases ORDER BY id`.execute(t.ctx.db.system);
    expect(before.rows.find((r) => r.id === caseId)?.level).toBe('high');
    await sql`UPDATE cases SET current_risk_level = NULL`.execute(t.ctx.db.system);
    await sql.raw(backfill).execute(t.ctx.db.system);
    const after = await sql<{ id: string; level: string | null }>`
      SELECT id, current_risk_level AS level FROM cases ORDER BY id`.execute(t.ctx.db.system);
    expect(after.rows).toEqual(before.rows);
    // Every seeded case had an intake assessment, so none is left without a level.
    expect(after.rows.filter((r) => r.level === null)).toEqual([]);
  });

  test('countHighRisk counts open cases at high or critical, per organisation', async () => {
    const actor = { userId, organisationId, roles: ['caseworker'] as const };
    const expected = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM cases WHERE organisation_id = ${organisationId}
        AND status <> 'closed' AND current_risk_level IN ('high', 'critical')`.execute(t.ctx.db.system);
    const count = await countHighRisk(t.ctx, actor);
    expect(count).toBe(Number(expected.rows[0].n));
    expect(count).toBeGreaterThan(0);
    const mine = await countHighRisk(t.ctx, actor, { mine: true });
    expect(mine).toBeGreaterThanOrEqual(1);
    expect(mine).toBeLessThanOrEqual(count);
  });

  test('another organisation neither sees the case nor filters by its level', async () => {
    expect((await south.get(`/api/cases/${caseId}`)).status).toBe(404);
    const res = await south.get('/api/cases?risk=high&limit=200');
    expect(res.status).toBe(200);
    expect(res.body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });
});

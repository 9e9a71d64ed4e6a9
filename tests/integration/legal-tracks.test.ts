/**
 * Legal tracks as rules (issue #17), on both engines: the shipped tracks applied to legal events as
 * they are recorded (NL shorter end kept and longer refused, IT Art. 13 extension moving the agenda,
 * SK extension refused after renewed contact, FR L.316-1 refused without its complaint or
 * testimony, Art. 18 path recorded once and old codes normalised), an administrator's new country
 * reaching a caseworker's agenda, who may edit tracks, and one organisation's tracks unseen by another.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const belgium = {
  country: 'BE',
  label: { en: 'Belgium', fr: 'Belgique' },
  steps: [
    {
      code: 'reflection',
      label: { en: 'Reflection period (30 days)' },
      kind: 'reflection_period',
      duration: { unit: 'days', fixed: 30 },
      endInclusive: true,
    },
  ],
};

describe.each(ENGINES.map((e) => [e.name, e] as const))('legal tracks on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let admin: ApiClient;
  let south: ApiClient;
  const newCase = async () => (await worker.post('/api/cases', intake())).body.id as string;
  const legal = (caseId: string, data: Record<string, unknown>) =>
    worker.post(`/api/cases/${caseId}/entries`, { kind: 'legal_event', data });
  const agenda = async () =>
    ((await worker.get('/api/agenda')).body.items as { caseId: string; kind: string; dueDate: string }[]).filter(
      (i) => !['baseline_due', 'follow_up_due', 'review_due', 'objective_due'].includes(i.kind),
    );

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    admin = await t.as('admin@north.demo.test');
    south = await t.as('admin@south.demo.test');
  });
  afterAll(() => t.close());

  test('the shipped tracks, with their source lines', async () => {
    const res = await worker.get('/api/legal-tracks');
    expect(res.status).toBe(200);
    expect(res.body.tracks.map((tr: { country: string }) => tr.country)).toEqual(['FR', 'IT', 'NL', 'SK']);
    const it = res.body.tracks.find((tr: { country: string }) => tr.country === 'IT');
    expect(it.steps[0]).toMatchObject({
      code: 'art13',
      duration: { unit: 'months', fixed: 3 },
      extension: { amount: 3, unit: 'months', maxCount: 1, source: '004:467' },
      leadsTo: ['art18'],
    });
  });

  test('NL: a shorter end is kept, a longer one refused at the field (001:5096–5097)', async () => {
    const c = await newCase();
    const full = await legal(c, { type: 'reflection_period', date: daysAgo(10), country: 'NL' });
    expect(full.status).toBe(201);
    expect(full.body.data).toMatchObject({ track: 'NL', step: 'reflection', trackVersion: 1 });
    const shorter = await legal(c, {
      type: 'reflection_period',
      date: daysAgo(10),
      country: 'NL',
      endDate: daysAgo(-20),
    });
    expect(shorter.status).toBe(201);
    expect(shorter.body.data.endDate).toBe(daysAgo(-20));
    const longer = await legal(c, {
      type: 'reflection_period',
      date: daysAgo(10),
      country: 'NL',
      endDate: daysAgo(-100),
    });
    expect(longer.status).toBe(400);
    expect(longer.body.error).toMatchObject({ code: 'step_end_too_late', details: { field: 'endDate' } });
  });

  test('IT Art. 13: the extension moves the agenda deadline, once (004:467)', async () => {
    const c = await newCase();
    const start = await legal(c, { type: 'programme_start', date: daysAgo(85), track: 'IT' });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const end = start.body.data.endDate as string;
    expect(start.body.data).toMatchObject({ step: 'art13', extensionDecisionBy: expect.any(String) });
    const before = (await agenda()).filter((i) => i.caseId === c);
    expect(before).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'step_ending', dueDate: end }),
        expect.objectContaining({ kind: 'extension_decision_due' }),
      ]),
    );
    const ext = await legal(c, { type: 'extension', date: daysAgo(0), extends: start.body.id });
    expect(ext.status, JSON.stringify(ext.body)).toBe(201);
    expect(ext.body.data.endDate > end).toBe(true);
    const after = (await agenda()).filter((i) => i.caseId === c);
    expect(after.some((i) => i.dueDate === end)).toBe(false);
    expect(after.some((i) => i.kind === 'extension_decision_due')).toBe(false);
    const again = await legal(c, { type: 'extension', date: daysAgo(0), extends: start.body.id });
    expect(again.body.error).toMatchObject({ code: 'extension_limit', details: { field: 'extends' } });
  });

  test('IT Art. 18: the path once, the social path names who gave the statement; old codes read as one (004:541–549)', async () => {
    const c = await newCase();
    const noPath = await legal(c, {
      type: 'permit_decision',
      date: daysAgo(5),
      permitType: 'it_art18',
      validUntil: daysAgo(-200),
    });
    expect(noPath.body.error).toMatchObject({ code: 'step_path_required', details: { field: 'path' } });
    const social = await legal(c, {
      type: 'permit_decision',
      date: daysAgo(5),
      permitType: 'it_art18',
      path: 'social',
      validUntil: daysAgo(-200),
    });
    expect(social.body.error).toMatchObject({ code: 'statement_by_required', details: { field: 'statementBy' } });
    const ok = await legal(c, {
      type: 'permit_decision',
      date: daysAgo(5),
      permitType: 'it_art18',
      path: 'social',
      statementBy: 'Demo accredited agency',
      validUntil: daysAgo(-200),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ step: 'art18', path: 'social', statementBy: 'Demo accredited agency' });
    // The agency's name is sealed with the record's other free text.
    const clear = await sql<{
      data: string;
    }>`SELECT data::text AS data FROM case_entries WHERE id = ${ok.body.id}`.execute(t.ctx.db.system);
    expect(clear.rows[0]!.data).not.toContain('Demo accredited agency');
    // A record made with a retired code (before migration 040) reads as the one code and its path.
    await sql`UPDATE case_entries SET data = data || '{"permitType": "it_art18_judicial"}'::jsonb WHERE id = ${ok.body.id}`.execute(
      t.ctx.db.system,
    );
    const read = (await worker.get(`/api/cases/${c}/entries?kind=legal_event`)).body.entries.find(
      (e: { id: string }) => e.id === ok.body.id,
    );
    expect(read.data).toMatchObject({ permitType: 'it_art18', path: 'judicial' });
    // The retired codes are no longer offered.
    const retired = await legal(c, { type: 'permit_decision', date: daysAgo(5), permitType: 'it_art18_social' });
    expect(retired.body.error.code).toBe('unknown_list_value');
  });

  test('SK: the tolerated stay is not extended after renewed contact with the suspects (004:744–745)', async () => {
    const c = await newCase();
    const stay = await legal(c, { type: 'tolerated_stay', date: daysAgo(30), track: 'SK' });
    expect(stay.status, JSON.stringify(stay.body)).toBe(201);
    expect(stay.body.data.endDate).toBe(daysAgo(-10));
    await legal(c, { type: 'complaint', date: daysAgo(25) });
    const contact = await legal(c, { type: 'contact_with_suspects_renewed', date: daysAgo(3) });
    expect(contact.status).toBe(201);
    const ext = await legal(c, { type: 'extension', date: daysAgo(1), extends: stay.body.id, endDate: daysAgo(-60) });
    expect(ext.status).toBe(400);
    expect(ext.body.error).toMatchObject({ code: 'extension_refused', details: { field: 'extends' } });
  });

  test('FR L.316-1: refused without a linked complaint or testimony, then at least 6 months (004:281–289)', async () => {
    const c = await newCase();
    const bare = await legal(c, { type: 'permit_decision', date: daysAgo(5), permitType: 'fr_l316_1', track: 'FR' });
    expect(bare.body.error).toMatchObject({ code: 'step_requires_event', details: { field: 'basedOn' } });
    const complaint = await legal(c, { type: 'complaint', date: daysAgo(20) });
    const linked = await legal(c, {
      type: 'permit_decision',
      date: daysAgo(5),
      permitType: 'fr_l316_1',
      track: 'FR',
      basedOn: complaint.body.id,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body.data.validUntil > daysAgo(-170)).toBe(true);
    const short = await legal(c, {
      type: 'permit_decision',
      date: daysAgo(5),
      permitType: 'fr_l316_1',
      track: 'FR',
      basedOn: complaint.body.id,
      validUntil: daysAgo(-30),
    });
    expect(short.body.error).toMatchObject({ code: 'step_end_too_early', details: { field: 'validUntil' } });
  });

  test("an administrator adds Belgium; a caseworker's reflection period there reaches her agenda", async () => {
    const invalid = await admin.post('/api/legal-tracks', {
      ...belgium,
      steps: [{ ...belgium.steps[0], duration: { unit: 'days', min: 40, max: 30 } }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['steps', '0', 'duration', 'max'] })]),
    );
    const added = await admin.post('/api/legal-tracks', belgium);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ country: 'BE', version: 1 });
    expect((await admin.post('/api/legal-tracks', belgium)).status).toBe(409);
    const c = await newCase();
    const rec = await legal(c, { type: 'reflection_period', date: daysAgo(20), country: 'BE' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body.data.endDate).toBe(daysAgo(-10));
    expect(await agenda()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: c, kind: 'reflection_ending', dueDate: daysAgo(-10) }),
      ]),
    );
    // A new version changes what is recorded from then on; the recorded one keeps its date.
    const edited = await admin.put('/api/legal-tracks/BE', {
      track: { ...belgium, steps: [{ ...belgium.steps[0], duration: { unit: 'days', fixed: 45 } }] },
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await admin.put('/api/legal-tracks/BE', { track: belgium, version: 1 });
    expect(stale.status).toBe(409);
    const entries = (await worker.get(`/api/cases/${c}/entries?kind=legal_event`)).body.entries;
    expect(entries[0].data).toMatchObject({ endDate: daysAgo(-10), trackVersion: 1 });
    const later = await legal(c, { type: 'reflection_period', date: daysAgo(20), country: 'BE' });
    expect(later.body.data).toMatchObject({ endDate: daysAgo(-25), trackVersion: 2 });
  });

  test('a caseworker cannot edit tracks; another organisation never sees them', async () => {
    const res = await worker.post('/api/legal-tracks', { ...belgium, country: 'GB' });
    expect(res.status).toBe(403);
    const southTracks = (await south.get('/api/legal-tracks')).body.tracks.map((tr: { country: string }) => tr.country);
    expect(southTracks).not.toContain('BE');
    expect((await south.get('/api/legal-tracks/BE')).status).toBe(404);
  });
});

/**
 * Case notes and the contact log (issue #16), on both engines: a note is a case record of kind
 * `note` whose text, people present and interpreter's language are sealed under the organisation's
 * key; listing opens them for staff of the organisation; the search within the case runs over the
 * listed notes (src/domain/cases/notes.ts, as the Notes tab does); and no note text reaches the
 * logs, the timeline, a referral snapshot or another organisation.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newestFirst, searchNotes } from '../../src/domain/cases/notes';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const SECRET = 'Demo note: she fears the man at the Demo Street flat';
const PRESENT = 'Demo Sister 42 and the caseworker';

describe.each(ENGINES.map((e) => [e.name, e] as const))('case notes on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let caseId: string;
  const db = () => t.ctx.db.system;
  const note = (data: Record<string, unknown>) => north.post(`/api/cases/${caseId}/entries`, { kind: 'note', data });

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    caseId = (await north.post('/api/cases', intake())).body.id;
  });
  afterAll(() => t.close());

  test('the text, who was present and the interpreter language are encrypted; only codes and dates stay clear', async () => {
    const res = await note({
      date: daysAgo(2),
      time: '10:30',
      kind: 'meeting',
      present: PRESENT,
      interpreterUsed: true,
      interpreterLanguage: 'Romanian',
      text: `${SECRET}\nSecond line of the note.`,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'note',
      data: { kind: 'meeting', present: PRESENT, text: `${SECRET}\nSecond line of the note.`, interpreterUsed: true },
    });
    const row = (
      await sql<{
        data: string;
        secret_enc: string;
      }>`SELECT data::text AS data, secret_enc FROM case_entries WHERE id = ${res.body.id}`.execute(db())
    ).rows[0]!;
    expect(JSON.parse(row.data)).toEqual({ date: daysAgo(2), time: '10:30', kind: 'meeting', interpreterUsed: true });
    expect(row.secret_enc).toMatch(/^enc1\./);
    // Nowhere in the database in the clear: not in the record, the timeline or the audit trail.
    for (const needle of ['Demo Street', 'Demo Sister', 'Romanian']) {
      const hits = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM case_entries WHERE data::text LIKE ${'%' + needle + '%'} OR secret_enc LIKE ${'%' + needle + '%'})
             + (SELECT count(*) FROM case_events WHERE data::text LIKE ${'%' + needle + '%'})
             + (SELECT count(*) FROM audit_log WHERE array_to_string(fields, ',') LIKE ${'%' + needle + '%'}) AS n`.execute(
        db(),
      );
      expect(Number(hits.rows[0]!.n), needle).toBe(0);
    }
    expect(t.logs.join('\n')).not.toContain('Demo Street');
  });

  test('a note needs its text, a known kind and a date not in the future', async () => {
    const empty = await note({ date: daysAgo(1), kind: 'meeting', interpreterUsed: false, text: '  ' });
    expect([empty.status, empty.body.error.details[0].path]).toEqual([400, ['data', 'text']]);
    const kind = await note({ date: daysAgo(1), kind: 'telepathy', interpreterUsed: false, text: 'x' });
    expect([kind.status, kind.body.error.details[0].path]).toEqual([400, ['data', 'kind']]);
    const future = await note({ date: daysAgo(-3), kind: 'meeting', interpreterUsed: false, text: 'x' });
    expect(future.status).toBe(400);
    const time = await note({ date: daysAgo(1), time: '25:00', kind: 'meeting', interpreterUsed: false, text: 'x' });
    expect([time.status, time.body.error.details[0].path]).toEqual([400, ['data', 'time']]);
  });

  test('listing gives the case staff the notes opened; the search within the case finds them, newest first', async () => {
    await note({
      date: daysAgo(5),
      kind: 'phone_call',
      interpreterUsed: false,
      text: 'Called about the permit hearing',
    });
    await note({
      date: daysAgo(1),
      kind: 'shelter_visit',
      interpreterUsed: false,
      present: 'Demo Lawyer 7',
      text: 'Visit; the permit letter arrived',
    });
    const list = await north.get(`/api/cases/${caseId}/entries?kind=note`);
    expect(list.status).toBe(200);
    const notes = list.body.entries as { id: string; data: Record<string, unknown>; recordedAt: string }[];
    expect(notes).toHaveLength(3);
    expect(newestFirst(notes).map((n) => n.data.date)).toEqual([daysAgo(1), daysAgo(2), daysAgo(5)]);
    expect(searchNotes(notes, 'permit').map((n) => n.data.kind)).toEqual(['phone_call', 'shelter_visit']);
    expect(searchNotes(notes, 'permit lawyer').map((n) => n.data.kind)).toEqual(['shelter_visit']);
    expect(searchNotes(notes, 'demo street flat').map((n) => n.data.kind)).toEqual(['meeting']);
    expect(searchNotes(notes, 'nothing like this')).toEqual([]);
    // Each read of the notes is audited (field names, never the text).
    const reads = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.read' AND entity_id = ${caseId} AND 'entries.note' = ANY (fields)`.execute(
      db(),
    );
    expect(reads.rows[0]!.n).toBeGreaterThan(0);
  });

  test('another organisation sees no note, and a referral snapshot carries none', async () => {
    expect((await south.get(`/api/cases/${caseId}/entries?kind=note`)).status).toBe(404);
    const southId = (await sql<{ id: string }>`SELECT id FROM organisations WHERE slug = 'south'`.execute(db()))
      .rows[0]!.id;
    await north.post(`/api/cases/${caseId}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(1),
        partnerOrganisationId: southId,
      },
    });
    const sent = await north.post(`/api/cases/${caseId}/referrals`, {
      toOrganisationId: southId,
      kind: 'referral',
      requestedService: 'legal_counselling',
      sections: ['identity', 'identification', 'legal', 'risk_level', 'documents'],
    });
    expect(sent.status).toBe(201);
    const seen = await south.get(`/api/referrals/${sent.body.id}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toMatch(/Demo Street|Demo Sister|permit letter/);
  });
});

/** Corrections through the API, on both engines: a reason with every revision, the record's history, voiding and its readers, intake edits, conflicts. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

const YEARS = `from=${daysAgo(61).slice(0, 4)}&to=${daysAgo(60).slice(0, 4)}`;

describe.each(ENGINES.map((e) => [e.name, e] as const))('corrections on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let coordinator: ApiClient;
  let southWorker: ApiClient;
  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    coordinator = await t.as('coordinator@north.demo.test');
    southWorker = await t.as('caseworker@south.demo.test');
  });
  afterAll(() => t.close());

  let n = 900;
  async function newCase(person: Record<string, unknown> = {}) {
    const res = await worker.post(
      '/api/cases',
      intake({
        person: { givenName: 'Demo', familyName: `Person ${n++}`, sex: 'female', citizenship: 'MD', ...person },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function addEntry(caseId: string, kind: string, data: Record<string, unknown>) {
    const res = await worker.post(`/api/cases/${caseId}/entries`, { kind, data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  test('a correction needs a reason, stored sealed and shown in the history with the fields that changed', async () => {
    const c = await newCase();
    const objective = await addEntry(c.id, 'objective', {
      title: 'Find a flat',
      status: 'open',
      dueDate: daysAgo(-20),
      microObjectives: [],
    });
    const data = { title: 'Find a room', status: 'achieved', dueDate: daysAgo(-20), microObjectives: [] };
    const noReason = await worker.patch(`/api/cases/${c.id}/entries/${objective.id}`, { data, version: 1 });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error.details)).toContain('reason');
    const blank = await worker.patch(`/api/cases/${c.id}/entries/${objective.id}`, { data, version: 1, reason: '  ' });
    expect(blank.status).toBe(400);

    const reason = 'Demo reason: typed the wrong place';
    const revised = await worker.patch(`/api/cases/${c.id}/entries/${objective.id}`, { data, version: 1, reason });
    expect([revised.status, revised.body.version]).toEqual([200, 2]);

    const history = await worker.get(`/api/cases/${c.id}/entries/${objective.id}/history`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body).toMatchObject({ entryId: objective.id, kind: 'objective', voided: false });
    const [first, second] = history.body.versions;
    expect(first).toMatchObject({ version: 1, current: false, voided: false, reason: null });
    expect(first.recordedBy.displayName).toBeTruthy();
    expect(second).toMatchObject({ version: 2, current: true, voided: false, reason });
    // Field names of what changed; a secret field (the title) is named, its values are never shown.
    expect(second.changes).toEqual([
      { field: 'status', secret: false, before: 'open', after: 'achieved' },
      { field: 'title', secret: true, before: null, after: null },
    ]);
    expect(JSON.stringify(history.body)).not.toContain('Find a');

    // The reason is sealed at rest.
    const rows = await sql<{ reason_enc: string | null }>`
      SELECT reason_enc FROM case_entries WHERE id = ${objective.id} ORDER BY version`.execute(t.ctx.db.system);
    expect(rows.rows[0]!.reason_enc).toBeNull();
    expect(rows.rows[1]!.reason_enc).toMatch(/^enc1\./);
    expect(rows.rows[1]!.reason_enc).not.toContain('wrong place');

    // The correction is audited with the reason named (never its text).
    const audit = await sql<{ action: string; fields: string[] }>`
      SELECT action, fields FROM audit_log WHERE entity_id = ${c.id} AND action = 'case.entry.objective.revise'`.execute(
      t.ctx.db.system,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.fields).toContain('reason');
    expect(JSON.stringify(audit.rows)).not.toContain('wrong place');
  });

  test('another organisation sees neither the history nor can void', async () => {
    const c = await newCase();
    const review = await addEntry(c.id, 'review', { reviewedOn: daysAgo(3), notes: 'Demo review' });
    expect((await southWorker.get(`/api/cases/${c.id}/entries/${review.id}/history`)).status).toBe(404);
    expect(
      (await southWorker.post(`/api/cases/${c.id}/entries/${review.id}/void`, { reason: 'x', version: 1 })).status,
    ).toBe(404);
    expect((await worker.get(`/api/cases/${c.id}/entries/${crypto.randomUUID()}/history`)).status).toBe(404);
  });

  test('a voided record leaves the case view, the agenda, the outcomes and statistics, and stays in its history', async () => {
    const report = async () => {
      const res = await coordinator.get(`/api/statistics/report?population=determined_victims_org&rows=all&${YEARS}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.table.grandTotal as number;
    };
    const counted = async () => {
      const one = await newCase();
      await addEntry(one.id, 'consent', {
        purpose: 'anonymous_statistics',
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: daysAgo(61),
      });
      return one;
    };
    // Others counted beside her, so no total is small enough to be hidden.
    for (let i = 0; i < 5; i++) {
      const other = await counted();
      await addEntry(other.id, 'determination_organisation', {
        outcome: 'determined',
        decidedBy: 'Demo team',
        decidedOn: daysAgo(60),
      });
    }
    const c = await counted();
    const before = await report();
    expect(before).toBeGreaterThanOrEqual(5);
    const determination = await addEntry(c.id, 'determination_organisation', {
      outcome: 'determined',
      decidedBy: 'Demo team',
      decidedOn: daysAgo(60),
    });
    expect(await report()).toBe(before + 1);
    const identification = await addEntry(c.id, 'identification', {
      acts: ['recruitment'],
      means: ['deception'],
      purposes: ['sexual_exploitation'],
      assessedOn: daysAgo(30),
    });
    const objective = await addEntry(c.id, 'objective', {
      title: 'Demo objective',
      status: 'open',
      dueDate: daysAgo(-5),
      microObjectives: [],
    });
    const agendaOf = async () =>
      (await worker.get('/api/agenda')).body.items.filter((i: { caseId: string }) => i.caseId === c.id);
    expect((await agendaOf()).map((i: { kind: string }) => i.kind)).toContain('objective_due');
    expect((await worker.get(`/api/cases/${c.id}`)).body.identification.entryId).toBe(identification.id);

    const reason = 'Demo reason: recorded on the wrong case';
    for (const e of [objective, identification, determination]) {
      const voided = await worker.post(`/api/cases/${c.id}/entries/${e.id}/void`, { reason, version: 1 });
      expect(voided.status, JSON.stringify(voided.body)).toBe(200);
      expect(voided.body.voided).toBe(true);
    }

    // Case view and current records.
    const detail = (await worker.get(`/api/cases/${c.id}`)).body;
    expect(detail.identification).toBeNull();
    const ids = (await worker.get(`/api/cases/${c.id}/entries`)).body.entries.map((e: { id: string }) => e.id);
    expect(ids).not.toContain(objective.id);
    expect(ids).not.toContain(identification.id);
    expect(ids).not.toContain(determination.id);
    // Agenda.
    expect((await agendaOf()).map((i: { kind: string }) => i.kind)).not.toContain('objective_due');
    // Statistics: she is no longer a determined victim.
    expect(await report()).toBe(before);
    // Outcomes read no voided record either.
    expect((await worker.get(`/api/cases/${c.id}/outcomes`)).status).toBe(200);

    // Never deleted: every version is kept, the void with its reason.
    const history = (await worker.get(`/api/cases/${c.id}/entries/${objective.id}/history`)).body;
    expect(history.voided).toBe(true);
    expect(history.versions).toHaveLength(2);
    expect(history.versions[1]).toMatchObject({ version: 2, voided: true, current: false, reason, changes: [] });
    // The case lists its voided records, each with that history.
    const listed = (await worker.get(`/api/cases/${c.id}/voided-entries?kind=objective`)).body.entries;
    expect(listed.map((e: { entryId: string }) => e.entryId)).toEqual([objective.id]);
    expect(listed[0].versions.at(-1)).toMatchObject({ voided: true, reason });
    const all = (await worker.get(`/api/cases/${c.id}/voided-entries`)).body.entries;
    expect(all.map((e: { entryId: string }) => e.entryId).sort()).toEqual(
      [objective.id, identification.id, determination.id].sort(),
    );
    expect((await southWorker.get(`/api/cases/${c.id}/voided-entries`)).status).toBe(404);
    const kept = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_entries WHERE id = ${objective.id}`.execute(t.ctx.db.system);
    expect(kept.rows[0]!.n).toBe(2);

    // A voided record can be neither revised nor voided again.
    expect(
      (
        await worker.patch(`/api/cases/${c.id}/entries/${objective.id}`, {
          data: { title: 'x', status: 'open', microObjectives: [] },
          version: 2,
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await worker.post(`/api/cases/${c.id}/entries/${objective.id}/void`, { reason: 'x', version: 2 })).status,
    ).toBe(404);
  });

  test('a void needs a reason and the current version; consent is answered by a new event, not voided', async () => {
    const c = await newCase();
    const review = await addEntry(c.id, 'review', { reviewedOn: daysAgo(3), notes: 'Demo review' });
    expect((await worker.post(`/api/cases/${c.id}/entries/${review.id}/void`, { version: 1 })).status).toBe(400);
    expect(
      (await worker.post(`/api/cases/${c.id}/entries/${review.id}/void`, { reason: 'Demo', version: 2 })).status,
    ).toBe(409);
    const consent = await addEntry(c.id, 'consent', {
      purpose: 'anonymous_statistics',
      action: 'granted',
      language: 'en',
      interpreterUsed: false,
      recordedOn: daysAgo(3),
    });
    const refused = await worker.post(`/api/cases/${c.id}/entries/${consent.id}/void`, { reason: 'Demo', version: 1 });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'append_only']);
  });

  test('the intake is edited under optimistic locking, the municipality stays sealed, and a stale edit is a 409', async () => {
    const c = await newCase();
    expect(c.intake.version).toBe(1);
    const edited = await worker.patch(`/api/cases/${c.id}/intake`, {
      channel: 'outreach_unit',
      municipality: 'Demo Village',
      immediateNeeds: ['legal'],
      mediatorUsed: false,
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.intake).toMatchObject({
      channel: 'outreach_unit',
      municipality: 'Demo Village',
      immediateNeeds: ['legal'],
      mediatorUsed: false,
      contactDate: daysAgo(61),
      version: 2,
    });
    const stored = await sql<{ municipality: string | null; municipality_enc: string }>`
      SELECT municipality, municipality_enc FROM case_intakes WHERE case_id = ${c.id}`.execute(t.ctx.db.system);
    expect(stored.rows[0]!.municipality).toBeNull();
    expect(stored.rows[0]!.municipality_enc).not.toContain('Village');

    const stale = await worker.patch(`/api/cases/${c.id}/intake`, { channel: 'hotline', version: 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'version_conflict']);
    const unknown = await worker.patch(`/api/cases/${c.id}/intake`, { channel: 'carrier_pigeon', version: 2 });
    expect([unknown.status, unknown.body.error.details.field]).toEqual([400, 'channel']);
    const future = await worker.patch(`/api/cases/${c.id}/intake`, { contactDate: daysAgo(-3), version: 2 });
    expect(future.status).toBeGreaterThanOrEqual(400);
    expect((await southWorker.patch(`/api/cases/${c.id}/intake`, { channel: 'hotline', version: 2 })).status).toBe(404);
    const audit = await sql<{ fields: string[] }>`
      SELECT fields FROM audit_log WHERE entity_id = ${c.id} AND action = 'case.intake.update'`.execute(
      t.ctx.db.system,
    );
    expect(audit.rows[0]!.fields).toEqual(
      expect.arrayContaining(['intake.channel', 'intake.municipality', 'intake.immediateNeeds']),
    );
  });

  test('concurrent corrections: the second writer of the same version gets a version conflict', async () => {
    const c = await newCase();
    const review = await addEntry(c.id, 'review', { reviewedOn: daysAgo(3), notes: 'Demo review' });
    const body = (notes: string) => ({ data: { reviewedOn: daysAgo(3), notes }, version: 1, reason: 'Demo' });
    const results = await Promise.all([
      worker.patch(`/api/cases/${c.id}/entries/${review.id}`, body('one')),
      worker.patch(`/api/cases/${c.id}/entries/${review.id}`, body('two')),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.body.error.code).toBe('version_conflict');
    // The person: a stale version is refused likewise.
    const person = await worker.patch(`/api/cases/${c.id}/person`, { givenName: 'Demo', version: 1 });
    expect(person.status).toBe(200);
    expect((await worker.patch(`/api/cases/${c.id}/person`, { givenName: 'Demo', version: 1 })).status).toBe(409);
  });

  test('hand-over candidates are the active staff who may own a case', async () => {
    const c = await newCase();
    const res = await worker.get(`/api/cases/${c.id}/owner-candidates`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const users = res.body.users as { id: string; displayName: string; current: boolean }[];
    expect(users.filter((u) => u.current).map((u) => u.id)).toEqual([c.owner.id]);
    expect(users.length).toBeGreaterThan(1);
    const other = users.find((u) => !u.current)!;
    const handed = await worker.post(`/api/cases/${c.id}/owner`, {
      ownerId: other.id,
      reason: 'Demo: leave',
      version: c.version,
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect((await southWorker.get(`/api/cases/${c.id}/owner-candidates`)).status).toBe(404);
  });
});

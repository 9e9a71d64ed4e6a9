/**
 * Offline sync, the server side (issue #18), on both engines: two devices edit one note offline (the
 * second push raises a conflict on the field both changed, the other fields merge, nothing is lost);
 * a protected field (the risk level) changed on both sides is queued, never auto-resolved, and
 * resolving applies it; a replayed push applies nothing twice; a case closed by a transfer or whose
 * consent was withdrawn between pull and push is rejected and listed in `removed`; another
 * organisation can neither push to the case nor see its conflicts (API and RLS); a revoked device and
 * a deactivated membership are refused their key; the conflict's values are sealed at rest; a pull
 * lists the device's conflicts still open (a resolved one leaves the device's outbox); many new
 * records in one push apply in order, a refused one among them writing nothing.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withTenant } from '../../src/storage/database';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const CANARY = 'Canary-sync-7Q2 offline words';

describe.each(ENGINES.map((e) => [e.name, e] as const))('offline sync on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let owner: ApiClient;
  let south: ApiClient;
  const deviceA = crypto.randomUUID();
  const deviceB = crypto.randomUUID();
  const southDevice = crypto.randomUUID();
  let key = 0;
  const nextKey = () => `k${++key}-${crypto.randomUUID().slice(0, 8)}`;

  const newCase = async () => {
    const res = await worker.post('/api/cases', intake());
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const pull = (c: ApiClient, deviceId: string, body: Record<string, unknown>) =>
    c.post('/api/sync/pull', { deviceId, ...body });
  const push = (c: ApiClient, deviceId: string, changes: unknown[]) => c.post('/api/sync/push', { deviceId, changes });
  const pulledCase = async (c: ApiClient, deviceId: string, caseId: string) => {
    const res = await pull(c, deviceId, { caseIds: [caseId] });
    expect(res.status).toBe(200);
    return res.body.cases.find((x: { case: { id: string } }) => x.case.id === caseId);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    owner = await t.as('case_owner@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    for (const [c, d] of [
      [worker, deviceA],
      [owner, deviceB],
      [south, southDevice],
    ] as const) {
      const reg = await c.post('/api/sync/devices', { deviceId: d, label: 'Demo tablet' });
      expect(reg.status).toBe(201);
      expect(reg.body).toMatchObject({ deviceId: d, keyEpoch: 1, lockAfterMinutes: 15, wipeAfterDays: 7 });
      expect(Buffer.from(reg.body.key, 'base64')).toHaveLength(32);
    }
  });
  afterAll(() => t.close());

  test('two devices edit the same note offline: a conflict on the field both changed, the others merged, nothing lost', async () => {
    const caseId = await newCase();
    const note = await worker.post(`/api/cases/${caseId}/entries`, {
      kind: 'note',
      data: { date: daysAgo(1), kind: 'meeting', interpreterUsed: false, text: 'Demo note: first words' },
    });
    expect(note.status).toBe(201);
    const a = (await pulledCase(worker, deviceA, caseId)).entries.find((e: { id: string }) => e.id === note.body.id);
    const b = (await pulledCase(owner, deviceB, caseId)).entries.find((e: { id: string }) => e.id === note.body.id);
    expect(a.data.text).toBe('Demo note: first words');
    // Device A changes the text and the kind; device B the text (differently) and the interpreter.
    const first = await push(worker, deviceA, [
      {
        type: 'entry_update',
        key: nextKey(),
        caseId,
        entryId: note.body.id,
        baseVersion: a.version,
        base: a.data,
        data: { ...a.data, text: `Demo note: device A ${CANARY}`, kind: 'home_visit' },
      },
    ]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'applied', id: note.body.id, version: 2 });
    const second = await push(owner, deviceB, [
      {
        type: 'entry_update',
        key: nextKey(),
        caseId,
        entryId: note.body.id,
        baseVersion: b.version,
        base: b.data,
        data: { ...b.data, text: 'Demo note: device B', interpreterUsed: true, interpreterLanguage: 'ro' },
      },
    ]);
    const result = second.body.results[0];
    expect(result).toMatchObject({ status: 'conflict', fields: ['text'], id: note.body.id, version: 3 });
    // The other fields merged: A's kind kept, B's interpreter applied; the text waits for a person.
    const now = (await worker.get(`/api/cases/${caseId}/entries?kind=note`)).body.entries[0];
    expect(now.data).toMatchObject({
      kind: 'home_visit',
      interpreterUsed: true,
      interpreterLanguage: 'ro',
      text: `Demo note: device A ${CANARY}`,
    });
    const queue = (await owner.get('/api/sync/conflicts')).body.conflicts;
    const conflict = queue.find((c: { id: string }) => c.id === result.conflictId);
    expect(conflict.fields).toEqual([
      {
        field: 'text',
        protected: false,
        base: JSON.stringify('Demo note: first words'),
        mine: JSON.stringify('Demo note: device B'),
        theirs: JSON.stringify(`Demo note: device A ${CANARY}`),
      },
    ]);
    // Both sides' values are sealed at rest: the canary is nowhere in the conflict row.
    const raw = await sql<{
      row: string;
    }>`SELECT row_to_json(c)::text AS row FROM sync_conflicts c WHERE id = ${result.conflictId}`.execute(
      t.ctx.db.system,
    );
    expect(raw.rows[0]!.row).not.toContain('Canary-sync');
    expect(raw.rows[0]!.row).not.toContain('device B');
    // The count for the navigation.
    expect((await owner.get('/api/sync/conflicts/count')).body.open).toBeGreaterThan(0);
    // Device B's pull lists the conflict as open (its outbox keeps it while it is).
    expect((await pull(owner, deviceB, { caseIds: [caseId] })).body.openConflicts).toContain(result.conflictId);
    // She chooses an edited text that keeps both.
    const resolved = await owner.post(`/api/sync/conflicts/${result.conflictId}/resolve`, {
      choices: [{ field: 'text', take: 'edited', value: 'Demo note: device A and device B' }],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    // Resolved: the next pull no longer lists it, so the device's outbox drops it.
    expect((await pull(owner, deviceB, { caseIds: [caseId] })).body.openConflicts).not.toContain(result.conflictId);
    const after = (await worker.get(`/api/cases/${caseId}/entries?kind=note`)).body.entries[0];
    expect(after.data.text).toBe('Demo note: device A and device B');
    expect(after.data.kind).toBe('home_visit');
    // Twice: refused.
    const again = await owner.post(`/api/sync/conflicts/${result.conflictId}/resolve`, {
      choices: [{ field: 'text', take: 'mine' }],
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'sync_conflict_resolved']);
  });

  test('a protected field (the risk level) changed on both sides is queued, never auto-resolved; resolving applies it', async () => {
    const caseId = await newCase();
    const risk = (await worker.get(`/api/cases/${caseId}/entries?kind=risk_assessment`)).body.entries[0];
    expect(risk.data.level).toBe('high');
    const offline = (await pulledCase(owner, deviceB, caseId)).entries.find((e: { id: string }) => e.id === risk.id);
    // Online, someone lowers the level to medium; offline, she raised it to critical... and one more field.
    const online = await worker.patch(`/api/cases/${caseId}/entries/${risk.id}`, {
      data: { ...risk.data, level: 'medium' },
      version: risk.version,
      reason: 'Demo reason: reassessed',
    });
    expect(online.status).toBe(200);
    const res = await push(owner, deviceB, [
      {
        type: 'entry_update',
        key: nextKey(),
        caseId,
        entryId: risk.id,
        baseVersion: offline.version,
        base: offline.data,
        data: { ...offline.data, level: 'low' },
      },
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'conflict', fields: ['level'] });
    expect(res.body.results[0].version).toBeUndefined();
    const level = async () =>
      (await worker.get(`/api/cases/${caseId}/entries?kind=risk_assessment`)).body.entries[0].data.level;
    expect(await level()).toBe('medium');
    const conflict = (await owner.get('/api/sync/conflicts')).body.conflicts.find(
      (c: { id: string }) => c.id === res.body.results[0].conflictId,
    );
    expect(conflict.fields[0]).toMatchObject({ field: 'level', protected: true, mine: '"low"', theirs: '"medium"' });
    // Every field must be chosen.
    const none = await owner.post(`/api/sync/conflicts/${conflict.id}/resolve`, {
      choices: [{ field: 'notes', take: 'mine' }],
    });
    expect(none.status).toBe(400);
    const resolved = await owner.post(`/api/sync/conflicts/${conflict.id}/resolve`, {
      choices: [{ field: 'level', take: 'mine' }],
    });
    expect(resolved.status).toBe(200);
    expect(await level()).toBe('low');
  });

  test('a new record and a case edit made offline apply; replaying the same push applies nothing twice', async () => {
    const caseId = await newCase();
    const pulled = await pulledCase(worker, deviceA, caseId);
    const changes = [
      {
        type: 'entry',
        key: nextKey(),
        caseId,
        kind: 'note',
        data: { date: daysAgo(0), kind: 'home_visit', interpreterUsed: false, text: 'Demo note: recorded offline' },
      },
      {
        type: 'case_update',
        key: nextKey(),
        caseId,
        baseVersion: pulled.version,
        base: pulled.fields,
        data: { pronouns: 'she/her' },
      },
    ];
    const first = await push(worker, deviceA, changes);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    const replay = await push(worker, deviceA, changes);
    expect(replay.body.results).toEqual(first.body.results);
    const notes = (await worker.get(`/api/cases/${caseId}/entries?kind=note`)).body.entries;
    expect(notes).toHaveLength(1);
    expect((await worker.get(`/api/cases/${caseId}`)).body.person.pronouns).toBe('she/her');
    // A validation rule holds offline as online: a note without its text is refused at the field.
    const bad = await push(worker, deviceA, [
      {
        type: 'entry',
        key: nextKey(),
        caseId,
        kind: 'note',
        data: { date: daysAgo(0), kind: 'meeting', interpreterUsed: false },
      },
    ]);
    expect(bad.body.results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'validation_failed', fields: ['text'] },
    });
    // A contact recorded offline goes into the contact log through its own service, once however often replayed.
    const contactChange = {
      type: 'contact',
      key: nextKey(),
      contact: {
        occurredAt: new Date(`${daysAgo(0)}T10:00:00Z`).toISOString(),
        kind: 'outreach',
        place: { level: 'municipality', name: 'Demo Town' },
        nickname: 'Demo Sparrow',
        needs: ['food'],
      },
    };
    const contact = await push(worker, deviceA, [contactChange]);
    expect(contact.status).toBe(200);
    expect(contact.body.results[0]).toMatchObject({ status: 'applied', version: 1 });
    const again = await push(worker, deviceA, [contactChange]);
    expect(again.body.results[0].id).toBe(contact.body.results[0].id);
    const stored = await worker.get(`/api/contacts/${contact.body.results[0].id}`);
    expect(stored.status).toBe(200);
    expect(JSON.stringify(stored.body)).toContain('Demo Sparrow');
    const log = (await worker.get('/api/contacts?kind=outreach')).body.items as { id: string }[];
    expect(log.filter((c) => c.id === contact.body.results[0].id)).toHaveLength(1);
    // A code outside her organisation's lists is refused at its field, as online.
    const badContact = await push(worker, deviceA, [
      { ...contactChange, key: nextKey(), contact: { ...contactChange.contact, needs: ['no_such_need'] } },
    ]);
    expect(badContact.body.results[0]).toMatchObject({ status: 'rejected' });
  });

  test('many new records in one push: a refused one in the middle writes nothing, the others apply once, in order', async () => {
    const [c1, c2] = [await newCase(), await newCase()];
    const note = (i: number) => ({ date: daysAgo(1), kind: 'meeting', interpreterUsed: false, text: `Demo run ${i}` });
    const before = async (caseId: string) =>
      (await worker.get(`/api/cases/${caseId}/entries?kind=note`)).body.entries.length as number;
    const [n1, n2] = [await before(c1), await before(c2)];
    const changes: unknown[] = Array.from({ length: 12 }, (_, i) => ({
      type: 'entry',
      key: nextKey(),
      caseId: i % 2 === 0 ? c1 : c2,
      kind: 'note',
      data: note(i),
    }));
    // A refused record after the cases' first ones (its case, lists and date of birth already loaded).
    changes.splice(6, 0, { type: 'entry', key: nextKey(), caseId: c1, kind: 'note', data: { text: 'Demo no date' } });
    // A record whose checks read other records (consent) between held-back notes, and a key sent twice.
    changes.splice(8, 0, {
      type: 'entry',
      key: nextKey(),
      caseId: c2,
      kind: 'consent',
      data: {
        purpose: 'assistance',
        action: 'granted',
        language: 'ro',
        interpreterUsed: false,
        recordedOn: daysAgo(1),
      },
    });
    changes.push(changes[0]);
    const first = await push(worker, deviceA, changes);
    expect(first.status).toBe(200);
    const results = first.body.results as { status: string; key: string; id?: string; error?: { fields?: string[] } }[];
    expect(results).toHaveLength(changes.length);
    expect(results[6]).toMatchObject({ status: 'rejected', error: { fields: expect.arrayContaining(['date']) } });
    expect(results.filter((r) => r.status === 'applied')).toHaveLength(changes.length - 1);
    expect(results.at(-1)).toEqual(results[0]);
    expect([await before(c1), await before(c2)]).toEqual([n1 + 6, n2 + 6]);
    const texts = (await worker.get(`/api/cases/${c1}/entries?kind=note`)).body.entries.map(
      (e: { data: { text: string } }) => e.data.text,
    );
    expect(texts).not.toContain('Demo no date');
    // Replayed: the first results, nothing written twice.
    const again = await push(worker, deviceA, changes);
    expect(again.body.results).toEqual(results);
    expect([await before(c1), await before(c2)]).toEqual([n1 + 6, n2 + 6]);
  });

  test('consent withdrawn or case transferred between pull and push: rejected, and listed in removed', async () => {
    const withdrawn = await newCase();
    const transferred = await newCase();
    const kept = await newCase();
    for (const id of [withdrawn, transferred, kept]) expect(await pulledCase(worker, deviceA, id)).toBeDefined();
    const grant = await worker.post(`/api/cases/${withdrawn}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'assistance',
        action: 'granted',
        language: 'ro',
        interpreterUsed: false,
        recordedOn: daysAgo(2),
      },
    });
    expect(grant.status).toBe(201);
    const withdraw = await worker.post(`/api/cases/${withdrawn}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'assistance',
        action: 'withdrawn',
        language: 'ro',
        interpreterUsed: false,
        recordedOn: daysAgo(0),
      },
    });
    expect(withdraw.status).toBe(201);
    // A transfer closes the sender's case as moved to the other organisation.
    const c = (await worker.get(`/api/cases/${transferred}`)).body;
    const closed = await worker.post(`/api/cases/${transferred}/transitions`, {
      to: 'closed',
      reason: 'moved_to_other_organisation',
      version: c.version,
    });
    expect(closed.status).toBe(200);
    const note = (caseId: string) => ({
      type: 'entry',
      key: nextKey(),
      caseId,
      kind: 'note',
      data: { date: daysAgo(0), kind: 'meeting', interpreterUsed: false, text: 'Demo note: written offline' },
    });
    const res = await push(worker, deviceA, [note(withdrawn), note(transferred), note(kept)]);
    expect(
      res.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status),
    ).toEqual(['sync_case_not_held', 'sync_case_not_held', 'applied']);
    expect((await worker.get(`/api/cases/${withdrawn}/entries?kind=note`)).body.entries).toHaveLength(0);
    const again = await pull(worker, deviceA, { caseIds: [withdrawn, transferred, kept] });
    expect(again.body.removed.sort()).toEqual([withdrawn, transferred].sort());
    expect(again.body.cases.map((x: { case: { id: string } }) => x.case.id)).toEqual([kept]);
    // Since the cursor, nothing changed: nothing comes back, nothing more is removed.
    const since = await pull(worker, deviceA, { caseIds: [kept], since: again.body.cursor });
    expect([since.body.cases, since.body.removed]).toEqual([[], []]);
  });

  test('another organisation can neither push to the case nor see its conflicts (API and RLS)', async () => {
    const caseId = await newCase();
    const res = await push(south, southDevice, [
      {
        type: 'entry',
        key: nextKey(),
        caseId,
        kind: 'note',
        data: { date: daysAgo(0), kind: 'meeting', interpreterUsed: false, text: 'Demo note: from the wrong place' },
      },
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    const pulled = await pull(south, southDevice, { caseIds: [caseId] });
    expect([pulled.body.cases, pulled.body.removed]).toEqual([[], [caseId]]);
    expect((await south.get('/api/sync/conflicts')).body.conflicts).toEqual([]);
    // North's device is not South's to use.
    expect((await push(south, deviceA, [await noteChange(caseId)])).status).toBe(404);
    // RLS: South's tenant sees no North conflict, device or change row.
    const orgs = await t.ctx.db.system.selectFrom('organisations').select(['id', 'slug']).execute();
    const southId = orgs.find((o) => o.slug === 'south')!.id;
    const seen = await withTenant(t.ctx.db, { organisationId: southId }, async (tx) => ({
      conflicts: await tx.selectFrom('sync_conflicts').select('id').execute(),
      devices: await tx.selectFrom('sync_devices').select(['device_id', 'organisation_id']).execute(),
      changes: await tx.selectFrom('sync_changes').select('organisation_id').execute(),
    }));
    expect(seen.conflicts).toEqual([]);
    expect(seen.devices.every((d) => d.organisation_id === southId)).toBe(true);
    expect(seen.changes.every((c) => c.organisation_id === southId)).toBe(true);
  });

  async function noteChange(caseId: string) {
    return {
      type: 'entry',
      key: nextKey(),
      caseId,
      kind: 'note',
      data: { date: daysAgo(0), kind: 'meeting', interpreterUsed: false, text: 'Demo note' },
    };
  }

  test('a revoked device and a deactivated membership are refused the key, so the device wipes', async () => {
    const spare = crypto.randomUUID();
    expect((await worker.post('/api/sync/devices', { deviceId: spare })).status).toBe(201);
    const again = await worker.get(`/api/sync/devices/${spare}/key`);
    expect(again.status).toBe(200);
    expect(again.body.key).toBe((await worker.post('/api/sync/devices', { deviceId: spare })).body.key);
    expect(again.body.key).not.toBe((await worker.get(`/api/sync/devices/${deviceA}/key`)).body.key);
    const devices = (await worker.get('/api/sync/devices')).body.devices;
    expect(devices.map((d: { deviceId: string }) => d.deviceId)).toContain(spare);
    expect((await worker.request('DELETE', `/api/sync/devices/${spare}`)).status).toBe(200);
    const revoked = await worker.get(`/api/sync/devices/${spare}/key`);
    expect([revoked.status, revoked.body.error.code]).toEqual([410, 'sync_device_revoked']);
    expect((await pull(worker, spare, { caseIds: [] })).status).toBe(410);
    // Another user's device id is not hers to register.
    expect((await owner.post('/api/sync/devices', { deviceId: deviceA })).status).toBe(409);

    const mediator = await t.as('mediator@north.demo.test');
    const mediatorDevice = crypto.randomUUID();
    expect((await mediator.post('/api/sync/devices', { deviceId: mediatorDevice })).status).toBe(201);
    const admin = await t.as('admin@north.demo.test');
    const her = (await admin.get('/api/users')).body.users.find(
      (u: { email: string }) => u.email === 'mediator@north.demo.test',
    );
    expect((await admin.patch(`/api/users/${her.id}`, { active: false, version: her.version })).status).toBe(200);
    const refused = await mediator.get(`/api/sync/devices/${mediatorDevice}/key`);
    expect([401, 403]).toContain(refused.status);
    expect(refused.body.key).toBeUndefined();
  });

  test('the pull is audited per case; push, conflict resolution and key issue are audited', async () => {
    const rows = await t.ctx.db.system
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('action', 'like', 'sync.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['sync.push', 'sync.pull', 'sync.conflict.resolve', 'sync.device.key', 'sync.device.register'])
      expect(actions).toContain(a);
    expect(rows.some((r) => r.action === 'sync.pull' && r.entity_type === 'case')).toBe(true);
  });
});

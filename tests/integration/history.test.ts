/**
 * History people can read (issue #16), on both engines: the timeline and the audit log carry display
 * names, case references and translated action labels; the audit log pages and filters in the
 * database, exports CSV (audited) and verifies; a case's access log is one line per person and
 * visit; the language preference is stored with the account and picks the server's language.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { historyLabelKey } from '../../src/domain/audit/history-codes';
import { withSystem } from '../../src/storage/database';
import { auditRepo } from '../../src/storage/repositories/audit';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

describe.each(ENGINES.map((e) => [e.name, e] as const))('readable history on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let auditor: ApiClient;
  let caseA: { id: string; reference: string; version: number };
  let caseB: { id: string; reference: string };
  let workerUser: { id: string; displayName: string };
  let owner: { id: string; displayName: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    auditor = await t.as('auditor@north.demo.test');
    const session = (await worker.get('/api/session')).body;
    workerUser = { id: session.user.id, displayName: session.user.displayName };
    const created = await worker.post(
      '/api/cases',
      intake({ person: { ...intake().person, familyName: 'History 901' } }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseA = created.body;
    const other = await worker.post(
      '/api/cases',
      intake({ person: { ...intake().person, familyName: 'History 902' } }),
    );
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    caseB = other.body;
    const staff = (await worker.get('/api/staff')).body.staff as { id: string; displayName: string; roles: string[] }[];
    owner = staff.find((s) => s.roles.includes('case_owner'))!;
    const handed = await worker.post(`/api/cases/${caseA.id}/owner`, {
      ownerId: owner.id,
      reason: 'History hand-over',
      version: caseA.version,
    });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
  });
  afterAll(() => t.close());

  test('the timeline carries the case reference, a label per event and the names behind the ids', async () => {
    const newOwner = await t.as('case_owner@north.demo.test');
    const res = await newOwner.request('GET', `/api/cases/${caseA.id}/timeline`, undefined, {
      'accept-language': 'en',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.caseReference).toBe(caseA.reference);
    const opened = res.body.events.find((e: any) => e.kind === 'case.opened');
    expect(opened).toMatchObject({ label: 'Case opened', actor: { displayName: workerUser.displayName } });
    const handOver = res.body.events.find((e: any) => e.kind === 'case.owner_changed');
    expect(handOver.label).toBe('Handed over');
    expect(handOver.names).toEqual({ from: workerUser.displayName, to: owner.displayName });
    // The request's language when she chose none.
    const fr = await newOwner.request('GET', `/api/cases/${caseA.id}/timeline`, undefined, {
      'accept-language': 'fr-CH,fr;q=0.9,en;q=0.5',
    });
    expect(fr.body.events.find((e: any) => e.kind === 'case.opened').label).toBe('Dossier ouvert');
  });

  test('audit entries carry names, the case reference and the action label; filters and pages run in the database', async () => {
    const res = await auditor.get(`/api/audit?caseReference=${caseA.reference}&limit=500`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const entries = res.body.entries as any[];
    expect(entries.length).toBeGreaterThan(0);
    expect(res.body.total).toBe(entries.length);
    for (const e of entries)
      expect(e).toMatchObject({ entityType: 'case', entityId: caseA.id, caseReference: caseA.reference });
    const create = entries.find((e) => e.action === 'case.create');
    expect(create).toMatchObject({
      actorId: workerUser.id,
      actorName: workerUser.displayName,
      actionLabel: 'Opened a case',
    });
    expect(entries.find((e) => e.action === 'case.owner_change').actionLabel).toBe('Handed the case over');
    // The other case's entries are not in this filter.
    expect(entries.some((e) => e.entityId === caseB.id)).toBe(false);

    const byUser = await auditor.get(`/api/audit?actorId=${owner.id}&limit=500`);
    expect(byUser.body.entries.length).toBeGreaterThan(0);
    expect(byUser.body.entries.every((e: any) => e.actorId === owner.id)).toBe(true);
    expect(byUser.body.actors).toEqual(
      expect.arrayContaining([{ id: workerUser.id, displayName: workerUser.displayName }]),
    );

    // An action prefix of whole words, and an exact code.
    const reads = await auditor.get(`/api/audit?action=case&caseReference=${caseA.reference}&limit=500`);
    expect(reads.body.total).toBe(entries.length);
    const exact = await auditor.get(`/api/audit?action=case.create&caseReference=${caseA.reference}`);
    expect(exact.body.entries.map((e: any) => e.action)).toEqual(['case.create']);
    expect(exact.body.actions).toEqual(expect.arrayContaining([{ code: 'case.create', label: 'Opened a case' }]));

    // Pages: newest first, disjoint, and the total counts them all.
    const p1 = (await auditor.get('/api/audit?limit=3&offset=0')).body;
    const p2 = (await auditor.get('/api/audit?limit=3&offset=3')).body;
    expect(p1.entries).toHaveLength(3);
    expect(p1.total).toBeGreaterThan(6);
    expect(p1.offset).toBe(0);
    expect(p2.offset).toBe(3);
    const at = (e: any) => Date.parse(e.at);
    expect(at(p1.entries[2])).toBeGreaterThanOrEqual(at(p2.entries[0]));
    const key = (e: any) => `${e.seq}|${e.at}|${e.action}`;
    expect(p2.entries.map(key).some((k: string) => p1.entries.map(key).includes(k))).toBe(false);

    // The language of the labels is hers once she chose one.
    const fr = await auditor.request(
      'GET',
      `/api/audit?action=case.create&caseReference=${caseA.reference}`,
      undefined,
      {
        'accept-language': 'fr',
      },
    );
    expect(fr.body.entries[0].actionLabel).toBe('A ouvert un dossier');
    // Only auditors and administrators.
    expect((await worker.get('/api/audit')).status).toBe(403);
  });

  test('every action in the log has a label in historyUi', async () => {
    const { rows } = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_log`.execute(t.ctx.db.system);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.action).filter((a) => !historyLabelKey('action', a))).toEqual([]);
    const kinds = await sql<{ kind: string }>`SELECT DISTINCT kind FROM case_events`.execute(t.ctx.db.system);
    expect(kinds.rows.map((r) => r.kind).filter((k) => !historyLabelKey('event', k))).toEqual([]);
  });

  test('the CSV export has the filtered entries with names, references and labels, and is audited', async () => {
    const res = await auditor.get(`/api/audit/export.csv?caseReference=${caseA.reference}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment/);
    const lines = String(res.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe('No.,Time (UTC),Who,Action code,Action,Subject type,Subject,Fields');
    const page = (await auditor.get(`/api/audit?caseReference=${caseA.reference}&limit=500`)).body;
    expect(lines.length - 1).toBe(page.total - 0);
    expect(
      lines.some((l) => l.includes('case.create') && l.includes('Opened a case') && l.includes(caseA.reference)),
    ).toBe(true);
    expect(lines.some((l) => l.includes(workerUser.displayName))).toBe(true);
    // No ids and no values: not the case id, not the hand-over's reason, not her name.
    expect(res.body).not.toContain(caseA.id);
    expect(res.body).not.toContain('History hand-over');
    expect(res.body).not.toContain('History 901');
    const exports = (await auditor.get('/api/audit?action=audit.export')).body.entries;
    expect(exports[0]).toMatchObject({ action: 'audit.export', fields: ['filter.caseReference'] });
    expect((await worker.get('/api/audit/export.csv')).status).toBe(403);
  });

  test("a case's access log is one line per person and visit, with a count and first and last time", async () => {
    const north = await t.ctx.db.system
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'north')
      .executeTakeFirstOrThrow();
    // 144 reads in one sitting (every 10 s), a second visit two hours later, and a colleague's visit; newest visit first.
    const base = Date.UTC(2020, 0, 6, 9, 0, 0);
    await withSystem(t.ctx.db, async (tx) => {
      const read = (userId: string, at: number, fields: string[]) =>
        auditRepo.append(
          tx,
          {
            organisationId: north.id,
            actorUserId: userId,
            action: 'case.read',
            entityType: 'case',
            entityId: caseB.id,
            fields,
          },
          new Date(at),
        );
      for (let i = 0; i < 144; i++)
        await read(workerUser.id, base + i * 10_000, i % 2 ? ['intake'] : ['person.identity']);
      for (let i = 0; i < 3; i++) await read(workerUser.id, base + 2 * 3600_000 + i * 60_000, ['timeline']);
      for (let i = 0; i < 5; i++) await read(owner.id, base + 600_000 + i * 1000, []);
    });
    const res = await worker.get(`/api/cases/${caseB.id}/access-log`);
    // The caseworker owns caseB.
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.caseReference).toBe(caseB.reference);
    const old = (res.body.visits as any[]).filter((v) => Date.parse(v.firstAt) < Date.UTC(2021, 0, 1));
    expect(old).toEqual([
      {
        actorId: workerUser.id,
        actorName: workerUser.displayName,
        count: 3,
        firstAt: new Date(base + 2 * 3600_000).toISOString(),
        lastAt: new Date(base + 2 * 3600_000 + 120_000).toISOString(),
        actions: [{ code: 'case.read', label: 'Viewed the case' }],
        fields: ['timeline'],
      },
      {
        actorId: workerUser.id,
        actorName: workerUser.displayName,
        count: 144,
        firstAt: new Date(base).toISOString(),
        lastAt: new Date(base + 143 * 10_000).toISOString(),
        actions: [{ code: 'case.read', label: 'Viewed the case' }],
        fields: ['intake', 'person.identity'],
      },
      {
        actorId: owner.id,
        actorName: owner.displayName,
        count: 5,
        firstAt: new Date(base + 600_000).toISOString(),
        lastAt: new Date(base + 604_000).toISOString(),
        actions: [{ code: 'case.read', label: 'Viewed the case' }],
        fields: [],
      },
    ]);
    // A colleague who neither owns the case nor audits sees no access log; another organisation finds no case.
    const colleague = await t.as('mediator@north.demo.test');
    expect((await colleague.get(`/api/cases/${caseB.id}/access-log`)).status).toBe(403);
    const south = await t.as('admin@south.demo.test');
    expect((await south.get(`/api/cases/${caseB.id}/access-log`)).status).toBe(404);
  });

  test('the language preference is stored with the account, returned in the session and used for server texts', async () => {
    const me = await t.as('auditor@north.demo.test');
    expect((await me.get('/api/session')).body.user.preferredLocale).toBeNull();
    const bad = await me.patch('/api/account/preferences', { locale: 'xx' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(bad.body.error.details)).toContain('locale');
    const set = await me.patch('/api/account/preferences', { locale: 'it' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ locale: 'it' });
    // Any other browser: a new login returns it.
    const elsewhere = t.client();
    const login = await elsewhere.login('auditor@north.demo.test', 'ariadne-demo-2026');
    expect(login.body.user.preferredLocale).toBe('it');
    expect((await elsewhere.get('/api/account/preferences')).body).toEqual({ locale: 'it' });
    // Her preference wins over the browser's header.
    const labelled = await me.request(
      'GET',
      `/api/audit?action=case.create&caseReference=${caseA.reference}`,
      undefined,
      {
        'accept-language': 'fr',
      },
    );
    expect(labelled.body.entries[0].actionLabel).toBe('Ha aperto un caso');
    const changes = (await me.get('/api/audit?action=account.preferences.update')).body.entries;
    expect(changes[0]).toMatchObject({
      fields: ['preferred_locale'],
      actionLabel: 'Ha modificato le proprie preferenze',
    });
    expect((await me.patch('/api/account/preferences', { locale: null })).body).toEqual({ locale: null });
    expect((await me.get('/api/session')).body.user.preferredLocale).toBeNull();
  });

  test('the texts statistics write (what a report counts, its notes) come in the request language', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const url = '/api/statistics/report?population=smuggling&rows=sex&cols=year&from=2000&to=2100';
    const en = await coordinator.request('GET', url, undefined, { 'accept-language': 'en' });
    expect(en.status, JSON.stringify(en.body)).toBe(200);
    expect(en.body.definition).toBe(
      'Persons recorded as smuggled (consensual procurement of illegal entry). Not a trafficking figure.',
    );
    expect(en.body.notes).toContain(
      'Not a trafficking figure: this population is kept apart from trafficking and must not be added to it.',
    );
    for (const [language, definition, note, control] of [
      [
        'fr',
        "Personnes enregistrées comme ayant fait l'objet d'un trafic",
        "Ce n'est pas un chiffre de la traite",
        'Effectifs de 1 à',
      ],
      [
        'it',
        'Persone registrate come oggetto di traffico di migranti',
        'Non è un dato sulla tratta',
        'Conteggi da 1 a',
      ],
      ['sk', 'Osoby zaznamenané ako prevádzané', 'Nejde o údaj o obchodovaní', 'Počty od 1 do'],
    ]) {
      const res = await coordinator.request('GET', url, undefined, { 'accept-language': language });
      expect(res.body.definition).toContain(definition);
      expect(res.body.notes.length).toBe(en.body.notes.length);
      expect(res.body.notes.some((n: string) => n.startsWith(note))).toBe(true);
      expect(res.body.provenance.disclosureControl.some((n: string) => n.startsWith(control))).toBe(true);
      // The numbers stay what they are.
      expect(res.body.table).toEqual(en.body.table);
    }
  });

  // Last: it breaks the log on purpose.
  test('Verify reports a sound log up to its checkpoint, and the first broken entry after tampering', async () => {
    const ok = await auditor.post('/api/audit/verify');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, reason: null, brokenAtSeq: null });
    expect(ok.body.treeSize).toBe(ok.body.entries);
    expect(ok.body.entries).toBeGreaterThan(10);
    expect((await auditor.get('/api/audit?action=audit.verify')).body.total).toBeGreaterThan(0);
    expect((await worker.post('/api/audit/verify')).status).toBe(403);
    const north = await t.ctx.db.system
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'north')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET action = 'case.list' WHERE organisation_id = ${north.id} AND seq = 5`.execute(
      t.ctx.db.system,
    );
    const broken = await auditor.post('/api/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, reason: 'hash_mismatch', brokenAtSeq: 5 });
  });
});

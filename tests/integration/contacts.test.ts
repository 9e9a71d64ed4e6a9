/**
 * The contact log before cases (issue #18), on both engines: anonymous by default, nickname and note
 * sealed (the raw row holds no clear text), repeat contacts linked by nickname (case- and
 * accent-insensitive) and chains merged into the older, another organisation seeing nothing (API and
 * RLS), an idempotent replay, codes checked against the lists with the field named, and a chain becoming
 * a case with only what was chosen, linked, refused a second time; every read and write audited.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordContact } from '../../src/services/contacts';
import { withTenant } from '../../src/storage/database';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';

const at = (daysAgo: number, hour = 10) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const contact = (over: Record<string, unknown> = {}) => ({
  occurredAt: at(3),
  kind: 'outreach',
  place: { level: 'outreach_route', name: 'Route Nord' },
  language: 'ro',
  needs: ['medical'],
  provided: ['condoms', 'information'],
  ...over,
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('contacts on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let south: ApiClient;
  const record = async (body: Record<string, unknown>) => {
    const res = await worker.post('/api/contacts', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; chainId: string; version: number };
  };
  const raw = async (id: string) =>
    (await sql<Record<string, unknown>>`SELECT * FROM contacts WHERE id = ${id}`.execute(t.ctx.db.system)).rows[0]!;
  const audits = async (action: string, entityId: string) =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM audit_log WHERE action = ${action} AND entity_id = ${entityId}`.execute(
          t.ctx.db.system,
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
  });
  afterAll(() => t.close());

  test('anonymous by default; a nickname and a note are sealed, with a blind index only', async () => {
    const anonymous = await record(contact());
    const row = await raw(anonymous.id);
    expect(row.nickname_enc).toBeNull();
    expect(row.nickname_index).toBeNull();
    const named = await record(contact({ nickname: 'Stellina-Raw', note: 'She told us about Canary-Note-7' }));
    const sealed = await raw(named.id);
    const all = JSON.stringify(sealed);
    expect(all).not.toContain('Stellina');
    expect(all).not.toContain('stellina');
    expect(all).not.toContain('Canary-Note-7');
    expect(sealed.nickname_index).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const read = await worker.get(`/api/contacts/${named.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ nickname: 'Stellina-Raw', note: 'She told us about Canary-Note-7', version: 1 });
    expect(await audits('contact.record', named.id)).toBe(1);
    expect(await audits('contact.read', named.id)).toBe(1);
    // The log names the nickname for her organisation's staff, never the note.
    const log = await worker.get(`/api/contacts?limit=200`);
    const inLog = log.body.items.find((c: { id: string }) => c.id === named.id);
    expect(inLog).toMatchObject({ nickname: 'Stellina-Raw', hasNote: true, note: null });
  });

  test('repeat contacts under one nickname share a chain, whatever the case and accents', async () => {
    const a = await record(contact({ nickname: 'Mária Luna', occurredAt: at(10) }));
    const b = await record(contact({ nickname: '  maria   LUNA ', occurredAt: at(5), kind: 'drop_in' }));
    expect(b.chainId).toBe(a.chainId);
    const chain = await worker.get(`/api/contacts/${b.id}/chain`);
    expect(chain.status).toBe(200);
    expect(chain.body.contacts.map((c: { id: string }) => c.id)).toEqual([a.id, b.id]);
    expect(await audits('contact.chain_read', a.chainId)).toBe(1);
    const other = await record(contact({ nickname: 'Someone else' }));
    expect(other.chainId).not.toBe(a.chainId);
  });

  test('two chains that meet merge into the older one', async () => {
    const older = await record(contact({ occurredAt: at(20) })); // anonymous, then known to be her
    const follow = await record(contact({ occurredAt: at(15), follows: older.id }));
    expect(follow.chainId).toBe(older.chainId);
    const named = await record(contact({ nickname: 'Girasole', occurredAt: at(12) }));
    expect(named.chainId).not.toBe(older.chainId);
    // A contact naming both: the worker knows she is the one of `follows`, and she gives her nickname.
    const both = await record(contact({ nickname: 'GIRASOLE', follows: follow.id, occurredAt: at(2) }));
    expect(both.chainId).toBe(older.chainId);
    expect((await raw(named.id)).chain_id).toBe(older.chainId);
    expect(await audits('contact.chain_merge', older.chainId)).toBe(1);
  });

  test('an idempotent replay records one contact', async () => {
    const key = `contact-${crypto.randomUUID()}`;
    const body = contact({ nickname: 'Replay' });
    const first = await worker.request('POST', '/api/contacts', body, { 'idempotency-key': key });
    const again = await worker.request('POST', '/api/contacts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    // The service alone (the sync replay) with its own key: one contact however often it replays.
    const row = await raw(first.body.id);
    const actor = {
      userId: row.recorded_by as string,
      organisationId: row.organisation_id as string,
      roles: ['caseworker'] as const,
    };
    const syncKey = `sync-${crypto.randomUUID()}`;
    const once = await recordContact(t.ctx, actor, body as never, { idempotencyKey: syncKey });
    const twice = await recordContact(t.ctx, actor, body as never, { idempotencyKey: syncKey });
    expect(twice).toEqual(once);
    const n = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM contacts WHERE id IN (${first.body.id}, ${once.id})`.execute(t.ctx.db.system);
    expect(Number(n.rows[0]!.n)).toBe(2);
  });

  test('codes are checked against the lists, with the field named', async () => {
    const bad = await worker.post('/api/contacts', contact({ provided: ['condoms', 'unicorns'] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'provided.1' } });
    const badNeed = await worker.post('/api/contacts', contact({ needs: ['nope'] }));
    expect(badNeed.body.error).toMatchObject({ code: 'unknown_list_value', details: { field: 'needs.0' } });
    const badKind = await worker.post('/api/contacts', contact({ kind: 'telepathy' }));
    expect(badKind.status).toBe(400);
  });

  test('another organisation cannot read them, by the API or through RLS', async () => {
    const mine = await record(contact({ nickname: 'Private', note: 'only north' }));
    expect((await south.get(`/api/contacts/${mine.id}`)).status).toBe(404);
    expect((await south.get(`/api/contacts/${mine.id}/chain`)).status).toBe(404);
    const southLog = await south.get('/api/contacts?limit=200');
    expect(southLog.body.items.map((c: { id: string }) => c.id)).not.toContain(mine.id);
    const southOrg = (
      await sql<{ id: string }>`SELECT id FROM organisations WHERE slug LIKE 'south%' ORDER BY slug LIMIT 1`.execute(
        t.ctx.db.system,
      )
    ).rows[0]!.id;
    const seen = await withTenant(t.ctx.db, { organisationId: southOrg }, (tx) =>
      sql`SELECT id FROM contacts WHERE id = ${mine.id}`.execute(tx),
    );
    expect(seen.rows).toHaveLength(0);
    const northOrg = (await raw(mine.id)).organisation_id as string;
    await expect(
      withTenant(t.ctx.db, { organisationId: southOrg }, (tx) =>
        sql`INSERT INTO contacts (id, organisation_id, occurred_at, kind, place_level, place, chain_id)
            VALUES (${crypto.randomUUID()}, ${northOrg}, now(), 'outreach', 'municipality', 'X', ${crypto.randomUUID()})`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  test('correct and void, with the version read and a reason', async () => {
    const c = await record(contact());
    const fixed = await worker.patch(`/api/contacts/${c.id}`, {
      contact: contact({ place: { level: 'municipality', name: 'Torino' } }),
      version: 1,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ version: 2, place: { name: 'Torino' } });
    expect((await worker.patch(`/api/contacts/${c.id}`, { contact: contact(), version: 1 })).status).toBe(409);
    const voided = await worker.post(`/api/contacts/${c.id}/void`, { reason: 'Recorded twice', version: 2 });
    expect(voided.status).toBe(200);
    expect(voided.body.voided.reason).toBe('Recorded twice');
    expect(JSON.stringify(await raw(c.id))).not.toContain('Recorded twice');
    expect(await audits('contact.void', c.id)).toBe(1);
  });

  test('a chain becomes a case carrying only what was chosen, stays linked, and not twice', async () => {
    const first = await record(
      contact({ nickname: 'Colibri', occurredAt: at(9), kind: 'hotline_call', needs: ['shelter'], note: 'First call' }),
    );
    const second = await record(
      contact({ nickname: 'colibrì', occurredAt: at(4), needs: ['legal'], language: 'tw', note: 'Not to carry' }),
    );
    const body = {
      person: { givenName: 'Ama' },
      risk: { level: 'medium' },
      carry: { needs: true, language: false, noteContactIds: [first.id] },
      consent: { purposes: ['assistance', 'data_storage'], language: 'en', interpreterUsed: false },
    };
    const badNote = await worker.post(`/api/contacts/${second.id}/case`, {
      ...body,
      carry: { ...body.carry, noteContactIds: [crypto.randomUUID()] },
    });
    expect(badNote.status).toBe(400);
    expect(badNote.body.error.details).toMatchObject({ field: 'carry.noteContactIds.0' });
    const made = await worker.post(`/api/contacts/${second.id}/case`, body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ chainId: first.chainId, linkedContacts: 2 });
    const caseId = made.body.caseId as string;
    const detail = await worker.get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(200);
    const intake = detail.body.intake;
    // Channel from the kind of the contact converted (outreach), first contact's date; needs chosen, language not.
    expect(intake.channel).toBe('outreach_unit');
    expect(intake.contactDate).toBe(at(9).slice(0, 10));
    expect([...intake.immediateNeeds].sort()).toEqual(['legal', 'shelter']);
    expect(intake.language ?? null).toBeNull();
    const entries = (await worker.get(`/api/cases/${caseId}/entries`)).body.entries as {
      kind: string;
      data: Record<string, unknown>;
    }[];
    const notes = entries.filter((e) => e.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(String(notes[0]!.data.text)).toContain('First call');
    expect(String(notes[0]!.data.text)).not.toContain('Not to carry');
    expect(
      entries
        .filter((e) => e.kind === 'consent')
        .map((e) => e.data.purpose)
        .sort(),
    ).toEqual(['assistance', 'data_storage']);
    // The chain is linked, and the case shows its contact history.
    expect((await raw(first.id)).case_id).toBe(caseId);
    const history = await worker.get(`/api/cases/${caseId}/contacts`);
    expect(history.status).toBe(200);
    expect(history.body.contacts.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]);
    expect(history.body.contacts[0]).not.toHaveProperty('nickname');
    expect(history.body.contacts[0]).not.toHaveProperty('note');
    // A later contact under the nickname joins the case's chain and the case.
    const later = await record(contact({ nickname: 'COLIBRI', occurredAt: at(1) }));
    expect(later.chainId).toBe(first.chainId);
    expect((await raw(later.id)).case_id).toBe(caseId);
    // Not twice.
    const again = await worker.post(`/api/contacts/${first.id}/case`, body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('contact_already_case');
    expect(await audits('contact.convert', first.chainId)).toBe(1);
    expect((await south.get(`/api/cases/${caseId}/contacts`)).status).toBe(404);
  });
});

/**
 * Hotline routing, warm hand-offs and contact statistics (issue #18), on both engines: routing picks a
 * post of the network and never one outside it; a hand-off without her agreement carries no nickname or
 * note (raw row); the receiver accepting records the contact in its own log; a third organisation sees
 * nothing (API and RLS); her withdrawn agreement erases the shared identity at once; statistics keep
 * contacts and persons apart and a suppressed cell cannot be recovered from totals or provenance.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withSystem, withTenant } from '../../src/storage/database';
import { organisationsRepo } from '../../src/storage/repositories/organisations';
import { createTestApp, type TestApp } from './support/app';
import { ENGINES } from './support/engines';

const NICKNAME = 'Stella-canary-7Q';
const NOTE = 'She told us about the flat on via canary-note-31';

describe.each(ENGINES.map((e) => [e.name, e] as const))('hand-offs on %s', (_name, engine) => {
  let t: TestApp;
  const org: Record<'north' | 'south' | 'east' | 'outside', string> = { north: '', south: '', east: '', outside: '' };

  /** A contact of the organisation as the contact log stores it (sealed nickname and note). */
  async function contact(
    organisationId: string,
    over: Partial<{
      kind: string;
      place: string;
      occurredAt: string;
      chainId: string;
      nickname: boolean;
      language: string;
    }> = {},
  ): Promise<string> {
    const id = crypto.randomUUID();
    await t.ctx.keyRing.warm(organisationId);
    const nickname = over.nickname ?? false;
    const nicknameEnc = nickname ? await t.ctx.keyRing.encrypt(organisationId, NICKNAME) : null;
    const noteEnc = nickname ? await t.ctx.keyRing.encrypt(organisationId, NOTE) : null;
    await withSystem(t.ctx.db, (tx) =>
      tx
        .insertInto('contacts')
        .values({
          id,
          organisation_id: organisationId,
          occurred_at: over.occurredAt ?? '2026-01-15T10:00:00Z',
          kind: over.kind ?? 'hotline_call',
          place_level: 'municipality',
          place: over.place ?? 'Palermo',
          language: over.language ?? 'pcm',
          interpreter_used: false,
          needs: ['shelter'],
          provided: ['information'],
          nickname_enc: nicknameEnc,
          nickname_index: nickname ? crypto.randomBytes(24).toString('base64url') : null,
          note_enc: noteEnc,
          chain_id: over.chainId ?? crypto.randomUUID(),
        } as never)
        .execute(),
    );
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const slug of ['north', 'south', 'east'] as const)
      org[slug] = (await organisationsRepo.findBySlug(t.ctx.db.system, slug))!.id;
    // A post outside every network that would fit perfectly: it must never be suggested.
    org.outside = crypto.randomUUID();
    await withSystem(t.ctx.db, async (tx) => {
      await tx
        .insertInto('organisations')
        .values({ id: org.outside, slug: 'outside-post', name: 'Outside Post', country: 'IT' } as never)
        .execute();
      await tx
        .insertInto('directory_entries')
        .values({
          organisation_id: org.outside,
          organisation_type: 'ngo',
          territory_level: 'municipality',
          territory: 'Palermo',
          languages: ['pcm', 'it'],
          services: [],
          target_groups: [],
        } as never)
        .execute();
      // South is the local post of Palermo and speaks Pidgin; East covers a region elsewhere.
      await tx
        .updateTable('directory_entries')
        .set({ territory_level: 'municipality', territory: 'Palermo' })
        .where('organisation_id', '=', org.south)
        .execute();
    });
  });
  afterAll(() => t.close());

  test('routing ranks the network posts by territory then language, never a post outside the network', async () => {
    const north = await t.as('caseworker@north.demo.test');
    const id = await contact(org.north);
    const res = await north.get(`/api/contacts/${id}/route`);
    expect(res.status).toBe(200);
    const ids = res.body.posts.map((p: { organisationId: string }) => p.organisationId);
    expect(ids).not.toContain(org.outside);
    expect(ids).not.toContain(org.north);
    expect(res.body.posts[0]).toMatchObject({
      organisationId: org.south,
      territoryFit: 'same_municipality',
      languageFit: 'speaks_her_language',
      reasons: ['same_municipality', 'speaks_her_language'],
    });
    expect(ids).toContain(org.east);
    // Another organisation's contact is not found.
    expect((await (await t.as('caseworker@south.demo.test')).get(`/api/contacts/${id}/route`)).status).toBe(404);
  });

  test('without her agreement nothing sealed crosses; the receiver accepts into its own log; a third organisation sees nothing', async () => {
    const north = await t.as('caseworker@north.demo.test');
    const south = await t.as('caseworker@south.demo.test');
    const east = await t.as('caseworker@east.demo.test');
    const id = await contact(org.north, { nickname: true });
    const created = await north.post('/api/handoffs', { contactId: id, toOrganisationId: org.south });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      identityShared: false,
      identity: null,
      kind: 'hotline_call',
    });
    const raw = await withSystem(t.ctx.db, (tx) =>
      tx.selectFrom('contact_handoffs').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow(),
    );
    expect(raw.identity_enc).toBeNull();
    expect(JSON.stringify(raw)).not.toContain('canary');
    // The same contact cannot wait for two posts at once.
    expect((await north.post('/api/handoffs', { contactId: id, toOrganisationId: org.east })).status).toBe(409);

    // A third organisation of the same network: not in its list, not found by id, and RLS hides the row.
    expect((await east.get('/api/handoffs')).body).toEqual({ incoming: [], outgoing: [] });
    expect((await east.get(`/api/handoffs/${created.body.id}`)).status).toBe(404);
    expect((await east.post(`/api/handoffs/${created.body.id}/accept`, { version: 1 })).status).toBe(404);
    const seen = await withTenant(t.ctx.db, { organisationId: org.east }, (tx) =>
      sql<{ n: string }>`SELECT count(*) AS n FROM contact_handoffs`.execute(tx),
    );
    expect(Number(seen.rows[0].n)).toBe(0);
    // The sender cannot answer its own hand-off.
    expect((await north.post(`/api/handoffs/${created.body.id}/accept`, { version: 1 })).status).toBe(404);

    const incoming = (await south.get('/api/handoffs')).body.incoming;
    expect(incoming.map((h: { id: string }) => h.id)).toContain(created.body.id);
    expect(incoming[0].contactId).toBeNull();
    const accepted = await south.post(`/api/handoffs/${created.body.id}/accept`, { version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const received = await withTenant(t.ctx.db, { organisationId: org.south }, (tx) =>
      tx.selectFrom('contacts').selectAll().where('id', '=', accepted.body.receivedContactId).executeTakeFirstOrThrow(),
    );
    expect(received).toMatchObject({
      organisation_id: org.south,
      kind: 'hotline_call',
      place: 'Palermo',
      nickname_enc: null,
      note_enc: null,
    });
    // Answered once.
    expect(
      (await south.post(`/api/handoffs/${created.body.id}/decline`, { version: 2, reason: 'no_capacity' })).status,
    ).toBe(409);
    // The receiver's duty users heard of it (codes and ids only).
    const notes = await withSystem(t.ctx.db, (tx) =>
      tx
        .selectFrom('notifications')
        .select(['kind', 'organisation_id'])
        .where('handoff_id', '=', created.body.id)
        .execute(),
    );
    expect(notes.some((n) => n.kind === 'handoff.received' && n.organisation_id === org.south)).toBe(true);
  });

  test('with her agreement the receiver reads her nickname; withdrawn before acceptance, it is erased at once', async () => {
    const north = await t.as('caseworker@north.demo.test');
    const south = await t.as('caseworker@south.demo.test');
    const id = await contact(org.north, { nickname: true });
    const created = await north.post('/api/handoffs', {
      contactId: id,
      toOrganisationId: org.south,
      identityShared: true,
    });
    expect(created.status).toBe(201);
    // The sender's view never carries the receiver's sealed copy.
    expect(created.body.identity).toBeNull();
    const raw = await withSystem(t.ctx.db, (tx) =>
      tx
        .selectFrom('contact_handoffs')
        .select('identity_enc')
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow(),
    );
    expect(raw.identity_enc).not.toBeNull();
    expect(raw.identity_enc).not.toContain('canary');
    // Sealed under the receiver's key: the sender's key does not open it.
    await expect(t.ctx.keyRing.decrypt(org.north, raw.identity_enc!)).rejects.toThrow();
    const read = await south.get(`/api/handoffs/${created.body.id}`);
    expect(read.body.identity).toEqual({ nickname: NICKNAME, note: NOTE });

    const withdrawn = await north.post(`/api/handoffs/${created.body.id}/withdraw-identity`, { version: 1 });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ identityShared: false, identityWithdrawn: true });
    const after = await withSystem(t.ctx.db, (tx) =>
      tx
        .selectFrom('contact_handoffs')
        .select('identity_enc')
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow(),
    );
    expect(after.identity_enc).toBeNull();
    expect((await south.get(`/api/handoffs/${created.body.id}`)).body.identity).toBeNull();
    const accepted = await south.post(`/api/handoffs/${created.body.id}/accept`, { version: 2 });
    expect(accepted.status).toBe(200);
    const received = await withSystem(t.ctx.db, (tx) =>
      tx
        .selectFrom('contacts')
        .select(['nickname_enc', 'note_enc'])
        .where('id', '=', accepted.body.receivedContactId)
        .executeTakeFirstOrThrow(),
    );
    expect(received).toEqual({ nickname_enc: null, note_enc: null });
  });

  test('statistics: contacts and persons apart, a small cell suppressed and not recoverable', async () => {
    // East's own log: 12 hotline calls in Bratislava from 6 persons (two each), 2 outreach contacts in Košice.
    const chains = Array.from({ length: 6 }, () => crypto.randomUUID());
    for (let i = 0; i < 12; i++)
      await contact(org.east, {
        place: 'Bratislava',
        occurredAt: `2026-03-0${1 + (i % 9)}T09:00:00Z`,
        chainId: chains[i % 6],
      });
    for (let i = 0; i < 2; i++)
      await contact(org.east, { kind: 'outreach', place: 'Kosice', occurredAt: '2026-03-20T21:00:00Z' });
    for (let i = 0; i < 9; i++) await contact(org.east, { place: 'Bratislava', occurredAt: '2026-04-11T09:00:00Z' });
    const coordinator = await t.as('coordinator@east.demo.test');
    const res = await coordinator.get('/api/statistics/contacts?from=2026-03&to=2026-04');
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.contactsByChannel.counts).toBe('contacts');
    expect(s.personsByChannel.counts).toBe('persons');
    const hotline = s.contactsByChannel.cols.indexOf('hotline_call');
    const outreach = s.contactsByChannel.cols.indexOf('outreach');
    expect(s.contactsByChannel.cells[0][outreach]).toMatchObject({ suppressed: true, reason: 'primary' });
    expect(s.contactsByTerritory.cells[0][s.contactsByTerritory.cols.indexOf('Kosice')]).toMatchObject({
      suppressed: true,
    });
    // Not recoverable: no line of either contacts table hides exactly one count.
    for (const table of [s.contactsByChannel, s.contactsByTerritory]) {
      const hidden = (v: unknown) => typeof v !== 'number';
      table.cells.forEach((row: unknown[], r: number) =>
        expect([...row, table.rowTotals[r]].filter(hidden).length).not.toBe(1),
      );
      table.cols.forEach((_: string, c: number) =>
        expect([...table.cells.map((row: unknown[]) => row[c]), table.colTotals[c]].filter(hidden).length).not.toBe(1),
      );
    }
    // The provenance states a count only as a published grand total; nothing adds contacts and persons.
    if (typeof s.contactsByChannel.grandTotal === 'number')
      expect(s.provenance.contactsCounted).toBe(s.contactsByChannel.grandTotal);
    else expect(s.provenance).not.toHaveProperty('contactsCounted');
    // The 23 contacts may be stated now that complements are found inside the table; never March's 14.
    expect(JSON.stringify(s)).not.toContain('"contactsCounted":14');
    // Persons are distinct chains: the six callers of March, not their twelve calls.
    if (typeof s.personsByChannel.cells[0][hotline] === 'number') expect(s.personsByChannel.cells[0][hotline]).toBe(6);
    // A caseworker has no statistics; bad periods are refused on the field.
    expect(
      (await (await t.as('caseworker@east.demo.test')).get('/api/statistics/contacts?from=2026-03&to=2026-04')).status,
    ).toBe(403);
    expect((await coordinator.get('/api/statistics/contacts?from=2026-13&to=2026-04')).status).toBe(400);
    // Network scope: the coordinator sees the network's contacts, aggregated.
    const network = await coordinator.get('/api/statistics/contacts?from=2026-01&to=2026-04&scope=network');
    expect(network.status).toBe(200);
    expect(network.body.scope.organisationIds).toEqual(expect.arrayContaining([org.north, org.south, org.east]));
  });
});

/**
 * Case search by partial and misspelt names, by reference, and duplicates at intake, on both
 * engines: names stay encrypted, the token table holds keyed hashes only, edits re-index, and
 * nothing crosses organisations.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backfillNameTokens, NAME_TOKENS_BACKFILL, personTermHashes } from '../../src/services/name-search';
import { withSystem } from '../../src/storage/database';
import { personNameTokensRepo } from '../../src/storage/repositories/person-name-tokens';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import type { ApiClient } from './support/http';
import { intake } from './support/fixtures';

describe.each(ENGINES.map((e) => [e.name, e] as const))('search on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  const made: Record<string, { id: string; reference: string; person: { id: string; version: number } }> = {};

  async function newCase(client: ApiClient, person: Record<string, unknown>) {
    const res = await client.post('/api/cases', intake({ person: { sex: 'female', ...person } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const names = async (client: ApiClient, query: string) => {
    const res = await client.get(`/api/cases?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.cases as { personName: string }[]).map((c) => c.personName);
  };
  const search = (client: ApiClient, q: string) => names(client, `q=${encodeURIComponent(q)}`);

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    made.jana = await newCase(north, { givenName: 'Jana', familyName: 'Nováková', dateOfBirth: '1990-05-05' });
    made.novak = await newCase(north, { givenName: 'Jana', familyName: 'Novak' });
    made.elena = await newCase(north, {
      givenName: 'Elena',
      familyName: 'Kováčová-Horváth',
      aliases: ['Lenka Petrovič'],
    });
    made.petra = await newCase(north, { givenName: 'Petra', familyName: 'Svobodová' });
    made.southJana = await newCase(south, { givenName: 'Jana', familyName: 'Nováková', dateOfBirth: '1990-05-05' });
  });
  afterAll(() => t.close());

  test('a partial name finds her: any 3-letter start of any name, in any case, without accents', async () => {
    expect(await search(north, 'novakova')).toEqual(['Jana Nováková']);
    expect(await search(north, 'JAN NOVÁ')).toEqual(expect.arrayContaining(['Jana Nováková', 'Jana Novak']));
    expect(await search(north, 'horv')).toEqual(['Elena Kováčová-Horváth']);
    expect(await search(north, 'kovacova')).toEqual(['Elena Kováčová-Horváth']);
    // An alias finds her too; the list shows her recorded name.
    expect(await search(north, 'lenka petrovic')).toEqual(['Elena Kováčová-Horváth']);
    expect(await search(north, 'Svobodová Petra')).toEqual(['Petra Svobodová']);
  });

  test('a misspelt name that sounds alike finds her', async () => {
    expect(await search(north, 'Yana Nowakowa')).toEqual(['Jana Nováková']);
    expect(await search(north, 'Elena Kowaczowa')).toEqual(['Elena Kováčová-Horváth']);
  });

  test('a misspelt start of a name finds her (a phonetic match); dissimilar starts do not', async () => {
    // Jana Novak sounds like "nowak" as a whole word; Nováková only starts like it.
    expect(await search(north, 'nowak')).toEqual(['Jana Novak', 'Jana Nováková']);
    expect(await search(north, 'elena kowacz')).toEqual(['Elena Kováčová-Horváth']);
    expect(await search(north, 'lenka petrowi')).toEqual(['Elena Kováčová-Horváth']);
    expect(await search(north, 'petra swobo')).toEqual(['Petra Svobodová']);
    for (const q of ['mowak', 'kowal', 'svobi', 'yaro', 'jana kowacz']) expect(await search(north, q)).toEqual([]);
  });

  test('results rank exact before prefix before phonetic, and every word must match', async () => {
    // "novak" is Jana Novak's whole family name but only the start of Nováková's.
    expect(await search(north, 'jana novak')).toEqual(['Jana Novak', 'Jana Nováková']);
    expect(await search(north, 'Jana Svobodová')).toEqual([]);
  });

  test('no match answers an empty page, and a query of punctuation alone matches nothing', async () => {
    const res = await north.get('/api/cases?q=Zzyzx%20Qwrtp');
    expect(res.body).toMatchObject({ cases: [], total: 0, totalCapped: false });
    expect((await north.get('/api/cases?q=---')).body.total).toBe(0);
  });

  test('a case reference, or its start, finds the case', async () => {
    const exact = await north.get(`/api/cases?q=${made.jana.reference.toLowerCase()}`);
    expect(exact.body.cases.map((c: { id: string }) => c.id)).toEqual([made.jana.id]);
    const prefix = await north.get(`/api/cases?q=${made.jana.reference.slice(0, -1)}&limit=200`);
    expect(prefix.body.cases.map((c: { id: string }) => c.id)).toContain(made.jana.id);
    for (const c of prefix.body.cases) expect(c.reference.startsWith(made.jana.reference.slice(0, -1))).toBe(true);
    // Another organisation's reference is not found here.
    expect((await north.get(`/api/cases?q=${made.southJana.reference}`)).body.total).toBe(0);
  });

  test('the exact whole-name search is still there (match=exact)', async () => {
    expect(await names(north, 'q=jana%20NOVAKOVA&match=exact')).toEqual(['Jana Nováková']);
    expect(await names(north, 'q=novakova&match=exact')).toEqual([]);
  });

  test('never across organisations: each sees her own Jana Nováková only', async () => {
    const n = (await north.get('/api/cases?q=novakova')).body.cases.map((c: { id: string }) => c.id);
    const s = (await south.get('/api/cases?q=novakova')).body.cases.map((c: { id: string }) => c.id);
    expect(n).toEqual([made.jana.id]);
    expect(s).toEqual([made.southJana.id]);
    expect(await search(south, 'horvath')).toEqual([]);
    // The same name has unrelated hashes in the two organisations (keys are per organisation).
    const rows = await sql<{ organisation_id: string; token: string }>`
      SELECT organisation_id, token FROM person_name_tokens WHERE person_id IN (${made.jana.person.id}, ${made.southJana.person.id})`.execute(
      t.ctx.db.system,
    );
    const of = (personOrg: string) =>
      new Set(rows.rows.filter((r) => r.organisation_id === personOrg).map((r) => r.token));
    const orgs = [...new Set(rows.rows.map((r) => r.organisation_id))];
    expect(orgs).toHaveLength(2);
    const [a, b] = orgs.map(of);
    expect(a.size).toBeGreaterThan(5);
    expect([...a].filter((x) => b.has(x))).toEqual([]);
  });

  test('the token table holds keyed hashes only, never a name, a prefix or a sound', async () => {
    const rows = await sql<{ token: string }>`
      SELECT token FROM person_name_tokens WHERE person_id = ${made.jana.person.id}`.execute(t.ctx.db.system);
    expect(rows.rows.length).toBeGreaterThan(10);
    const clear = ['jana', 'jan', 'novakova', 'nováková', 'nov', 'JN', 'AN', 'NFKF'];
    for (const { token } of rows.rows) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      for (const c of clear) expect(token.toLowerCase()).not.toContain(`:${c.toLowerCase()}`);
      expect(clear.map((c) => c.toLowerCase())).not.toContain(token.toLowerCase());
    }
    const dump = await sql<{ d: string }>`SELECT string_agg(t::text, '|') AS d FROM person_name_tokens t`.execute(
      t.ctx.db.system,
    );
    expect(dump.rows[0].d.toLowerCase()).not.toMatch(/novak|svobod|horv|petra|elena/);
  });

  test('an edit of her names re-indexes her: the old name no longer finds her, the new one does', async () => {
    const current = (await north.get(`/api/cases/${made.petra.id}`)).body;
    const res = await north.patch(`/api/cases/${made.petra.id}/person`, {
      familyName: 'Horáková',
      aliases: ['Petruška'],
      version: current.person.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await search(north, 'svobodova')).toEqual([]);
    expect(await search(north, 'petra horak')).toEqual(['Petra Horáková']);
    expect(await search(north, 'petruska')).toEqual(['Petra Horáková']);
  });

  test('filters and sorts: my cases, owner, status, reference order, page totals', async () => {
    const owner = await t.as('case_owner@north.demo.test');
    const theirs = await newCase(owner, { givenName: 'Jana', familyName: 'Novotná' });
    const mine = (await north.get('/api/cases?q=jana&mine=true&limit=200')).body.cases.map((c: any) => c.id);
    expect(mine).toEqual(expect.arrayContaining([made.jana.id, made.novak.id]));
    expect(mine).not.toContain(theirs.id);
    const ownerId = theirs.owner.id;
    const byOwner = (await north.get(`/api/cases?q=jana&ownerId=${ownerId}`)).body.cases.map((c: any) => c.id);
    expect(byOwner).toEqual([theirs.id]);
    expect((await north.get('/api/cases?q=jana&status=closed')).body.total).toBe(0);
    const byRef = (await north.get('/api/cases?q=jana&sort=reference')).body.cases.map((c: any) => c.reference);
    expect(byRef).toEqual([...byRef].sort());
    const page = (await north.get('/api/cases?q=jana&limit=1&sort=reference')).body;
    expect(page.cases).toHaveLength(1);
    expect(page.total).toBe(byRef.length);
    const second = (await north.get('/api/cases?q=jana&limit=1&offset=1&sort=reference')).body;
    expect(second.cases[0].reference).toBe(byRef[1]);
    const byName = (await north.get('/api/cases?q=jana&sort=name')).body.cases.map((c: any) => c.personName);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    expect(page.cases[0].contactDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('duplicates at intake: the same matching, graded by date of birth, audited as a search, own organisation only', async () => {
    const strong = await north.get('/api/cases/possible-matches?given=Jana&family=Nov%C3%A1kov%C3%A1&dob=1990-05-05');
    expect(strong.status, JSON.stringify(strong.body)).toBe(200);
    expect(strong.body.matches[0]).toEqual({
      personId: made.jana.person.id,
      caseId: made.jana.id,
      reference: made.jana.reference,
      status: 'contact',
      strength: 'strong',
      hasOpenCase: true,
    });
    const misspelt = await north.get('/api/cases/possible-matches?given=Yana&family=Nowakowa&dob=1990-05-05');
    expect(misspelt.body.matches.map((m: any) => [m.caseId, m.strength])).toEqual([[made.jana.id, 'likely']]);
    const loose = await north.get('/api/cases/possible-matches?given=Yana&family=Nowakowa');
    expect(loose.body.matches[0].strength).toBe('possible');
    // South sees only her own.
    const fromSouth = await south.get('/api/cases/possible-matches?given=Elena&family=Horvath');
    expect(fromSouth.body.matches).toEqual([]);
    const southJana = await south.get('/api/cases/possible-matches?given=Jana&family=Novakova');
    expect(southJana.body.matches.map((m: any) => m.caseId)).toEqual([made.southJana.id]);
    const audited = await sql<{ fields: string[] }>`
      SELECT a.fields FROM audit_log a JOIN organisations o ON o.id = a.organisation_id
      WHERE o.slug = 'north' AND a.action = 'case.search'`.execute(t.ctx.db.system);
    expect(audited.rows.length).toBeGreaterThanOrEqual(3);
    expect(audited.rows[0].fields).toContain('search.possible_matches');
    expect(JSON.stringify(audited.rows)).not.toMatch(/jana|nowak|1990/i);
    // Reusing the person found: a new case for her is refused while her case is open, naming it.
    const reuse = await north.post('/api/cases', { ...intake(), person: undefined, personId: made.jana.person.id });
    expect(reuse.status).toBe(409);
  });

  test('persons recorded before the token table are indexed at start (backfill), once', async () => {
    await sql`DELETE FROM person_name_tokens WHERE person_id = ${made.novak.person.id}`.execute(t.ctx.db.system);
    await sql`DELETE FROM backfills WHERE name = ${NAME_TOKENS_BACKFILL}`.execute(t.ctx.db.system);
    expect(await search(north, 'jana novak')).toEqual(['Jana Nováková']);
    const first = await backfillNameTokens(t.ctx);
    expect(first).toEqual({ skipped: false, persons: 1 });
    expect(await search(north, 'jana novak')).toEqual(['Jana Novak', 'Jana Nováková']);
    expect(await backfillNameTokens(t.ctx)).toEqual({ skipped: true, persons: 0 });
  });

  test('a change of the terms (an older fingerprint) re-indexes every person at start', async () => {
    await sql`UPDATE backfills SET fingerprint = 'terms-before-skeleton-prefixes' WHERE name = ${NAME_TOKENS_BACKFILL}`.execute(
      t.ctx.db.system,
    );
    // Her terms as an older rule could have left them (here: her given name only); she has terms,
    // so only the fingerprint can tell the backfill to redo her.
    const elena = made.elena.person.id;
    const [{ organisation_id: org }] = (
      await sql<{ organisation_id: string }>`SELECT organisation_id FROM persons WHERE id = ${elena}`.execute(
        t.ctx.db.system,
      )
    ).rows;
    const stale = await personTermHashes(t.ctx, org, { givenName: 'Elena' });
    await withSystem(t.ctx.db, (tx) => personNameTokensRepo.replace(tx, org, elena, stale));
    expect(await search(north, 'elena kowacz')).toEqual([]);
    const persons = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons`.execute(t.ctx.db.system);
    expect(await backfillNameTokens(t.ctx)).toEqual({ skipped: false, persons: persons.rows[0].n });
    expect(await search(north, 'elena kowacz')).toEqual(['Elena Kováčová-Horváth']);
    expect(await backfillNameTokens(t.ctx)).toEqual({ skipped: true, persons: 0 });
  });
});

/**
 * Minors (issue #16): a guardian or legal representative, a best-interests determination and an age
 * assessment are recorded with their free text encrypted; for a minor the case asks for the
 * child-protection referral her case's country requires (a rule in the organisation's list, not in
 * code) until one is recorded.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo, yearsAgo } from './support/dates';
import { ENGINES } from './support/engines';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

describe.each(ENGINES.map((e) => [e.name, e] as const))('minors on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;

  const openCase = async (familyName: string, dateOfBirth?: string) => {
    const res = await north.post(
      '/api/cases',
      intake({ person: { givenName: 'Demo', familyName, sex: 'female', ...(dateOfBirth ? { dateOfBirth } : {}) } }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  };
  const childProtection = async (id: string) => {
    const res = await north.get(`/api/cases/${id}`);
    expect(res.status).toBe(200);
    return res.body.childProtection;
  };
  const add = (id: string, kind: string, data: Record<string, unknown>) =>
    north.post(`/api/cases/${id}/entries`, { kind, data });

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
  });
  afterAll(() => t.close());

  test('a guardian is stored encrypted and read back by her organisation only', async () => {
    const c = await openCase('Minora 401', yearsAgo(16));
    const name = 'Demo Guardian Tutorescu 77';
    const contact = '+39 000 000 0777 demo';
    const res = await add(c.id, 'guardian', {
      name,
      contact,
      role: 'voluntary_guardian',
      appointedOn: daysAgo(3),
      authority: 'Demo Juvenile Court',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const row = await sql<{ data: string; secret_enc: string | null }>`
      SELECT data::text AS data, secret_enc FROM case_entries WHERE id = ${res.body.id}`.execute(t.ctx.db.system);
    expect(row.rows[0].data).not.toContain('Tutorescu');
    expect(row.rows[0].data).not.toContain('0777');
    expect(row.rows[0].data).not.toContain('Juvenile');
    expect(JSON.parse(row.rows[0].data)).toEqual({ role: 'voluntary_guardian', appointedOn: daysAgo(3) });
    expect(row.rows[0].secret_enc).toBeTruthy();
    expect(row.rows[0].secret_enc).not.toContain('Tutorescu');
    expect(t.logs.join('\n')).not.toContain('Tutorescu');

    const listed = await north.get(`/api/cases/${c.id}/entries?kind=guardian`);
    expect(listed.body.entries).toEqual([
      expect.objectContaining({
        kind: 'guardian',
        data: { name, contact, role: 'voluntary_guardian', appointedOn: daysAgo(3), authority: 'Demo Juvenile Court' },
      }),
    ]);
    expect((await south.get(`/api/cases/${c.id}/entries?kind=guardian`)).status).toBe(404);
    // A guardian needs a name; an appointment cannot lie in the future.
    expect((await add(c.id, 'guardian', { role: 'guardian' })).status).toBe(400);
    expect((await add(c.id, 'guardian', { name, role: 'guardian', appointedOn: daysAgo(-3) })).status).toBe(400);
  });

  test('best-interests determinations and age assessments are their own records', async () => {
    const c = await openCase('Minora 402', yearsAgo(15));
    const bid = await add(c.id, 'best_interests_determination', {
      date: daysAgo(2),
      decidedBy: 'Demo BID panel',
      outcome: 'alternative_care',
      note: 'Demo note: she wants to stay near her sister',
    });
    expect(bid.status, JSON.stringify(bid.body)).toBe(201);
    const age = await add(c.id, 'age_assessment', {
      date: daysAgo(2),
      method: 'psychosocial_interview',
      result: 'minor',
      assessedBy: 'Demo assessor',
    });
    expect(age.status, JSON.stringify(age.body)).toBe(201);
    const rows = await sql<{ kind: string; data: string }>`
      SELECT kind, data::text AS data FROM case_entries WHERE case_id = ${c.id} AND kind IN ('best_interests_determination', 'age_assessment')`.execute(
      t.ctx.db.system,
    );
    expect(rows.rows.map((r) => r.data).join()).not.toMatch(/sister|BID panel|Demo assessor/);
    const listed = await north.get(`/api/cases/${c.id}/entries?kind=best_interests_determination`);
    expect(listed.body.entries[0].data.note).toBe('Demo note: she wants to stay near her sister');
    expect((await add(c.id, 'age_assessment', { date: daysAgo(1), method: 'guess', result: 'minor' })).status).toBe(
      400,
    );
  });

  test("a minor is prompted for her country's child-protection referral until one is recorded", async () => {
    const c = await openCase('Minora 403', yearsAgo(16));
    expect(await childProtection(c.id)).toEqual({
      minor: true,
      requirement: 'default',
      referralRecorded: false,
      prompt: true,
    });
    const current = (await north.get(`/api/cases/${c.id}`)).body;
    const patched = await north.patch(`/api/cases/${c.id}`, { country: 'IT', version: current.version });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.childProtection).toMatchObject({ minor: true, requirement: 'it', prompt: true });

    // Recording other minors' records does not answer the prompt.
    await add(c.id, 'guardian', { name: 'Demo Guardian 9', role: 'guardian' });
    expect(await childProtection(c.id)).toMatchObject({ prompt: true });

    const referral = await add(c.id, 'child_protection_referral', {
      referredOn: daysAgo(1),
      requirement: 'it',
      authority: 'Demo Procura minorile',
      reference: 'DEMO-REF-1',
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    expect(await childProtection(c.id)).toEqual({
      minor: true,
      requirement: 'it',
      referralRecorded: true,
      prompt: false,
    });
  });

  test('an adult is not prompted; an uncertain age assessment gives her the benefit of the doubt', async () => {
    const adult = await openCase('Adulta 404', yearsAgo(30));
    expect(await childProtection(adult.id)).toMatchObject({ minor: false, requirement: null, prompt: false });

    const unknownAge = await openCase('Incerta 405');
    expect(await childProtection(unknownAge.id)).toMatchObject({ minor: false, prompt: false });
    const age = await add(unknownAge.id, 'age_assessment', {
      date: daysAgo(1),
      method: 'medical',
      result: 'uncertain',
    });
    expect(age.status, JSON.stringify(age.body)).toBe(201);
    expect(await childProtection(unknownAge.id)).toMatchObject({ minor: true, requirement: 'default', prompt: true });
    // A later assessment finding her an adult ends the prompt.
    await add(unknownAge.id, 'age_assessment', { date: daysAgo(0), method: 'document', result: 'adult' });
    expect(await childProtection(unknownAge.id)).toMatchObject({ minor: false, prompt: false });
  });

  test("the country's rule is the organisation's data, not code", async () => {
    const c = await openCase('Minora 406', yearsAgo(14));
    const org = await sql<{ organisation_id: string }>`
      SELECT organisation_id FROM cases WHERE id = ${c.id}`.execute(t.ctx.db.system);
    await sql`INSERT INTO reference_items (organisation_id, list_key, code, labels, sort_order, meta)
      VALUES (${org.rows[0].organisation_id}, 'child_protection_requirements', 'de_jugendamt',
        ${JSON.stringify({ en: 'Germany: inform the Jugendamt' })}::jsonb, 10, ${JSON.stringify({ country: 'DE' })}::jsonb)`.execute(
      t.ctx.db.system,
    );
    const current = (await north.get(`/api/cases/${c.id}`)).body;
    const patched = await north.patch(`/api/cases/${c.id}`, { country: 'DE', version: current.version });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.childProtection).toMatchObject({ minor: true, requirement: 'de_jugendamt', prompt: true });
  });
});

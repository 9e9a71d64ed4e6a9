/** The audit chain survives normal use and `ariadne audit verify` detects tampering. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAllChains } from '../../src/services/audit';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';

describe.each(ENGINES.map((e) => [e.name, e] as const))('audit chain on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(() => t.close());

  test('concurrent writes keep one unbroken chain per organisation', async () => {
    const admin = await t.as('admin@north.demo.test');
    await Promise.all(Array.from({ length: 8 }, () => admin.get('/api/users')));
    const results = await verifyAllChains(t.ctx);
    expect(results.map((r) => r.verdict.ok)).toEqual([true, true, true]);
    expect(results.find((r) => r.organisation === 'north')!.verdict.entries).toBeGreaterThan(8);
  });

  test('a row edited behind the application is reported as the first broken link', async () => {
    const north = await t.ctx.db.kysely.selectFrom('organisations').select('id').where('slug', '=', 'north').executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET action = 'user.list.tampered' WHERE organisation_id = ${north.id} AND seq = 3`.execute(t.ctx.db.kysely);
    const results = await verifyAllChains(t.ctx);
    expect(results.find((r) => r.organisation === 'north')!.verdict).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'hash_mismatch' });
    expect(results.find((r) => r.organisation === 'south')!.verdict.ok).toBe(true);
  });
});

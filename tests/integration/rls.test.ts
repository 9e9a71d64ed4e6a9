/**
 * Tenant isolation below the application: queries issued directly in another
 * tenant's context see zero rows, and the app role cannot rewrite the audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../src/services/demo-seed';
import { withTenant } from '../../src/storage/database';
import { organisationsRepo } from '../../src/storage/repositories/organisations';
import { createTestContext, ENGINES } from './support/engines';

describe.each(ENGINES.map((e) => [e.name, e] as const))('row-level security on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let north: string;
  let south: string;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await seedDemo(ctx);
    north = (await organisationsRepo.findBySlug(ctx.db.kysely, 'north'))!.id;
    south = (await organisationsRepo.findBySlug(ctx.db.kysely, 'south'))!.id;
  });
  afterAll(() => ctx.dispose());

  const count = (rows: { n: number | string }[]) => Number(rows[0]?.n);

  test('a tenant sees only its own memberships, users and audit entries even without a WHERE clause', async () => {
    await withTenant(ctx.db, { organisationId: north }, async (tx) => {
      const memberships = await sql<{ organisation_id: string }>`SELECT organisation_id FROM memberships`.execute(tx);
      expect(memberships.rows.length).toBeGreaterThan(0);
      expect(new Set(memberships.rows.map((r) => r.organisation_id))).toEqual(new Set([north]));
      const audit = await sql<{ organisation_id: string }>`SELECT organisation_id FROM audit_log`.execute(tx);
      expect(new Set(audit.rows.map((r) => r.organisation_id))).toEqual(new Set([north]));
      const users = await sql<{ email: string }>`SELECT email FROM users`.execute(tx);
      expect(users.rows.every((u) => u.email.endsWith('@north.demo.test') || u.email === 'network.admin@demo.test')).toBe(true);
    });
  });

  test("querying another tenant's rows by id returns zero rows", async () => {
    await withTenant(ctx.db, { organisationId: north }, async (tx) => {
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM memberships WHERE organisation_id = ${south}`.execute(tx)).rows)).toBe(0);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE organisation_id = ${south}`.execute(tx)).rows)).toBe(0);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM users WHERE email LIKE '%@south.demo.test'`.execute(tx)).rows)).toBe(0);
    });
  });

  test('outside any tenant context the app role sees nothing', async () => {
    await ctx.db.kysely.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE ariadne_app`.execute(tx);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM memberships`.execute(tx)).rows)).toBe(0);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(tx)).rows)).toBe(0);
    });
  });

  test("a tenant cannot write rows into another tenant's audit chain", async () => {
    await expect(withTenant(ctx.db, { organisationId: north }, (tx) =>
      sql`INSERT INTO audit_log (organisation_id, seq, at, action, entity_type, prev_hash, hash)
          VALUES (${south}, 99999, now(), 'x', 'x', 'x', 'x')`.execute(tx))).rejects.toThrow(/row-level security/);
  });

  test.each([
    ['UPDATE audit_log SET action = \'tampered\''],
    ['DELETE FROM audit_log'],
    ['SELECT * FROM organisation_keys'],
    ['SELECT * FROM sessions'],
  ])('the app role is refused: %s', async (statement) => {
    await expect(withTenant(ctx.db, { organisationId: north }, (tx) => sql.raw(statement).execute(tx))).rejects.toThrow(/permission denied/);
  });
});

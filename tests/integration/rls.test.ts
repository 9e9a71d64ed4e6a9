/**
 * Tenant isolation below the application: queries issued directly in another
 * tenant's context see zero rows, and the app role cannot rewrite the audit log.
 */
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../src/services/demo-seed';
import { createOrganisation, createUserInOrganisation } from '../../src/services/organisations';
import { withTenant } from '../../src/storage/database';
import { organisationsRepo } from '../../src/storage/repositories/organisations';
import { createTestContext, ENGINES } from './support/engines';
import { insertSyntheticRow, publicTables, type TableInfo } from './support/tenant-tables';

describe.each(ENGINES.map((e) => [e.name, e] as const))('row-level security on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let north: string;
  let south: string;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await seedDemo(ctx);
    north = (await organisationsRepo.findBySlug(ctx.db.system, 'north'))!.id;
    south = (await organisationsRepo.findBySlug(ctx.db.system, 'south'))!.id;
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
      expect(
        users.rows.every((u) => u.email.endsWith('@north.demo.test') || u.email === 'network.admin@demo.test'),
      ).toBe(true);
    });
  });

  test("querying another tenant's rows by id returns zero rows", async () => {
    await withTenant(ctx.db, { organisationId: north }, async (tx) => {
      expect(
        count(
          (await sql<{ n: number }>`SELECT count(*) AS n FROM memberships WHERE organisation_id = ${south}`.execute(tx))
            .rows,
        ),
      ).toBe(0);
      expect(
        count(
          (await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE organisation_id = ${south}`.execute(tx))
            .rows,
        ),
      ).toBe(0);
      expect(
        count(
          (await sql<{ n: number }>`SELECT count(*) AS n FROM users WHERE email LIKE '%@south.demo.test'`.execute(tx))
            .rows,
        ),
      ).toBe(0);
    });
  });

  test('outside any tenant context the app role sees nothing', async () => {
    await ctx.db.system.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE ariadne_app`.execute(tx);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM memberships`.execute(tx)).rows)).toBe(0);
      expect(count((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(tx)).rows)).toBe(0);
    });
  });

  test("a tenant cannot write rows into another tenant's audit chain", async () => {
    await expect(
      withTenant(ctx.db, { organisationId: north }, (tx) =>
        sql`INSERT INTO audit_log (organisation_id, seq, at, action, entity_type, prev_hash, hash)
          VALUES (${south}, 99999, now(), 'x', 'x', 'x', 'x')`.execute(tx),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  test.each([
    ["UPDATE audit_log SET action = 'tampered'"],
    ['DELETE FROM audit_log'],
    ['SELECT * FROM organisation_keys'],
    ['SELECT * FROM audit_signing_keys'],
    ['SELECT * FROM sessions'],
  ])('the app role is refused: %s', async (statement) => {
    await expect(withTenant(ctx.db, { organisationId: north }, (tx) => sql.raw(statement).execute(tx))).rejects.toThrow(
      /permission denied/,
    );
  });
});

/**
 * Every table, read from the catalogue: a table added by any migration is checked without
 * being listed here. A tenant table (one with an organisation column) must have RLS and a
 * policy, and in each organisation's transaction the app role must see exactly the rows the
 * rule below names: by default its own (organisation_id), for the tables shared on purpose
 * the precise sharing rule. A table the app role can read with no rule here fails the test.
 */
type Rule = (org: string | null) => RawBuilder<unknown>;
const activeNetworksOf = (org: string | null) =>
  sql`(SELECT network_id FROM network_memberships WHERE organisation_id = ${org} AND status = 'active')`;
const sharedEmployer = (org: string | null, e: RawBuilder<unknown>) =>
  sql`${e}.organisation_id = ${org} OR (${e}.shared_with_networks AND ${e}.organisation_id IN (SELECT organisation_id FROM network_memberships WHERE status = 'active' AND network_id IN ${activeNetworksOf(org)}))`;
const SHARED: Record<string, Rule> = {
  // Organisation names are public inside the installation (switcher, partner names); nothing else about them is.
  organisations: () => sql`true`,
  // A user is visible where it holds a membership, so network staff appear in each of their organisations.
  users: (org) => sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = t.id AND m.organisation_id = ${org})`,
  // A referral is visible to the two organisations named in it, and to nobody else.
  referrals: (org) => sql`${org} IN (t.from_organisation_id, t.to_organisation_id)`,
  // A review pair is visible to its two organisations.
  linkage_reviews: (org) => sql`${org} IN (t.a_organisation_id, t.b_organisation_id)`,
  contact_handoffs: (org) => sql`${org} IN (t.from_organisation_id, t.to_organisation_id)`,
  // Networks and their member lists: to members and to organisations invited to join.
  networks: (org) =>
    sql`t.id IN (SELECT network_id FROM network_memberships WHERE organisation_id = ${org} AND status IN ('active', 'invited'))`,
  network_memberships: (org) =>
    sql`t.network_id IN (SELECT network_id FROM network_memberships WHERE organisation_id = ${org} AND status IN ('active', 'invited'))`,
  // The privacy ledger: to active members of the network.
  privacy_releases: (org) => sql`t.network_id IN ${activeNetworksOf(org)}`,
  // The directory: own entry and active partners' entries.
  directory_entries: (org) =>
    sql`t.organisation_id = ${org} OR t.organisation_id IN (SELECT organisation_id FROM network_memberships WHERE status = 'active' AND network_id IN ${activeNetworksOf(org)})`,
  // Employers: own, and active partners' employers their owner shares (shared_with_networks); their
  // tutors and agreements with them.
  employers: (org) => sharedEmployer(org, sql`t`),
  employer_tutors: (org) =>
    sql`t.organisation_id = ${org} OR EXISTS (SELECT 1 FROM employers e WHERE e.id = t.employer_id AND e.organisation_id = t.organisation_id AND (${sharedEmployer(org, sql`e`)}))`,
  employer_agreements: (org) =>
    sql`t.organisation_id = ${org} OR EXISTS (SELECT 1 FROM employers e WHERE e.id = t.employer_id AND e.organisation_id = t.organisation_id AND (${sharedEmployer(org, sql`e`)}))`,
};
const OWN: Rule = (org) => sql`t.organisation_id = ${org}`;

describe.each(ENGINES.map((e) => [e.name, e] as const))('row-level security of every table on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let tables: TableInfo[];
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await seedDemo(ctx, { cases: 6 });
    // An organisation outside the demo network, so network-shared rows have someone who must not see them.
    await createOrganisation(ctx, { slug: 'west', name: 'Demo Shelter West' });
    await createUserInOrganisation(ctx, {
      organisationSlug: 'west',
      email: 'admin@west.demo.test',
      displayName: 'Demo Admin West',
      password: 'ariadne-demo-2026',
      roles: ['admin'],
    });
    for (const slug of ['north', 'south', 'east', 'west'])
      orgs[slug] = (await organisationsRepo.findBySlug(ctx.db.system, slug))!.id;
    const network = await ctx.db.system.selectFrom('networks').select('id').executeTakeFirstOrThrow();
    tables = await publicTables(ctx.db.system);
    // One row per organisation in every tenant table the seed left without one (new tables included).
    const slugs = Object.keys(orgs);
    for (const table of tables.filter((t) => t.organisationColumns.length > 0)) {
      const owner = table.organisationColumns.includes('organisation_id')
        ? 'organisation_id'
        : table.organisationColumns[0]!;
      for (const [i, slug] of slugs.entries()) {
        const present = await sql<{
          n: number | string;
        }>`SELECT count(*) AS n FROM ${sql.table(table.name)} WHERE ${sql.ref(owner)} = ${orgs[slug]}`.execute(
          ctx.db.system,
        );
        if (Number(present.rows[0]!.n) === 0)
          await insertSyntheticRow(
            ctx.db.system,
            table.name,
            orgs[slug]!,
            orgs[slugs[(i + 1) % slugs.length]!]!,
            network.id,
          );
      }
    }
  });
  afterAll(() => ctx.dispose());

  test('every table with an organisation column has row-level security and a policy', () => {
    const tenant = tables.filter((t) => t.organisationColumns.length > 0);
    expect(tenant.map((t) => t.name)).toEqual(
      expect.arrayContaining(['cases', 'notifications', 'privacy_releases', 'referrals', 'linkage_reviews']),
    );
    for (const t of tenant) {
      expect(t.rowSecurity, `${t.name} has RLS enabled`).toBe(true);
      // RLS without a policy denies every row; that is only right for tables the app role cannot reach
      // at all (organisation_keys, sessions: the system context reads them before any tenant is known).
      if (t.appCan.select || t.appCan.insert || t.appCan.update)
        expect(t.policies, `${t.name} has a policy`).toBeGreaterThan(0);
    }
  });

  test('every table the application role can reach has row-level security', () => {
    for (const t of tables.filter((t) => t.appCan.select || t.appCan.insert || t.appCan.update)) {
      expect(t.rowSecurity, `${t.name} is reachable by ariadne_app without RLS`).toBe(true);
    }
  });

  test('in each organisation the app role sees exactly the rows its rule names: no foreign row, none hidden', async () => {
    const readable = tables.filter((t) => t.appCan.select);
    expect(readable.map((t) => t.name)).toEqual(
      expect.arrayContaining(['notifications', 'privacy_releases', 'referrals']),
    );
    for (const table of readable) {
      const rule = SHARED[table.name] ?? (table.organisationColumns.includes('organisation_id') ? OWN : undefined);
      expect(
        rule,
        `${table.name}: readable by the app role, but no visibility rule is stated in rls.test.ts`,
      ).toBeDefined();
      const all = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table.name)}`.execute(
        ctx.db.system,
      );
      expect(Number(all.rows[0]!.n), `${table.name} has rows to test with`).toBeGreaterThan(0);
      let hidden = 0;
      // '' is "no tenant": a transaction that forgot to set one.
      for (const org of [...Object.values(orgs), '']) {
        const expected = await sql<{
          h: string;
        }>`SELECT md5(to_jsonb(t)::text) AS h FROM ${sql.table(table.name)} t WHERE ${rule!(org || null)}`.execute(
          ctx.db.system,
        );
        const visible = await withTenant(ctx.db, { organisationId: org }, (tx) =>
          sql<{ h: string }>`SELECT md5(to_jsonb(t)::text) AS h FROM ${sql.table(table.name)} t`.execute(tx),
        );
        expect(visible.rows.map((r) => r.h).sort(), `${table.name} as ${org || 'no tenant'}`).toEqual(
          expected.rows.map((r) => r.h).sort(),
        );
        hidden += Number(all.rows[0]!.n) - expected.rows.length;
      }
      // Non-vacuous: some tenant must be denied some row (only the organisation names are public).
      if (table.name !== 'organisations')
        expect(hidden, `${table.name}: no row is hidden from anyone, so the check proves nothing`).toBeGreaterThan(0);
    }
  });

  test("the app role cannot write a row into another organisation's tenant table", async () => {
    for (const table of tables.filter((t) => t.organisationColumns.includes('organisation_id') && t.appCan.select)) {
      const [north, south] = [orgs.north!, orgs.south!];
      // users: a row is shared through memberships and organisation_id is only the home organisation, so its
      // update rule is not the tenant column; a new user still gets the current organisation as its home.
      const own = !SHARED[table.name];
      if (table.appCan.insert) {
        await expect(
          withTenant(ctx.db, { organisationId: north }, (tx) =>
            sql`
          INSERT INTO ${sql.table(table.name)}
          SELECT (jsonb_populate_record(NULL::${sql.table(table.name)}, to_jsonb(r) || jsonb_build_object('organisation_id', ${south}::text))).*
          FROM ${sql.table(table.name)} r WHERE r.organisation_id = ${north} LIMIT 1`.execute(tx),
          ),
          `${table.name} INSERT`,
        ).rejects.toThrow(/row-level security/);
      }
      if (table.appCan.update && own) {
        await expect(
          withTenant(ctx.db, { organisationId: north }, (tx) =>
            sql`UPDATE ${sql.table(table.name)} SET organisation_id = ${south} WHERE organisation_id = ${north}`.execute(
              tx,
            ),
          ),
          `${table.name} UPDATE`,
        ).rejects.toThrow(/row-level security/);
      }
    }
  });
});

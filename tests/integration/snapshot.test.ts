/**
 * The fuzz test's "a rejected request changes no row" is only as strong as its fingerprint:
 * every table must be in it, and a change to any row of any table must show.
 */
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../src/services/demo-seed';
import { createTestContext, ENGINES } from './support/engines';
import { installChangeWitness, type ChangeWitness } from './support/change-witness';
import { fingerprint, fingerprintedTables } from './support/snapshot';

class Rollback extends Error {}

describe.each(ENGINES.map((e) => [e.name, e] as const))('the fuzz fingerprint on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await seedDemo(ctx);
    // The demo seed leaves these empty; one row each so the checks below have something to see.
    await sql`INSERT INTO sessions (token_hash, user_id, organisation_id, csrf_token, expires_at)
      SELECT 'fingerprint-test', m.user_id, m.organisation_id, 'csrf', now() + interval '1 hour' FROM memberships m LIMIT 1`.execute(
      ctx.db.system,
    );
    await sql`INSERT INTO notifications (organisation_id, id, user_id, kind)
      SELECT m.organisation_id, gen_random_uuid(), m.user_id, 'referral.received' FROM memberships m LIMIT 1`.execute(
      ctx.db.system,
    );
    await sql`INSERT INTO privacy_releases (network_id, release_key, organisation_id, epsilon, mechanism, query, published)
      SELECT nm.network_id, 'rk_' || repeat('0', 64), nm.organisation_id, 0.5, 'geometric', '{}'::jsonb, '{}'::jsonb
      FROM network_memberships nm LIMIT 1`.execute(ctx.db.system);
  });
  afterAll(() => ctx.dispose());

  test('covers every base table of the public schema, those added by later migrations included', async () => {
    const catalogue = await sql<{ relname: string }>`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(ctx.db.system);
    const tables = catalogue.rows.map((r) => r.relname);
    expect(tables).toEqual(
      expect.arrayContaining(['privacy_releases', 'notifications', 'sessions', 'linkage_runs', 'staff_roles']),
    );
    expect(Object.keys(await fingerprint(ctx.db)).sort()).toEqual([...tables].sort());
    expect((await fingerprintedTables(ctx.db.system)).sort()).toEqual([...tables].sort());
  });

  test('is deterministic: the same rows give the same fingerprint', async () => {
    expect(await fingerprint(ctx.db)).toEqual(await fingerprint(ctx.db));
  });

  test("removing the rows of any table changes that table's entry and no other", async () => {
    const before = await fingerprint(ctx.db);
    const populated = Object.keys(before).filter((t) => !before[t]!.startsWith('0:'));
    expect(populated).toEqual(expect.arrayContaining(['privacy_releases', 'notifications', 'sessions', 'audit_log']));
    for (const table of populated) {
      await expect(
        ctx.db.system.transaction().execute(async (tx) => {
          // Only inside this rolled-back transaction: foreign keys and the append-only triggers are not the point here.
          await sql`SET LOCAL session_replication_role = replica`.execute(tx);
          await sql`DELETE FROM ${sql.table(table)}`.execute(tx);
          const after = await fingerprint(tx);
          expect(after[table], table).not.toEqual(before[table]);
          expect({ ...after, [table]: before[table] }).toEqual(before);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    }
  });

  test('an edited column shows, except the sliding session timestamp written before a request is routed', async () => {
    const before = await fingerprint(ctx.db);
    for (const [statement, changes] of [
      [sql`UPDATE sessions SET last_seen_at = last_seen_at + interval '5 minutes'`, false],
      [sql`UPDATE sessions SET expires_at = expires_at + interval '5 minutes'`, true],
      [sql`UPDATE privacy_releases SET epsilon = epsilon * 2`, true],
      [sql`UPDATE notifications SET read_at = now()`, true],
    ] as const) {
      await expect(
        ctx.db.system.transaction().execute(async (tx) => {
          await statement.execute(tx);
          const after = await fingerprint(tx);
          if (changes) expect(after).not.toEqual(before);
          else expect(after).toEqual(before);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    }
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('the fuzz change witness on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let witness: ChangeWitness;

  beforeAll(async () => {
    ctx = await createTestContext(engine, {}, { seeded: true });
    witness = await installChangeWitness(ctx.db);
    await sql`INSERT INTO sessions (token_hash, user_id, organisation_id, csrf_token, expires_at)
      SELECT 'witness-test', m.user_id, m.organisation_id, 'csrf', now() + interval '1 hour' FROM memberships m LIMIT 1`.execute(
      ctx.db.system,
    );
  });
  afterAll(() => ctx.dispose());

  test('every base table of the public schema carries its row trigger', async () => {
    const triggered = await sql<{ relname: string }>`
      SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE t.tgname = 'zz_row_change' AND c.relnamespace = 'public'::regnamespace`.execute(ctx.db.system);
    const tables = (await fingerprintedTables(ctx.db.system)).filter((table) => table !== 'zz_test_row_changes');
    expect(tables.length).toBeGreaterThan(30);
    expect(triggered.rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
  });

  test('a committed insert, update or delete counts; a rolled-back one, an unchanged row and the sliding session timestamp do not', async () => {
    let last = await witness.look();
    const expectChange = async (statement: RawBuilder<unknown>, counts: boolean) => {
      await statement.execute(ctx.db.system);
      const now = await witness.look();
      expect(now.rowChanges > last.rowChanges, statement.compile(ctx.db.system).sql).toBe(counts);
      expect(now.schema).toEqual(last.schema);
      last = now;
    };
    await expectChange(sql`UPDATE sessions SET last_seen_at = last_seen_at + interval '5 minutes'`, false);
    await expectChange(sql`UPDATE sessions SET expires_at = expires_at`, false);
    await expectChange(sql`UPDATE sessions SET expires_at = expires_at + interval '5 minutes'`, true);
    await expectChange(
      sql`INSERT INTO notifications (organisation_id, id, user_id, kind)
        SELECT m.organisation_id, gen_random_uuid(), m.user_id, 'referral.received' FROM memberships m LIMIT 1`,
      true,
    );
    await expectChange(sql`DELETE FROM notifications`, true);
    await expectChange(sql`DELETE FROM notifications`, false);

    await expect(
      ctx.db.system.transaction().execute(async (tx) => {
        await sql`UPDATE sessions SET expires_at = expires_at + interval '1 day'`.execute(tx);
        expect((await witness.look(tx)).rowChanges).toBeGreaterThan(last.rowChanges);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await witness.look()).toEqual(last);
  });

  test('a changed table shape shows', async () => {
    const before = await witness.look();
    await expect(
      ctx.db.system.transaction().execute(async (tx) => {
        await sql`ALTER TABLE notifications ADD COLUMN smuggled text`.execute(tx);
        expect((await witness.look(tx)).schema).not.toEqual(before.schema);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await witness.look()).toEqual(before);
  });
});

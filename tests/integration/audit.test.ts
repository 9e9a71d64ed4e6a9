/** The audit log survives normal use and `ariadne audit verify` detects tampering, also against checkpoints kept elsewhere. */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entryLeafHash } from '../../src/domain/audit/chain';
import { parseCheckpointFile, parseCheckpointNote } from '../../src/domain/audit/checkpoint';
import { verifyInclusion } from '../../src/domain/audit/merkle';
import { KeyRing } from '../../src/security/field-encryption';
import { latestCheckpoints, proveEntry, sealAll, sealOrganisation, verifyAllChains } from '../../src/services/audit';
import { createOrganisation } from '../../src/services/organisations';
import { withSystem, withTenant } from '../../src/storage/database';
import { listMigrations, migrate } from '../../src/storage/migrate';
import { auditRepo } from '../../src/storage/repositories/audit';
import { keyStore } from '../../src/storage/repositories/keys';
import { ENGINES, testConfig } from './support/engines';
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

  /** A fresh organisation with `n` sealed entries and its exported checkpoint, as someone kept it outside the database. */
  async function orgWithLog(n: number) {
    const org = await createOrganisation(t.ctx, { slug: `audit-${crypto.randomBytes(4).toString('hex')}`, name: 'Audit test' });
    for (let i = 1; i < n; i++) await withTenant(t.ctx.db, { organisationId: org.id }, (tx) => auditRepo.append(tx, { organisationId: org.id, actorUserId: null, action: 'test.entry', entityType: 'test', entityId: String(i), fields: ['a'] }));
    await sealOrganisation(t.ctx, org.id);
    const [exported] = await latestCheckpoints(t.ctx, org.slug);
    expect(exported.treeSize).toBe(n);
    const verdict = async (external = [exported.note]) => (await verifyAllChains(t.ctx, { external: external.map(parseCheckpointNote) })).find((r) => r.organisationId === org.id)!.verdict;
    return { org, exported, verdict };
  }
  const db = () => t.ctx.db.kysely;

  test('deleting the newest entries (and the checkpoints that covered them) is detected against an exported checkpoint', async () => {
    const { org, verdict } = await orgWithLog(6);
    await sql`DELETE FROM audit_checkpoints WHERE organisation_id = ${org.id}`.execute(db());
    await sql`DELETE FROM audit_log WHERE organisation_id = ${org.id} AND seq > 3`.execute(db());
    expect(await verdict()).toMatchObject({ ok: false, reason: 'truncated', brokenAtSeq: 4 });
  });

  test("deleting an organisation's whole log is detected against an exported checkpoint, and only against one", async () => {
    const { org, verdict } = await orgWithLog(4);
    await sql`DELETE FROM audit_checkpoints WHERE organisation_id = ${org.id}`.execute(db());
    await sql`DELETE FROM audit_log WHERE organisation_id = ${org.id}`.execute(db());
    expect(await verdict([])).toMatchObject({ ok: true, entries: 0 });
    expect(await verdict()).toMatchObject({ ok: false, reason: 'chain_missing' });
  });

  test('an edit with its leaf hash recomputed breaks the signed root; re-sealing the whole log is caught by the exported checkpoint', async () => {
    const { org, verdict } = await orgWithLog(5);
    const [row] = (await auditRepo.sealed(db(), org.id)).filter((e) => e.seq === 2);
    const edited = { ...row, entityId: 'rewritten' };
    await sql`UPDATE audit_log SET entity_id = 'rewritten', leaf_hash = ${entryLeafHash(edited).toString('hex')} WHERE id = ${row.id}`.execute(db());
    expect(await verdict([])).toMatchObject({ ok: false, reason: 'root_mismatch' });
    // With database access, unseal everything and drop the checkpoints: the sealer signs the rewritten log anew.
    await sql`DELETE FROM audit_checkpoints WHERE organisation_id = ${org.id}`.execute(db());
    await sql`UPDATE audit_log SET seq = NULL, leaf_hash = NULL WHERE organisation_id = ${org.id}`.execute(db());
    expect(await verdict([])).toMatchObject({ ok: true, entries: 5 });
    expect(await verdict()).toMatchObject({ ok: false, reason: 'inconsistent_checkpoints' });
  });

  test('`audit checkpoint --json` output read back as a file verifies; every entry has an inclusion proof in the signed root', async () => {
    const { org, exported } = await orgWithLog(7);
    const file = JSON.stringify({ checkpoints: await latestCheckpoints(t.ctx) });
    const external = parseCheckpointFile(file);
    expect(external.map((x) => x.origin)).toContain(exported.origin);
    expect((await verifyAllChains(t.ctx, { external })).find((r) => r.organisationId === org.id)!.verdict).toMatchObject({ ok: true, entries: 7 });
    const root = parseCheckpointNote(exported.note).rootHash;
    for (let seq = 1; seq <= 7; seq++) {
      const p = await proveEntry(t.ctx, org.slug, seq);
      expect(p.verified).toBe(true);
      expect(verifyInclusion(p.leafIndex, p.treeSize, Buffer.from(p.leafHash, 'hex'), p.proof.map((h) => Buffer.from(h, 'base64')), root)).toBe(true);
    }
  });

  test('checkpoints signed by another master key are refused', async () => {
    const { exported } = await orgWithLog(2);
    const other = { ...t.ctx, keyRing: new KeyRing(crypto.randomBytes(32), keyStore(t.ctx.db.kysely)) };
    const results = await verifyAllChains(other, { external: [parseCheckpointNote(exported.note)] });
    expect(results.every((r) => r.verdict.ok)).toBe(false);
    expect(results.find((r) => r.organisationId === exported.organisationId)!.verdict).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  test('the application role can append only pending entries and cannot change checkpoints', async () => {
    const { org } = await orgWithLog(2);
    const asApp = (statement: ReturnType<typeof sql>) => withTenant(t.ctx.db, { organisationId: org.id }, (tx) => statement.execute(tx));
    await expect(asApp(sql`INSERT INTO audit_log (organisation_id, at, action, entity_type, seq, leaf_hash) VALUES (${org.id}, now(), 'x', 'x', 99, 'x')`)).rejects.toThrow(/row-level security/);
    await expect(asApp(sql`UPDATE audit_checkpoints SET tree_size = 1`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`DELETE FROM audit_checkpoints`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`INSERT INTO audit_checkpoints (organisation_id, tree_size, root_hash, signature, frontier) VALUES (${org.id}, 9, 'x', 'x', '{}')`)).rejects.toThrow(/permission denied/);
  });

  test('sealers running at once give every entry exactly one leaf and a consistent chain of checkpoints', async () => {
    const { org } = await orgWithLog(1);
    const append = (i: number) => withTenant(t.ctx.db, { organisationId: org.id }, (tx) => auditRepo.append(tx, { organisationId: org.id, actorUserId: null, action: 'test.concurrent', entityType: 'test', entityId: String(i) }));
    await Promise.all([...Array.from({ length: 20 }, (_, i) => append(i)), sealAll(t.ctx), sealAll(t.ctx), sealOrganisation(t.ctx, org.id), sealOrganisation(t.ctx, org.id)]);
    await sealOrganisation(t.ctx, org.id);
    const seqs = (await auditRepo.sealed(db(), org.id)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect((await verifyAllChains(t.ctx)).find((r) => r.organisationId === org.id)!.verdict).toMatchObject({ ok: true, entries: 21 });
  });

  test('a read-only tenant transaction commits asynchronously; others keep the server setting', async () => {
    const setting = (asyncCommit?: boolean) => withTenant(t.ctx.db, { organisationId: crypto.randomUUID() }, async (tx) =>
      (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(tx)).rows[0].s, { asyncCommit });
    expect(await setting(true)).toBe('off');
    expect(await setting()).toBe('on');
  });

  // PGlite has one connection, so two open transactions cannot exist there: this needs PostgreSQL.
  test.runIf(engine.name === 'postgres')('an open transaction that appended does not block another append of the same organisation, nor the sealer', async () => {
    const { org } = await orgWithLog(1);
    const event = (id: string) => ({ organisationId: org.id, actorUserId: null, action: 'test.open', entityType: 'test', entityId: id });
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let appended!: () => void;
    const firstAppended = new Promise<void>((resolve) => { appended = resolve; });
    const first = withTenant(t.ctx.db, { organisationId: org.id }, async (tx) => { await auditRepo.append(tx, event('first')); appended(); await held; });
    await firstAppended;
    // With the old per-organisation lock held to COMMIT this append would wait for `first` forever.
    await withTenant(t.ctx.db, { organisationId: org.id }, (tx) => auditRepo.append(tx, event('second')));
    expect(await sealOrganisation(t.ctx, org.id)).toEqual({ sealed: 1, treeSize: 2 });
    release();
    await first;
    expect(await sealOrganisation(t.ctx, org.id)).toEqual({ sealed: 1, treeSize: 3 });
    expect((await auditRepo.sealed(db(), org.id)).map((e) => e.entityId)).toEqual([org.id, 'second', 'first']);
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('migration 024 on %s', (_name, engine) => {
  test('entries written before it become leaves in their old order and verify', async () => {
    const db = await engine.open();
    try {
      await db.execScript('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of listMigrations().filter((m) => m.version < 24)) {
        await db.execScript(`BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}');\nCOMMIT;`);
      }
      const orgs = [crypto.randomUUID(), crypto.randomUUID()];
      for (const [i, id] of orgs.entries()) await sql`INSERT INTO organisations (id, slug, name) VALUES (${id}, ${`legacy-${i}`}, 'Legacy')`.execute(db.kysely);
      // Old rows, inserted out of seq order, with their old hash chain values.
      for (const seq of [3, 1, 2]) for (const id of orgs) {
        await sql`INSERT INTO audit_log (organisation_id, seq, at, actor_user_id, action, entity_type, entity_id, fields, prev_hash, hash)
          VALUES (${id}, ${seq}, ${new Date(Date.UTC(2025, 0, seq))}, NULL, ${`legacy.${seq}`}, 'case', NULL, '{}', ${'p' + seq}, ${'h' + seq})`.execute(db.kysely);
      }
      await migrate(db);
      const ctx = { config: testConfig(), db, keyRing: new KeyRing(crypto.randomBytes(32), keyStore(db.kysely)) };
      const results = await verifyAllChains(ctx);
      expect(results.map((r) => r.verdict)).toEqual([{ ok: true, entries: 3, treeSize: 3, checkpoints: 1 }, { ok: true, entries: 3, treeSize: 3, checkpoints: 1 }]);
      for (const id of orgs) {
        const sealed = await withSystem(db, (tx) => auditRepo.sealed(tx, id));
        expect(sealed.map((e) => [e.seq, e.action, e.hash])).toEqual([[1, 'legacy.1', 'h1'], [2, 'legacy.2', 'h2'], [3, 'legacy.3', 'h3']]);
      }
    } finally {
      await db.dispose();
    }
  });
});

/** The audit log survives normal use and `ariadne audit verify` detects tampering, also against checkpoints kept elsewhere. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';
import { entryLeafHash } from '../../src/domain/audit/chain';
import {
  AUDIT_KEY_NAME,
  formatNote,
  parseCheckpointFile,
  parseCheckpointNote,
  signerFromSeed,
  signNoteBody,
  verifyNoteSignature,
} from '../../src/domain/audit/checkpoint';
import { verifyInclusion } from '../../src/domain/audit/merkle';
import { KeyRing } from '../../src/security/field-encryption';
import {
  auditPublicKey,
  latestCheckpoints,
  proveEntry,
  sealAll,
  sealOrganisation,
  verifyAllChains,
} from '../../src/services/audit';
import { rewrapAllKeys } from '../../src/services/keys';
import { createOrganisation } from '../../src/services/organisations';
import { withSystem, withTenant } from '../../src/storage/database';
import { listMigrations, migrate } from '../../src/storage/migrate';
import { auditRepo } from '../../src/storage/repositories/audit';
import { auditSigningKeysRepo } from '../../src/storage/repositories/audit-signing-keys';
import { keyStore } from '../../src/storage/repositories/keys';
import { ENGINES, testConfig } from './support/engines';
import { createTestApp, type TestApp } from './support/app';

describe.each(ENGINES.map((e) => [e.name, e] as const))('audit chain on %s', (_name, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  test('concurrent writes keep one unbroken chain per organisation', async () => {
    const admin = await t.as('admin@north.demo.test');
    await Promise.all(Array.from({ length: 8 }, () => admin.get('/api/users')));
    const results = await verifyAllChains(t.ctx);
    expect(results.map((r) => r.verdict.ok)).toEqual([true, true, true]);
    expect(results.find((r) => r.organisation === 'north')!.verdict.entries).toBeGreaterThan(8);
  });

  test('a row edited behind the application is reported as the first broken link', async () => {
    const north = await t.ctx.db.system
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'north')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET action = 'user.list.tampered' WHERE organisation_id = ${north.id} AND seq = 3`.execute(
      t.ctx.db.system,
    );
    const results = await verifyAllChains(t.ctx);
    expect(results.find((r) => r.organisation === 'north')!.verdict).toMatchObject({
      ok: false,
      brokenAtSeq: 3,
      reason: 'hash_mismatch',
    });
    expect(results.find((r) => r.organisation === 'south')!.verdict.ok).toBe(true);
  });

  /** A fresh organisation with `n` sealed entries and its exported checkpoint, as someone kept it outside the database. */
  async function orgWithLog(n: number) {
    const org = await createOrganisation(t.ctx, {
      slug: `audit-${crypto.randomBytes(4).toString('hex')}`,
      name: 'Audit test',
    });
    for (let i = 1; i < n; i++)
      await withTenant(t.ctx.db, { organisationId: org.id }, (tx) =>
        auditRepo.append(tx, {
          organisationId: org.id,
          actorUserId: null,
          action: 'test.entry',
          entityType: 'test',
          entityId: String(i),
          fields: ['a'],
        }),
      );
    await sealOrganisation(t.ctx, org.id);
    const [exported] = await latestCheckpoints(t.ctx, org.slug);
    expect(exported.treeSize).toBe(n);
    const verdict = async (external = [exported.note]) =>
      (await verifyAllChains(t.ctx, { external: external.map(parseCheckpointNote) })).find(
        (r) => r.organisationId === org.id,
      )!.verdict;
    return { org, exported, verdict };
  }
  const db = () => t.ctx.db.system;

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
    await sql`UPDATE audit_log SET entity_id = 'rewritten', leaf_hash = ${entryLeafHash(edited).toString('hex')} WHERE id = ${row.id}`.execute(
      db(),
    );
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
    expect(
      (await verifyAllChains(t.ctx, { external })).find((r) => r.organisationId === org.id)!.verdict,
    ).toMatchObject({ ok: true, entries: 7 });
    const root = parseCheckpointNote(exported.note).rootHash;
    for (let seq = 1; seq <= 7; seq++) {
      const p = await proveEntry(t.ctx, org.slug, seq);
      expect(p.verified).toBe(true);
      expect(
        verifyInclusion(
          p.leafIndex,
          p.treeSize,
          Buffer.from(p.leafHash, 'hex'),
          p.proof.map((h) => Buffer.from(h, 'base64')),
          root,
        ),
      ).toBe(true);
    }
  });

  test('a checkpoint signed by another key is refused; another master key cannot sign or verify at all', async () => {
    const { exported } = await orgWithLog(2);
    const parsed = parseCheckpointNote(exported.note);
    const forged = formatNote(
      parsed.body,
      AUDIT_KEY_NAME,
      signNoteBody(parsed.body, signerFromSeed(AUDIT_KEY_NAME, crypto.randomBytes(32))),
    );
    const results = await verifyAllChains(t.ctx, { external: [parseCheckpointNote(forged)] });
    expect(results.find((r) => r.organisationId === exported.organisationId)!.verdict).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    // The signing seed is stored wrapped by the master key: another key does not open it, and says so.
    const other = { ...t.ctx, keyRing: new KeyRing(crypto.randomBytes(32), keyStore(t.ctx.db.system)) };
    await expect(verifyAllChains(other, { external: [parsed] })).rejects.toMatchObject({
      name: 'MasterKeyError',
      code: 'master_key_mismatch',
      message: expect.stringMatching(/does not unwrap the audit log's checkpoint signing key/),
    });
    await expect(sealOrganisation(other, exported.organisationId)).rejects.toMatchObject({
      code: 'master_key_mismatch',
    });
  });

  test('the application role can append only pending entries and cannot change checkpoints', async () => {
    const { org } = await orgWithLog(2);
    const asApp = (statement: ReturnType<typeof sql>) =>
      withTenant(t.ctx.db, { organisationId: org.id }, (tx) => statement.execute(tx));
    await expect(
      asApp(
        sql`INSERT INTO audit_log (organisation_id, at, action, entity_type, seq, leaf_hash) VALUES (${org.id}, now(), 'x', 'x', 99, 'x')`,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(asApp(sql`UPDATE audit_checkpoints SET tree_size = 1`)).rejects.toThrow(/permission denied/);
    await expect(asApp(sql`DELETE FROM audit_checkpoints`)).rejects.toThrow(/permission denied/);
    await expect(
      asApp(
        sql`INSERT INTO audit_checkpoints (organisation_id, tree_size, root_hash, signature, frontier) VALUES (${org.id}, 9, 'x', 'x', '{}')`,
      ),
    ).rejects.toThrow(/permission denied/);
  });

  test('sealers running at once give every entry exactly one leaf and a consistent chain of checkpoints', async () => {
    const { org } = await orgWithLog(1);
    const append = (i: number) =>
      withTenant(t.ctx.db, { organisationId: org.id }, (tx) =>
        auditRepo.append(tx, {
          organisationId: org.id,
          actorUserId: null,
          action: 'test.concurrent',
          entityType: 'test',
          entityId: String(i),
        }),
      );
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => append(i)),
      sealAll(t.ctx),
      sealAll(t.ctx),
      sealOrganisation(t.ctx, org.id),
      sealOrganisation(t.ctx, org.id),
    ]);
    await sealOrganisation(t.ctx, org.id);
    const seqs = (await auditRepo.sealed(db(), org.id)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect((await verifyAllChains(t.ctx)).find((r) => r.organisationId === org.id)!.verdict).toMatchObject({
      ok: true,
      entries: 21,
    });
  });

  test('a read-only tenant transaction commits asynchronously; others keep the server setting', async () => {
    const setting = (asyncCommit?: boolean) =>
      withTenant(
        t.ctx.db,
        { organisationId: crypto.randomUUID() },
        async (tx) =>
          (await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(tx)).rows[0].s,
        { asyncCommit },
      );
    expect(await setting(true)).toBe('off');
    expect(await setting()).toBe('on');
  });

  // PGlite has one connection, so two open transactions cannot exist there: this needs PostgreSQL.
  test.runIf(engine.name === 'postgres')(
    'an open transaction that appended does not block another append of the same organisation, nor the sealer',
    async () => {
      const { org } = await orgWithLog(1);
      const event = (id: string) => ({
        organisationId: org.id,
        actorUserId: null,
        action: 'test.open',
        entityType: 'test',
        entityId: id,
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let appended!: () => void;
      const firstAppended = new Promise<void>((resolve) => {
        appended = resolve;
      });
      const first = withTenant(t.ctx.db, { organisationId: org.id }, async (tx) => {
        await auditRepo.append(tx, event('first'));
        appended();
        await held;
      });
      await firstAppended;
      // With the old per-organisation lock held to COMMIT this append would wait for `first` forever.
      await withTenant(t.ctx.db, { organisationId: org.id }, (tx) => auditRepo.append(tx, event('second')));
      expect(await sealOrganisation(t.ctx, org.id)).toEqual({ sealed: 1, treeSize: 2 });
      release();
      await first;
      expect(await sealOrganisation(t.ctx, org.id)).toEqual({ sealed: 1, treeSize: 3 });
      expect((await auditRepo.sealed(db(), org.id)).map((e) => e.entityId)).toEqual([org.id, 'second', 'first']);
    },
  );
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('migration 024 on %s', (_name, engine) => {
  test('entries written before it become leaves in their old order and verify', async () => {
    const db = await engine.open();
    try {
      await db.execScript(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const m of listMigrations().filter((m) => m.version < 24)) {
        await db.execScript(
          `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}');\nCOMMIT;`,
        );
      }
      const orgs = [crypto.randomUUID(), crypto.randomUUID()];
      for (const [i, id] of orgs.entries())
        await sql`INSERT INTO organisations (id, slug, name) VALUES (${id}, ${`legacy-${i}`}, 'Legacy')`.execute(
          db.system,
        );
      // Old rows, inserted out of seq order, with their old hash chain values.
      for (const seq of [3, 1, 2])
        for (const id of orgs) {
          await sql`INSERT INTO audit_log (organisation_id, seq, at, actor_user_id, action, entity_type, entity_id, fields, prev_hash, hash)
          VALUES (${id}, ${seq}, ${new Date(Date.UTC(2025, 0, seq))}, NULL, ${`legacy.${seq}`}, 'case', NULL, '{}', ${'p' + seq}, ${'h' + seq})`.execute(
            db.system,
          );
        }
      await migrate(db);
      const ctx = { config: testConfig(), db, keyRing: new KeyRing(crypto.randomBytes(32), keyStore(db.system)) };
      const results = await verifyAllChains(ctx);
      expect(results.map((r) => r.verdict)).toEqual([
        { ok: true, entries: 3, treeSize: 3, checkpoints: 1 },
        { ok: true, entries: 3, treeSize: 3, checkpoints: 1 },
      ]);
      for (const id of orgs) {
        const sealed = await withSystem(db, (tx) => auditRepo.sealed(tx, id));
        expect(sealed.map((e) => [e.seq, e.action, e.hash])).toEqual([
          [1, 'legacy.1', 'h1'],
          [2, 'legacy.2', 'h2'],
          [3, 'legacy.3', 'h3'],
        ]);
      }
    } finally {
      await db.dispose();
    }
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))(
  'audit signing key and master-key rotation on %s',
  (_name, engine) => {
    let db: Awaited<ReturnType<typeof engine.open>>;
    beforeEach(async () => {
      db = await engine.open();
      await migrate(db);
    });
    afterEach(() => db.dispose());

    /** A context on the shared database with its own key ring (so nothing is cached across master keys). */
    const contextFor = (masterKey: Buffer) => ({
      config: testConfig(),
      db,
      keyRing: new KeyRing(masterKey, keyStore(db.system)),
    });
    // Before migration 028 the seed was this HKDF derivation of the master key (security/audit-signing.ts).
    const derivedSigner = (ctx: ReturnType<typeof contextFor>) =>
      signerFromSeed(AUDIT_KEY_NAME, ctx.keyRing.deriveSecret('ariadne/audit-checkpoint-signing-key/v1'));
    const stored = async () =>
      (
        await sql<{
          version: number;
          origin: string;
          public_key: string;
          wrapped_seed: string;
        }>`SELECT * FROM audit_signing_keys`.execute(db.system)
      ).rows;
    async function logWithCheckpoint(ctx: ReturnType<typeof contextFor>, entries: number) {
      const org = await createOrganisation(ctx, {
        slug: `rot-${crypto.randomBytes(4).toString('hex')}`,
        name: 'Rotation test',
      });
      await appendEntries(ctx, org.id, entries - 1);
      await sealOrganisation(ctx, org.id);
      const [checkpoint] = await latestCheckpoints(ctx, org.slug);
      expect(checkpoint.treeSize).toBe(entries);
      return { org, checkpoint };
    }
    const appendEntries = async (ctx: ReturnType<typeof contextFor>, organisationId: string, n: number) => {
      for (let i = 0; i < n; i++)
        await withTenant(ctx.db, { organisationId }, (tx) =>
          auditRepo.append(tx, {
            organisationId,
            actorUserId: null,
            action: 'test.entry',
            entityType: 'test',
            entityId: String(i),
          }),
        );
    };
    const verdictOf = async (ctx: ReturnType<typeof contextFor>, organisationId: string, external: string[] = []) =>
      (await verifyAllChains(ctx, { external: external.map(parseCheckpointNote) })).find(
        (r) => r.organisationId === organisationId,
      )!.verdict;

    test('rotate-master re-wraps the signing seed: checkpoints from before still verify, the public key is unchanged, the old key is refused', async () => {
      const [oldMaster, newMaster] = [crypto.randomBytes(32), crypto.randomBytes(32)];
      const before = contextFor(oldMaster);
      const { org, checkpoint } = await logWithCheckpoint(before, 3);
      const publicKey = await auditPublicKey(before);
      // A new deployment's seed is random: not derived from the master key, stored only wrapped.
      const [key] = await stored();
      expect(key).toMatchObject({ version: 1, origin: 'generated', public_key: publicKey });
      expect(publicKey).not.toBe(derivedSigner(before).vkey);

      // Two organisation keys and the seed, in one transaction.
      expect(await rewrapAllKeys(before, oldMaster, newMaster)).toBe(3);
      const after = contextFor(newMaster);
      expect(await auditPublicKey(after)).toBe(publicKey);
      expect(await verdictOf(after, org.id, [checkpoint.note])).toMatchObject({ ok: true, entries: 3, checkpoints: 1 });
      // The log goes on under the new master key, consistent with the checkpoint exported before.
      await appendEntries(after, org.id, 2);
      expect(await verdictOf(after, org.id, [checkpoint.note])).toMatchObject({ ok: true, entries: 5, checkpoints: 2 });
      const [latest] = await latestCheckpoints(after, org.slug);
      const keyIdOf = (note: string) =>
        parseCheckpointNote(note).signatures.map((x) =>
          Buffer.from(x.payload, 'base64').subarray(0, 4).toString('hex'),
        );
      expect(keyIdOf(latest.note)).toEqual(keyIdOf(checkpoint.note));

      // The old master key no longer opens the seed (nor a random one): verification refuses, it does not report a broken log.
      for (const wrong of [oldMaster, crypto.randomBytes(32)]) {
        await expect(verifyAllChains(contextFor(wrong))).rejects.toMatchObject({ code: 'master_key_mismatch' });
        await expect(auditPublicKey(contextFor(wrong))).rejects.toMatchObject({ code: 'master_key_mismatch' });
      }
      // A rotation from a key that is not the current one changes nothing.
      await expect(rewrapAllKeys(contextFor(oldMaster), oldMaster, crypto.randomBytes(32))).rejects.toMatchObject({
        code: 'master_key_mismatch',
      });
      expect(await verdictOf(contextFor(newMaster), org.id, [checkpoint.note])).toMatchObject({ ok: true, entries: 5 });
    });

    test('a deployment whose checkpoints were signed with the derived key keeps that key as its stored seed, across rotations', async () => {
      const [oldMaster, newMaster] = [crypto.randomBytes(32), crypto.randomBytes(32)];
      const legacy = contextFor(oldMaster);
      // Checkpoints signed as before migration 028, with the HKDF-derived key …
      const derived = derivedSigner(legacy);
      await auditSigningKeysRepo.insertFirst(db.system, {
        wrappedSeed: legacy.keyRing.wrapSecret(legacy.keyRing.deriveSecret('ariadne/audit-checkpoint-signing-key/v1')),
        publicKey: derived.vkey,
        origin: 'derived',
      });
      const { org, checkpoint } = await logWithCheckpoint(legacy, 4);
      expect(
        verifyNoteSignature(
          parseCheckpointNote(checkpoint.note).body,
          parseCheckpointNote(checkpoint.note).signatures,
          derived,
        ),
      ).toBe(true);
      // … and no stored seed yet: the state right after migration 028.
      await sql`DELETE FROM audit_signing_keys`.execute(db.system);
      // A wrong master key at this first start stores no seed (it would derive the wrong one): it is refused.
      await expect(verifyAllChains(contextFor(crypto.randomBytes(32)))).rejects.toMatchObject({
        code: 'master_key_mismatch',
      });
      expect(await stored()).toEqual([]);

      const upgraded = contextFor(oldMaster);
      expect(await verdictOf(upgraded, org.id, [checkpoint.note])).toMatchObject({ ok: true, entries: 4 });
      expect(await auditPublicKey(upgraded)).toBe(derived.vkey);
      expect(await stored()).toMatchObject([{ version: 1, origin: 'derived', public_key: derived.vkey }]);

      await rewrapAllKeys(upgraded, oldMaster, newMaster);
      const rotated = contextFor(newMaster);
      expect(await auditPublicKey(rotated)).toBe(derived.vkey);
      await appendEntries(rotated, org.id, 1);
      expect(await verdictOf(rotated, org.id, [checkpoint.note])).toMatchObject({
        ok: true,
        entries: 5,
        checkpoints: 2,
      });
    });

    test('rotate-master before the first start after migration 028 still stores the derived seed under the old key first', async () => {
      const [oldMaster, newMaster] = [crypto.randomBytes(32), crypto.randomBytes(32)];
      const legacy = contextFor(oldMaster);
      const derived = derivedSigner(legacy);
      await auditSigningKeysRepo.insertFirst(db.system, {
        wrappedSeed: legacy.keyRing.wrapSecret(legacy.keyRing.deriveSecret('ariadne/audit-checkpoint-signing-key/v1')),
        publicKey: derived.vkey,
        origin: 'derived',
      });
      const { org, checkpoint } = await logWithCheckpoint(legacy, 2);
      await sql`DELETE FROM audit_signing_keys`.execute(db.system);
      await rewrapAllKeys(contextFor(oldMaster), oldMaster, newMaster);
      expect(await auditPublicKey(contextFor(newMaster))).toBe(derived.vkey);
      expect(await verdictOf(contextFor(newMaster), org.id, [checkpoint.note])).toMatchObject({ ok: true, entries: 2 });
    });
  },
);

describe.each(ENGINES.map((e) => [e.name, e] as const))(
  '`ariadne keys rotate-master` and the audit log on %s',
  (_name, engine) => {
    const saved = { ...process.env };
    let dir: string;
    let dropDatabase = async () => {};
    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ariadne-audit-cli-'));
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ARIADNE_DATA_DIR: path.join(dir, 'data'),
      };
      delete process.env.DATABASE_URL;
      if (engine.name === 'postgres') {
        const name = `ariadne_test_${crypto.randomBytes(6).toString('hex')}`;
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = '/' + name;
        env.DATABASE_URL = url.toString();
        dropDatabase = async () => {
          const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        };
      }
      Object.assign(process.env, env);
    });
    afterEach(async () => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function ariadne(...args: string[]): Promise<{ code: number; json: any }> {
      let stdout = '';
      const code = await main([...args, '--json'], {
        stdout: (text) => {
          stdout += text;
        },
        stderr: () => {},
      });
      return { code, json: JSON.parse(stdout) };
    }

    test('audit verify passes after rotate-master, against a checkpoint exported before, with the same public key; the old key is refused', async () => {
      const [oldMaster, newMaster] = [
        crypto.randomBytes(32).toString('base64'),
        crypto.randomBytes(32).toString('base64'),
      ];
      process.env.ARIADNE_MASTER_KEY = oldMaster;
      expect((await ariadne('create-org', '--slug', 'rotation', '--name', 'Rotation')).code).toBe(0);
      const exported = await ariadne('audit', 'checkpoint');
      expect(exported.json.checkpoints).toHaveLength(1);
      fs.writeFileSync(path.join(dir, 'checkpoints.json'), JSON.stringify(exported.json));
      const {
        json: { publicKey },
      } = await ariadne('audit', 'public-key');
      expect(exported.json.publicKey).toBe(publicKey);

      fs.writeFileSync(path.join(dir, 'new.key'), newMaster + '\n', { mode: 0o600 });
      expect(await ariadne('keys', 'rotate-master', '--new-key-file', path.join(dir, 'new.key'))).toEqual({
        code: 0,
        json: { rewrapped: 3 },
      });

      process.env.ARIADNE_MASTER_KEY = newMaster;
      const verified = await ariadne('audit', 'verify', '--checkpoint', path.join(dir, 'checkpoints.json'));
      expect(verified.code).toBe(0);
      expect(verified.json).toMatchObject({
        ok: true,
        organisations: [{ organisation: 'rotation', verdict: { ok: true } }],
      });
      expect((await ariadne('audit', 'public-key')).json.publicKey).toBe(publicKey);

      process.env.ARIADNE_MASTER_KEY = oldMaster;
      const refused = await ariadne('audit', 'verify');
      expect(refused.code).toBe(1);
      expect(refused.json).toMatchObject({ ok: false, error: { code: 'master_key_mismatch' } });
    }, 60_000);
  },
);

import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { entryLeafHash, inclusionProof, verifyLog, type SealedAuditEntry, type StoredCheckpoint } from './chain';
import {
  AUDIT_KEY_NAME,
  checkpointBody,
  checkpointOrigin,
  formatNote,
  parseCheckpointNote,
  signerFromSeed,
  signNoteBody,
  verifierFromVkey,
} from './checkpoint';
import { MerkleTree, verifyInclusion } from './merkle';

const ORG = '11111111-1111-4111-8111-111111111111';
const signer = signerFromSeed(AUDIT_KEY_NAME, Buffer.alloc(32, 7));

function entries(n: number): SealedAuditEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const e = {
      id: 100 + i,
      organisationId: ORG,
      seq: i + 1,
      at: `2026-01-0${1 + (i % 9)}T10:00:00.12345${i % 10}Z`,
      actorUserId: i % 3 ? '22222222-2222-4222-8222-222222222222' : null,
      action: 'case.read',
      entityType: 'case',
      entityId: i % 4 ? `c${i}` : null,
      fields: i % 2 ? ['name', 'status'] : [],
      prevHash: i === 0 ? 'a'.repeat(64) : null,
      hash: i === 0 ? 'b'.repeat(64) : null,
    };
    return { ...e, leafHash: entryLeafHash(e).toString('hex') };
  });
}

function checkpoint(es: readonly SealedAuditEntry[], size: number): StoredCheckpoint {
  const root = new MerkleTree(es.slice(0, size).map((e) => Buffer.from(e.leafHash, 'hex'))).root();
  return {
    treeSize: size,
    rootHash: root.toString('base64'),
    signature: signNoteBody(checkpointBody(checkpointOrigin(ORG), size, root), signer),
  };
}
const note = (c: StoredCheckpoint) =>
  parseCheckpointNote(
    formatNote(
      checkpointBody(checkpointOrigin(ORG), c.treeSize, Buffer.from(c.rootHash, 'base64')),
      AUDIT_KEY_NAME,
      c.signature,
    ),
  );
const verify = (es: SealedAuditEntry[], cps: StoredCheckpoint[], external: StoredCheckpoint[] = []) =>
  verifyLog({ organisationId: ORG, entries: es, checkpoints: cps, external: external.map(note), verifier: signer });

describe('verifiable audit log', () => {
  test('an intact log with consistent checkpoints verifies', () => {
    const es = entries(7);
    expect(verify(es, [checkpoint(es, 3), checkpoint(es, 5), checkpoint(es, 7)], [checkpoint(es, 3)])).toEqual({
      ok: true,
      entries: 7,
      treeSize: 7,
      checkpoints: 3,
    });
  });

  test.each([
    [
      'an edited action',
      (es: SealedAuditEntry[]) => {
        es[2] = { ...es[2], action: 'case.update' };
      },
      { reason: 'hash_mismatch', brokenAtSeq: 3 },
    ],
    [
      'a removed entry',
      (es: SealedAuditEntry[]) => {
        es.splice(1, 1);
      },
      { reason: 'sequence_gap', brokenAtSeq: 2 },
    ],
    [
      'an edit with its leaf hash recomputed',
      (es: SealedAuditEntry[]) => {
        const e = { ...es[1], fields: ['name'] };
        es[1] = { ...e, leafHash: entryLeafHash(e).toString('hex') };
      },
      { reason: 'root_mismatch' },
    ],
    [
      'the newest entries deleted',
      (es: SealedAuditEntry[]) => {
        es.splice(4);
      },
      { reason: 'truncated', brokenAtSeq: 5 },
    ],
  ])('detects %s', (_label, tamper, expected) => {
    const es = entries(6);
    const cps = [checkpoint(es, 2), checkpoint(es, 6)];
    tamper(es);
    expect(verify(es, cps)).toMatchObject({ ok: false, ...expected });
  });

  test('a forged checkpoint signature is refused', () => {
    const es = entries(4);
    const forged = {
      ...checkpoint(es, 4),
      signature: signNoteBody(
        checkpointBody(checkpointOrigin(ORG), 4, Buffer.alloc(32)),
        signerFromSeed(AUDIT_KEY_NAME, Buffer.alloc(32, 9)),
      ),
    };
    expect(verify(es, [forged])).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  test('against an external checkpoint: truncation, whole-log deletion and a rewrite with re-signed checkpoints are caught', () => {
    const es = entries(6);
    const external = checkpoint(es, 5);
    // Truncation with the stored checkpoints deleted to match.
    expect(verify(es.slice(0, 3), [checkpoint(es, 3)], [external])).toMatchObject({
      ok: false,
      reason: 'truncated',
      brokenAtSeq: 4,
    });
    // The organisation's whole log deleted, checkpoints too.
    expect(verify([], [], [external])).toMatchObject({ ok: false, reason: 'chain_missing' });
    // Every entry rewritten and re-hashed, and checkpoints recomputed by whoever holds the signing key later.
    const rewritten = es.map((e) => {
      const x = { ...e, actorUserId: null };
      return { ...x, leafHash: entryLeafHash(x).toString('hex') };
    });
    expect(verify(rewritten, [checkpoint(rewritten, 6)])).toMatchObject({ ok: true });
    expect(verify(rewritten, [checkpoint(rewritten, 6)], [external])).toMatchObject({
      ok: false,
      reason: 'inconsistent_checkpoints',
    });
  });

  test('entries sealed after the latest checkpoint are reported', () => {
    const es = entries(5);
    expect(verify(es, [checkpoint(es, 3)])).toMatchObject({ ok: false, reason: 'unsigned_leaves', brokenAtSeq: 4 });
  });

  test('an inclusion proof of each entry verifies against the signed root', () => {
    const es = entries(9);
    for (const e of es) {
      const p = inclusionProof(
        es.map((x) => x.leafHash),
        e.seq,
        9,
      );
      expect(
        verifyInclusion(
          p.leafIndex,
          p.treeSize,
          Buffer.from(p.leafHash, 'hex'),
          p.proof.map((h) => Buffer.from(h, 'base64')),
          Buffer.from(checkpoint(es, 9).rootHash, 'base64'),
        ),
      ).toBe(true);
    }
  });

  test('the checkpoint note round-trips in the C2SP signed-note format and its vkey verifies it', () => {
    const c = checkpoint(entries(3), 3);
    const text = formatNote(
      checkpointBody(checkpointOrigin(ORG), 3, Buffer.from(c.rootHash, 'base64')),
      AUDIT_KEY_NAME,
      c.signature,
    );
    expect(text).toMatch(
      new RegExp(`^ariadne/audit/${ORG}\\n3\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 ariadne-audit [A-Za-z0-9+/=]+\\n$`),
    );
    const parsed = parseCheckpointNote(text);
    expect(parsed.treeSize).toBe(3);
    const verifier = verifierFromVkey(signer.vkey);
    expect(
      verifyLog({ organisationId: ORG, entries: entries(3), checkpoints: [c], external: [parsed], verifier }).ok,
    ).toBe(true);
  });

  // Every column is covered: change any field of any entry, however slightly, and verification fails.
  const text = fc.string({ maxLength: 12 });
  const FIELDS = {
    id: fc.integer({ min: 1, max: 1000 }),
    organisationId: fc.uuid(),
    seq: fc.integer({ min: 1, max: 20 }),
    // The smallest possible change: one microsecond, which a millisecond Date would lose.
    at: fc.constant('+1µs'),
    actorUserId: fc.option(fc.uuid()),
    action: text,
    entityType: text,
    entityId: fc.option(text),
    fields: fc.array(text, { maxLength: 3 }),
    prevHash: fc.option(text),
    hash: fc.option(text),
  } as const;
  test.each(Object.keys(FIELDS) as (keyof typeof FIELDS)[])(
    'property: changing %s of any entry fails verification',
    (field) => {
      const base = entries(8);
      const cps = [checkpoint(base, 4), checkpoint(base, 8)];
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 7 }), FIELDS[field] as fc.Arbitrary<unknown>, (index, value) => {
          const es = base.map((e) => ({ ...e }));
          const changed =
            field === 'at' ? es[index].at.replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10)) : value;
          fc.pre(JSON.stringify(changed) !== JSON.stringify(es[index][field]));
          (es[index] as Record<string, unknown>)[field] = changed;
          expect(verify(es, cps).ok).toBe(false);
        }),
      );
    },
  );

  test('the signing key is deterministic from its seed and distinct per seed', () => {
    expect(signerFromSeed(AUDIT_KEY_NAME, Buffer.alloc(32, 7)).vkey).toBe(signer.vkey);
    expect(signerFromSeed(AUDIT_KEY_NAME, crypto.randomBytes(32)).vkey).not.toBe(signer.vkey);
  });
});

import { describe, expect, test } from 'vitest';
import { GENESIS_HASH, hashEntry, verifyChain, type ChainedAuditEntry } from './chain';

function chain(n: number): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { organisationId: 'o', seq, at: new Date(Date.UTC(2026, 0, seq)), actorUserId: 'u', action: 'case.read', entityType: 'case', entityId: `c${seq}`, fields: ['status'] };
    const hash = hashEntry(content, prev);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  test('an intact chain verifies', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, entries: 5 });
  });
  test.each([
    ['an edited action', (c: ChainedAuditEntry[]) => { c[2] = { ...c[2], action: 'case.update' }; }, 3, 'hash_mismatch'],
    ['a removed entry', (c: ChainedAuditEntry[]) => { c.splice(1, 1); }, 2, 'sequence_gap'],
    ['a re-hashed edit', (c: ChainedAuditEntry[]) => { const e = { ...c[1], fields: ['name'] }; c[1] = { ...e, hash: hashEntry(e, e.prevHash) }; }, 3, 'prev_hash_mismatch'],
  ])('detects %s', (_label, tamper, brokenAtSeq, reason) => {
    const c = chain(5);
    tamper(c);
    expect(verifyChain(c)).toMatchObject({ ok: false, brokenAtSeq, reason });
  });
});

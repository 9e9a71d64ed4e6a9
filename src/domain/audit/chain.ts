/**
 * The audit hash chain: each entry's hash covers its content and the previous
 * entry's hash, so editing, deleting or reordering any entry breaks the chain.
 */
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  organisationId: string;
  seq: number;
  at: Date;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: readonly string[];
}

export interface ChainedAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export function hashEntry(entry: AuditEntryContent, prevHash: string): string {
  // A fixed field order makes the hash independent of object key order.
  const canonical = JSON.stringify([
    entry.organisationId, entry.seq, entry.at.toISOString(), entry.actorUserId,
    entry.action, entry.entityType, entry.entityId, [...entry.fields],
  ]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAtSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };

/** Walks entries in sequence order and reports the first broken link. */
export function verifyChain(entries: readonly ChainedAuditEntry[]): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { ok: false, entries: entries.length, brokenAtSeq: expectedSeq, reason: 'sequence_gap' };
    if (e.prevHash !== prev) return { ok: false, entries: entries.length, brokenAtSeq: e.seq, reason: 'prev_hash_mismatch' };
    if (hashEntry(e, e.prevHash) !== e.hash) return { ok: false, entries: entries.length, brokenAtSeq: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length };
}

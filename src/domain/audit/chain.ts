/**
 * The audit log as a verifiable log: each sealed entry is a leaf of a per-organisation
 * RFC 9162 Merkle tree, and signed checkpoints commit to the tree's size and root. Editing,
 * deleting, reordering or rewriting-and-rehashing entries breaks a leaf, a checkpoint or the
 * consistency between checkpoints — and truncation or deletion of a whole log shows against
 * a checkpoint kept outside the database.
 */
import {
  checkpointBody,
  checkpointOrigin,
  verifyNoteSignature,
  type NoteVerifier,
  type ParsedCheckpoint,
} from './checkpoint';
import { leafHash, MerkleTree, verifyConsistency, type Hash } from './merkle';

/** Every column of a sealed audit row; the leaf hash covers all of them. */
export interface AuditLeafEntry {
  /** Insertion id: the order in which the sealer took pending entries. */
  id: number;
  organisationId: string;
  /** 1-based; leaf index + 1. */
  seq: number;
  /** UTC, full database precision (microseconds): e.g. 2026-01-02T03:04:05.123456Z. */
  at: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: readonly string[];
  /** The pre-Merkle hash chain of rows written before migration 024; null afterwards. */
  prevHash: string | null;
  hash: string | null;
}

export interface SealedAuditEntry extends AuditLeafEntry {
  /** Hex SHA-256 leaf hash as stored by the sealer. */
  leafHash: string;
}

/**
 * Canonical leaf data: a JSON array in fixed order with a version tag. JSON of strings,
 * integers and null is unambiguous, so two different entries never share leaf data.
 */
export function leafData(e: AuditLeafEntry): Buffer {
  return Buffer.from(
    JSON.stringify([
      'ariadne.audit.leaf/v1',
      e.id,
      e.organisationId,
      e.seq,
      e.at,
      e.actorUserId,
      e.action,
      e.entityType,
      e.entityId,
      [...e.fields],
      e.prevHash,
      e.hash,
    ]),
    'utf8',
  );
}

export const entryLeafHash = (e: AuditLeafEntry): Hash => leafHash(leafData(e));

/** A checkpoint as the database stores it. */
export interface StoredCheckpoint {
  treeSize: number;
  /** base64, as in the checkpoint text. */
  rootHash: string;
  /** base64 of key id || Ed25519 signature: the payload of the signature line. */
  signature: string;
}

export type AuditFailure =
  | 'sequence_gap' // a leaf index is missing or repeated
  | 'hash_mismatch' // an entry no longer matches its stored leaf hash
  | 'bad_signature' // a checkpoint is not signed by the audit key
  | 'truncated' // a checkpoint covers more entries than remain
  | 'root_mismatch' // the entries no longer produce a signed root
  | 'inconsistent_checkpoints' // a later checkpoint does not extend an earlier one
  | 'unsigned_leaves' // sealed entries no checkpoint covers (checkpoints deleted)
  | 'chain_missing'; // an external checkpoint names a log that has no entries left

export type ChainVerdict =
  | { ok: true; entries: number; treeSize: number; checkpoints: number }
  | { ok: false; entries: number; reason: AuditFailure; brokenAtSeq?: number; treeSize?: number; detail: string };

export interface VerifyLogInput {
  organisationId: string;
  /** Sealed entries in seq order. */
  entries: readonly SealedAuditEntry[];
  /** The database's checkpoints of this log, in any order. */
  checkpoints: readonly StoredCheckpoint[];
  /** Checkpoints of this log kept outside the database (signatures are checked here). */
  external?: readonly ParsedCheckpoint[];
  verifier: NoteVerifier;
}

const fromB64 = (s: string) => Buffer.from(s, 'base64');

/**
 * Checks every leaf, every checkpoint signature and root, the consistency proof between each
 * pair of consecutive checkpoints, and each external checkpoint against the log.
 * Example: `verifyLog({ organisationId, entries, checkpoints, verifier }).ok`.
 */
export function verifyLog(input: VerifyLogInput): ChainVerdict {
  const { entries, verifier } = input;
  const n = entries.length;
  const fail = (
    reason: AuditFailure,
    detail: string,
    extra: { brokenAtSeq?: number; treeSize?: number } = {},
  ): ChainVerdict => ({ ok: false, entries: n, reason, detail, ...extra });

  const hashes: Hash[] = [];
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    if (e.seq !== i + 1) return fail('sequence_gap', `expected seq ${i + 1}, found ${e.seq}`, { brokenAtSeq: i + 1 });
    const h = e.organisationId === input.organisationId ? entryLeafHash(e) : null;
    if (!h || h.toString('hex') !== e.leafHash)
      return fail('hash_mismatch', `entry ${e.seq} does not match its leaf hash`, { brokenAtSeq: e.seq });
    hashes.push(h);
  }
  const tree = new MerkleTree(hashes);
  const origin = checkpointOrigin(input.organisationId);

  const checkpoints = [...input.checkpoints].sort((a, b) => a.treeSize - b.treeSize);
  let previous: StoredCheckpoint | undefined;
  for (const c of checkpoints) {
    const body = checkpointBody(origin, c.treeSize, fromB64(c.rootHash));
    if (!verifyNoteSignature(body, [{ name: verifier.name, payload: c.signature }], verifier)) {
      return fail('bad_signature', `checkpoint of size ${c.treeSize} is not signed by ${verifier.name}`, {
        treeSize: c.treeSize,
      });
    }
    if (c.treeSize > n)
      return fail('truncated', `checkpoint of size ${c.treeSize} but ${n} entries remain`, {
        brokenAtSeq: n + 1,
        treeSize: c.treeSize,
      });
    if (!tree.root(c.treeSize).equals(fromB64(c.rootHash)))
      return fail('root_mismatch', `entries 1..${c.treeSize} do not produce the signed root`, { treeSize: c.treeSize });
    if (
      previous &&
      !verifyConsistency(
        previous.treeSize,
        c.treeSize,
        fromB64(previous.rootHash),
        fromB64(c.rootHash),
        tree.consistencyProof(previous.treeSize, c.treeSize),
      )
    ) {
      return fail(
        'inconsistent_checkpoints',
        `checkpoint ${c.treeSize} does not extend checkpoint ${previous.treeSize}`,
        { treeSize: c.treeSize },
      );
    }
    previous = c;
  }
  for (const x of input.external ?? []) {
    if (x.origin !== origin) continue;
    if (!verifyNoteSignature(x.body, x.signatures, verifier))
      return fail('bad_signature', `external checkpoint of size ${x.treeSize} is not signed by ${verifier.name}`, {
        treeSize: x.treeSize,
      });
    if (x.treeSize === 0) continue;
    if (n === 0)
      return fail(
        'chain_missing',
        `an external checkpoint of size ${x.treeSize} names this log, which has no entries`,
        { brokenAtSeq: 1, treeSize: x.treeSize },
      );
    if (x.treeSize > n)
      return fail('truncated', `external checkpoint of size ${x.treeSize} but ${n} entries remain`, {
        brokenAtSeq: n + 1,
        treeSize: x.treeSize,
      });
    // Today's log must extend the external checkpoint (RFC 9162 consistency proof).
    if (!verifyConsistency(x.treeSize, n, x.rootHash, tree.root(n), tree.consistencyProof(x.treeSize, n))) {
      return fail(
        'inconsistent_checkpoints',
        `the log no longer extends the external checkpoint of size ${x.treeSize}`,
        { treeSize: x.treeSize },
      );
    }
  }
  const signedSize = previous?.treeSize ?? 0;
  if (signedSize < n)
    return fail('unsigned_leaves', `entries ${signedSize + 1}..${n} are covered by no signed checkpoint`, {
      brokenAtSeq: signedSize + 1,
    });
  return { ok: true, entries: n, treeSize: signedSize, checkpoints: checkpoints.length };
}

export interface InclusionProof {
  seq: number;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  /** base64 hashes, RFC 9162 audit path. */
  proof: string[];
  rootHash: string;
}

/** The inclusion proof of entry `seq` in the tree of the first `treeSize` leaves. */
export function inclusionProof(leafHashesHex: readonly string[], seq: number, treeSize: number): InclusionProof {
  const tree = new MerkleTree(leafHashesHex.slice(0, treeSize).map((h) => Buffer.from(h, 'hex')));
  return {
    seq,
    leafIndex: seq - 1,
    treeSize,
    leafHash: leafHashesHex[seq - 1],
    proof: tree.inclusionProof(seq - 1, treeSize).map((h) => h.toString('base64')),
    rootHash: tree.root(treeSize).toString('base64'),
  };
}

/**
 * The append-only audit log. Appends insert a pending row and take no lock, so audited requests
 * of one organisation never wait for one another; the sealer (services/audit.ts) later gives
 * pending rows their leaf index and leaf hash, in insertion order, and signs a checkpoint.
 */
import { sql, type Kysely } from 'kysely';
import type { AuditLeafEntry, SealedAuditEntry, StoredCheckpoint } from '../../domain/audit/chain';
import type { DB } from '../schema';

export interface AuditEvent {
  organisationId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Names of the fields read or changed — never their values. */
  fields?: readonly string[];
}

// The timestamp at full database precision (microseconds, UTC): a JS Date keeps only milliseconds,
// and an edit below the millisecond must still change the leaf hash.
const AT_TEXT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface LeafRow {
  id: number | string;
  organisation_id: string;
  seq: number | null;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string[];
  prev_hash: string | null;
  hash: string | null;
}
const toEntry = (r: LeafRow, seq: number): AuditLeafEntry => ({
  id: Number(r.id),
  organisationId: r.organisation_id,
  seq,
  at: r.at,
  actorUserId: r.actor_user_id,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  fields: r.fields,
  prevHash: r.prev_hash,
  hash: r.hash,
});
const LEAF_COLUMNS = sql`id, organisation_id, seq, ${AT_TEXT} AS at, actor_user_id, action, entity_type, entity_id, fields, prev_hash, hash`;

export interface CheckpointRow extends StoredCheckpoint {
  organisationId: string;
  frontier: string[];
  createdAt: Date;
}

export const auditRepo = {
  /** Inserts a pending entry; no lock, so concurrent appends of one organisation do not wait for each other. */
  async append(db: Kysely<DB>, event: AuditEvent, at = new Date()): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        organisation_id: event.organisationId,
        at,
        actor_user_id: event.actorUserId,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        fields: [...(event.fields ?? [])].sort(),
      })
      .execute();
  },

  /** Several pending entries in one statement (a device's pull reads many cases at once). */
  async appendMany(db: Kysely<DB>, events: readonly AuditEvent[], at = new Date()): Promise<void> {
    for (let i = 0; i < events.length; i += 1000)
      await db
        .insertInto('audit_log')
        .values(
          events.slice(i, i + 1000).map((event) => ({
            organisation_id: event.organisationId,
            at,
            actor_user_id: event.actorUserId,
            action: event.action,
            entity_type: event.entityType,
            entity_id: event.entityId,
            fields: [...(event.fields ?? [])].sort(),
          })),
        )
        .execute();
  },

  /** Newest first by insertion order, so entries not yet sealed (seq null) are listed too. */
  recent: (db: Kysely<DB>, organisationId: string, limit: number) =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),

  /** One entity's entries, newest first (a case's access log). */
  recentOfEntity: (db: Kysely<DB>, organisationId: string, entityType: string, entityId: string, limit: number) =>
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),

  /** Organisations that have entries waiting to be sealed. */
  async pendingOrganisations(db: Kysely<DB>): Promise<string[]> {
    const rows = await db
      .selectFrom('audit_log')
      .select('organisation_id')
      .distinct()
      .where('seq', 'is', null)
      .execute();
    return rows.map((r) => r.organisation_id);
  },

  /**
   * Serialises sealers of one organisation until the sealing transaction ends — several servers
   * may run the sealer at once. Appends never take this lock.
   */
  async lockSealer(db: Kysely<DB>, organisationId: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('audit-seal:' || ${organisationId}))`.execute(db);
  },

  /** Pending entries in insertion order, numbered from `firstSeq`. */
  async pending(db: Kysely<DB>, organisationId: string, firstSeq: number, limit: number): Promise<AuditLeafEntry[]> {
    const { rows } = await sql<LeafRow>`SELECT ${LEAF_COLUMNS} FROM audit_log
      WHERE organisation_id = ${organisationId} AND seq IS NULL ORDER BY id LIMIT ${limit}`.execute(db);
    return rows.map((r, i) => toEntry(r, firstSeq + i));
  },

  async sealedCount(db: Kysely<DB>, organisationId: string): Promise<{ count: number; maxSeq: number }> {
    const {
      rows: [r],
    } = await sql<{ count: number; max_seq: number | null }>`SELECT count(seq)::int AS count, max(seq) AS max_seq
      FROM audit_log WHERE organisation_id = ${organisationId} AND seq IS NOT NULL`.execute(db);
    return { count: r.count, maxSeq: r.max_seq ?? 0 };
  },

  /** Gives pending rows their seq and leaf hash; a row sealed meanwhile is never overwritten. */
  async seal(db: Kysely<DB>, sealed: readonly { id: number; seq: number; leafHash: string }[]): Promise<number> {
    let updated = 0;
    for (let i = 0; i < sealed.length; i += 1000) {
      const chunk = sealed.slice(i, i + 1000);
      const values = sql.join(chunk.map((s) => sql`(${s.id}::bigint, ${s.seq}::int, ${s.leafHash}::text)`));
      const result = await sql`UPDATE audit_log a SET seq = v.seq, leaf_hash = v.leaf_hash
        FROM (VALUES ${values}) AS v(id, seq, leaf_hash) WHERE a.id = v.id AND a.seq IS NULL`.execute(db);
      updated += Number(result.numAffectedRows ?? 0);
    }
    return updated;
  },

  async insertCheckpoint(
    db: Kysely<DB>,
    c: { organisationId: string; treeSize: number; rootHash: string; signature: string; frontier: string[] },
  ): Promise<void> {
    await db
      .insertInto('audit_checkpoints')
      .values({
        organisation_id: c.organisationId,
        tree_size: c.treeSize,
        root_hash: c.rootHash,
        signature: c.signature,
        frontier: c.frontier,
      })
      .execute();
  },

  async latestCheckpoint(db: Kysely<DB>, organisationId: string): Promise<CheckpointRow | undefined> {
    const r = await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('tree_size', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toCheckpoint(r);
  },

  async checkpoints(db: Kysely<DB>, organisationId: string): Promise<CheckpointRow[]> {
    const rows = await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('tree_size')
      .execute();
    return rows.map(toCheckpoint);
  },

  /** Every sealed entry of the organisation in seq order, with the stored leaf hash. */
  async sealed(db: Kysely<DB>, organisationId: string): Promise<SealedAuditEntry[]> {
    const { rows } = await sql<LeafRow & { leaf_hash: string }>`SELECT ${LEAF_COLUMNS}, leaf_hash FROM audit_log
      WHERE organisation_id = ${organisationId} AND seq IS NOT NULL ORDER BY seq`.execute(db);
    return rows.map((r) => ({ ...toEntry(r, r.seq!), leafHash: r.leaf_hash }));
  },

  /** Stored leaf hashes in seq order (for proofs). */
  async leafHashes(db: Kysely<DB>, organisationId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('audit_log')
      .select('leaf_hash')
      .where('organisation_id', '=', organisationId)
      .where('seq', 'is not', null)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.leaf_hash!);
  },

  async pendingCount(db: Kysely<DB>, organisationId: string): Promise<number> {
    const {
      rows: [r],
    } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = ${organisationId} AND seq IS NULL`.execute(db);
    return r.n;
  },
};

function toCheckpoint(r: {
  organisation_id: string;
  tree_size: number;
  root_hash: string;
  signature: string;
  frontier: string[];
  created_at: Date | string;
}): CheckpointRow {
  return {
    organisationId: r.organisation_id,
    treeSize: r.tree_size,
    rootHash: r.root_hash,
    signature: r.signature,
    frontier: r.frontier,
    createdAt: new Date(r.created_at),
  };
}

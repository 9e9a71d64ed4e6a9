/** The append-only audit log. Appends are serialised per organisation by an advisory lock. */
import { sql, type Kysely } from 'kysely';
import { GENESIS_HASH, hashEntry, type ChainedAuditEntry } from '../../domain/audit/chain';
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

export const auditRepo = {
  /** Must run inside a transaction: the lock is released at commit. */
  async append(db: Kysely<DB>, event: AuditEvent, at = new Date()): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('audit:' || ${event.organisationId}))`.execute(db);
    const last = await db.selectFrom('audit_log').select(['seq', 'hash'])
      .where('organisation_id', '=', event.organisationId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const content = {
      organisationId: event.organisationId,
      seq: (last?.seq ?? 0) + 1,
      at,
      actorUserId: event.actorUserId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      fields: [...(event.fields ?? [])].sort(),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await db.insertInto('audit_log').values({
      organisation_id: content.organisationId, seq: content.seq, at: content.at, actor_user_id: content.actorUserId,
      action: content.action, entity_type: content.entityType, entity_id: content.entityId, fields: content.fields,
      prev_hash: prevHash, hash: hashEntry(content, prevHash),
    }).execute();
  },

  recent: (db: Kysely<DB>, organisationId: string, limit: number) =>
    db.selectFrom('audit_log').selectAll().where('organisation_id', '=', organisationId)
      .orderBy('seq', 'desc').limit(limit).execute(),

  async chain(db: Kysely<DB>, organisationId: string): Promise<ChainedAuditEntry[]> {
    const rows = await db.selectFrom('audit_log').selectAll().where('organisation_id', '=', organisationId).orderBy('seq').execute();
    return rows.map((r) => ({
      organisationId: r.organisation_id, seq: r.seq, at: new Date(r.at), actorUserId: r.actor_user_id,
      action: r.action, entityType: r.entity_type, entityId: r.entity_id, fields: r.fields,
      prevHash: r.prev_hash, hash: r.hash,
    }));
  },
};

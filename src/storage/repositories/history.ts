/**
 * The audit log and the timeline as people read them: entries with the actor's display name, the
 * case's reference and the name of a user acted on, paged and filtered in the database; a case's
 * access log folded into one line per person and visit. Field names and codes only, never values.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';

export interface AuditFilter {
  /** Entries by this user. */
  actorUserId?: string;
  /** An action code, or a prefix of whole words ('case.entry' matches case.entry.consent.create). */
  action?: string;
  /** Entries about the case with this reference. */
  caseReference?: string;
}

export interface AuditPageRow {
  id: number;
  seq: number | null;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
  caseReference: string | null;
  entityName: string | null;
}

export interface AccessLogRow {
  actorUserId: string | null;
  actorName: string | null;
  visit: number;
  count: number;
  firstAt: Date;
  lastAt: Date;
  actions: string[];
  fields: string[];
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;

function where(organisationId: string, f: AuditFilter): RawBuilder<unknown> {
  const parts = [sql`a.organisation_id = ${organisationId}`];
  if (f.actorUserId) parts.push(sql`a.actor_user_id = ${f.actorUserId}::uuid`);
  if (f.action) parts.push(sql`(a.action = ${f.action} OR a.action LIKE ${likePrefix(f.action)})`);
  if (f.caseReference)
    parts.push(sql`a.entity_type = 'case' AND a.entity_id IN (
      SELECT c.id::text FROM cases c WHERE c.organisation_id = ${organisationId} AND c.reference = ${f.caseReference})`);
  return sql.join(parts, sql` AND `);
}

export const historyRepo = {
  /** One page of the organisation's audit log, newest first, and the number of entries the filter matches. */
  async auditPage(
    db: Kysely<DB>,
    organisationId: string,
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: AuditPageRow[]; total: number }> {
    const w = where(organisationId, filter);
    const {
      rows: [{ total }],
    } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM audit_log a WHERE ${w}`.execute(db);
    const { rows } = await sql<AuditPageRow>`SELECT a.id, a.seq, a.at, a.actor_user_id AS "actorUserId",
        u.display_name AS "actorName", a.action, a.entity_type AS "entityType", a.entity_id AS "entityId", a.fields,
        c.reference AS "caseReference", eu.display_name AS "entityName"
      FROM audit_log a
      LEFT JOIN users u ON u.id = a.actor_user_id
      LEFT JOIN cases c ON a.entity_type = 'case' AND c.organisation_id = a.organisation_id AND c.id::text = a.entity_id
      LEFT JOIN users eu ON a.entity_type = 'user' AND eu.id::text = a.entity_id
      WHERE ${w}
      ORDER BY a.id DESC
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return { rows: rows.map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) })), total };
  },

  /** Who appears in the organisation's log, for the user filter (names of staff the organisation sees). */
  async auditActors(db: Kysely<DB>, organisationId: string): Promise<{ id: string; displayName: string | null }[]> {
    const { rows } = await sql<{ id: string; displayName: string | null }>`SELECT DISTINCT a.actor_user_id AS id,
        u.display_name AS "displayName"
      FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE a.organisation_id = ${organisationId} AND a.actor_user_id IS NOT NULL
      ORDER BY 2 NULLS LAST, 1`.execute(db);
    return rows;
  },

  /** The action codes that appear in the organisation's log, for the action filter. */
  async auditActions(db: Kysely<DB>, organisationId: string): Promise<string[]> {
    const { rows } = await sql<{ action: string }>`SELECT DISTINCT action FROM audit_log
      WHERE organisation_id = ${organisationId} ORDER BY action`.execute(db);
    return rows.map((r) => r.action);
  },

  /**
   * A case's access log, one row per person and visit, newest visit first. A visit is a run of one
   * person's entries about the case with no gap longer than `idleMinutes` (the session idle
   * timeout), so the dozens of reads of one sitting are one line with their count.
   */
  async caseAccessLog(
    db: Kysely<DB>,
    organisationId: string,
    caseId: string,
    idleMinutes: number,
    limit: number,
  ): Promise<AccessLogRow[]> {
    const { rows } = await sql<AccessLogRow>`WITH e AS (
        SELECT id, at, actor_user_id, action, fields,
          CASE WHEN lag(at) OVER w IS NULL OR at - lag(at) OVER w > make_interval(mins => ${idleMinutes}::int)
            THEN 1 ELSE 0 END AS starts
        FROM audit_log
        WHERE organisation_id = ${organisationId} AND entity_type = 'case' AND entity_id = ${caseId}
        WINDOW w AS (PARTITION BY actor_user_id ORDER BY at, id)
      ), v AS (
        SELECT e.*, sum(starts) OVER (PARTITION BY actor_user_id ORDER BY at, id)::int AS visit FROM e
      )
      SELECT v.actor_user_id AS "actorUserId", max(u.display_name) AS "actorName", v.visit,
        count(DISTINCT v.id)::int AS count, min(v.at) AS "firstAt", max(v.at) AS "lastAt",
        array_agg(DISTINCT v.action) AS actions,
        array_remove(array_agg(DISTINCT f.name), NULL) AS fields
      FROM v
      LEFT JOIN LATERAL unnest(v.fields) AS f(name) ON true
      LEFT JOIN users u ON u.id = v.actor_user_id
      GROUP BY v.actor_user_id, v.visit
      ORDER BY max(v.at) DESC, v.actor_user_id
      LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ ...r, firstAt: new Date(r.firstAt), lastAt: new Date(r.lastAt) }));
  },

  /** Display names of users by id (those the organisation sees). */
  async userNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
    const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!uuids.length) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', uuids).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },

  /** Names of organisations by id (partners a referral or transfer went to or came from). */
  async organisationNames(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
    const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!uuids.length) return new Map();
    const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', uuids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};

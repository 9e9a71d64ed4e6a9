/**
 * Warm hand-offs of contacts between two organisations of a network (migration 043), and the contact
 * log's aggregates for statistics. Only this module writes their SQL. RLS shows a hand-off to exactly
 * the two organisations it names; the sealed identity arrives and leaves encrypted (the service seals it
 * under the receiver's key). Statistics leave as counts per group, never as rows.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface HandoffRow {
  id: string;
  networkId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  fromName: string;
  toName: string;
  contactId: string;
  occurredAt: Date;
  kind: string;
  placeLevel: string;
  place: string;
  language: string | null;
  interpreterUsed: boolean;
  needs: string[];
  provided: string[];
  identityShared: boolean;
  identityEnc: string | null;
  identityWithdrawnAt: Date | null;
  status: 'pending' | 'accepted' | 'declined';
  answeredAt: Date | null;
  answeredBy: string | null;
  declineReason: string | null;
  toContactId: string | null;
  createdBy: string | null;
  createdAt: Date;
  version: number;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const maybeDate = (v: Date | string | null) => (v ? toDate(v) : null);

const select = (db: Kysely<DB>) =>
  db
    .selectFrom('contact_handoffs as h')
    .innerJoin('organisations as f', 'f.id', 'h.from_organisation_id')
    .innerJoin('organisations as t', 't.id', 'h.to_organisation_id')
    .select([
      'h.id',
      'h.network_id as networkId',
      'h.from_organisation_id as fromOrganisationId',
      'h.to_organisation_id as toOrganisationId',
      'f.name as fromName',
      't.name as toName',
      'h.contact_id as contactId',
      'h.occurred_at as occurredAt',
      'h.kind',
      'h.place_level as placeLevel',
      'h.place',
      'h.language',
      'h.interpreter_used as interpreterUsed',
      'h.needs',
      'h.provided',
      'h.identity_shared as identityShared',
      'h.identity_enc as identityEnc',
      'h.identity_withdrawn_at as identityWithdrawnAt',
      'h.status',
      'h.answered_at as answeredAt',
      'h.answered_by as answeredBy',
      'h.decline_reason as declineReason',
      'h.to_contact_id as toContactId',
      'h.created_by as createdBy',
      'h.created_at as createdAt',
      'h.version',
    ]);

type Selected = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
const norm = (r: Selected): HandoffRow => ({
  ...r,
  status: r.status as HandoffRow['status'],
  occurredAt: toDate(r.occurredAt),
  createdAt: toDate(r.createdAt),
  answeredAt: maybeDate(r.answeredAt),
  identityWithdrawnAt: maybeDate(r.identityWithdrawnAt),
  needs: r.needs ?? [],
  provided: r.provided ?? [],
});

export const contactHandoffsRepo = {
  async insert(
    db: Kysely<DB>,
    row: Omit<
      HandoffRow,
      | 'fromName'
      | 'toName'
      | 'status'
      | 'answeredAt'
      | 'answeredBy'
      | 'declineReason'
      | 'toContactId'
      | 'createdAt'
      | 'version'
      | 'identityWithdrawnAt'
    >,
  ): Promise<void> {
    await db
      .insertInto('contact_handoffs')
      .values({
        id: row.id,
        network_id: row.networkId,
        from_organisation_id: row.fromOrganisationId,
        to_organisation_id: row.toOrganisationId,
        contact_id: row.contactId,
        occurred_at: row.occurredAt,
        kind: row.kind,
        place_level: row.placeLevel,
        place: row.place,
        language: row.language,
        interpreter_used: row.interpreterUsed,
        needs: row.needs,
        provided: row.provided,
        identity_shared: row.identityShared,
        identity_enc: row.identityEnc,
        created_by: row.createdBy,
      })
      .execute();
  },

  /** One hand-off the caller's organisation is named in (RLS), or undefined. */
  async find(db: Kysely<DB>, id: string): Promise<HandoffRow | undefined> {
    const row = await select(db).where('h.id', '=', id).executeTakeFirst();
    return row ? norm(row) : undefined;
  },

  /** Incoming (to the organisation) or outgoing (from it), newest first. */
  async list(db: Kysely<DB>, organisationId: string, direction: 'incoming' | 'outgoing', status?: string) {
    let q = select(db).where(
      direction === 'incoming' ? 'h.to_organisation_id' : 'h.from_organisation_id',
      '=',
      organisationId,
    );
    if (status) q = q.where('h.status', '=', status as HandoffRow['status']);
    return (await q.orderBy('h.created_at', 'desc').orderBy('h.id').limit(200).execute()).map(norm);
  },

  /** The hand-offs of one contact of the sender, newest first. */
  async ofContact(db: Kysely<DB>, organisationId: string, contactId: string) {
    return (
      await select(db)
        .where('h.from_organisation_id', '=', organisationId)
        .where('h.contact_id', '=', contactId)
        .orderBy('h.created_at', 'desc')
        .execute()
    ).map(norm);
  },

  /** The receiver's answer, from the version it read; false when it was answered or changed meanwhile. */
  async answer(
    db: Kysely<DB>,
    id: string,
    expectedVersion: number,
    answer:
      { status: 'accepted'; by: string; toContactId: string } | { status: 'declined'; by: string; reason: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('contact_handoffs')
      .set({
        status: answer.status,
        answered_at: new Date(),
        answered_by: answer.by,
        decline_reason: answer.status === 'declined' ? answer.reason : null,
        to_contact_id: answer.status === 'accepted' ? answer.toContactId : null,
        version: expectedVersion + 1,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Her agreement withdrawn before acceptance: the sealed copy is erased at once (the flag says why). */
  async withdrawIdentity(db: Kysely<DB>, id: string, expectedVersion: number): Promise<boolean> {
    const result = await db
      .updateTable('contact_handoffs')
      .set({
        identity_shared: false,
        identity_enc: null,
        identity_withdrawn_at: new Date(),
        version: expectedVersion + 1,
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('status', '=', 'pending')
      .where('identity_shared', '=', true)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Tells the receiver's users of a hand-off (codes and ids only). */
  async notify(db: Kysely<DB>, organisationId: string, userIds: string[], kind: string, handoffId: string) {
    if (userIds.length === 0) return;
    await db
      .insertInto('notifications')
      .values(
        userIds.map((userId) => ({
          organisation_id: organisationId,
          id: crypto.randomUUID(),
          user_id: userId,
          kind,
          handoff_id: handoffId,
        })),
      )
      .execute();
  },

  /** Contacts of the organisation per month (UTC), channel and place, voided ones left out: counts only. */
  async contactCounts(db: Kysely<DB>, organisationId: string, from: Date, to: Date) {
    const rows = await db
      .selectFrom('contacts')
      .select([
        sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')`.as('month'),
        'kind',
        'place',
        sql<string>`count(*)`.as('contacts'),
      ])
      .where('organisation_id', '=', organisationId)
      .where('voided_at', 'is', null)
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .groupBy([sql`1`, 'kind', 'place'])
      .execute();
    return rows.map((r) => ({ month: r.month, kind: r.kind, place: r.place, contacts: Number(r.contacts) }));
  },

  /** Distinct chains (persons) per month and channel, with the distinct margins: counts only. */
  async personCounts(db: Kysely<DB>, organisationId: string, from: Date, to: Date) {
    const result = await sql<{ month: string | null; kind: string | null; persons: string }>`
      SELECT month, kind, count(DISTINCT chain_id) AS persons
      FROM (
        SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, kind, chain_id
        FROM contacts
        WHERE organisation_id = ${organisationId} AND voided_at IS NULL AND occurred_at >= ${from} AND occurred_at < ${to}
      ) c
      GROUP BY GROUPING SETS ((month, kind), (month), (kind), ())`.execute(db);
    return result.rows.map((r) => ({ month: r.month, kind: r.kind, persons: Number(r.persons) }));
  },
};

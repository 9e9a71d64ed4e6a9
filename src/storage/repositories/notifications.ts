/** In-app notifications (codes and ids only). Only this module writes their SQL. */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const notificationsRepo = {
  /** One notification of this kind about a referral for each user. */
  insertFor: async (
    db: Kysely<DB>,
    organisationId: string,
    userIds: string[],
    kind: string,
    referralId: string,
  ): Promise<void> => {
    if (userIds.length === 0) return;
    await db
      .insertInto('notifications')
      .values(
        userIds.map((userId) => ({
          organisation_id: organisationId,
          id: crypto.randomUUID(),
          user_id: userId,
          kind,
          referral_id: referralId,
        })),
      )
      .execute();
  },
  /**
   * Deadline reminders, each sent once: a reminder already written (same user, kind, case, agenda
   * kind and due date) is skipped. Answers how many were new.
   */
  insertReminders: async (
    db: Kysely<DB>,
    organisationId: string,
    reminders: { userId: string; kind: string; caseId: string; detail: string; dueDate: string }[],
  ): Promise<number> => {
    if (reminders.length === 0) return 0;
    const result = await db
      .insertInto('notifications')
      .values(
        reminders.map((r) => ({
          organisation_id: organisationId,
          id: crypto.randomUUID(),
          user_id: r.userId,
          kind: r.kind,
          case_id: r.caseId,
          detail: r.detail,
          due_date: r.dueDate,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'user_id', 'kind', 'case_id', 'detail', 'due_date'])
          .where('case_id', 'is not', null)
          .doNothing(),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  },
  /** A user's newest notifications with the referral's service and both organisations' names, or the reminder's case. */
  recentOf: (db: Kysely<DB>, organisationId: string, userId: string, limit: number) =>
    db
      .selectFrom('notifications')
      .leftJoin('referrals', 'referrals.id', 'notifications.referral_id')
      .leftJoin('organisations as f', 'f.id', 'referrals.from_organisation_id')
      .leftJoin('organisations as t', 't.id', 'referrals.to_organisation_id')
      .leftJoin('cases', (j) =>
        j
          .onRef('cases.organisation_id', '=', 'notifications.organisation_id')
          .onRef('cases.id', '=', 'notifications.case_id'),
      )
      .select([
        'notifications.id',
        'notifications.kind',
        'notifications.referral_id as referralId',
        'notifications.created_at as createdAt',
        'notifications.read_at as readAt',
        'referrals.requested_service as requestedService',
        'f.name as fromName',
        't.name as toName',
        'notifications.case_id as caseId',
        'cases.reference as caseReference',
        'notifications.detail',
      ])
      .select(sql<string | null>`notifications.due_date::text`.as('dueDate'))
      .where('notifications.organisation_id', '=', organisationId)
      .where('notifications.user_id', '=', userId)
      .orderBy('notifications.created_at', 'desc')
      .limit(limit)
      .execute(),
  /** Marks one (id) or all of a user's unread notifications read; the number of rows changed. */
  markRead: async (db: Kysely<DB>, organisationId: string, userId: string, id: string | 'all'): Promise<number> => {
    let query = db
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (id !== 'all') query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  /** Whether the user has this notification (read or not). */
  exists: async (db: Kysely<DB>, organisationId: string, userId: string, id: string): Promise<boolean> =>
    Boolean(
      await db
        .selectFrom('notifications')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst(),
    ),
};

/** Server-side sessions (system context: they are resolved before the tenant is known). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export const sessionsRepo = {
  insert: (
    db: Kysely<DB>,
    s: { tokenHash: string; userId: string; organisationId: string; csrfToken: string; expiresAt: Date },
  ) =>
    db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        organisation_id: s.organisationId,
        csrf_token: s.csrfToken,
        expires_at: s.expiresAt,
      })
      .execute(),

  findActive: (db: Kysely<DB>, tokenHash: string, now: Date, idleSince: Date) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('memberships', (j) =>
        j
          .onRef('memberships.user_id', '=', 'sessions.user_id')
          .onRef('memberships.organisation_id', '=', 'sessions.organisation_id'),
      )
      .select([
        'sessions.token_hash as tokenHash',
        'sessions.user_id as userId',
        'sessions.organisation_id as organisationId',
        'sessions.csrf_token as csrfToken',
        'memberships.roles',
        'sessions.last_seen_at as lastSeenAt',
        'users.must_change_password as mustChangePassword',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      // The idle timeout, on top of the absolute lifetime.
      .where('sessions.last_seen_at', '>', idleSince)
      .where('users.active', '=', true)
      // A membership deactivated by the organisation ends her sessions there, whatever else is left.
      .where('memberships.active', '=', true)
      .executeTakeFirst(),

  touch: (db: Kysely<DB>, tokenHash: string, now: Date) =>
    db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute(),

  switchOrganisation: (db: Kysely<DB>, tokenHash: string, organisationId: string) =>
    db.updateTable('sessions').set({ organisation_id: organisationId }).where('token_hash', '=', tokenHash).execute(),

  delete: (db: Kysely<DB>, tokenHash: string) =>
    db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute(),

  deleteAllForUser: (db: Kysely<DB>, userId: string) =>
    db.deleteFrom('sessions').where('user_id', '=', userId).execute(),

  /** Her sessions in one organisation (its membership was deactivated); the others stay. */
  deleteForUserInOrganisation: (db: Kysely<DB>, userId: string, organisationId: string) =>
    db.deleteFrom('sessions').where('user_id', '=', userId).where('organisation_id', '=', organisationId).execute(),

  /** Every session of the user but one (after a password change, the device that made it stays in). */
  deleteOthersForUser: (db: Kysely<DB>, userId: string, keepTokenHash: string) =>
    db.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).execute(),

  /** Purges sessions past their absolute lifetime or idle for longer than the idle timeout. */
  deleteExpired: async (db: Kysely<DB>, now: Date, idleSince: Date): Promise<number> => {
    const result = await db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows ?? 0n);
  },
};

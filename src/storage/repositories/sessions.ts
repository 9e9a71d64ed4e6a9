/** Server-side sessions (system context: they are resolved before the tenant is known). */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export const sessionsRepo = {
  insert: (db: Kysely<DB>, s: { tokenHash: string; userId: string; organisationId: string; csrfToken: string; expiresAt: Date }) =>
    db.insertInto('sessions').values({
      token_hash: s.tokenHash, user_id: s.userId, organisation_id: s.organisationId,
      csrf_token: s.csrfToken, expires_at: s.expiresAt,
    }).execute(),

  findActive: (db: Kysely<DB>, tokenHash: string, now: Date) =>
    db.selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('memberships', (j) => j.onRef('memberships.user_id', '=', 'sessions.user_id').onRef('memberships.organisation_id', '=', 'sessions.organisation_id'))
      .select(['sessions.token_hash as tokenHash', 'sessions.user_id as userId', 'sessions.organisation_id as organisationId',
        'sessions.csrf_token as csrfToken', 'memberships.roles', 'sessions.last_seen_at as lastSeenAt'])
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now)
      .where('users.active', '=', true)
      .executeTakeFirst(),

  touch: (db: Kysely<DB>, tokenHash: string, now: Date) =>
    db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute(),

  switchOrganisation: (db: Kysely<DB>, tokenHash: string, organisationId: string) =>
    db.updateTable('sessions').set({ organisation_id: organisationId }).where('token_hash', '=', tokenHash).execute(),

  delete: (db: Kysely<DB>, tokenHash: string) => db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute(),

  deleteAllForUser: (db: Kysely<DB>, userId: string) => db.deleteFrom('sessions').where('user_id', '=', userId).execute(),

  deleteExpired: (db: Kysely<DB>, now: Date) => db.deleteFrom('sessions').where('expires_at', '<=', now).execute(),
};

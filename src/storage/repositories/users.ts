/** Staff accounts and their memberships. Tenant queries rely on RLS and an explicit organisation filter. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  version: number;
  roles: string[];
  onDuty: boolean;
}

function selectMembers(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .where('memberships.organisation_id', '=', organisationId)
    .select([
      'users.id', 'users.email', 'users.display_name as displayName', 'users.active',
      'users.totp_enabled as totpEnabled', 'users.last_login_at as lastLoginAt', 'users.version',
      'memberships.roles', 'memberships.on_duty as onDuty',
    ]);
}

export const usersRepo = {
  listMembers: (db: Kysely<DB>, organisationId: string): Promise<UserRow[]> =>
    selectMembers(db, organisationId).orderBy('users.display_name').execute(),

  findMember: (db: Kysely<DB>, organisationId: string, userId: string): Promise<UserRow | undefined> =>
    selectMembers(db, organisationId).where('users.id', '=', userId).executeTakeFirst(),

  insert: (db: Kysely<DB>, user: { id: string; organisationId: string; email: string; displayName: string; passwordHash: string }) =>
    db.insertInto('users').values({
      id: user.id, organisation_id: user.organisationId, email: user.email,
      display_name: user.displayName, password_hash: user.passwordHash, totp_secret_enc: null,
      locked_until: null, last_login_at: null,
    }).execute(),

  insertMembership: (db: Kysely<DB>, organisationId: string, userId: string, roles: string[]) =>
    db.insertInto('memberships').values({ organisation_id: organisationId, user_id: userId, roles }).execute(),

  /** Optimistic update: only applies when the version matches; returns whether a row changed. */
  updateProfile: async (db: Kysely<DB>, userId: string, version: number, changes: { displayName?: string; active?: boolean }) => {
    const result = await db.updateTable('users')
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        version: sql`version + 1`,
      })
      .where('id', '=', userId).where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0n) === 1;
  },

  setOnDuty: (db: Kysely<DB>, organisationId: string, userId: string, onDuty: boolean) =>
    db.updateTable('memberships').set({ on_duty: onDuty })
      .where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute(),

  setRoles: (db: Kysely<DB>, organisationId: string, userId: string, roles: string[]) =>
    db.updateTable('memberships').set({ roles })
      .where('organisation_id', '=', organisationId).where('user_id', '=', userId).execute(),

  // --- system context (authentication) ---
  findForLogin: (db: Kysely<DB>, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
  findById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  membershipsOf: (db: Kysely<DB>, userId: string) =>
    db.selectFrom('memberships').innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select(['memberships.organisation_id as organisationId', 'organisations.name as organisationName', 'memberships.roles'])
      .where('memberships.user_id', '=', userId).orderBy('organisations.name').execute(),
  recordFailedLogin: (db: Kysely<DB>, userId: string, lockedUntil: Date | null) =>
    db.updateTable('users').set({ failed_logins: sql`failed_logins + 1`, locked_until: lockedUntil }).where('id', '=', userId).execute(),
  recordSuccessfulLogin: (db: Kysely<DB>, userId: string) =>
    db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', userId).execute(),
  setTotp: (db: Kysely<DB>, userId: string, secretEnc: string | null, enabled: boolean) =>
    db.updateTable('users').set({ totp_secret_enc: secretEnc, totp_enabled: enabled, version: sql`version + 1` }).where('id', '=', userId).execute(),
  allTotpSecrets: (db: Kysely<DB>, organisationId: string) =>
    db.selectFrom('users').select(['id', 'totp_secret_enc']).where('organisation_id', '=', organisationId)
      .where('totp_secret_enc', 'is not', null).execute(),
  setTotpSecret: (db: Kysely<DB>, userId: string, secretEnc: string) =>
    db.updateTable('users').set({ totp_secret_enc: secretEnc }).where('id', '=', userId).execute(),
};

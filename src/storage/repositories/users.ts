/** Staff accounts and their memberships. Tenant queries rely on RLS and an explicit organisation filter. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  /** She can work in this organisation: her account and her membership here are both active. */
  active: boolean;
  /** The account as a whole (users.active): only her home organisation changes it. */
  accountActive: boolean;
  /** Her membership in this organisation (memberships.active): this organisation's to change. */
  membershipActive: boolean;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  version: number;
  roles: string[];
  onDuty: boolean;
  /** Locked by failed logins right now (computed in SQL against the database clock). */
  locked: boolean;
  mustChangePassword: boolean;
  /** The organisation the account belongs to; only its administrators set the password. */
  homeOrganisationId: string;
}

/** The outcome of reserving a login attempt: how many consecutive attempts, and whether this one locked the account. */
export interface ReservedAttempt {
  failedLogins: number;
  lockedUntil: Date | null;
}

function selectMembers(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .where('memberships.organisation_id', '=', organisationId)
    .select([
      'users.id',
      'users.email',
      'users.display_name as displayName',
      sql<boolean>`users.active AND memberships.active`.as('active'),
      'users.active as accountActive',
      'memberships.active as membershipActive',
      'users.totp_enabled as totpEnabled',
      'users.last_login_at as lastLoginAt',
      'users.version',
      'memberships.roles',
      'memberships.on_duty as onDuty',
      sql<boolean>`coalesce(users.locked_until > now(), false)`.as('locked'),
      'users.must_change_password as mustChangePassword',
      'users.organisation_id as homeOrganisationId',
    ]);
}

export const usersRepo = {
  listMembers: (db: Kysely<DB>, organisationId: string): Promise<UserRow[]> =>
    selectMembers(db, organisationId).orderBy('users.display_name').execute(),

  findMember: (db: Kysely<DB>, organisationId: string, userId: string): Promise<UserRow | undefined> =>
    selectMembers(db, organisationId).where('users.id', '=', userId).executeTakeFirst(),

  insert: (
    db: Kysely<DB>,
    user: { id: string; organisationId: string; email: string; displayName: string; passwordHash: string },
  ) =>
    db
      .insertInto('users')
      .values({
        id: user.id,
        organisation_id: user.organisationId,
        email: user.email,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        totp_secret_enc: null,
        locked_until: null,
        last_login_at: null,
      })
      .execute(),

  insertMembership: (db: Kysely<DB>, organisationId: string, userId: string, roles: string[]) =>
    db.insertInto('memberships').values({ organisation_id: organisationId, user_id: userId, roles }).execute(),

  /** Optimistic update: only applies when the version matches; returns whether a row changed. */
  updateProfile: async (
    db: Kysely<DB>,
    userId: string,
    version: number,
    changes: { displayName?: string; active?: boolean },
  ) => {
    const result = await db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        version: sql`version + 1`,
      })
      .where('id', '=', userId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0n) === 1;
  },

  setOnDuty: (db: Kysely<DB>, organisationId: string, userId: string, onDuty: boolean) =>
    db
      .updateTable('memberships')
      .set({ on_duty: onDuty })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute(),

  /** Deactivates or reactivates her membership in one organisation (not the account). */
  setMembershipActive: (db: Kysely<DB>, organisationId: string, userId: string, active: boolean) =>
    db
      .updateTable('memberships')
      .set({ active })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute(),

  setRoles: (db: Kysely<DB>, organisationId: string, userId: string, roles: string[]) =>
    db
      .updateTable('memberships')
      .set({ roles })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute(),

  // --- system context (authentication) ---
  findForLogin: (db: Kysely<DB>, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst(),
  findById: (db: Kysely<DB>, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Her language (migration 038), or null to follow the browser's Accept-Language. */
  setPreferredLocale: (db: Kysely<DB>, id: string, locale: string | null) =>
    db.updateTable('users').set({ preferred_locale: locale }).where('id', '=', id).execute(),
  /** Her active memberships: the organisations she may log in to and switch to. */
  membershipsOf: (db: Kysely<DB>, userId: string) =>
    db
      .selectFrom('memberships')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
      .select([
        'memberships.organisation_id as organisationId',
        'organisations.name as organisationName',
        'memberships.roles',
      ])
      .where('memberships.user_id', '=', userId)
      .where('memberships.active', '=', true)
      .orderBy('organisations.name')
      .execute(),
  /**
   * Reserves one attempt before any secret is checked, in one atomic statement: counts it and,
   * when it is the max-th consecutive one, locks the account. Concurrent attempts queue on the
   * row, so no more than `max` are ever evaluated. Returns undefined when the account is locked
   * (the attempt must be refused unchecked). A successful check then resets the count.
   */
  reserveLoginAttempt: async (
    db: Kysely<DB>,
    userId: string,
    max: number,
    lockMs: number,
    now: Date,
  ): Promise<ReservedAttempt | undefined> => {
    // An expired lock starts a fresh count.
    const next = sql<number>`CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END`;
    const row = await db
      .updateTable('users')
      .set({
        failed_logins: next,
        locked_until: sql`CASE WHEN ${next} >= ${max} THEN ${new Date(now.getTime() + lockMs)}::timestamptz ELSE NULL END`,
      })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .returning(['failed_logins as failedLogins', 'locked_until as lockedUntil'])
      .executeTakeFirst();
    return row
      ? { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null }
      : undefined;
  },
  /** Gives back a reserved attempt that was not a failure (the password was right, the code still to come). */
  releaseLoginAttempt: (db: Kysely<DB>, userId: string, max: number) =>
    db
      .updateTable('users')
      .set({
        failed_logins: sql`greatest(failed_logins - 1, 0)`,
        locked_until: sql`CASE WHEN failed_logins - 1 < ${max} THEN NULL ELSE locked_until END`,
      })
      .where('id', '=', userId)
      .execute(),
  /**
   * Resets the count after a successful check, but only if no attempt was reserved after this one:
   * within a burst of parallel guesses even the right password is refused (the burst locks the account).
   */
  claimSuccessfulLogin: async (
    db: Kysely<DB>,
    userId: string,
    reservedCount: number,
    now = new Date(),
  ): Promise<boolean> => {
    const result = await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: now })
      .where('id', '=', userId)
      .where('failed_logins', '=', reservedCount)
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0n) === 1;
  },
  /** A check other than a login succeeded (e.g. the current password on a change): the count starts again. */
  resetLoginFailures: (db: Kysely<DB>, userId: string) =>
    db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute(),
  /** Accepts a TOTP time step once: true only when it is later than every step accepted before. */
  consumeTotpStep: async (db: Kysely<DB>, userId: string, step: number): Promise<boolean> => {
    const result = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows ?? 0n) === 1;
  },
  /** A new password hash; mustChange marks an administrator's temporary password. Clears any lockout. */
  setPassword: (db: Kysely<DB>, userId: string, passwordHash: string, mustChange: boolean, now = new Date()) =>
    db
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: mustChange,
        password_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        version: sql`version + 1`,
      })
      .where('id', '=', userId)
      .execute(),
  unlock: (db: Kysely<DB>, userId: string) =>
    db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, version: sql`version + 1` })
      .where('id', '=', userId)
      .execute(),

  // --- membership invitations (an account of another organisation asked to join) ---
  upsertInvitation: (
    db: Kysely<DB>,
    inv: { organisationId: string; userId: string; roles: string[]; invitedBy: string },
  ) =>
    db
      .insertInto('membership_invitations')
      .values({ organisation_id: inv.organisationId, user_id: inv.userId, roles: inv.roles, invited_by: inv.invitedBy })
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'user_id']).doUpdateSet({ roles: inv.roles, invited_by: inv.invitedBy }),
      )
      .execute(),
  invitationsOf: (db: Kysely<DB>, userId: string) =>
    db
      .selectFrom('membership_invitations')
      .innerJoin('organisations', 'organisations.id', 'membership_invitations.organisation_id')
      .select([
        'membership_invitations.organisation_id as organisationId',
        'organisations.name as organisationName',
        'membership_invitations.roles',
        'membership_invitations.created_at as createdAt',
      ])
      .where('membership_invitations.user_id', '=', userId)
      .orderBy('organisations.name')
      .execute(),
  /** Removes the invitation and returns its roles, or undefined when there was none. */
  takeInvitation: async (db: Kysely<DB>, organisationId: string, userId: string): Promise<string[] | undefined> =>
    (
      await db
        .deleteFrom('membership_invitations')
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .returning('roles')
        .executeTakeFirst()
    )?.roles,
  setTotp: (db: Kysely<DB>, userId: string, secretEnc: string | null, enabled: boolean) =>
    db
      .updateTable('users')
      .set({ totp_secret_enc: secretEnc, totp_enabled: enabled, version: sql`version + 1` })
      .where('id', '=', userId)
      .execute(),
  allTotpSecrets: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('users')
      .select(['id', 'totp_secret_enc'])
      .where('organisation_id', '=', organisationId)
      .where('totp_secret_enc', 'is not', null)
      .execute(),
  setTotpSecret: (db: Kysely<DB>, userId: string, secretEnc: string) =>
    db.updateTable('users').set({ totp_secret_enc: secretEnc }).where('id', '=', userId).execute(),
};

/**
 * Login, sessions, organisation switching and the optional TOTP factor.
 * Runs in the system context because the tenant is not known before login.
 *
 * Every check of a secret (password or TOTP code) first reserves an attempt on the
 * account in one atomic statement, so parallel guesses cannot outrun the lockout.
 * Unknown, deactivated and locked accounts answer alike (invalid_credentials) and take
 * the same time, since a dummy Argon2id hash is verified for them; so does an account whose
 * every membership was deactivated. Login and switching use active memberships only.
 */
import { errors } from '../errors';
import { isRole, type Role } from '../policies/roles';
import type { Actor } from '../policies/policies';
import { dummyPasswordHash, verifyPassword } from '../security/passwords';
import { randomToken, sha256Hex } from '../security/tokens';
import { generateTotpSecret, totpUri, verifyTotp } from '../security/totp';
import { withSystem, withTenant, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { loginFailuresRepo } from '../storage/repositories/login-failures';
import { sessionsRepo } from '../storage/repositories/sessions';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface AuthenticatedSession {
  token: string;
  actor: Actor;
  csrfToken: string;
  /** A temporary password is in use: the session may only change it (or log out). */
  mustChangePassword?: boolean;
}

type LoginUser = NonNullable<Awaited<ReturnType<typeof usersRepo.findForLogin>>>;

/** Appends account events to the account's own organisation (its home), outside any tenant. */
async function auditAccount(
  ctx: AppContext,
  user: { id: string; organisation_id: string },
  action: string,
  fields: string[] = [],
  tx?: Tx,
): Promise<void> {
  const event = {
    organisationId: user.organisation_id,
    actorUserId: user.id,
    action,
    entityType: 'user',
    entityId: user.id,
    fields,
  };
  if (tx) await auditRepo.append(tx, event);
  else await withSystem(ctx.db, (t) => auditRepo.append(t, event));
}

/** A reserved attempt failed: audit it (field names only) and, if it was the one that locked the account, the lockout. */
async function recordFailure(ctx: AppContext, user: LoginUser, field: string, lockedNow: boolean): Promise<void> {
  await withSystem(ctx.db, async (tx) => {
    await auditAccount(ctx, user, 'auth.login_failed', [field], tx);
    if (lockedNow) await auditAccount(ctx, user, 'auth.locked', ['failed_logins', 'locked_until'], tx);
  });
}

/** Reserves an attempt on the account, or undefined when it is locked. */
export function reserveAttempt(ctx: AppContext, userId: string, now = new Date()) {
  return usersRepo.reserveLoginAttempt(ctx.db.system, userId, MAX_FAILED_LOGINS, LOCKOUT_MINUTES * 60_000, now);
}

/**
 * Checks a TOTP code and accepts its time step once: a replayed code (same or earlier
 * step than the last accepted one) is refused like a wrong one.
 */
export async function acceptTotp(
  ctx: AppContext,
  user: { id: string; organisation_id: string; totp_secret_enc: string | null },
  code: string,
  now = new Date(),
): Promise<boolean> {
  if (!user.totp_secret_enc) return false;
  const secret = await ctx.keyRing.decrypt(user.organisation_id, user.totp_secret_enc);
  const step = verifyTotp(secret, code, now.getTime());
  return step !== null && usersRepo.consumeTotpStep(ctx.db.system, user.id, step);
}

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; totpCode?: string },
): Promise<AuthenticatedSession> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  const user = await usersRepo.findForLogin(ctx.db.system, email);
  // Deactivated memberships are left out: an organisation that ended her access there ends only that.
  const memberships = user?.active ? await usersRepo.membershipsOf(ctx.db.system, user.id) : [];
  const usable = !!user?.active && memberships.length > 0;
  const attempt = user && usable ? await reserveAttempt(ctx, user.id, now) : undefined;
  if (!user || !usable || !attempt) {
    // Unknown, deactivated (account or every membership) and locked accounts answer alike and take as long as a real check.
    await verifyPassword(await dummyPasswordHash(), input.password);
    if (!user) {
      // No account, so no organisation whose audit chain could hold it: counted per day instead.
      await loginFailuresRepo.countUnknown(ctx.db.system, now);
    } else {
      await auditAccount(ctx, user, usable ? 'auth.login_refused_locked' : 'auth.login_refused_inactive', ['password']);
    }
    throw errors.invalidCredentials();
  }
  const lockedNow = attempt.lockedUntil !== null;
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await recordFailure(ctx, user, 'password', lockedNow);
    throw errors.invalidCredentials();
  }
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totpCode) {
      // The first of two steps: the password was right, so this attempt is not a failure.
      await usersRepo.releaseLoginAttempt(ctx.db.system, user.id, MAX_FAILED_LOGINS);
      throw errors.totpRequired();
    }
    if (!(await acceptTotp(ctx, user, input.totpCode, now))) {
      await recordFailure(ctx, user, 'totp_code', lockedNow);
      throw errors.invalidTotp();
    }
  }
  const home = memberships.find((m) => m.organisationId === user.organisation_id) ?? memberships[0];
  if (!home) throw errors.invalidCredentials();
  // Other attempts reserved while this one was checked: a burst of guesses, which no right password escapes.
  if (!(await usersRepo.claimSuccessfulLogin(ctx.db.system, user.id, attempt.failedLogins, now))) {
    await auditAccount(ctx, user, 'auth.login_refused_burst', ['password']);
    throw errors.invalidCredentials();
  }

  const token = randomToken();
  const csrfToken = randomToken();
  await withSystem(ctx.db, async (tx) => {
    // Opportunistic purge: no job queue needed, and logins are frequent enough.
    await sessionsRepo.deleteExpired(tx, now, idleSince(ctx, now));
    await sessionsRepo.insert(tx, {
      tokenHash: sha256Hex(token),
      userId: user.id,
      organisationId: home.organisationId,
      csrfToken,
      expiresAt: new Date(now.getTime() + Math.round(ctx.config.sessionTtlHours * 3_600_000)),
    });
    await auditRepo.append(tx, {
      organisationId: home.organisationId,
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
  });
  return {
    token,
    csrfToken,
    mustChangePassword: user.must_change_password,
    actor: { userId: user.id, organisationId: home.organisationId, roles: home.roles.filter(isRole) },
  };
}

function idleMs(ctx: AppContext): number {
  return Math.round((ctx.config.sessionIdleMinutes ?? 30) * 60_000);
}

/** Sessions last active before this moment have timed out. */
function idleSince(ctx: AppContext, now: Date): Date {
  return new Date(now.getTime() - idleMs(ctx));
}

/** Resolves a session cookie to the acting user, or undefined when missing, expired, idle too long or revoked. */
export async function resolveSession(
  ctx: AppContext,
  token: string | undefined,
  now = new Date(),
): Promise<AuthenticatedSession | undefined> {
  if (!token) return undefined;
  const row = await sessionsRepo.findActive(ctx.db.system, sha256Hex(token), now, idleSince(ctx, now));
  if (!row) return undefined;
  // Sliding activity timestamp, written at most once a minute (more often only for very short idle timeouts).
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > Math.min(60_000, idleMs(ctx) / 4))
    await sessionsRepo.touch(ctx.db.system, row.tokenHash, now);
  return {
    token,
    csrfToken: row.csrfToken,
    mustChangePassword: row.mustChangePassword,
    actor: { userId: row.userId, organisationId: row.organisationId, roles: row.roles.filter(isRole) as Role[] },
  };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await sessionsRepo.delete(ctx.db.system, sha256Hex(token));
}

export async function logoutEverywhere(ctx: AppContext, actor: Actor): Promise<void> {
  await withSystem(ctx.db, async (tx) => {
    await sessionsRepo.deleteAllForUser(tx, actor.userId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'auth.logout_everywhere',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

export async function switchOrganisation(
  ctx: AppContext,
  session: AuthenticatedSession,
  organisationId: string,
): Promise<AuthenticatedSession> {
  const memberships = await usersRepo.membershipsOf(ctx.db.system, session.actor.userId);
  const target = memberships.find((m) => m.organisationId === organisationId);
  if (!target || memberships.length < 2) throw errors.notFound();
  await sessionsRepo.switchOrganisation(ctx.db.system, sha256Hex(session.token), organisationId);
  return { ...session, actor: { ...session.actor, organisationId, roles: target.roles.filter(isRole) } };
}

export async function sessionProfile(ctx: AppContext, actor: Actor) {
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user) throw errors.unauthenticated();
  const memberships = await usersRepo.membershipsOf(ctx.db.system, actor.userId);
  return { user, memberships };
}

/** Starts TOTP enrolment: stores a new encrypted secret, not yet enabled. */
export async function beginTotpSetup(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user) throw errors.unauthenticated();
  if (user.totp_enabled) throw errors.conflict('totp_already_enabled', 'Two-factor authentication is already enabled');
  const secret = generateTotpSecret();
  await usersRepo.setTotp(ctx.db.system, user.id, await ctx.keyRing.encrypt(user.organisation_id, secret), false);
  return { secret, otpauthUrl: totpUri(user.email, secret) };
}

export async function enableTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user?.totp_secret_enc) throw errors.badRequest('totp_not_started', 'Start the two-factor setup first');
  const secret = await ctx.keyRing.decrypt(user.organisation_id, user.totp_secret_enc);
  // Enrolment proves the authenticator works; its code is not a login, so the step is not consumed.
  if (verifyTotp(secret, code) === null) throw errors.invalidTotp();
  await withTenant(ctx.db, actor, async (tx) => {
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'auth.totp_enabled',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
  await usersRepo.setTotp(ctx.db.system, user.id, user.totp_secret_enc, true);
}

/**
 * Turning the second factor off needs the password and a fresh code: a stolen session alone
 * must not remove it. Both checks reserve an attempt, so guesses here count towards the lockout.
 */
export async function disableTotp(ctx: AppContext, actor: Actor, password: string, code: string): Promise<void> {
  requireAccess(actor, 'account.manage', { organisationId: actor.organisationId, ownerUserId: actor.userId });
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user) throw errors.unauthenticated();
  if (!user.totp_enabled) throw errors.badRequest('totp_not_enabled', 'Two-factor authentication is not on');
  const attempt = await reserveAttempt(ctx, user.id);
  if (!attempt) throw errors.lockedOut();
  const lockedNow = attempt.lockedUntil !== null;
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailure(ctx, user, 'password', lockedNow);
    throw errors.wrongPassword('password');
  }
  if (!(await acceptTotp(ctx, user, code))) {
    await recordFailure(ctx, user, 'totp_code', lockedNow);
    throw errors.invalidTotp();
  }
  await usersRepo.resetLoginFailures(ctx.db.system, user.id);
  await usersRepo.setTotp(ctx.db.system, user.id, null, false);
  await withTenant(ctx.db, actor, async (tx) => {
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'auth.totp_disabled',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

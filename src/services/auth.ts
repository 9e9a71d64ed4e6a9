/**
 * Login, sessions, organisation switching and the optional TOTP factor.
 * Runs in the system context because the tenant is not known before login.
 */
import { errors } from '../errors';
import { isRole, type Role } from '../policies/roles';
import type { Actor } from '../policies/policies';
import { dummyPasswordHash, verifyPassword } from '../security/passwords';
import { randomToken, sha256Hex } from '../security/tokens';
import { generateTotpSecret, totpUri, verifyTotp } from '../security/totp';
import { withSystem, withTenant } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { sessionsRepo } from '../storage/repositories/sessions';
import { usersRepo } from '../storage/repositories/users';
import type { AppContext } from './context';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface AuthenticatedSession {
  token: string;
  actor: Actor;
  csrfToken: string;
}

export async function login(ctx: AppContext, input: { email: string; password: string; totpCode?: string }): Promise<AuthenticatedSession> {
  const email = input.email.trim().toLowerCase();
  const user = await usersRepo.findForLogin(ctx.db.kysely, email);
  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw errors.invalidCredentials();
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) throw errors.lockedOut();
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lock = user.failed_logins + 1 >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
    await usersRepo.recordFailedLogin(ctx.db.kysely, user.id, lock);
    throw lock ? errors.lockedOut() : errors.invalidCredentials();
  }
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totpCode) throw errors.totpRequired();
    const secret = await ctx.keyRing.decrypt(user.organisation_id, user.totp_secret_enc);
    if (!verifyTotp(secret, input.totpCode)) {
      await usersRepo.recordFailedLogin(ctx.db.kysely, user.id, null);
      throw errors.invalidTotp();
    }
  }
  const memberships = await usersRepo.membershipsOf(ctx.db.kysely, user.id);
  const home = memberships.find((m) => m.organisationId === user.organisation_id) ?? memberships[0];
  if (!home) throw errors.invalidCredentials();

  const token = randomToken();
  const csrfToken = randomToken();
  await withSystem(ctx.db, async (tx) => {
    await usersRepo.recordSuccessfulLogin(tx, user.id);
    await sessionsRepo.insert(tx, {
      tokenHash: sha256Hex(token), userId: user.id, organisationId: home.organisationId, csrfToken,
      expiresAt: new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000),
    });
    await auditRepo.append(tx, { organisationId: home.organisationId, actorUserId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return { token, csrfToken, actor: { userId: user.id, organisationId: home.organisationId, roles: home.roles.filter(isRole) } };
}

/** Resolves a session cookie to the acting user, or undefined when missing, expired or revoked. */
export async function resolveSession(ctx: AppContext, token: string | undefined): Promise<AuthenticatedSession | undefined> {
  if (!token) return undefined;
  const now = new Date();
  const row = await sessionsRepo.findActive(ctx.db.kysely, sha256Hex(token), now);
  if (!row) return undefined;
  // Sliding activity timestamp, written at most once a minute.
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > 60_000) await sessionsRepo.touch(ctx.db.kysely, row.tokenHash, now);
  return { token, csrfToken: row.csrfToken, actor: { userId: row.userId, organisationId: row.organisationId, roles: row.roles.filter(isRole) as Role[] } };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await sessionsRepo.delete(ctx.db.kysely, sha256Hex(token));
}

export async function logoutEverywhere(ctx: AppContext, actor: Actor): Promise<void> {
  await withSystem(ctx.db, async (tx) => {
    await sessionsRepo.deleteAllForUser(tx, actor.userId);
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'auth.logout_everywhere', entityType: 'user', entityId: actor.userId });
  });
}

export async function switchOrganisation(ctx: AppContext, session: AuthenticatedSession, organisationId: string): Promise<AuthenticatedSession> {
  const memberships = await usersRepo.membershipsOf(ctx.db.kysely, session.actor.userId);
  const target = memberships.find((m) => m.organisationId === organisationId);
  if (!target || memberships.length < 2) throw errors.notFound();
  await sessionsRepo.switchOrganisation(ctx.db.kysely, sha256Hex(session.token), organisationId);
  return { ...session, actor: { ...session.actor, organisationId, roles: target.roles.filter(isRole) } };
}

export async function sessionProfile(ctx: AppContext, actor: Actor) {
  const user = await usersRepo.findById(ctx.db.kysely, actor.userId);
  if (!user) throw errors.unauthenticated();
  const memberships = await usersRepo.membershipsOf(ctx.db.kysely, actor.userId);
  return { user, memberships };
}

/** Starts TOTP enrolment: stores a new encrypted secret, not yet enabled. */
export async function beginTotpSetup(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await usersRepo.findById(ctx.db.kysely, actor.userId);
  if (!user) throw errors.unauthenticated();
  if (user.totp_enabled) throw errors.conflict('totp_already_enabled', 'Two-factor authentication is already enabled');
  const secret = generateTotpSecret();
  await usersRepo.setTotp(ctx.db.kysely, user.id, await ctx.keyRing.encrypt(user.organisation_id, secret), false);
  return { secret, otpauthUrl: totpUri(user.email, secret) };
}

export async function enableTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const user = await usersRepo.findById(ctx.db.kysely, actor.userId);
  if (!user?.totp_secret_enc) throw errors.badRequest('totp_not_started', 'Start the two-factor setup first');
  const secret = await ctx.keyRing.decrypt(user.organisation_id, user.totp_secret_enc);
  if (!verifyTotp(secret, code)) throw errors.invalidTotp();
  await withTenant(ctx.db, actor, async (tx) => {
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'auth.totp_enabled', entityType: 'user', entityId: actor.userId });
  });
  await usersRepo.setTotp(ctx.db.kysely, user.id, user.totp_secret_enc, true);
}

export async function disableTotp(ctx: AppContext, actor: Actor, password: string): Promise<void> {
  const user = await usersRepo.findById(ctx.db.kysely, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, password))) throw errors.invalidCredentials();
  await usersRepo.setTotp(ctx.db.kysely, user.id, null, false);
  await withTenant(ctx.db, actor, async (tx) => {
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'auth.totp_disabled', entityType: 'user', entityId: actor.userId });
  });
}

/**
 * One's own account: changing the password (the current one is required) and answering
 * invitations to join another organisation. Every use case is about the actor herself.
 */
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { isRole } from '../policies/roles';
import { checkPasswordStrength } from '../security/password-strength';
import { hashPassword, verifyPassword } from '../security/passwords';
import { sha256Hex } from '../security/tokens';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { sessionsRepo } from '../storage/repositories/sessions';
import { usersRepo } from '../storage/repositories/users';
import { reserveAttempt, type AuthenticatedSession } from './auth';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

const own = (actor: Actor) => ({ organisationId: actor.organisationId, ownerUserId: actor.userId });

/**
 * Changes the actor's password. The current password is checked through a reserved attempt
 * (guesses count towards the lockout); every other session of hers ends, this one stays.
 */
export async function changePassword(
  ctx: AppContext,
  session: AuthenticatedSession,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { actor } = session;
  requireAccess(actor, 'account.manage', own(actor));
  const user = await usersRepo.findById(ctx.db.system, actor.userId);
  if (!user) throw errors.unauthenticated();
  // Strength first: it needs no secret, so a weak choice costs no attempt.
  const verdict = checkPasswordStrength(input.newPassword, [user.email, user.display_name]);
  if (!verdict.ok) throw errors.weakPassword('newPassword', verdict);
  if (input.newPassword === input.currentPassword)
    throw errors.weakPassword('newPassword', { warning: 'unchanged', suggestions: [] });
  const attempt = await reserveAttempt(ctx, user.id);
  if (!attempt) throw errors.lockedOut();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await withSystem(ctx.db, async (tx) => {
      await auditRepo.append(tx, {
        organisationId: user.organisation_id,
        actorUserId: user.id,
        action: 'auth.password_change_failed',
        entityType: 'user',
        entityId: user.id,
        fields: ['password'],
      });
      if (attempt.lockedUntil)
        await auditRepo.append(tx, {
          organisationId: user.organisation_id,
          actorUserId: user.id,
          action: 'auth.locked',
          entityType: 'user',
          entityId: user.id,
          fields: ['failed_logins', 'locked_until'],
        });
    });
    throw errors.wrongPassword('currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await withSystem(ctx.db, async (tx) => {
    await usersRepo.setPassword(tx, user.id, passwordHash, false);
    await sessionsRepo.deleteOthersForUser(tx, user.id, sha256Hex(session.token));
    await auditRepo.append(tx, {
      organisationId: user.organisation_id,
      actorUserId: user.id,
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.id,
      fields: ['password'],
    });
  });
}

export interface InvitationView {
  organisationId: string;
  organisationName: string;
  roles: string[];
}

/** Organisations that invited this account to join them. */
export async function listInvitations(ctx: AppContext, actor: Actor): Promise<InvitationView[]> {
  requireAccess(actor, 'account.manage', own(actor));
  // System context: invitations live in the inviting organisation, not in the actor's current one.
  return (await usersRepo.invitationsOf(ctx.db.system, actor.userId)).map((i) => ({
    organisationId: i.organisationId,
    organisationName: i.organisationName,
    roles: i.roles,
  }));
}

/** Accepting makes her a member with the roles offered; declining just removes the invitation. Both are audited by the inviting organisation. */
export async function answerInvitation(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
  accept: boolean,
): Promise<void> {
  requireAccess(actor, 'account.manage', own(actor));
  await withSystem(ctx.db, async (tx) => {
    const roles = await usersRepo.takeInvitation(tx, organisationId, actor.userId);
    if (!roles) throw errors.notFound();
    if (accept) await usersRepo.insertMembership(tx, organisationId, actor.userId, roles.filter(isRole));
    await auditRepo.append(tx, {
      organisationId,
      actorUserId: actor.userId,
      action: accept ? 'user.invitation_accepted' : 'user.invitation_declined',
      entityType: 'user',
      entityId: actor.userId,
      fields: accept ? ['roles'] : [],
    });
  });
}

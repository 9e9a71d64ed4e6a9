/** Managing the staff of one's own organisation. */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { CreateUserBody, UpdateUserBody } from '../domain/accounts/inputs';
import { errors } from '../errors';
import { can, type Actor } from '../policies/policies';
import { checkPasswordStrength } from '../security/password-strength';
import { hashPassword } from '../security/passwords';
import { withSystem, withTenant } from '../storage/database';
import { sessionsRepo } from '../storage/repositories/sessions';
import { auditRepo } from '../storage/repositories/audit';
import { usersRepo, type UserRow } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

/** A new account, as the edge schema parsed it. */
export type NewUserInput = z.infer<typeof CreateUserBody>;

/**
 * Changes to an account: `active` is the account in every organisation (her home organisation's
 * administrators only), `membershipActive` her membership in the actor's organisation (its administrators).
 */
export type UserChanges = z.infer<typeof UpdateUserBody>;

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}

export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserRow[]> {
  requireAccess(actor, 'user.list', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => {
    const rows = await usersRepo.listMembers(tx, actor.organisationId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'user.list',
      entityType: 'user',
      entityId: null,
    });
    return rows;
  });
}

/**
 * Creates a staff account. When the email already has an account in another organisation,
 * that account is invited to join instead, and the answer looks exactly like a creation:
 * an administrator must not learn which addresses other organisations employ. The person
 * sees the invitation on her account page and becomes a member only if she accepts.
 * An email already in the actor's own organisation is a plain 409 (she can see it anyway).
 */
export async function createUser(ctx: AppContext, actor: Actor, input: NewUserInput): Promise<UserRow> {
  requireAccess(actor, 'user.create', { organisationId: actor.organisationId });
  const id = crypto.randomUUID();
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const verdict = checkPasswordStrength(input.password, [email, displayName]);
  if (!verdict.ok) throw errors.weakPassword('password', verdict);
  // Hashed in both branches, so the invitation branch takes as long as a creation.
  const passwordHash = await hashPassword(input.password);
  const roles = [...new Set(input.roles)];
  // System lookup: under RLS the actor's transaction cannot see other organisations' accounts.
  const existing = await usersRepo.findForLogin(ctx.db.system, email);
  if (existing) {
    return withTenant(ctx.db, actor, async (tx) => {
      if (await usersRepo.findMember(tx, actor.organisationId, existing.id))
        throw errors.conflict('email_taken', 'A user with this email already exists');
      await usersRepo.upsertInvitation(tx, {
        organisationId: actor.organisationId,
        userId: existing.id,
        roles,
        invitedBy: actor.userId,
      });
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'user.invite',
        entityType: 'user',
        entityId: existing.id,
        fields: ['email', 'roles'],
      });
      return {
        id,
        email,
        displayName,
        active: true,
        accountActive: true,
        membershipActive: true,
        totpEnabled: false,
        lastLoginAt: null,
        version: 1,
        roles,
        onDuty: false,
        locked: false,
        mustChangePassword: false,
        homeOrganisationId: actor.organisationId,
      };
    });
  }
  try {
    return await withTenant(ctx.db, actor, async (tx) => {
      await usersRepo.insert(tx, { id, organisationId: actor.organisationId, email, displayName, passwordHash });
      await usersRepo.insertMembership(tx, actor.organisationId, id, roles);
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'user.create',
        entityType: 'user',
        entityId: id,
        fields: ['email', 'display_name', 'password', 'roles'],
      });
      const created = await usersRepo.findMember(tx, actor.organisationId, id);
      if (!created) throw new Error('Created user is not visible');
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw errors.conflict('email_taken', 'A user with this email already exists');
    throw e;
  }
}

/**
 * Changes a member of the actor's organisation. Roles, on duty and her membership's active state
 * are the organisation's own; her name and the account's active state are global and belong to her
 * home organisation (a partner's administrator gets 403 home_organisation_only; she may rename
 * herself). Deactivating her membership ends her sessions in this organisation only; deactivating
 * the account (home organisation) ends every session of hers, in every organisation.
 */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  changes: UserChanges,
): Promise<UserRow> {
  requireAccess(actor, 'user.update', { organisationId: actor.organisationId });
  const updated = await withTenant(ctx.db, actor, async (tx) => {
    const current = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!current) throw errors.notFound();
    // No one deactivates or demotes herself (the policy table's user.demote): an organisation never loses its last way in by accident.
    if (
      !can(actor, 'user.demote', { organisationId: actor.organisationId, userId }) &&
      (changes.active === false ||
        changes.membershipActive === false ||
        (changes.roles && !changes.roles.includes('admin')))
    ) {
      throw errors.badRequest(
        'cannot_demote_self',
        'You cannot deactivate yourself or remove your own administrator role',
      );
    }
    // An unchanged name sent along with a role edit is no rename.
    const displayName = changes.displayName?.trim();
    const renames = displayName !== undefined && displayName !== current.displayName;
    const accountChange = changes.active !== undefined && changes.active !== current.accountActive;
    if (
      ((renames && userId !== actor.userId) || accountChange) &&
      !can(actor, 'user.update_account', {
        organisationId: actor.organisationId,
        homeOrganisationId: current.homeOrganisationId,
      })
    ) {
      throw errors.homeOrganisationOnly();
    }
    if (current.version !== changes.version) throw errors.versionConflict();
    const changed = await usersRepo.updateProfile(tx, userId, changes.version, {
      displayName: renames ? displayName : undefined,
      active: accountChange ? changes.active : undefined,
    });
    if (!changed) throw errors.versionConflict();
    if (changes.roles) await usersRepo.setRoles(tx, actor.organisationId, userId, [...new Set(changes.roles)]);
    if (changes.onDuty !== undefined) await usersRepo.setOnDuty(tx, actor.organisationId, userId, changes.onDuty);
    if (changes.membershipActive !== undefined)
      await usersRepo.setMembershipActive(tx, actor.organisationId, userId, changes.membershipActive);
    const names: Record<string, string> = { displayName: 'display_name', membershipActive: 'membership_active' };
    const fields = Object.keys(changes)
      .filter((k) => k !== 'version')
      .map((k) => names[k] ?? k);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      fields,
    });
    const row = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!row) throw errors.notFound();
    return row;
  });
  // Sessions are system rows (no tenant policy), ended once the change is committed; until then
  // (and should this fail) resolving a session already refuses an inactive account or membership.
  if (changes.active === false) await withSystem(ctx.db, (tx) => sessionsRepo.deleteAllForUser(tx, userId));
  else if (changes.membershipActive === false)
    await withSystem(ctx.db, (tx) => sessionsRepo.deleteForUserInOrganisation(tx, userId, actor.organisationId));
  return updated;
}

/**
 * An administrator of the account's own organisation sets a temporary password: the person
 * must replace it at her next login, every session of hers ends, and a lockout is lifted.
 */
export async function setTemporaryPassword(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  password: string,
): Promise<UserRow> {
  requireAccess(actor, 'user.set_password', {
    organisationId: actor.organisationId,
    homeOrganisationId: actor.organisationId,
  });
  const updated = await withTenant(ctx.db, actor, async (tx) => {
    const target = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!target) throw errors.notFound();
    requireAccess(actor, 'user.set_password', {
      organisationId: actor.organisationId,
      homeOrganisationId: target.homeOrganisationId,
    });
    const verdict = checkPasswordStrength(password, [target.email, target.displayName]);
    if (!verdict.ok) throw errors.weakPassword('password', verdict);
    await usersRepo.setPassword(tx, userId, await hashPassword(password), true);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'user.temporary_password',
      entityType: 'user',
      entityId: userId,
      fields: ['password', 'must_change_password'],
    });
    return usersRepo.findMember(tx, actor.organisationId, userId);
  });
  if (!updated) throw errors.notFound();
  // Sessions are system rows (no tenant policy), ended once the new password is committed.
  await withSystem(ctx.db, (tx) => sessionsRepo.deleteAllForUser(tx, userId));
  return updated;
}

/** Lifts a lockout after failed logins, before it would expire by itself. */
export async function unlockUser(ctx: AppContext, actor: Actor, userId: string): Promise<UserRow> {
  requireAccess(actor, 'user.unlock', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => {
    const target = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!target) throw errors.notFound();
    await usersRepo.unlock(tx, userId);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'user.unlock',
      entityType: 'user',
      entityId: userId,
      fields: ['failed_logins', 'locked_until'],
    });
    const updated = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!updated) throw errors.notFound();
    return updated;
  });
}

/** Names and roles of active colleagues (account and membership here), for owner pickers: no emails or login data. */
export async function listStaff(
  ctx: AppContext,
  actor: Actor,
): Promise<{ id: string; displayName: string; roles: string[] }[]> {
  requireAccess(actor, 'staff.list', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) =>
    (await usersRepo.listMembers(tx, actor.organisationId))
      .filter((u) => u.active)
      .map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles })),
  );
}

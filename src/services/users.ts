/** Managing the staff of one's own organisation. */
import crypto from 'node:crypto';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Role } from '../policies/roles';
import { hashPassword } from '../security/passwords';
import { withTenant } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { usersRepo, type UserRow } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export interface NewUserInput {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  active?: boolean;
  onDuty?: boolean;
  version: number;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}

export async function listUsers(ctx: AppContext, actor: Actor): Promise<UserRow[]> {
  requireAccess(actor, 'user.list', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => {
    const rows = await usersRepo.listMembers(tx, actor.organisationId);
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'user.list', entityType: 'user', entityId: null });
    return rows;
  });
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUserInput): Promise<UserRow> {
  requireAccess(actor, 'user.create', { organisationId: actor.organisationId });
  const id = crypto.randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenant(ctx.db, actor, async (tx) => {
      await usersRepo.insert(tx, { id, organisationId: actor.organisationId, email: input.email.trim().toLowerCase(), displayName: input.displayName.trim(), passwordHash });
      await usersRepo.insertMembership(tx, actor.organisationId, id, [...new Set(input.roles)]);
      await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'user.create', entityType: 'user', entityId: id, fields: ['email', 'display_name', 'password', 'roles'] });
      const created = await usersRepo.findMember(tx, actor.organisationId, id);
      if (!created) throw new Error('Created user is not visible');
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw errors.conflict('email_taken', 'A user with this email already exists');
    throw e;
  }
}

export async function updateUser(ctx: AppContext, actor: Actor, userId: string, changes: UserChanges): Promise<UserRow> {
  requireAccess(actor, 'user.update', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => {
    const current = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!current) throw errors.notFound();
    if (userId === actor.userId && (changes.active === false || (changes.roles && !changes.roles.includes('admin')))) {
      throw errors.badRequest('cannot_demote_self', 'You cannot deactivate yourself or remove your own administrator role');
    }
    if (current.version !== changes.version) throw errors.versionConflict();
    const changed = await usersRepo.updateProfile(tx, userId, changes.version, { displayName: changes.displayName?.trim(), active: changes.active });
    if (!changed) throw errors.versionConflict();
    if (changes.roles) await usersRepo.setRoles(tx, actor.organisationId, userId, [...new Set(changes.roles)]);
    if (changes.onDuty !== undefined) await usersRepo.setOnDuty(tx, actor.organisationId, userId, changes.onDuty);
    const fields = Object.keys(changes).filter((k) => k !== 'version').map((k) => (k === 'displayName' ? 'display_name' : k));
    await auditRepo.append(tx, { organisationId: actor.organisationId, actorUserId: actor.userId, action: 'user.update', entityType: 'user', entityId: userId, fields });
    const updated = await usersRepo.findMember(tx, actor.organisationId, userId);
    if (!updated) throw errors.notFound();
    return updated;
  });
}

/** Names and roles of active colleagues, for owner pickers: no emails or login data. */
export async function listStaff(ctx: AppContext, actor: Actor): Promise<{ id: string; displayName: string; roles: string[] }[]> {
  requireAccess(actor, 'staff.list', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => (await usersRepo.listMembers(tx, actor.organisationId))
    .filter((u) => u.active).map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles })));
}

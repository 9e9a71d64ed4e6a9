/**
 * The professional roles and profiles catalogue: the organisation's copy of the
 * EX-CHANGE taxonomy (seeded on first use), its local roles mapped to the shared
 * taxonomy, and which staff hold which roles and profiles. Network partners see
 * only which fields of activity each member covers and how many staff, never who.
 */
import {
  checkProfile,
  checkRole,
  defaultCatalogue,
  TAXONOMY_PROFILES,
  TAXONOMY_ROLES,
  type CatalogueProfile,
  type CatalogueRole,
  type ProfileInput,
  type RoleInput,
} from '../domain/roles/catalogue';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { catalogueRepo } from '../storage/repositories/catalogue';
import { organisationsRepo } from '../storage/repositories/organisations';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';

async function loadCatalogue(
  tx: Tx,
  organisationId: string,
): Promise<{ profiles: CatalogueProfile[]; roles: CatalogueRole[] }> {
  const current = await catalogueRepo.list(tx, organisationId);
  if (current.roles.length > 0 || current.profiles.length > 0) return current;
  await catalogueRepo.seed(tx, organisationId, defaultCatalogue());
  return catalogueRepo.list(tx, organisationId);
}

/** The shared taxonomy every local entry maps to, for pickers and cross-organisation comparison. */
export const sharedTaxonomy = () => ({
  profiles: TAXONOMY_PROFILES.map((p) => ({ code: p.code, labels: p.labels })),
  roles: TAXONOMY_ROLES.map((r) => ({ code: r.code, labels: r.labels })),
});

export async function getCatalogue(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'catalogue.read', { organisationId: actor.organisationId });
  const catalogue = await inTenant(ctx, actor, (tx) => loadCatalogue(tx, actor.organisationId));
  return { ...catalogue, taxonomy: sharedTaxonomy() };
}

export async function saveProfile(ctx: AppContext, actor: Actor, code: string, input: ProfileInput): Promise<void> {
  requireAccess(actor, 'catalogue.manage', { organisationId: actor.organisationId });
  checkProfile(input);
  await inTenant(ctx, actor, async (tx) => {
    await loadCatalogue(tx, actor.organisationId);
    if (!input.active) await refuseIfHeld(tx, actor.organisationId, 'staff_profiles', 'profile_code', code);
    await catalogueRepo.saveProfile(tx, actor.organisationId, code, input);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'catalogue.profile.save',
      entityType: 'catalogue_profile',
      entityId: null,
      fields: [code],
    });
  });
}

export async function saveRole(ctx: AppContext, actor: Actor, code: string, input: RoleInput): Promise<void> {
  requireAccess(actor, 'catalogue.manage', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const { profiles } = await loadCatalogue(tx, actor.organisationId);
    checkRole(input, new Set(profiles.filter((p) => p.active).map((p) => p.code)));
    if (!input.active) await refuseIfHeld(tx, actor.organisationId, 'staff_roles', 'role_code', code);
    await catalogueRepo.saveRole(tx, actor.organisationId, code, input);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'catalogue.role.save',
      entityType: 'catalogue_role',
      entityId: null,
      fields: [code],
    });
  });
}

async function refuseIfHeld(
  tx: Tx,
  organisationId: string,
  table: 'staff_roles' | 'staff_profiles',
  column: 'role_code' | 'profile_code',
  code: string,
) {
  const held = await catalogueRepo.holders(tx, organisationId, table, column, code);
  if (held > 0)
    throw errors.conflict(
      'in_use',
      `${held} staff member(s) still hold "${code}"; change their roles and profiles first`,
    );
}

/** Staff with the roles and profiles they hold. */
export async function listStaffRoles(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'catalogue.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const [members, held] = await Promise.all([
      usersRepo.listMembers(tx, actor.organisationId),
      catalogueRepo.assignments(tx, actor.organisationId),
    ]);
    return members
      .filter((m) => m.active)
      .map((m) => ({
        userId: m.id,
        displayName: m.displayName,
        accessRoles: m.roles,
        roles: held.roles
          .filter((r) => r.userId === m.id)
          .map((r) => r.code)
          .sort(),
        profiles: held.profiles
          .filter((p) => p.userId === m.id)
          .map((p) => p.code)
          .sort(),
      }));
  });
}

/** Replaces a staff member's roles and profiles; every code must be an active entry of the catalogue. */
export async function setStaffRoles(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: { roles: string[]; profiles: string[] },
): Promise<void> {
  requireAccess(actor, 'catalogue.manage', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    if (!(await usersRepo.findMember(tx, actor.organisationId, userId))) throw errors.notFound();
    const catalogue = await loadCatalogue(tx, actor.organisationId);
    const activeRoles = new Set(catalogue.roles.filter((r) => r.active).map((r) => r.code));
    const activeProfiles = new Set(catalogue.profiles.filter((p) => p.active).map((p) => p.code));
    const unknown = [
      ...input.roles.filter((r) => !activeRoles.has(r)),
      ...input.profiles.filter((p) => !activeProfiles.has(p)),
    ];
    if (unknown.length)
      throw errors.badRequest(
        'unknown_catalogue_entry',
        `Not active roles or profiles of this organisation: ${unknown.join(', ')}`,
      );
    await catalogueRepo.replaceAssignments(
      tx,
      actor.organisationId,
      userId,
      [...new Set(input.roles)],
      [...new Set(input.profiles)],
    );
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'staff.roles.update',
      entityType: 'user',
      entityId: userId,
      fields: ['roles', 'profiles'],
    });
  });
}

/** Which shared-taxonomy roles each active network partner (and we) cover, with staff counts only. */
export async function networkRoleCoverage(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const rows = await catalogueRepo.networkRoleCoverage(tx);
    const ids = [...new Set(rows.map((r) => r.organisation_id))];
    const names = await organisationsRepo.summariesOf(tx, ids);
    return names
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => ({
        organisationId: o.id,
        name: o.name,
        roles: Object.fromEntries(
          rows.filter((r) => r.organisation_id === o.id).map((r) => [r.taxonomy_code, r.staff]),
        ),
      }));
  });
}

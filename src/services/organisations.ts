/** Administrative commands (CLI and seeding): creating organisations and their first users. */
import crypto from 'node:crypto';
import { errors } from '../errors';
import type { Role } from '../policies/roles';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../security/passwords';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { organisationsRepo } from '../storage/repositories/organisations';
import { usersRepo } from '../storage/repositories/users';
import type { AppContext } from './context';

export async function createOrganisation(ctx: AppContext, input: { slug: string; name: string; country?: string }) {
  const existing = await organisationsRepo.findBySlug(ctx.db.system, input.slug);
  if (existing) throw errors.conflict('organisation_exists', `An organisation with slug ${input.slug} already exists`);
  const id = crypto.randomUUID();
  await withSystem(ctx.db, async (tx) => {
    await organisationsRepo.insert(tx, { id, slug: input.slug, name: input.name, country: input.country ?? null });
    await auditRepo.append(tx, {
      organisationId: id,
      actorUserId: null,
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: id,
    });
  });
  await ctx.keyRing.ensureOrganisationKeys(id);
  return { id, ...input };
}

/** Creates a user with a membership in the given organisation (by slug), or adds a membership to an existing user. */
export async function createUserInOrganisation(
  ctx: AppContext,
  input: {
    organisationSlug: string;
    email: string;
    displayName: string;
    password: string;
    roles: Role[];
    passwordHash?: string;
  },
) {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw errors.badRequest('password_too_short', `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`);
  const org = await organisationsRepo.findBySlug(ctx.db.system, input.organisationSlug);
  if (!org) throw errors.notFound();
  const email = input.email.trim().toLowerCase();
  const existing = await usersRepo.findForLogin(ctx.db.system, email);
  const id = existing?.id ?? crypto.randomUUID();
  // A caller creating many accounts with one password (the demo seed) hashes it once and passes the hash.
  const passwordHash = existing ? undefined : (input.passwordHash ?? (await hashPassword(input.password)));
  await withSystem(ctx.db, async (tx) => {
    if (passwordHash)
      await usersRepo.insert(tx, { id, organisationId: org.id, email, displayName: input.displayName, passwordHash });
    await usersRepo.insertMembership(tx, org.id, id, input.roles);
    await auditRepo.append(tx, {
      organisationId: org.id,
      actorUserId: null,
      action: existing ? 'membership.create' : 'user.create',
      entityType: 'user',
      entityId: id,
      fields: ['roles'],
    });
  });
  return { id, email, organisationId: org.id };
}

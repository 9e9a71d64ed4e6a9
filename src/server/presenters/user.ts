/** Exactly which fields of a staff account leave the server (never hashes or secrets). */
import { z } from 'zod';
import { can, type Actor } from '../../policies/policies';
import type { UserRow } from '../../storage/repositories/users';

export const UserViewSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    /** She can work in this organisation: account and membership here both active. */
    active: z.boolean(),
    /** The account in every organisation (her home organisation decides). */
    accountActive: z.boolean(),
    /** Her membership in this organisation (this organisation decides). */
    membershipActive: z.boolean(),
    /** This organisation is her home: the account (name, password, deactivation everywhere) is its to manage. */
    homeHere: z.boolean(),
    totpEnabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    version: z.number().int(),
    onDuty: z.boolean(),
    /** Locked after failed logins, right now. */
    locked: z.boolean(),
    /** Has a temporary password that must be changed at the next login. */
    mustChangePassword: z.boolean(),
    permissions: z.object({
      update: z.boolean(),
      updateAccount: z.boolean(),
      setPassword: z.boolean(),
      unlock: z.boolean(),
    }),
  })
  .meta({ id: 'UserView' });
export type UserView = z.infer<typeof UserViewSchema>;

export function presentUser(actor: Actor, row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    active: row.active,
    accountActive: row.accountActive,
    membershipActive: row.membershipActive,
    homeHere: row.homeOrganisationId === actor.organisationId,
    totpEnabled: row.totpEnabled,
    lastLoginAt: row.lastLoginAt ? new Date(row.lastLoginAt).toISOString() : null,
    version: row.version,
    onDuty: row.onDuty,
    locked: row.locked,
    mustChangePassword: row.mustChangePassword,
    permissions: {
      update: can(actor, 'user.update', { organisationId: actor.organisationId }),
      updateAccount: can(actor, 'user.update_account', {
        organisationId: actor.organisationId,
        homeOrganisationId: row.homeOrganisationId,
      }),
      setPassword: can(actor, 'user.set_password', {
        organisationId: actor.organisationId,
        homeOrganisationId: row.homeOrganisationId,
      }),
      unlock: can(actor, 'user.unlock', { organisationId: actor.organisationId }),
    },
  };
}

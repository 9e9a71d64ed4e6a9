/** Exactly which fields of a session leave the server. */
import { z } from 'zod';
import { sessionPermissions, type Actor } from '../../policies/policies';

export const SessionViewSchema = z
  .object({
    user: z.object({
      id: z.string().uuid(),
      email: z.string(),
      displayName: z.string(),
      totpEnabled: z.boolean(),
      mustChangePassword: z.boolean(),
      /** Her language, stored with her account (null: follow the browser). */
      preferredLocale: z.string().nullable(),
    }),
    organisation: z.object({ id: z.string().uuid(), name: z.string() }),
    memberships: z.array(
      z.object({ organisationId: z.string().uuid(), organisationName: z.string(), roles: z.array(z.string()) }),
    ),
    roles: z.array(z.string()),
    permissions: z.object({
      manageUsers: z.boolean(),
      readAudit: z.boolean(),
      readCases: z.boolean(),
      viewNetworkAggregates: z.boolean(),
      reviewLinkage: z.boolean(),
      runLinkage: z.boolean(),
      manageLinkageSecret: z.boolean(),
      exportHtcds: z.boolean(),
      manageNetworks: z.boolean(),
      manageCatalogue: z.boolean(),
      manageConfiguration: z.boolean(),
    }),
    csrfToken: z.string(),
  })
  .meta({ id: 'SessionView' });
export type SessionView = z.infer<typeof SessionViewSchema>;

export function presentSession(
  actor: Actor,
  csrfToken: string,
  user: {
    id: string;
    email: string;
    display_name: string;
    totp_enabled: boolean;
    must_change_password: boolean;
    preferred_locale?: string | null;
  },
  memberships: { organisationId: string; organisationName: string; roles: string[] }[],
): SessionView {
  const current = memberships.find((m) => m.organisationId === actor.organisationId);
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      totpEnabled: user.totp_enabled,
      mustChangePassword: user.must_change_password,
      preferredLocale: user.preferred_locale ?? null,
    },
    organisation: { id: actor.organisationId, name: current?.organisationName ?? '' },
    memberships,
    roles: [...actor.roles],
    permissions: sessionPermissions(actor),
    csrfToken,
  };
}

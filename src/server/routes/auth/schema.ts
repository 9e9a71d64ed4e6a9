/** Edge schemas for login, logout, organisation switching and TOTP. */
import { z } from 'zod';

export const LoginBody = z.strictObject({
  email: z.string().trim().min(3).max(254).email(),
  password: z.string().min(1).max(1024),
  totpCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const SwitchOrganisationBody = z.strictObject({ organisationId: z.string().uuid() });

export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const TotpEnableBody = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

export const TotpDisableBody = z.strictObject({
  password: z.string().min(1).max(1024),
  code: z.string().regex(/^\d{6}$/),
});

// Length and strength of the new password are judged by the service, with the estimator's feedback.
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const InvitationsResponse = z.object({
  invitations: z.array(
    z.object({ organisationId: z.string().uuid(), organisationName: z.string(), roles: z.array(z.string()) }),
  ),
});

export const InvitationParams = z.strictObject({ organisationId: z.string().uuid() });

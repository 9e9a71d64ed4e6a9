/** Edge schemas for managing staff accounts. */
import { z } from 'zod';
import { ROLES } from '../../../policies/roles';
import { MIN_PASSWORD_LENGTH } from '../../../security/passwords';
import { Version } from '../../schemas';

const RoleList = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export const CreateUserBody = z.strictObject({
  email: z.string().trim().max(254).email(),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  roles: RoleList,
});

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  roles: RoleList.optional(),
  active: z
    .boolean()
    .optional()
    .describe(
      "the account in every organisation: her home organisation's administrators only (403 home_organisation_only otherwise)",
    ),
  membershipActive: z
    .boolean()
    .optional()
    .describe('her membership in the current organisation: false ends her access and her sessions here only'),
  onDuty: z.boolean().optional().describe('on duty: receives notifications of incoming referrals'),
  version: Version,
});

export const UserParams = z.strictObject({ id: z.string().uuid() });

// The service judges length and strength, answering with the estimator's feedback for the field.
export const TemporaryPasswordBody = z.strictObject({ password: z.string().min(1).max(1024) });

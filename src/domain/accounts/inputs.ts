/**
 * The request bodies of staff account management: one Zod schema validates the request at the edge
 * (and feeds the OpenAPI document), and the users service takes its inferred type.
 */
import { z } from 'zod';
import { ROLES } from '../roles/staff-roles';
import { Version } from '../shared/zod';

/** The shortest password an account may have (the strength estimator judges the rest). */
export const MIN_PASSWORD_LENGTH = 12;

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

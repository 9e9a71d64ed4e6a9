/** The staff roles an organisation can grant. Kept in step with the memberships CHECK constraint. */
export const ROLES = ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

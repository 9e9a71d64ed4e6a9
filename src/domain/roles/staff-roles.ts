/**
 * The staff roles an organisation can grant (what a member may do in Ariadne),
 * not the professional roles of the EX-CHANGE catalogue (catalogue.ts). Kept in
 * step with the memberships CHECK constraint; the policy table, the server's
 * schemas and the web's user form all read this list.
 */
export const ROLES = [
  'admin',
  'case_owner',
  'caseworker',
  'legal_advisor',
  'mediator',
  'coordinator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** @example isRole('caseworker') // true */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

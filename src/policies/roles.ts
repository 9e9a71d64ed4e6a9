/** The staff roles the policy table grants: defined once in the domain (domain/roles/staff-roles.ts). */
export { isRole, ROLES, type Role } from '../domain/roles/staff-roles';

/** Response shapes, mirroring the server presenters (see /api/docs). */
export interface SessionView {
  user: { id: string; email: string; displayName: string; totpEnabled: boolean; mustChangePassword: boolean };
  organisation: { id: string; name: string };
  memberships: { organisationId: string; organisationName: string; roles: string[] }[];
  roles: string[];
  permissions: { manageUsers: boolean; readAudit: boolean; readCases: boolean; viewNetworkAggregates: boolean; reviewLinkage: boolean; runLinkage: boolean; manageLinkageSecret: boolean; exportHtcds: boolean; manageNetworks: boolean; manageCatalogue: boolean };
  csrfToken: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  /** She can work in this organisation: account and membership here both active. */
  active: boolean;
  /** The account in every organisation (her home organisation decides). */
  accountActive: boolean;
  /** Her membership in this organisation (this organisation decides). */
  membershipActive: boolean;
  /** This organisation is her home. */
  homeHere: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  version: number;
  onDuty: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  permissions: { update: boolean; updateAccount: boolean; setPassword: boolean; unlock: boolean };
}

export interface AuditEntryView {
  /** null until the sealer has made the entry a leaf of the verifiable log. */
  seq: number | null;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fields: string[];
}

export { ROLES } from '../../domain/roles/staff-roles';

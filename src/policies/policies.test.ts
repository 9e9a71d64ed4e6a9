/** The policy matrix: every role × every action × own vs foreign organisation. */
import { describe, expect, test } from 'vitest';
import { ACTIONS, can, sessionPermissions, type Action } from './policies';
import { ROLES, type Role } from './roles';

const OWN = 'org-own';
const FOREIGN = 'org-foreign';

/** The expected permissions within one's own organisation; abroad everything is denied. */
const EXPECTED_OWN: Record<Role, Action[]> = {
  admin: [
    'organisation.read',
    'user.list',
    'user.create',
    'user.update',
    'user.demote',
    'audit.read',
    'case.audit.read',
    'case.audit_or_access_log.read',
    'reference.read',
    'staff.list',
    'network.aggregates.read',
    'network.read',
    'directory.update',
    'network.manage',
    'catalogue.read',
    'catalogue.manage',
    'linkage.run',
    'linkage.secret.manage',
    'htcds.export',
    'statistics.floor.manage',
    'user.unlock',
    'configuration.manage',
    'forms.read',
    'forms.export',
    'employer.read',
    'employer.manage',
  ],
  case_owner: [
    'organisation.read',
    'case.read',
    'case.create',
    'case.update',
    'case.change_owner',
    'case.own',
    'case.attachment.read',
    'case.attachment.add',
    'case.attachment.void',
    'reference.read',
    'staff.list',
    'network.read',
    'referral.create',
    'referral.read',
    'referral.respond',
    'referral.note.write',
    'catalogue.read',
    'forms.read',
    'forms.export',
    'contact.read',
    'contact.record',
    'contact.convert',
    'contact.handoff',
    'sync.use',
    'employer.read',
    'employer.manage',
  ],
  caseworker: [
    'organisation.read',
    'case.read',
    'case.create',
    'case.update',
    'case.change_owner',
    'case.own',
    'case.attachment.read',
    'case.attachment.add',
    'case.attachment.void',
    'reference.read',
    'staff.list',
    'network.read',
    'referral.create',
    'referral.read',
    'referral.respond',
    'referral.note.write',
    'catalogue.read',
    'forms.read',
    'contact.read',
    'contact.record',
    'contact.convert',
    'contact.handoff',
    'sync.use',
    'employer.read',
    'employer.manage',
  ],
  legal_advisor: [
    'organisation.read',
    'case.read',
    'case.update',
    'case.attachment.read',
    'case.attachment.add',
    'reference.read',
    'staff.list',
    'network.read',
    'referral.read',
    'referral.note.write',
    'catalogue.read',
    'forms.read',
    'contact.read',
    'sync.use',
    'employer.read',
  ],
  mediator: [
    'organisation.read',
    'case.read',
    'case.update',
    'case.attachment.read',
    'case.attachment.add',
    'reference.read',
    'staff.list',
    'network.read',
    'referral.read',
    'referral.note.write',
    'catalogue.read',
    'forms.read',
    'contact.read',
    'contact.record',
    'contact.handoff',
    'sync.use',
    'employer.read',
    'employer.manage',
  ],
  coordinator: [
    'organisation.read',
    'reference.read',
    'network.aggregates.read',
    'network.read',
    'linkage.review',
    'linkage.run',
    'network.manage',
    'catalogue.read',
    'forms.read',
    'employer.read',
  ],
  auditor: [
    'organisation.read',
    'audit.read',
    'case.audit.read',
    'case.audit_or_access_log.read',
    'reference.read',
    'network.read',
    'catalogue.read',
    'forms.read',
  ],
};

const matrix = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) => [
    { role, action, scope: 'own' as const, expected: EXPECTED_OWN[role].includes(action) },
    { role, action, scope: 'foreign' as const, expected: false },
  ]),
);

describe('policy matrix', () => {
  test.each(matrix)('$role $action on $scope organisation → $expected', ({ role, action, scope, expected }) => {
    const actor = { userId: 'u1', organisationId: OWN, roles: [role] };
    expect(can(actor, action, { organisationId: scope === 'own' ? OWN : FOREIGN })).toBe(expected);
  });

  test('the matrix covers every role and action', () => {
    expect(matrix).toHaveLength(ROLES.length * ACTIONS.length * 2);
  });

  test("a temporary password is set only by an administrator of the account's own organisation", () => {
    const admin = { userId: 'u1', organisationId: OWN, roles: ['admin'] as Role[] };
    expect(can(admin, 'user.set_password', { organisationId: OWN, homeOrganisationId: OWN })).toBe(true);
    expect(can(admin, 'user.set_password', { organisationId: OWN, homeOrganisationId: FOREIGN })).toBe(false);
    expect(
      can({ ...admin, roles: ['caseworker'] }, 'user.set_password', { organisationId: OWN, homeOrganisationId: OWN }),
    ).toBe(false);
  });

  test.each(ROLES)('a %s manages her own account only', (role) => {
    const actor = { userId: 'u1', organisationId: OWN, roles: [role] };
    expect(can(actor, 'account.manage', { organisationId: OWN, ownerUserId: 'u1' })).toBe(true);
    expect(can(actor, 'account.manage', { organisationId: OWN, ownerUserId: 'u2' })).toBe(false);
  });

  test('several roles combine as a union', () => {
    const actor = { userId: 'u1', organisationId: OWN, roles: ['auditor', 'caseworker'] as Role[] };
    expect(can(actor, 'audit.read', { organisationId: OWN })).toBe(true);
    expect(can(actor, 'case.create', { organisationId: OWN })).toBe(true);
    expect(can(actor, 'user.create', { organisationId: OWN })).toBe(false);
  });

  test("only a case's own owner reads its access log; auditors read every case's trail", () => {
    const owner = { userId: 'u1', organisationId: OWN, roles: ['caseworker'] as Role[] };
    expect(can(owner, 'case.access_log.read', { organisationId: OWN, ownerUserId: 'u1' })).toBe(true);
    expect(can(owner, 'case.access_log.read', { organisationId: OWN, ownerUserId: 'u2' })).toBe(false);
    expect(can(owner, 'case.access_log.read', { organisationId: FOREIGN, ownerUserId: 'u1' })).toBe(false);
    expect(
      can({ ...owner, roles: ['coordinator'] }, 'case.access_log.read', { organisationId: OWN, ownerUserId: 'u1' }),
    ).toBe(false);
  });

  test('the case audit page: the whole trail for auditors and administrators, the access log for her own case only', () => {
    const owner = { userId: 'u1', organisationId: OWN, roles: ['caseworker'] as Role[] };
    expect(can(owner, 'case.audit_or_access_log.read', { organisationId: OWN, ownerUserId: 'u1' })).toBe(true);
    expect(can(owner, 'case.audit_or_access_log.read', { organisationId: OWN, ownerUserId: 'u2' })).toBe(false);
    expect(
      can({ ...owner, roles: ['auditor'] }, 'case.audit_or_access_log.read', {
        organisationId: OWN,
        ownerUserId: 'u2',
      }),
    ).toBe(true);
    expect(
      can({ ...owner, roles: ['auditor'] }, 'case.audit_or_access_log.read', {
        organisationId: FOREIGN,
        ownerUserId: 'u2',
      }),
    ).toBe(false);
    expect(
      can({ ...owner, roles: ['coordinator'] }, 'case.audit_or_access_log.read', {
        organisationId: OWN,
        ownerUserId: 'u1',
      }),
    ).toBe(false);
  });

  test.each(ROLES)('a %s may own a case only with a case-carrying role', (role) => {
    const candidate = { userId: 'u2', organisationId: OWN, roles: [role] };
    expect(can(candidate, 'case.own', { organisationId: OWN })).toBe(role === 'case_owner' || role === 'caseworker');
    expect(can(candidate, 'case.own', { organisationId: FOREIGN })).toBe(false);
  });

  test('no administrator demotes or deactivates herself', () => {
    const admin = { userId: 'u1', organisationId: OWN, roles: ['admin'] as Role[] };
    expect(can(admin, 'user.demote', { organisationId: OWN, userId: 'u2' })).toBe(true);
    expect(can(admin, 'user.demote', { organisationId: OWN, userId: 'u1' })).toBe(false);
    expect(can(admin, 'user.demote', { organisationId: FOREIGN, userId: 'u2' })).toBe(false);
  });

  test('either organisation a referral names writes its own notes on it; no third one', () => {
    const writer = (organisationId: string) => ({ userId: 'u1', organisationId, roles: ['mediator'] as Role[] });
    const referral = { organisationId: OWN, parties: [OWN, FOREIGN] };
    expect([OWN, FOREIGN, 'org-third'].map((o) => can(writer(o), 'referral.note.write', referral))).toEqual([
      true,
      true,
      false,
    ]);
    expect(can({ ...writer(OWN), roles: ['coordinator'] }, 'referral.note.write', referral)).toBe(false);
  });

  test('a shared record: the organisations it names may read it, no other; only the one the rule names acts', () => {
    const sender = { userId: 'u1', organisationId: OWN, roles: ['caseworker'] as Role[] };
    const receiver = { ...sender, organisationId: FOREIGN };
    const third = { ...sender, organisationId: 'org-third' };
    const referral = { organisationId: OWN, parties: [OWN, FOREIGN] };
    expect([sender, receiver, third].map((a) => can(a, 'referral.read', referral))).toEqual([true, true, false]);
    // Answering: the resource is the receiving organisation, so the sender is refused although it reads it.
    expect([sender, receiver, third].map((a) => can(a, 'referral.respond', { organisationId: FOREIGN }))).toEqual([
      false,
      true,
      false,
    ]);
    const coordinator = (organisationId: string) => ({
      userId: 'u2',
      organisationId,
      roles: ['coordinator'] as Role[],
    });
    const pair = { organisationId: OWN, parties: [OWN, FOREIGN] };
    expect([OWN, FOREIGN, 'org-third'].map((o) => can(coordinator(o), 'linkage.review', pair))).toEqual([
      true,
      true,
      false,
    ]);
    // Naming an organisation widens only the rules written for sharing.
    expect(can(receiver, 'case.read', { organisationId: OWN, parties: [OWN, FOREIGN] })).toBe(false);
  });

  test('auditors and coordinators never read case content', () => {
    for (const role of ['auditor', 'coordinator', 'admin'] as Role[]) {
      expect(can({ userId: 'u', organisationId: OWN, roles: [role] }, 'case.read', { organisationId: OWN })).toBe(
        false,
      );
    }
  });

  test('session permissions are derived from the same rules', () => {
    expect(sessionPermissions({ userId: 'u', organisationId: OWN, roles: ['admin'] })).toEqual({
      manageUsers: true,
      readAudit: true,
      readCases: false,
      viewNetworkAggregates: true,
      reviewLinkage: false,
      runLinkage: true,
      manageLinkageSecret: true,
      exportHtcds: true,
      manageNetworks: true,
      manageCatalogue: true,
      manageConfiguration: true,
    });
    expect(sessionPermissions({ userId: 'u', organisationId: OWN, roles: ['caseworker'] })).toEqual({
      manageUsers: false,
      readAudit: false,
      readCases: true,
      viewNetworkAggregates: false,
      reviewLinkage: false,
      runLinkage: false,
      manageLinkageSecret: false,
      exportHtcds: false,
      manageNetworks: false,
      manageCatalogue: false,
      manageConfiguration: false,
    });
  });
});

/**
 * Authorization, in one place: every permission is a rule
 * `allow(action, roles, predicate)` evaluated as `can(actor, action, resource)`.
 * Handlers and services never inspect roles themselves.
 */
import type { Role } from './roles';

export interface Actor {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
}

/** What is being acted on; organisationId is the tenant that owns it. */
export interface Resource {
  organisationId: string;
  ownerUserId?: string;
  /**
   * For a record shared on purpose (a review pair): the organisations named in it. organisationId
   * stays the record's owner; each named organisation may act on it as the rule allows.
   */
  parties?: readonly string[];
  /** For staff accounts: the organisation the account belongs to (the one that created it). */
  homeOrganisationId?: string;
  /** For staff accounts: the account acted on. */
  userId?: string;
}

export const ACTIONS = [
  'organisation.read',
  'user.list',
  'user.create',
  'user.update',
  'user.update_account',
  'user.set_password',
  'user.unlock',
  'user.demote',
  'account.manage',
  'audit.read',
  'case.read',
  'case.create',
  'case.update',
  'case.change_owner',
  'case.audit.read',
  'case.access_log.read',
  'case.audit_or_access_log.read',
  'case.own',
  'case.attachment.read',
  'case.attachment.add',
  'case.attachment.void',
  'reference.read',
  'staff.list',
  'network.aggregates.read',
  'network.read',
  'referral.create',
  'referral.read',
  'referral.respond',
  'referral.note.write',
  'directory.update',
  'linkage.review',
  'linkage.run',
  'linkage.secret.manage',
  'htcds.export',
  'network.manage',
  'catalogue.read',
  'catalogue.manage',
  'statistics.floor.manage',
  'configuration.manage',
  'forms.read',
  'forms.export',
  'contact.read',
  'contact.record',
  'contact.convert',
  'contact.handoff',
  'sync.use',
  'employer.read',
  'employer.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

type Predicate = (actor: Actor, resource: Resource) => boolean;

/** The tenant check: nothing is ever allowed across organisations except through sharing tables. */
const sameOrganisation: Predicate = (actor, resource) => actor.organisationId === resource.organisationId;
/** The sharing check: the actor's organisation is one of those the shared record names (or owns it). */
const namedIn: Predicate = (actor, resource) =>
  sameOrganisation(actor, resource) || (resource.parties ?? []).includes(actor.organisationId);

const CASE_STAFF: Role[] = ['case_owner', 'caseworker', 'legal_advisor', 'mediator'];

const RULES: Record<Action, { roles: Role[]; when: Predicate }> = {
  'organisation.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: sameOrganisation,
  },
  'user.list': { roles: ['admin'], when: sameOrganisation },
  'user.create': { roles: ['admin'], when: sameOrganisation },
  // Her membership here: roles, on duty, and whether she may work in this organisation at all.
  'user.update': { roles: ['admin'], when: sameOrganisation },
  // The account as a whole (her name, deactivation everywhere) belongs to her home organisation:
  // a partner's administrator must not rename her or lock her out of the other organisations.
  'user.update_account': {
    roles: ['admin'],
    when: (actor, resource) =>
      sameOrganisation(actor, resource) && resource.homeOrganisationId === actor.organisationId,
  },
  // A temporary password (changed at the next login) is set by the account's own organisation only:
  // an account shared with partners must not be taken over by a partner's administrator.
  'user.set_password': {
    roles: ['admin'],
    when: (actor, resource) =>
      sameOrganisation(actor, resource) && resource.homeOrganisationId === actor.organisationId,
  },
  'user.unlock': { roles: ['admin'], when: sameOrganisation },
  // Deactivating a member or taking away her administrator role: no one does it to herself (the resource is her account).
  'user.demote': {
    roles: ['admin'],
    when: (actor, resource) => sameOrganisation(actor, resource) && resource.userId !== actor.userId,
  },
  // One's own account (password, invitations to join other organisations): everyone, for herself only.
  'account.manage': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: (actor, resource) => sameOrganisation(actor, resource) && resource.ownerUserId === actor.userId,
  },
  // Auditors read the trail (who did what to which record) but never case content.
  'audit.read': { roles: ['admin', 'auditor'], when: sameOrganisation },
  // Administrators manage the organisation, not cases: case content needs a case role.
  'case.read': { roles: CASE_STAFF, when: sameOrganisation },
  'case.create': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  'case.update': { roles: CASE_STAFF, when: sameOrganisation },
  // Handing a case over is for the people who carry cases; it is audited with a reason.
  'case.change_owner': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  // The audit trail of one case: who read or changed it, never its content.
  'case.audit.read': { roles: ['admin', 'auditor'], when: sameOrganisation },
  // The responsible case owner sees who opened or changed her own case (names and actions, no content).
  'case.access_log.read': {
    roles: CASE_STAFF,
    when: (actor, resource) => sameOrganisation(actor, resource) && resource.ownerUserId === actor.userId,
  },
  // The case audit page: the full trail for auditors and administrators, the access log for the case's own owner.
  'case.audit_or_access_log.read': {
    roles: ['admin', 'auditor', ...CASE_STAFF],
    when: (actor, resource) => can(actor, 'case.audit.read', resource) || can(actor, 'case.access_log.read', resource),
  },
  // Who may be made responsible for a case (the actor is the candidate): the people who carry cases.
  'case.own': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  // Attachments (consent forms, ID scans, medical and legal documents): read and added by case staff,
  // each download audited; voiding one (kept in history) is for the people who carry cases.
  'case.attachment.read': { roles: CASE_STAFF, when: sameOrganisation },
  'case.attachment.add': { roles: CASE_STAFF, when: sameOrganisation },
  'case.attachment.void': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  'reference.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: sameOrganisation,
  },
  'staff.list': { roles: ['admin', ...CASE_STAFF], when: sameOrganisation },
  // Coordinators see network-level aggregates only.
  'network.aggregates.read': { roles: ['coordinator', 'admin'], when: sameOrganisation },
  'network.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: sameOrganisation,
  },
  // Sending a case to a partner, and answering one, is for the people who carry cases.
  'referral.create': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  // A referral is read by the two organisations it names; only the receiver answers it (the resource is then the receiver).
  'referral.read': { roles: CASE_STAFF, when: namedIn },
  'referral.respond': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  // Either organisation a referral names writes its own notes and delivered services on it (stored under the writer's key).
  'referral.note.write': { roles: CASE_STAFF, when: namedIn },
  // The organisation's own public entry in the network directory.
  'directory.update': { roles: ['admin'], when: sameOrganisation },
  // Deciding whether two encodings are one person: scores and coarse attributes only, never names.
  'linkage.review': { roles: ['coordinator'], when: namedIn },
  // Starting a network linkage run and following it: counts only, never encodings or identities.
  'linkage.run': { roles: ['coordinator', 'admin'], when: sameOrganisation },
  // The organisation's copy of the shared network linkage secret (write-only).
  'linkage.secret.manage': { roles: ['admin'], when: sameOrganisation },
  // Sharing the organisation's de-identified, k-anonymised case records (HTCDS) is an organisational decision.
  'htcds.export': { roles: ['admin'], when: sameOrganisation },
  // Proposing or joining a network agreement, and answering the network-mapping questionnaire.
  'network.manage': { roles: ['admin', 'coordinator'], when: sameOrganisation },
  // The professional roles and profiles catalogue: everyone reads it; administrators adapt it and map staff to roles.
  'catalogue.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: sameOrganisation,
  },
  'catalogue.manage': { roles: ['admin'], when: sameOrganisation },
  // The smallest disclosure threshold the organisation accepts for reports on its persons: an organisational decision.
  'statistics.floor.manage': { roles: ['admin'], when: sameOrganisation },
  // The organisation's configuration as data: reference lists (items, order, labels, retiring, release
  // proposals), legal tracks and custom forms. An administrator's decision; everyone else reads it.
  'configuration.manage': { roles: ['admin'], when: sameOrganisation },
  // Published custom forms, for the people who record and read cases (and administrators who build them).
  'forms.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator', 'auditor'],
    when: sameOrganisation,
  },
  // A form's recorded values as CSV (codes, numbers, dates; never identities or free text): for the
  // administrator, who decides what leaves the organisation, and the case owner, who answers for the
  // organisation's cases. Not caseworkers: an export takes every case's values, not those she works on.
  'forms.export': { roles: ['admin', 'case_owner'], when: sameOrganisation },
  // The threshold phase (issue #18): contacts before any case. Outreach workers and cultural mediators
  // record them; making a case of a contact (she agreed) is for the people who carry cases.
  'contact.read': { roles: CASE_STAFF, when: sameOrganisation },
  'contact.record': { roles: ['case_owner', 'caseworker', 'mediator'], when: sameOrganisation },
  'contact.convert': { roles: ['case_owner', 'caseworker'], when: sameOrganisation },
  // A hotline hand-off to a local post is read and answered by the two organisations it names.
  'contact.handoff': { roles: ['case_owner', 'caseworker', 'mediator'], when: namedIn },
  // Offline field work: her own device's sync and the conflicts it raised on the cases she carries.
  'sync.use': { roles: CASE_STAFF, when: sameOrganisation },
  // The employer directory (issue #19): the organisation's own, and those its networks share (never a person's data).
  'employer.read': {
    roles: ['admin', 'case_owner', 'caseworker', 'legal_advisor', 'mediator', 'coordinator'],
    when: namedIn,
  },
  'employer.manage': { roles: ['admin', 'case_owner', 'caseworker', 'mediator'], when: sameOrganisation },
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  const rule = RULES[action];
  return actor.roles.some((r) => rule.roles.includes(r)) && rule.when(actor, resource);
}

/** The permissions a client may use to show or hide actions; computed here, never in the UI. */
export function sessionPermissions(actor: Actor) {
  const own = { organisationId: actor.organisationId };
  return {
    manageUsers: can(actor, 'user.list', own),
    readAudit: can(actor, 'audit.read', own),
    readCases: can(actor, 'case.read', own),
    viewNetworkAggregates: can(actor, 'network.aggregates.read', own),
    reviewLinkage: can(actor, 'linkage.review', own),
    runLinkage: can(actor, 'linkage.run', own),
    manageLinkageSecret: can(actor, 'linkage.secret.manage', own),
    exportHtcds: can(actor, 'htcds.export', own),
    manageNetworks: can(actor, 'network.manage', own),
    manageCatalogue: can(actor, 'catalogue.manage', own),
    manageConfiguration: can(actor, 'configuration.manage', own),
  };
}

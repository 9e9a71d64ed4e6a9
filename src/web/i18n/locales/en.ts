/** English: the source language. Every other locale must have exactly these keys. */
import { caseUiEn } from '../cases/en';
import { netEn } from '../network/en';
import { statsEn } from '../statistics/en';
export const en = {
  app: { name: 'Ariadne', tagline: 'Case management and referral networks for anti-trafficking support' },
  common: { loading: 'Loading…', yes: 'Yes', no: 'No', retry: 'Try again', cancel: 'Cancel', save: 'Save', saving: 'Saving…', close: 'Close', never: 'Never' },
  nav: { main: 'Main navigation', networks: 'Networks', roles: 'Roles', privateReleases: 'Private releases', questionnaire: 'Questionnaire', linkageReview: 'Record linkage', statistics: 'Statistics', cohort: 'Outcomes', estimates: 'Estimates', mse: 'MSE', referrals: 'Referrals', network: 'Network', cases: 'Cases', dashboard: 'Dashboard', users: 'Users', audit: 'Audit log', account: 'My account', skipToContent: 'Skip to content', menu: 'Menu' },
  shell: {
    organisation: 'Organisation', switchOrganisation: 'Switch organisation', language: 'Language',
    logout: 'Log out', signedInAs: 'Signed in as {{name}}',
  },
  login: {
    title: 'Log in to Ariadne', email: 'Email', password: 'Password', totpCode: 'Authenticator code',
    totpHint: 'Enter the 6-digit code from your authenticator app.', submit: 'Log in', submitting: 'Logging in…',
    privacyNote: 'Everything you do here is recorded in the audit log of your organisation.',
  },
  dashboard: {
    title: 'Dashboard', welcome: 'Welcome, {{name}}', organisation: 'Organisation', roles: 'Your roles',
    emptyTitle: 'Nothing needs your attention yet', emptyBody: 'Agenda items, cases and network figures will appear here as your organisation starts using Ariadne.',
    quickLinks: 'Quick links',
  },
  notifications: {
    title: 'Notifications ({{count}} new)', none: 'No notifications.', new: 'New', open: 'Open the referral', markAllRead: 'Mark all as read',
    kinds: { 'referral.received': '{{partner}} sent a referral: {{service}}', 'transfer.received': '{{partner}} proposes a transfer: {{service}}', 'referral.accepted': '{{partner}} accepted your referral: {{service}}', 'referral.declined': '{{partner}} declined your referral: {{service}}', 'referral.completed': '{{partner}} completed your referral: {{service}}', 'referral.consent_withdrawn': 'Consent withdrawn: the referral from {{partner}} ({{service}}) has ended' },
  },
  users: {
    onDuty: 'Put on duty for referrals', offDuty: 'Take off duty', dutyBadge: 'on duty',
    title: 'Users', intro: 'Staff accounts of {{organisation}}. You can only see and manage your own organisation.',
    add: 'Add a user', email: 'Email', displayName: 'Name', password: 'Initial password', passwordHint: 'At least 12 characters. Ask the person to change it.',
    roles: 'Roles', status: 'Status', active: 'Active', inactive: 'Deactivated', totp: 'Two-factor', lastLogin: 'Last login',
    edit: 'Edit', editing: 'Edit {{name}}', deactivate: 'Deactivate', activate: 'Reactivate', create: 'Create user',
    created: 'User created.', saved: 'Changes saved.', none: 'No users yet.', actions: 'Actions', rolesRequired: 'Choose at least one role.',
  },
  roles: {
    admin: 'Administrator', case_owner: 'Case owner', caseworker: 'Caseworker', legal_advisor: 'Legal advisor',
    mediator: 'Mediator', coordinator: 'Network coordinator', auditor: 'Auditor',
  },
  audit: {
    title: 'Audit log', intro: 'Who did what and when. Field names only: values are never recorded here.',
    seq: '#', at: 'When', actor: 'Who', action: 'Action', entity: 'Record', fields: 'Fields', empty: 'No entries yet.',
  },
  account: {
    title: 'My account', totpTitle: 'Two-factor authentication', totpOn: 'Two-factor authentication is on.',
    totpOff: 'Two-factor authentication is off. Turn it on to protect the people whose records you can see.',
    setup: 'Set up an authenticator', setupHint: 'Add this secret to your authenticator app, then enter the code it shows.',
    secret: 'Secret', code: 'Code', enable: 'Turn on', enabled: 'Two-factor authentication is now on.',
    disable: 'Turn off', disablePassword: 'Your password', disabled: 'Two-factor authentication is now off.',
    sessionsTitle: 'Sessions', sessionsHint: 'Lost a phone or used a shared computer? End every session on every device.',
    logoutEverywhere: 'Log out everywhere',
  },
  caseUi: caseUiEn,
  net: netEn,
  stats: statsEn,
  notFound: { title: 'Page not found', back: 'Back to the dashboard' },
  errors: {
    invalid_file: 'The file is not a readable spreadsheet.',
    too_few_lists: "MSE needs at least three lists.",
    invalid_count: "Counts must be whole numbers of zero or more.",
    no_overlaps: "The lists do not overlap, so MSE cannot estimate anything.",
    no_finite_estimate: "These counts give no finite estimate: some list is contained in the others or overlaps are too sparse.",
    missing_header: "The table needs a header with one column per list and a count column.",
    consent_not_granted: "She has not consented to sharing with this organisation.",
    unknown_list_value: "A value is not in the configured list.",
    case_closed: "The case is closed: reopen it first.",
    invalid_transition: "This status change is not possible from here.",
    reason_required: "Give a reason.",
    future_date: "A date is in the future.",
    invalid_date_range: "The end date is before the start date.",
    identity_required: "A transfer needs the identity section.",
    invalid_referral_transition: "This referral can no longer be answered that way.",
    score_out_of_scale: "A score is outside the scale.",
    assessment_before_intake: "The assessment is dated before the first contact.",
    open_case_exists: "She already has an open case: continue or reopen that one instead of opening another.",
    generic: 'Something went wrong. Please try again.', network_error: 'The server could not be reached.',
    validation_failed: 'Some fields are not valid. Check them and try again.', invalid_json: 'The request was malformed.',
    payload_too_large: 'The request is too large.', unauthenticated: 'Please log in.',
    invalid_credentials: 'The email or password is not correct.', totp_required: 'Enter the code from your authenticator app.',
    invalid_totp: 'The authenticator code is not correct.', csrf_failed: 'The request could not be verified. Reload the page and try again.',
    forbidden: 'You do not have permission to do this.', not_found: 'Not found, or you do not have access.',
    version_conflict: 'Someone else changed this record. Reload it and apply your change again.',
    locked_out: 'Too many failed attempts. Try again in a few minutes.', rate_limited: 'Too many requests. Slow down and try again.',
    email_taken: 'A user with this email already exists.', password_too_short: 'The password is too short (at least 12 characters).',
    cannot_demote_self: 'You cannot remove your own administrator role or deactivate yourself.',
    totp_not_started: 'Start the authenticator setup first.', totp_already_enabled: 'Two-factor authentication is already on.',
    linkage_running: 'A linkage run is already in progress. Wait for it to finish.',
    weak_secret: 'The linkage secret is too short.',
    weak_password: 'The password is too easy to guess.', wrong_password: 'The password is not correct.', password_change_required: 'Choose a new password first.', totp_not_enabled: 'Two-factor authentication is not on.',
    internal_error: 'Something went wrong on our side.',
  },
};

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
/** The shape every translation must have. */
export type Messages = DeepStrings<typeof en>;

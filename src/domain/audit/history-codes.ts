/**
 * The codes of the history a person reads: every audit action and every case event kind the
 * services write, each with a label in the `historyUi` namespace (locales/<language>/historyUi.json).
 * A code is matched exactly first, then by a pattern whose `*` stands for one code word (a record
 * kind, a status change); the word then fills the label's {{detail}} from `historyUi.parts`. A code
 * no entry knows is shown readable (`readableCode`), never raw. tests/unit/history-labels.test.ts
 * scans the services for the codes they emit and checks each has a label in every shipped language.
 *
 * @example historyLabelKey('action', 'case.entry.consent.create') // { key: 'actions.case_entry_x_create', detail: 'consent' }
 */

/** Audit actions (audit_log.action). */
export const AUDIT_ACTIONS = [
  'account.preferences.update',
  'audit.export',
  'audit.verify',
  'auth.locked',
  'auth.login',
  'auth.login_failed',
  'auth.login_refused_burst',
  'auth.login_refused_inactive',
  'auth.login_refused_locked',
  'auth.logout_everywhere',
  'auth.password_change_failed',
  'auth.password_changed',
  'auth.totp_disabled',
  'auth.totp_enabled',
  'case.advanced',
  'case.paused',
  'case.resumed',
  'case.closed',
  'case.reopened',
  'case.*',
  'case.attachment.add',
  'case.attachment.download',
  'case.attachment.share',
  'case.attachment.void',
  'case.closed_by_transfer',
  'case.create',
  'case.create_from_transfer',
  'case.entry.*.create',
  'case.entry.*.revise',
  'case.entry.*.void',
  'case.intake.update',
  'case.list',
  'case.owner_change',
  'case.person.update',
  'case.print',
  'case.read',
  'case.search',
  'case.update',
  'catalogue.profile.save',
  'catalogue.role.save',
  'directory.update',
  'estimate.create',
  'export.form_values',
  'export.htcds',
  'keys.encrypt_free_text',
  'keys.rotate_data_key',
  'linkage.encode',
  'linkage.review.match',
  'linkage.review.non_match',
  'linkage.review.*',
  'linkage.review.list',
  'linkage.run',
  'linkage.run.start',
  'linkage.secret.set',
  'membership.create',
  'network.accept',
  'network.decline',
  'network.*',
  'network.accepted_by_partner',
  'network.create',
  'network.declined_by_partner',
  'network.disclosure_floor',
  'network.graph',
  'network.invited',
  'network.privacy_budget',
  'network.propose',
  'organisation.create',
  'questionnaire.submit',
  'configuration.form.create',
  'configuration.form.publish',
  'configuration.form.retire',
  'configuration.form.update',
  'contact.record',
  'contact.chain_merge',
  'contact.list',
  'contact.read',
  'contact.chain_read',
  'contact.case_history',
  'contact.correct',
  'contact.void',
  'contact.convert',
  'handoff.route',
  'handoff.create',
  'handoff.received',
  'handoff.read',
  'handoff.list',
  'handoff.accept',
  'handoff.decline',
  'handoff.accepted_by_partner',
  'handoff.declined_by_partner',
  'handoff.identity_withdrawn',
  'legal_track.create',
  'legal_track.update',
  'sync.conflict.create',
  'sync.conflict.read',
  'sync.conflict.resolve',
  'sync.device.key',
  'sync.device.register',
  'sync.device.revoke',
  'sync.pull',
  'sync.push',
  'employer.create',
  'employer.update',
  'employer.share',
  'employer.unshare',
  'employer.retire',
  'employer.tutor_add',
  'employer.agreement_add',
  'internship_rule.update',
  'internship_rule.remove',
  'reference.item.add',
  'reference.item.edit',
  'reference.item.retire',
  'reference.item.restore',
  'reference.list.reorder',
  'reference.proposal.accept',
  'reference.proposal.dismiss',
  'referral.create',
  'transfer.create',
  '*.create',
  'referral.received',
  'transfer.received',
  '*.received',
  'referral.accept',
  'referral.decline',
  'referral.complete',
  'referral.*',
  'referral.note.add',
  'referral.service.add',
  'referral.*.add',
  'referral.accepted_by_partner',
  'referral.declined_by_partner',
  'referral.completed_by_partner',
  'referral.*_by_partner',
  'referral.consent_withdrawn',
  'referral.consent_withdrawn_by_sender',
  'referral.attachment.download',
  'referral.read',
  'staff.roles.update',
  'statistics.capture_histories',
  'statistics.cohort',
  'statistics.disclosure_floor',
  'statistics.contacts',
  'statistics.labour',
  'statistics.private_release',
  'statistics.report',
  'user.create',
  'user.invitation_accepted',
  'user.invitation_declined',
  'user.invite',
  'user.list',
  'user.temporary_password',
  'user.unlock',
  'user.update',
] as const;

/** Case timeline event kinds (case_events.kind). */
export const CASE_EVENT_KINDS = [
  'case.opened',
  'case.advanced',
  'case.paused',
  'case.resumed',
  'case.closed',
  'case.reopened',
  'case.*',
  'case.owner_changed',
  'consent.record_afresh',
  'attachment.added',
  'attachment.voided',
  'entry.*',
  'referral.sent',
  'transfer.sent',
  '*.sent',
  'referral.consent_withdrawn',
  'transfer.completed',
  'transfer.received',
] as const;

export type HistoryGroup = 'action' | 'event';

const CATALOGUES: Record<HistoryGroup, { prefix: string; codes: readonly string[] }> = {
  action: { prefix: 'actions', codes: AUDIT_ACTIONS },
  event: { prefix: 'events', codes: CASE_EVENT_KINDS },
};

/** The key under historyUi of a catalogue code: dots become underscores, `*` becomes `x`. */
export const keyOfCode = (code: string): string => code.replaceAll('.', '_').replaceAll('*', 'x');

const patternCache = new Map<string, RegExp>();
function matcher(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.]/g, '\\.'))
      .join('([a-z0-9_]+)');
    patternCache.set(pattern, (re = new RegExp(`^${body}$`)));
  }
  return re;
}

/**
 * The historyUi key of a code (`actions.<key>` or `events.<key>`) and, for a pattern, the code word
 * that fills {{detail}}; undefined for a code the catalogue does not know.
 */
export function historyLabelKey(group: HistoryGroup, code: string): { key: string; detail?: string } | undefined {
  const { prefix, codes } = CATALOGUES[group];
  if (!code.includes('*') && codes.includes(code)) return { key: `${prefix}.${keyOfCode(code)}` };
  for (const pattern of codes) {
    if (!pattern.includes('*')) continue;
    const m = matcher(pattern).exec(code);
    if (m) return { key: `${prefix}.${keyOfCode(pattern)}`, detail: m[1] };
  }
  return undefined;
}

/**
 * A code written for people when no label knows it: words split on dots and underscores.
 *
 * @example readableCode('case.entry.note.create') // 'Case entry note create'
 */
export function readableCode(code: string): string {
  const words = code.split(/[._]+/).filter(Boolean).join(' ');
  return words ? words[0].toUpperCase() + words.slice(1) : code;
}

/** The historyUi key of a code word that fills {{detail}} (a record kind, a status change). */
export const partKey = (word: string): string => `parts.${word}`;

/** How a history label is written, given a lookup of historyUi keys in one language (with fallback). */
export function historyLabel(
  group: HistoryGroup,
  code: string,
  translate: (key: string, params?: Record<string, string>) => string | undefined,
): string {
  const found = historyLabelKey(group, code);
  if (!found) return readableCode(code);
  const detail =
    found.detail === undefined ? undefined : (translate(partKey(found.detail)) ?? readableCode(found.detail));
  return translate(found.key, detail === undefined ? undefined : { detail }) ?? readableCode(code);
}

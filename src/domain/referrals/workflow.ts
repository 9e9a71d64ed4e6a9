/**
 * Referrals and transfers between organisations: the status workflow, the
 * sections that may be shared (minimum by default, never locations), and the
 * network definition (three or more organisations; two are a partnership).
 */
import { DomainError } from '../errors';

export type ReferralStatus = 'pending' | 'accepted' | 'declined' | 'completed' | 'consent_withdrawn';
export type ReferralAction = 'accept' | 'decline' | 'complete';

const NEXT: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  pending: { accept: 'accepted', decline: 'declined' },
  accepted: { complete: 'completed' },
  declined: {},
  completed: {},
  // Her withdrawal ends the referral for the partner; a renewed consent needs a new referral.
  consent_withdrawn: {},
};

export function nextStatus(current: ReferralStatus, action: ReferralAction, reason?: string): ReferralStatus {
  if (current === 'consent_withdrawn')
    throw new DomainError(
      'consent_withdrawn',
      'She withdrew her consent to share with this organisation; the referral can no longer be answered',
    );
  const next = NEXT[current][action];
  if (!next)
    throw new DomainError(
      'invalid_referral_transition',
      `A ${current} referral cannot be ${action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'completed'}`,
    );
  if (action === 'decline' && !reason?.trim())
    throw new DomainError('reason_required', 'Say why the referral is declined');
  return next;
}

/**
 * Which referrals a withdrawal of her sharing consent reaches: everything the partner can
 * still read or act on. A completed referral is history, and an accepted transfer is the
 * partner's own case by then (the sender's case is closed).
 */
export function reachedByWithdrawal(kind: 'referral' | 'transfer' | string, status: ReferralStatus | string): boolean {
  return status === 'pending' || (status === 'accepted' && kind === 'referral');
}

/** Always shared: what the partner needs to help, and nothing that identifies or locates her. */
export const MINIMUM_SECTIONS = ['chosen_term', 'language', 'needs', 'requested_service'] as const;
/**
 * Shared only when the sender ticks them. Shelter addresses and exact locations are not a section at all.
 * `documents`: copies of the case's attachments (consent forms, ID scans, medical and legal documents).
 */
// `employment`: her labour-market insertion records (issue #19), codes and dates only (snapshot.ts).
export const OPTIONAL_SECTIONS = [
  'identity',
  'identification',
  'legal',
  'risk_level',
  'documents',
  'employment',
] as const;
export type SharedSection = (typeof MINIMUM_SECTIONS)[number] | (typeof OPTIONAL_SECTIONS)[number];

/** A transfer hands her safety over too: the new owner starts from her assessed risk level. */
export const TRANSFER_MINIMUM_SECTIONS = [...MINIMUM_SECTIONS, 'risk_level'] as const;

/**
 * The sections of a referral: the minimum, and those she agreed to share. `customSections` are the
 * referral sections the organisation's published custom forms declare (their records cross only
 * within them, src/domain/forms/referral.ts); the returned list may hold those names too.
 */
export function sectionsToShare(
  chosen: readonly string[],
  kind: 'referral' | 'transfer' = 'referral',
  customSections: readonly string[] = [],
): SharedSection[] {
  for (const section of chosen) {
    if (![...MINIMUM_SECTIONS, ...OPTIONAL_SECTIONS, ...customSections].includes(section as SharedSection))
      throw new DomainError('unknown_section', `"${section}" cannot be shared`);
  }
  return [
    ...new Set([...(kind === 'transfer' ? TRANSFER_MINIMUM_SECTIONS : MINIMUM_SECTIONS), ...chosen]),
  ] as SharedSection[];
}

/** A transfer hands the person over, so the new owner needs to know who she is. */
export function assertTransferSections(kind: 'referral' | 'transfer', sections: readonly SharedSection[]): void {
  if (kind === 'transfer' && !sections.includes('identity'))
    throw new DomainError('identity_required', 'A transfer moves the case: share the identity section too');
}

export const MIN_NETWORK_MEMBERS = 3;

export function assertNetworkSize(memberCount: number): void {
  if (memberCount < MIN_NETWORK_MEMBERS) {
    throw new DomainError(
      'network_too_small',
      'A network has at least three organisations with shared objectives; two organisations form a partnership, not a network',
    );
  }
}

/**
 * Consent per purpose, as a history of grant and withdrawal events. Withdrawal
 * takes effect at once. Assistance is never conditional on police cooperation.
 */
import { DomainError } from '../errors';

export interface ConsentEvent {
  purpose: string;
  action: 'granted' | 'withdrawn';
  /** Sharing for referral is consented per named partner organisation. */
  partnerOrganisationId?: string;
  at: string;
}

export interface ConsentState {
  purpose: string;
  partnerOrganisationId?: string;
  granted: boolean;
  at: string;
}

const keyOf = (e: { purpose: string; partnerOrganisationId?: string }) => `${e.purpose}:${e.partnerOrganisationId ?? ''}`;

/** Current state per purpose (and partner), from the ordered event history. */
export function currentConsents(events: ConsentEvent[]): ConsentState[] {
  const latest = new Map<string, ConsentState>();
  for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    latest.set(keyOf(event), { purpose: event.purpose, partnerOrganisationId: event.partnerOrganisationId, granted: event.action === 'granted', at: event.at });
  }
  return [...latest.values()];
}

export function hasConsent(events: ConsentEvent[], purpose: string, partnerOrganisationId?: string): boolean {
  return currentConsents(events).some((c) => c.granted && c.purpose === purpose && (c.partnerOrganisationId ?? undefined) === partnerOrganisationId);
}

/** Refuses a withdrawal of consent that is not currently given (e.g. withdrawn twice). */
export function assertCanRecord(events: ConsentEvent[], next: Omit<ConsentEvent, 'at'>): void {
  if (next.purpose === 'referral_sharing' && !next.partnerOrganisationId) {
    throw new DomainError('partner_required', 'Consent to share for a referral names the partner organisation');
  }
  if (next.action === 'withdrawn' && !hasConsent(events, next.purpose, next.partnerOrganisationId)) {
    throw new DomainError('consent_already_withdrawn', 'This consent is not currently given, so it cannot be withdrawn');
  }
}

/** Sharing operations call this; a missing or withdrawn consent blocks them. */
export function requireSharingConsent(events: ConsentEvent[], partnerOrganisationId: string): void {
  if (!hasConsent(events, 'referral_sharing', partnerOrganisationId)) {
    throw new DomainError('consent_not_granted', 'She has not consented to sharing with this organisation');
  }
}

/**
 * Assistance depends on her consent to assistance only; cooperation with the
 * authorities is a separate fact and deliberately not a parameter here.
 */
export function mayReceiveAssistance(events: ConsentEvent[]): boolean {
  return hasConsent(events, 'assistance');
}

/** Consent events from stored consent records (their data plus when they were recorded). */
export function consentEventsFromRecords(records: readonly { kind?: string; data: Record<string, unknown>; recordedAt: Date | string }[]): ConsentEvent[] {
  return records.filter((r) => r.kind === undefined || r.kind === 'consent').map((r) => ({
    purpose: String(r.data.purpose), action: r.data.action as ConsentEvent['action'],
    ...(r.data.partnerOrganisationId ? { partnerOrganisationId: String(r.data.partnerOrganisationId) } : {}),
    at: new Date(r.recordedAt).toISOString(),
  }));
}

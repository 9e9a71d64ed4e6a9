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

const keyOf = (e: { purpose: string; partnerOrganisationId?: string }) =>
  `${e.purpose}:${e.partnerOrganisationId ?? ''}`;

/** Current state per purpose (and partner), from the ordered event history. */
export function currentConsents(events: ConsentEvent[]): ConsentState[] {
  const latest = new Map<string, ConsentState>();
  for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    latest.set(keyOf(event), {
      purpose: event.purpose,
      partnerOrganisationId: event.partnerOrganisationId,
      granted: event.action === 'granted',
      at: event.at,
    });
  }
  return [...latest.values()];
}

export function hasConsent(events: ConsentEvent[], purpose: string, partnerOrganisationId?: string): boolean {
  return currentConsents(events).some(
    (c) => c.granted && c.purpose === purpose && (c.partnerOrganisationId ?? undefined) === partnerOrganisationId,
  );
}

/**
 * Purposes consented per named partner organisation. Every other purpose is
 * one consent for the organisation itself: a partner on it would read as a
 * consent that exists nowhere else (and is checked by nothing).
 */
export const PARTNER_SCOPED_PURPOSES: ReadonlySet<string> = new Set(['referral_sharing']);

export const isPartnerScoped = (purpose: string): boolean => PARTNER_SCOPED_PURPOSES.has(purpose);

/**
 * The purpose whose consent is her choice about follow-up contact: the outcome schedule reads it with the
 * follow-up choices recorded with her outcomes (outcomes/schedule.ts, followUpFromConsents).
 */
export const FOLLOW_UP_CONSENT_PURPOSE = 'follow_up_contact';

/**
 * Refuses a consent without its partner (or with one its purpose does not take),
 * and a withdrawal of consent that is not currently given (e.g. withdrawn twice).
 */
export function assertCanRecord(events: ConsentEvent[], next: Omit<ConsentEvent, 'at'>): void {
  if (isPartnerScoped(next.purpose) && !next.partnerOrganisationId) {
    throw new DomainError('partner_required', 'Consent to share for a referral names the partner organisation', {
      field: 'partnerOrganisationId',
    });
  }
  if (!isPartnerScoped(next.purpose) && next.partnerOrganisationId !== undefined) {
    throw new DomainError(
      'partner_not_applicable',
      'This purpose is consented for the organisation itself and takes no partner organisation',
      { field: 'partnerOrganisationId' },
    );
  }
  if (next.action === 'withdrawn' && !hasConsent(events, next.purpose, next.partnerOrganisationId)) {
    throw new DomainError(
      'consent_already_withdrawn',
      'This consent is not currently given, so it cannot be withdrawn',
    );
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

/**
 * Consent events from stored consent records (their data plus when they were recorded).
 * Records written before partners were refused on other purposes may carry a stray
 * partner (the form sent its hidden value); it is ignored, so the records and every
 * check agree on one consent for the organisation.
 */
export function consentEventsFromRecords(
  records: readonly { kind?: string; data: Record<string, unknown>; recordedAt: Date | string }[],
): ConsentEvent[] {
  return records
    .filter((r) => r.kind === undefined || r.kind === 'consent')
    .map((r) => ({
      purpose: String(r.data.purpose),
      action: r.data.action as ConsentEvent['action'],
      ...(r.data.partnerOrganisationId && isPartnerScoped(String(r.data.purpose))
        ? { partnerOrganisationId: String(r.data.partnerOrganisationId) }
        : {}),
      at: new Date(r.recordedAt).toISOString(),
    }));
}

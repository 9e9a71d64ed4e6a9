/**
 * Whether the consent a referral rests on still holds: her current referral_sharing
 * consent for exactly this referral's receiver. Checked on every read of the snapshot
 * and on accept, on top of the referral's own consent_withdrawn state (defence in depth:
 * the state is set in the withdrawal's transaction; this check does not depend on it).
 */
import { hasConsent, type ConsentEvent } from '../domain/cases/consent';
import { errors } from '../errors';
import type { Tx } from '../storage/database';
import { referralsRepo, type ReferralRow } from '../storage/repositories/referrals';

export async function sharingConsentHolds(
  tx: Tx,
  referral: Pick<ReferralRow, 'id' | 'status' | 'toOrganisationId'>,
): Promise<boolean> {
  if (referral.status === 'consent_withdrawn') return false;
  const events: ConsentEvent[] = (await referralsRepo.sharingConsentEvents(tx, referral.id)).map((e) => ({
    purpose: 'referral_sharing',
    action: e.action === 'granted' ? 'granted' : 'withdrawn',
    partnerOrganisationId: referral.toOrganisationId,
    at: e.recordedAt.toISOString(),
  }));
  return hasConsent(events, 'referral_sharing', referral.toOrganisationId);
}

export async function requireSharingConsentHolds(
  tx: Tx,
  referral: Pick<ReferralRow, 'id' | 'status' | 'toOrganisationId'>,
): Promise<void> {
  if (!(await sharingConsentHolds(tx, referral))) {
    throw errors.conflict(
      'consent_withdrawn',
      'She withdrew her consent to share with this organisation; nothing of the referral can be used any more',
    );
  }
}

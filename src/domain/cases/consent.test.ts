import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  assertCanRecord,
  consentEventsFromRecords,
  currentConsents,
  hasConsent,
  mayReceiveAssistance,
  requireSharingConsent,
  type ConsentEvent,
} from './consent';

const partner = '7f1c2b1e-0000-4000-8000-000000000001';
const history: ConsentEvent[] = [
  { purpose: 'assistance', action: 'granted', at: '2026-01-02T10:00:00Z' },
  { purpose: 'referral_sharing', partnerOrganisationId: partner, action: 'granted', at: '2026-01-03T10:00:00Z' },
];

describe('consent', () => {
  test('withdrawal takes effect immediately and blocks sharing', () => {
    expect(() => requireSharingConsent(history, partner)).not.toThrow();
    const withdrawn = [
      ...history,
      {
        purpose: 'referral_sharing',
        partnerOrganisationId: partner,
        action: 'withdrawn' as const,
        at: '2026-01-04T10:00:00Z',
      },
    ];
    expect(() => requireSharingConsent(withdrawn, partner)).toThrow(
      expect.objectContaining({ code: 'consent_not_granted' }),
    );
    expect(currentConsents(withdrawn).find((c) => c.purpose === 'referral_sharing')?.granted).toBe(false);
  });

  test('sharing consent is per named partner', () => {
    expect(hasConsent(history, 'referral_sharing', '7f1c2b1e-0000-4000-8000-000000000002')).toBe(false);
    expect(() => assertCanRecord(history, { purpose: 'referral_sharing', action: 'granted' })).toThrow(
      expect.objectContaining({ code: 'partner_required' }),
    );
  });

  test('only partner-scoped purposes take a partner; a stray partner on old records is ignored', () => {
    expect(() =>
      assertCanRecord(history, { purpose: 'network_deduplication', action: 'granted', partnerOrganisationId: partner }),
    ).toThrow(expect.objectContaining({ code: 'partner_not_applicable', details: { field: 'partnerOrganisationId' } }));
    expect(() => assertCanRecord(history, { purpose: 'network_deduplication', action: 'granted' })).not.toThrow();
    const stray = consentEventsFromRecords([
      {
        kind: 'consent',
        data: { purpose: 'network_deduplication', action: 'granted', partnerOrganisationId: partner },
        recordedAt: '2026-01-05T10:00:00Z',
      },
    ]);
    expect(hasConsent(stray, 'network_deduplication')).toBe(true);
    expect(currentConsents(stray)).toEqual([
      {
        purpose: 'network_deduplication',
        partnerOrganisationId: undefined,
        granted: true,
        at: '2026-01-05T10:00:00.000Z',
      },
    ]);
  });

  test('withdrawing twice is refused', () => {
    const once = [...history, { purpose: 'assistance', action: 'withdrawn' as const, at: '2026-02-01T00:00:00Z' }];
    expect(() => assertCanRecord(once, { purpose: 'assistance', action: 'withdrawn' })).toThrow(
      expect.objectContaining({ code: 'consent_already_withdrawn' }),
    );
  });

  test('assistance needs only consent to assistance, never cooperation with police', () => {
    expect(mayReceiveAssistance(history)).toBe(true);
    expect(hasConsent(history, 'law_enforcement_sharing')).toBe(false);
  });

  // The rule itself, not the signature: whatever she decides about the police (cooperating, declining,
  // never asked) and whatever else she grants or withdraws, only her consent to assistance decides.
  test('assistance is invariant under any cooperation value and any non-assistance consent events', () => {
    const at = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((t) => new Date(t).toISOString());
    const action = fc.constantFrom<ConsentEvent['action']>('granted', 'withdrawn');
    const assistance = fc.array(fc.record({ purpose: fc.constant('assistance'), action, at }), { maxLength: 6 });
    const other = fc.array(
      fc.record({
        purpose: fc.oneof(
          fc.constantFrom(
            'law_enforcement_sharing',
            'police_cooperation',
            'cooperation_with_authorities',
            'referral_sharing',
            'anonymous_statistics',
            'follow_up_contact',
          ),
          fc.string().filter((p) => p !== 'assistance'),
        ),
        action,
        at,
        partnerOrganisationId: fc.option(fc.constant(partner), { nil: undefined }),
      }),
      { maxLength: 8 },
    );
    const cooperation = fc.constantFrom('unknown', 'not_cooperating', 'cooperating', 'declined');
    fc.assert(
      fc.property(assistance, other, cooperation, fc.boolean(), (own, unrelated, coop, shuffle) => {
        const expected = mayReceiveAssistance(own);
        const mixed = shuffle ? [...unrelated, ...own] : [...own, ...unrelated];
        // A cooperation fact smuggled in as an extra argument or as an event changes nothing either.
        const withCooperation = [
          ...mixed,
          { purpose: `cooperation:${coop}`, action: 'granted' as const, at: '2030-01-01T00:00:00Z' },
        ];
        expect(mayReceiveAssistance(mixed)).toBe(expected);
        expect((mayReceiveAssistance as (...args: unknown[]) => boolean)(withCooperation, coop)).toBe(expected);
        expect(expected).toBe(hasConsent(own, 'assistance'));
      }),
    );
  });
});

import { describe, expect, test } from 'vitest';
import {
  assertNetworkSize,
  assertTransferSections,
  nextStatus,
  reachedByWithdrawal,
  sectionsToShare,
} from './workflow';

describe('referral workflow', () => {
  test.each([
    ['pending', 'accept', 'accepted'],
    ['pending', 'decline', 'declined'],
    ['accepted', 'complete', 'completed'],
  ] as const)('%s + %s → %s', (from, action, to) => {
    expect(nextStatus(from, action, 'demo reason')).toBe(to);
  });

  test.each([
    ['declined', 'accept'],
    ['completed', 'accept'],
    ['pending', 'complete'],
    ['accepted', 'decline'],
  ] as const)('%s cannot %s', (from, action) => {
    expect(() => nextStatus(from, action, 'x')).toThrow(
      expect.objectContaining({ code: 'invalid_referral_transition' }),
    );
  });

  test('declining needs a reason', () => {
    expect(() => nextStatus('pending', 'decline', ' ')).toThrow(expect.objectContaining({ code: 'reason_required' }));
  });

  test('the minimum is always shared, locations never can be, transfers need identity', () => {
    expect(sectionsToShare([])).toEqual(['chosen_term', 'language', 'needs', 'requested_service']);
    expect(() => sectionsToShare(['shelter_address'])).toThrow(expect.objectContaining({ code: 'unknown_section' }));
    expect(() => assertTransferSections('transfer', sectionsToShare([]))).toThrow(
      expect.objectContaining({ code: 'identity_required' }),
    );
  });

  test('a withdrawn consent ends the referral: no answer of any kind', () => {
    for (const action of ['accept', 'decline', 'complete'] as const) {
      expect(() => nextStatus('consent_withdrawn', action, 'x')).toThrow(
        expect.objectContaining({ code: 'consent_withdrawn' }),
      );
    }
    expect([
      reachedByWithdrawal('referral', 'pending'),
      reachedByWithdrawal('referral', 'accepted'),
      reachedByWithdrawal('transfer', 'pending'),
    ]).toEqual([true, true, true]);
    expect([
      reachedByWithdrawal('transfer', 'accepted'),
      reachedByWithdrawal('referral', 'completed'),
      reachedByWithdrawal('referral', 'declined'),
    ]).toEqual([false, false, false]);
  });

  test('a transfer always carries her risk level; a referral only when ticked', () => {
    expect(sectionsToShare(['identity'], 'transfer')).toEqual([
      'chosen_term',
      'language',
      'needs',
      'requested_service',
      'risk_level',
      'identity',
    ]);
    expect(sectionsToShare(['risk_level'])).toContain('risk_level');
    expect(sectionsToShare([])).not.toContain('risk_level');
  });

  test('two organisations are a partnership, not a network', () => {
    expect(() => assertNetworkSize(2)).toThrow(/partnership/);
    expect(() => assertNetworkSize(3)).not.toThrow();
  });
});

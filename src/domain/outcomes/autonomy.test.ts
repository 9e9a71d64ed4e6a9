import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DECISION_AREAS, decisionStatus, summariseAutonomy, type KeyDecision } from './autonomy';

const decision = (over: Partial<KeyDecision>): KeyDecision => ({
  area: 'relationship',
  ownDecision: true,
  emotionalSupport: true,
  autonomyWithin: true,
  ...over,
});

describe('autonomy', () => {
  test.each([
    [decision({}), 'autonomous', []],
    [decision({ ownDecision: false }), 'concern', ['ownDecision']],
    [decision({ emotionalSupport: false, autonomyWithin: false }), 'concern', ['emotionalSupport', 'autonomyWithin']],
    [decision({ autonomyWithin: null }), 'unknown', []],
    [decision({ ownDecision: false, autonomyWithin: null }), 'concern', ['ownDecision']],
  ] as const)('%o → %s', (input, status, concerns) => {
    const summary = decisionStatus(input);
    expect(summary.status).toBe(status);
    expect(summary.concerns).toEqual(concerns);
  });

  test('financial dependence on a partner never changes the summary (autonomy, not independence)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DECISION_AREAS),
        fc.constantFrom(true, false, null),
        fc.constantFrom(true, false, null),
        (area, a, b) => {
          const base = decision({ area, ownDecision: a, emotionalSupport: b });
          expect(decisionStatus({ ...base, financialDependence: true })).toEqual(
            decisionStatus({ ...base, financialDependence: false }),
          );
        },
      ),
    );
  });

  test('counts decisions by status', () => {
    const summary = summariseAutonomy({
      decisions: [
        decision({}),
        decision({ area: 'work', ownDecision: false }),
        decision({ area: 'return', emotionalSupport: null }),
      ],
    });
    expect([summary.autonomous, summary.concern, summary.unknown]).toEqual([1, 1, 1]);
    expect(summariseAutonomy(undefined).decisions).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import {
  canSpend,
  planRelease,
  PrivacyBudgetExceededError,
  releaseKeyOf,
  remaining,
  spend,
  type Ledger,
  type ReleasePlan,
  type ReleaseSpec,
} from './ledger';
import { canonicalJson, releaseKey } from './release-key';

const empty: Ledger = { networkId: 'n1', totalEpsilon: 1, releases: [] };
const spec = (epsilon: number): ReleaseSpec => ({
  networkId: 'n1',
  epsilon,
  query: { population: 'assisted_persons', rows: 'sex', cols: 'all', period: { from: 2024, to: 2024 } },
});

describe('releaseKey', () => {
  test('does not depend on key order or undefined members', () => {
    expect(releaseKey({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      releaseKey({ b: { d: 'x', c: [1, 2], e: undefined }, a: 1 }),
    );
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
  });
  test.each([
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: 1 }, { a: '1' }],
    [{ epsilon: 0.5 }, { epsilon: 0.25 }],
  ])('distinguishes %o from %o', (x, y) => {
    expect(releaseKey(x)).not.toBe(releaseKey(y));
  });
  test('refuses non-finite numbers', () => {
    expect(() => releaseKey({ a: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe('ledger', () => {
  test('spends until the budget is used, then throws a typed error', () => {
    let ledger = spend(empty, 'k1', 0.7, '2025-01-01T00:00:00Z');
    expect(remaining(ledger)).toBeCloseTo(0.3);
    ledger = spend(ledger, 'k2', 0.1, '2025-01-02T00:00:00Z');
    ledger = spend(ledger, 'k3', 0.2, '2025-01-03T00:00:00Z'); // 0.7 + 0.1 + 0.2 fits despite float sums
    expect(canSpend(ledger, 0.01)).toBe(false);
    expect(() => spend(ledger, 'k4', 0.01, 'x')).toThrow(PrivacyBudgetExceededError);
    expect(empty.releases).toEqual([]);
  });

  test('a release key cannot be spent twice', () => {
    expect(() => spend(spend(empty, 'k1', 0.1, 'x'), 'k1', 0.1, 'y')).toThrow(/already recorded/);
  });

  test.each([
    ['a new query within budget is spent', empty, spec(0.5), 'spend'],
    [
      'the same query again is reused',
      { ...empty, releases: [{ releaseKey: releaseKeyOf(spec(0.5)), epsilon: 0.5, at: 'x' }] },
      spec(0.5),
      'reuse',
    ],
    [
      'the same query at another epsilon is a new release',
      { ...empty, releases: [{ releaseKey: releaseKeyOf(spec(0.5)), epsilon: 0.5, at: 'x' }] },
      spec(0.25),
      'spend',
    ],
    [
      'over budget is refused',
      { ...empty, releases: [{ releaseKey: 'other', epsilon: 0.9, at: 'x' }] },
      spec(0.5),
      'refuse',
    ],
    [
      'a stored release is reused even when the budget is spent',
      { ...empty, releases: [{ releaseKey: releaseKeyOf(spec(1)), epsilon: 1, at: 'x' }] },
      spec(1),
      'reuse',
    ],
    ['another network is refused', empty, { ...spec(0.1), networkId: 'n2' }, 'refuse'],
    ['a zero epsilon is refused', empty, spec(0), 'refuse'],
  ] as [string, Ledger, ReleaseSpec, ReleasePlan['kind']][])('%s', (_name, ledger, request, kind) => {
    const plan = planRelease(ledger, request);
    expect(plan.kind).toBe(kind);
    if (plan.kind === 'spend')
      expect(plan).toEqual({ kind: 'spend', epsilon: request.epsilon, releaseKey: releaseKeyOf(request) });
    if (plan.kind === 'refuse') expect(plan.reason.length).toBeGreaterThan(0);
  });
});

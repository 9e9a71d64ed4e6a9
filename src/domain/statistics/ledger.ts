/**
 * Privacy budget ledger (pure logic): a network has a total epsilon; each
 * noisy release spends part of it. Re-running a release reuses the stored
 * noisy numbers instead of spending again. Storage is the caller's.
 */
import { DomainError } from '../errors';
import { releaseKey, type CanonicalValue } from './release-key';

export interface LedgerRelease {
  releaseKey: string;
  epsilon: number;
  /** ISO timestamp. */
  at: string;
}

export interface Ledger {
  networkId: string;
  totalEpsilon: number;
  releases: LedgerRelease[];
}

/** What a release asks for; everything in it (epsilon included) goes into the release key. */
export interface ReleaseSpec {
  networkId: string;
  epsilon: number;
  query: { [key: string]: CanonicalValue };
}

export type ReleasePlan =
  | { kind: 'reuse'; releaseKey: string }
  | { kind: 'spend'; epsilon: number; releaseKey: string }
  | { kind: 'refuse'; reason: string };

export class PrivacyBudgetExceededError extends DomainError {
  constructor(
    readonly networkId: string,
    readonly requested: number,
    readonly remaining: number,
  ) {
    super(
      'privacy_budget_exceeded',
      `Privacy budget exceeded for network ${networkId}: requested ${requested}, remaining ${remaining}`,
      { requested, remaining },
    );
    this.name = 'PrivacyBudgetExceededError';
  }
}

// Sums of decimal epsilons (0.1 + 0.2) must not refuse a spend that exactly fits.
const TOLERANCE = 1e-9;

/** Epsilon spent so far. */
export function spent(ledger: Ledger): number {
  return ledger.releases.reduce((total, r) => total + r.epsilon, 0);
}

/** Epsilon still available. */
export function remaining(ledger: Ledger): number {
  return Math.max(0, ledger.totalEpsilon - spent(ledger));
}

/** Whether the ledger can pay this epsilon. */
export function canSpend(ledger: Ledger, epsilon: number): boolean {
  return epsilon > 0 && Number.isFinite(epsilon) && spent(ledger) + epsilon <= ledger.totalEpsilon + TOLERANCE;
}

/**
 * A new ledger with the release recorded; throws PrivacyBudgetExceededError when over budget.
 * @example ledger = spend(ledger, key, 0.5, new Date().toISOString())
 */
export function spend(ledger: Ledger, key: string, epsilon: number, at: string): Ledger {
  if (!(epsilon > 0) || !Number.isFinite(epsilon))
    throw new DomainError('invalid_epsilon', 'epsilon must be a positive number');
  if (ledger.releases.some((r) => r.releaseKey === key))
    throw new DomainError('release_exists', `Release ${key} is already recorded; reuse it`);
  if (!canSpend(ledger, epsilon)) throw new PrivacyBudgetExceededError(ledger.networkId, epsilon, remaining(ledger));
  return { ...ledger, releases: [...ledger.releases, { releaseKey: key, epsilon, at }] };
}

/** The key under which a release spec is stored. */
export function releaseKeyOf(spec: ReleaseSpec): string {
  return releaseKey({ networkId: spec.networkId, epsilon: spec.epsilon, query: spec.query });
}

/**
 * Decides what to do with a requested release: reuse a stored one, spend budget, or refuse.
 * @example planRelease(ledger, { networkId, epsilon: 0.5, query: { population: 'assisted_persons', rows: 'sex', cols: 'all', period } })
 */
export function planRelease(ledger: Ledger, spec: ReleaseSpec): ReleasePlan {
  if (spec.networkId !== ledger.networkId) return { kind: 'refuse', reason: 'The release belongs to another network' };
  if (!(spec.epsilon > 0) || !Number.isFinite(spec.epsilon))
    return { kind: 'refuse', reason: 'epsilon must be a positive number' };
  const key = releaseKeyOf(spec);
  if (ledger.releases.some((r) => r.releaseKey === key)) return { kind: 'reuse', releaseKey: key };
  if (!canSpend(ledger, spec.epsilon))
    return {
      kind: 'refuse',
      reason: `Privacy budget exceeded: requested ${spec.epsilon}, remaining ${remaining(ledger)}`,
    };
  return { kind: 'spend', epsilon: spec.epsilon, releaseKey: key };
}

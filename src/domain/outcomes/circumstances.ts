/**
 * Circumstances recorded over time that are explicitly NOT failures of
 * (re)integration (001:3200–3230): unemployment, financial dependence on family
 * or a partner, ongoing institutional care for mental health, alcohol addiction.
 * Drug addiction is not a failure either, but it is never counted as a success:
 * while it is active, progress is still shown but withheld from success counts.
 */
import { daysBetween } from '../cases/dates';

export const NOT_FAILURE_CIRCUMSTANCES = [
  'unemployment',
  'financial_dependence_family',
  'financial_dependence_partner',
  'institutional_mental_health_care',
  'alcohol_addiction',
] as const;

/** Circumstances during which progress is shown but not counted as success (001:3220–3222). */
export const SUCCESS_WITHHOLDING_CIRCUMSTANCES = ['drug_addiction'] as const;

export type CircumstanceKind =
  (typeof NOT_FAILURE_CIRCUMSTANCES)[number] | (typeof SUCCESS_WITHHOLDING_CIRCUMSTANCES)[number];

export interface Circumstance {
  kind: CircumstanceKind;
  from: string;
  /** Open-ended when absent or null. */
  to?: string | null;
  note?: string;
}

/** A seed circumstance kind (the only ones with a meaning here); an organisation's own kinds have none. */
export const isCircumstanceKind = (kind: string): kind is CircumstanceKind =>
  (NOT_FAILURE_CIRCUMSTANCES as readonly string[]).includes(kind) ||
  (SUCCESS_WITHHOLDING_CIRCUMSTANCES as readonly string[]).includes(kind);

/** Circumstances in effect on a date (inclusive bounds). */
export function activeOn(circumstances: readonly Circumstance[], date: string): Circumstance[] {
  return circumstances.filter((c) => daysBetween(c.from, date) >= 0 && (!c.to || daysBetween(date, c.to) >= 0));
}

/** The withholding circumstances active on a date; empty when progress may count as success. */
export function successWithheldOn(circumstances: readonly Circumstance[], date: string): CircumstanceKind[] {
  const withholding: readonly string[] = SUCCESS_WITHHOLDING_CIRCUMSTANCES;
  return [
    ...new Set(
      activeOn(circumstances, date)
        .map((c) => c.kind)
        .filter((k) => withholding.includes(k)),
    ),
  ];
}

/**
 * Minors: whether she is to be treated as a child now, and which child-protection referral her
 * case's country requires until one is recorded. The requirement is data (the organisation's list
 * `child_protection_requirements`, one item per country and a `default`), never a rule in code.
 *
 * @example
 *   treatAsMinor({ personIsMinor: null, identificationIsMinor: null, ageAssessment: 'uncertain' }) // true
 */

export type AgeAssessmentResult = 'minor' | 'adult' | 'uncertain';

/**
 * The latest age assessment decides when there is one ("uncertain" gives her the benefit of the doubt,
 * the presumption of minority); otherwise her date of birth, and where that is unknown, her age at
 * the acts as the identification records it.
 */
export function treatAsMinor(facts: {
  personIsMinor: boolean | null;
  identificationIsMinor: boolean | null;
  ageAssessment: AgeAssessmentResult | null;
}): boolean {
  if (facts.ageAssessment) return facts.ageAssessment !== 'adult';
  if (facts.personIsMinor !== null) return facts.personIsMinor;
  return facts.identificationIsMinor === true;
}

export interface RequirementItem {
  code: string;
  meta?: Record<string, unknown>;
}

/** The item for the case's country, else the `default` item, else none. */
export function requirementFor(items: readonly RequirementItem[], country: string | null): RequirementItem | null {
  return (
    (country ? items.find((i) => i.meta?.country === country) : undefined) ??
    items.find((i) => i.code === 'default') ??
    null
  );
}

export interface ChildProtectionStatus {
  minor: boolean;
  /** The requirement code (an item of child_protection_requirements); null when none applies. */
  requirement: string | null;
  referralRecorded: boolean;
  /** Show the prompt: she is a minor and no child-protection referral is recorded yet. */
  prompt: boolean;
}

export function childProtectionStatus(
  minor: boolean,
  items: readonly RequirementItem[],
  country: string | null,
  referralRecorded: boolean,
): ChildProtectionStatus {
  const requirement = minor ? (requirementFor(items, country)?.code ?? null) : null;
  return { minor, requirement, referralRecorded, prompt: minor && !referralRecorded };
}

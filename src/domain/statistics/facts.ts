/**
 * Person-level facts: the input of every report. One fact per deduplicated
 * person; reports count persons, never cases, contacts or permits.
 */
import { DomainError } from '../errors';
import type { PersonStatus } from './populations';

export const AGE_BANDS = ['0-11', '12-17', '18-24', '25-34', '35-44', '45+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface PersonFact {
  personId: string;
  /** Year the person was first identified (in any status). */
  yearFirstIdentified: number;
  sex: string | null;
  ageBand: AgeBand;
  /** ISO 3166-1 alpha-2 code, or null when unknown. */
  citizenship: string | null;
  formsOfExploitation: readonly string[];
  identificationChannel: string | null;
  programmeType: string | null;
  outcome: string | null;
  status: PersonStatus;
}

/**
 * The age band for an age in whole years; null or negative → "unknown".
 * @example ageBandOf(17) // '12-17'
 */
export function ageBandOf(age: number | null | undefined): AgeBand {
  if (age === null || age === undefined || !Number.isFinite(age) || age < 0) return 'unknown';
  if (age <= 11) return '0-11';
  if (age <= 17) return '12-17';
  if (age <= 24) return '18-24';
  if (age <= 34) return '25-34';
  if (age <= 44) return '35-44';
  return '45+';
}

/** Throws when a person appears twice: reports assume deduplicated persons. */
export function assertDistinctPersons(facts: readonly PersonFact[]): void {
  const seen = new Set<string>();
  for (const fact of facts) {
    if (seen.has(fact.personId))
      throw new DomainError(
        'duplicate_person',
        `Person ${fact.personId} appears twice; deduplicate persons before reporting`,
      );
    seen.add(fact.personId);
  }
}

/**
 * Persons, not cases, in outcome cohorts. Her cases in one organisation are
 * one history: it starts at her earliest intake and holds every record of each,
 * so her progress is read once, against her own first baseline. Across
 * organisations the history from her earliest intake is kept whole instead,
 * because assessments made by different organisations share no baseline.
 */
import type { CaseFacts } from './facts';

const byIntake = (facts: readonly CaseFacts[]) =>
  [...facts].sort((a, b) => a.intakeDate.localeCompare(b.intakeDate) || a.caseId.localeCompare(b.caseId));

/**
 * One history from her cases in one organisation (earliest intake, every record of each).
 * @example mergeCaseFacts([firstCase, secondCase]).intakeDate // the first case's intake
 */
export function mergeCaseFacts(facts: readonly CaseFacts[]): CaseFacts {
  const [first, ...rest] = byIntake(facts);
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  return {
    caseId: first.caseId,
    intakeDate: first.intakeDate,
    assessments: all.flatMap((f) => f.assessments),
    events: all.flatMap((f) => f.events),
    circumstances: all.flatMap((f) => f.circumstances),
    factors: all.flatMap((f) => f.factors ?? []),
    followUp: all.flatMap((f) => f.followUp ?? []),
    scheduledFollowUps: all.flatMap((f) => f.scheduledFollowUps ?? []),
  };
}

/**
 * Her history from the organisation where she came first (earliest intake), for network cohorts.
 * @example earliestHistory([north, south]) // north, if her intake there was earlier
 */
export function earliestHistory(facts: readonly CaseFacts[]): CaseFacts {
  return byIntake(facts)[0];
}

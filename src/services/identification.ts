/**
 * The one Palermo derivation of an identification record, used wherever it is shown (the case
 * overview, the identification records) so the two can never disagree. Its only inputs are the
 * record itself and her date of birth: never today, the intake date or any other person field.
 */
import { parseIsoDate, toIsoDate } from '../domain/cases/dates';
import { derive, type Derivation } from '../domain/cases/palermo';
import { minorAtTimeOfActs, type AgeAtActsInput, type MinorBasis } from '../domain/cases/person';
import { errors } from '../errors';
import type { Tx } from '../storage/database';
import { casesRepo } from '../storage/repositories/cases';
import type { AppContext } from './context';
import { openIdentity } from './person-identity';

export interface IdentificationAssessment {
  /** Under 18 at the time of the acts; null when undetermined. */
  isMinor: boolean | null;
  minorBasis: MinorBasis | null;
  derivation: Derivation;
}

/**
 * Derives the legal definition from a stored identification record.
 *
 * Records written before the acts date existed carry an `isMinor` copied from her age at intake.
 * That was never an answer about the time of the acts (a woman recruited at 16 and met at 19 was
 * stored as an adult), so it is deliberately not read: such records count as "age at the time of
 * the acts unknown" until the acts date or the explicit answer is recorded. The age is worked out
 * on read, so correcting her date of birth corrects the result, while a later birthday cannot.
 * Only the means items marked as Palermo means count for the means step (issue #17).
 */
export function assessIdentification(
  data: Record<string, unknown>,
  dateOfBirth: string | null | undefined,
  /** The organisation's means that count (ListIndex.palermoMeans): a local "none observed" is not a means. */
  palermoMeans: ReadonlySet<string>,
): IdentificationAssessment {
  const { isMinor, basis } = minorAtTimeOfActs(
    { minorAtActs: data.minorAtActs as AgeAtActsInput['minorAtActs'], actsDate: data.actsDate as string | undefined },
    dateOfBirth,
  );
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  return {
    isMinor,
    minorBasis: basis,
    derivation: derive({
      acts: list(data.acts),
      means: list(data.means).filter((m) => palermoMeans.has(m)),
      purposes: list(data.purposes),
      isMinor,
    }),
  };
}

/** Her date of birth, the only person fact the derivation reads. */
export async function dateOfBirthOf(
  ctx: AppContext,
  tx: Tx,
  organisationId: string,
  personId: string,
): Promise<string | null> {
  const person = await casesRepo.findPerson(tx, organisationId, personId);
  if (!person) return null;
  return (await openIdentity(ctx, organisationId, person.identityEnc)).dateOfBirth ?? null;
}

/** The acts date is in the past and not before her birth; each problem is reported on the field. */
export function checkActsDate(data: Record<string, unknown>, dateOfBirth: string | null, now = new Date()): void {
  const actsDate = data.actsDate as string | undefined;
  if (!actsDate) return;
  const field = ['data', 'actsDate'];
  try {
    parseIsoDate(actsDate);
  } catch {
    throw errors.validation([
      { path: field, code: 'invalid_date', message: 'The date of the acts is not a calendar date' },
    ]);
  }
  if (actsDate > toIsoDate(now))
    throw errors.validation([{ path: field, code: 'future_date', message: 'The date of the acts is in the future' }]);
  if (dateOfBirth && actsDate < dateOfBirth)
    throw errors.validation([
      { path: field, code: 'acts_before_birth', message: 'The date of the acts is before her date of birth' },
    ]);
}

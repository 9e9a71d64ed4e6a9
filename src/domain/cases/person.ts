/** Facts derived about a person: minority from the date of birth, and date validity. */
import { DomainError } from '../errors';

/** Whole years between an ISO date of birth and a reference date. */
export function ageOn(dateOfBirth: string, on: Date): number {
  const dob = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = on.getUTCFullYear() - dob.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < dob.getUTCMonth() ||
    (on.getUTCMonth() === dob.getUTCMonth() && on.getUTCDate() < dob.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** true/false when the date of birth is known, null otherwise. */
export function isMinor(dateOfBirth: string | null | undefined, on: Date): boolean | null {
  return dateOfBirth ? ageOn(dateOfBirth, on) < 18 : null;
}

export function assertValidBirthDate(dateOfBirth: string, today: Date): void {
  const dob = new Date(`${dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(dob.getTime())) throw new DomainError('invalid_date', 'The date of birth is not a date');
  if (dob.getTime() > today.getTime()) throw new DomainError('future_date', 'The date of birth is in the future');
  if (dob.getUTCFullYear() < 1900) throw new DomainError('invalid_date', 'The date of birth is before 1900');
}

/** How minority at the time of the acts was established: her explicit answer, or her date of birth against the acts date. */
export type MinorBasis = 'explicit' | 'date_of_birth';

export interface AgeAtActsInput {
  /** The explicit answer "under 18 at the time of the acts"; 'unknown' (or absent) leaves it to the dates. */
  minorAtActs?: 'yes' | 'no' | 'unknown';
  /** The date, or start date, of the acts. */
  actsDate?: string;
}

/**
 * Whether she was under 18 at the time of the acts. The explicit answer wins (documents may be forged
 * or missing, and her own account may be all there is); otherwise her date of birth is compared with
 * the acts date. Never with today or the intake date: Palermo Art. 3 looks at the time of the acts, so
 * nothing that happens later (a birthday, an unrelated edit) can change the result. Acts dated before
 * the date of birth contradict each other and decide nothing.
 *
 * @example minorAtTimeOfActs({ actsDate: '2020-03-01' }, '2004-01-01') // { isMinor: true, basis: 'date_of_birth' }
 */
export function minorAtTimeOfActs(
  record: AgeAtActsInput,
  dateOfBirth: string | null | undefined,
): { isMinor: boolean | null; basis: MinorBasis | null } {
  if (record.minorAtActs === 'yes') return { isMinor: true, basis: 'explicit' };
  if (record.minorAtActs === 'no') return { isMinor: false, basis: 'explicit' };
  if (!record.actsDate || !dateOfBirth) return { isMinor: null, basis: null };
  const acts = new Date(`${record.actsDate}T00:00:00Z`);
  if (
    Number.isNaN(acts.getTime()) ||
    Number.isNaN(new Date(`${dateOfBirth}T00:00:00Z`).getTime()) ||
    record.actsDate < dateOfBirth
  )
    return { isMinor: null, basis: null };
  return { isMinor: ageOn(dateOfBirth, acts) < 18, basis: 'date_of_birth' };
}

/** Facts derived about a person: minority from the date of birth, and date validity. */
import { DomainError } from '../errors';

/** Whole years between an ISO date of birth and a reference date. */
export function ageOn(dateOfBirth: string, on: Date): number {
  const dob = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = on.getUTCFullYear() - dob.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < dob.getUTCMonth() || (on.getUTCMonth() === dob.getUTCMonth() && on.getUTCDate() < dob.getUTCDate());
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

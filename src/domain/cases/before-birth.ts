/**
 * Dates about her are never before her date of birth: a record dated 1985 for a woman born in
 * 1999 is a typing slip, refused with the field's path and the code `date_before_birth`.
 */
import { DomainError } from '../errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every date-shaped value in a record's data, with its path (nested lists included). */
export function datesIn(data: unknown, path: string[] = []): { path: string[]; value: string }[] {
  if (typeof data === 'string') return DATE.test(data) ? [{ path, value: data }] : [];
  if (Array.isArray(data)) return data.flatMap((v, i) => datesIn(v, [...path, String(i)]));
  if (data && typeof data === 'object')
    return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => datesIn(v, [...path, k]));
  return [];
}

/**
 * Refuses the dates before her date of birth (none when it is unknown), each on its field.
 *
 * @example assertNotBeforeBirth([{ path: ['intake', 'contactDate'], value: '1990-01-01' }], '1999-04-02') // throws date_before_birth
 */
export function assertNotBeforeBirth(
  dates: readonly { path: string[]; value: string }[],
  dateOfBirth: string | null | undefined,
): void {
  if (!dateOfBirth) return;
  const before = dates.filter((d) => d.value < dateOfBirth);
  if (before.length === 0) return;
  throw new DomainError(
    'date_before_birth',
    'A date is before her date of birth',
    before.map((d) => ({ path: d.path, code: 'date_before_birth', message: 'This date is before her date of birth' })),
  );
}

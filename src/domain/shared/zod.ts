/**
 * Zod primitives shared by the domain schemas and the server's route schemas,
 * so that a date or a code is validated the same way wherever it arrives.
 */
import { z } from 'zod';

/** PostgreSQL's int4, the type of every version column: a larger number must be a 400, not a database error. */
export const INT4_MAX = 2 ** 31 - 1;

/** The optimistic-locking version a client sends back. */
export const Version = z.number().int().min(1).max(INT4_MAX);

/** The years a date about a person or a case may fall in: year 0001 or 2999 is a typing slip. */
export const PLAUSIBLE_YEARS = { min: 1900, max: 2100 } as const;

/** A real calendar day (no 31 April, 29 February only in leap years) within the plausible years. */
export function isPlausibleDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  if (year < PLAUSIBLE_YEARS.min || year > PLAUSIBLE_YEARS.max) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A calendar date as YYYY-MM-DD: a day that exists, in the years 1900–2100. Refused otherwise
 * as an `invalid_format` issue of format `date`, with a message naming the bounds.
 * @example isoDate.parse('2026-05-01') // '2026-05-01'; '0001-01-01', '2999-01-01' and '2026-02-30' fail
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .superRefine((value, ctx) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !isPlausibleDate(value))
      ctx.addIssue({
        code: 'invalid_format',
        format: 'date',
        input: value,
        message: `Use a real calendar date between ${PLAUSIBLE_YEARS.min} and ${PLAUSIBLE_YEARS.max}`,
      });
  });

/**
 * A code of a reference list, catalogue or record field: lower-case letters, digits and _, at most 64.
 * @example code.parse('reflection_period')
 */
export const code = z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/, 'Use lower-case letters, digits and _');

/**
 * A code of the outcome model and its instruments: lower_snake_case starting with a letter.
 * @example modelCode.parse('housing')
 */
export const modelCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'codes are lower_snake_case');

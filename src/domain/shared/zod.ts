/**
 * Zod primitives shared by the domain schemas and the server's route schemas,
 * so that a date or a code is validated the same way wherever it arrives.
 */
import { z } from 'zod';

/**
 * A calendar date as YYYY-MM-DD (its shape; dates.ts checks that the day exists).
 * @example isoDate.parse('2026-05-01')
 */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

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

/** Shared edge schemas: the error envelope every 4xx/5xx uses. */
import { z } from 'zod';

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

/** PostgreSQL's int4, the type of every version column: a larger number must be a 400, not a database error. */
export const INT4_MAX = 2 ** 31 - 1;

/** The optimistic-locking version a client sends back. */
export const Version = z.number().int().min(1).max(INT4_MAX);

/** Standard error responses to list on every route, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  429: ErrorSchema,
} as const;

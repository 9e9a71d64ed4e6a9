/** Shared edge schemas: the error envelope every 4xx/5xx uses. */
import { z } from 'zod';

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

/** The optimistic-locking version a client sends back (defined with the domain's Zod primitives). */
export { INT4_MAX, Version } from '../domain/shared/zod';

/** Standard error responses to list on every route, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  429: ErrorSchema,
} as const;

/**
 * Estimates registry: the shape of a published figure about trafficking, with
 * what it counts, how it was made and who first said it. Types come from the zod schemas.
 */
import { z } from 'zod';

export const ESTIMATE_UNITS = [
  'persons_per_year',
  'stock',
  'cases',
  'contacts',
  'permits',
  'projects',
  'share',
  'other',
] as const;
export const ESTIMATE_METHODS = [
  'shelter_counts',
  'police_data',
  'survey',
  'mse',
  'capture_recapture',
  'extrapolation',
  'administrative',
  'unknown',
] as const;

/** Warnings a reader must see next to the number; they are why figures cannot be compared or summed. */
export const ESTIMATE_FLAGS = [
  'not_trafficking_figure',
  'permits_not_persons',
  'contacts_not_persons',
  'cases_not_victims',
  'detected_not_prevalence',
  'no_method_stated',
  'recast_attribution',
] as const;

export const CitationSchema = z.object({
  /** Who published it (for an original source: the originator). */
  source: z.string().min(1),
  title: z.string().min(1).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
  page: z.string().min(1).optional(),
  /** Where it is found, e.g. the seed line "003:13". */
  locator: z.string().min(1),
  /** Who the citing source claims said it; absent means "the original source". */
  attributedTo: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

const finite = z.number().finite().nonnegative();

export const EstimateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,95}$/),
    /** The figure exactly as the source writes it, e.g. "600,000–800,000". */
    figureText: z.string().min(1).optional(),
    value: finite.optional(),
    low: finite.optional(),
    high: finite.optional(),
    unit: z.enum(ESTIMATE_UNITS),
    unitNote: z.string().min(1),
    scope: z.object({ geography: z.string().min(1), period: z.string().min(1), forms: z.array(z.string().min(1)) }),
    method: z.enum(ESTIMATE_METHODS),
    caveat: z.string(),
    flags: z.array(z.enum(ESTIMATE_FLAGS)).optional(),
    /** Row of the seed table (estimates.md) this figure comes from; one row may give several figures. */
    seedRow: z.number().int().positive().optional(),
    originalSource: CitationSchema,
    citingSources: z.array(CitationSchema),
  })
  .superRefine((e, ctx) => {
    const hasRange = e.low !== undefined || e.high !== undefined;
    if (e.value === undefined && !hasRange)
      ctx.addIssue({ code: 'custom', message: 'An estimate needs a value or a range', path: ['value'] });
    if (e.value !== undefined && hasRange)
      ctx.addIssue({ code: 'custom', message: 'Give either a value or a range, not both', path: ['value'] });
    if (e.low !== undefined && e.high !== undefined && e.low > e.high)
      ctx.addIssue({ code: 'custom', message: 'low must not exceed high', path: ['low'] });
    if (e.unit === 'share') {
      for (const key of ['value', 'low', 'high'] as const) {
        const v = e[key];
        if (v !== undefined && v > 1)
          ctx.addIssue({ code: 'custom', message: 'A share is a fraction between 0 and 1', path: [key] });
      }
    }
  });
export type Estimate = z.infer<typeof EstimateSchema>;

/** Parses an estimate, throwing a zod error that names each broken field. */
export function parseEstimate(input: unknown): Estimate {
  return EstimateSchema.parse(input);
}

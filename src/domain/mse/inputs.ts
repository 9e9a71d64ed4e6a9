/**
 * The request body of a multiple systems estimation: one Zod schema validates the request at the edge
 * (and feeds the OpenAPI document), and the estimates service takes its parsed type.
 */
import { z } from 'zod';

/** The capture-history table as CSV text, or an .xlsx workbook (base64) with the same layout; optionally saved. */
export const MseBody = z
  .strictObject({
    csv: z.string().min(1).max(200_000).optional(),
    xlsx: z
      .string()
      .min(1)
      .max(4_000_000)
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'base64')
      .optional()
      .describe('an .xlsx workbook, base64-encoded, laid out like the CSV'),
    method: z
      .enum(['stepwise', 'main', 'fixed', 'lcmcr'])
      .optional()
      .describe(
        'stepwise (default), main effects only, fixed: the two-list effects named in terms, or lcmcr: the latent-class estimator beside the stepwise fit',
      ),
    lcmcr: z
      .strictObject({
        samples: z.number().int().min(20).max(20_000).optional(),
        burnIn: z.number().int().min(0).max(100_000).optional(),
        thin: z.number().int().min(1).max(100).optional(),
        chains: z.number().int().min(2).max(8).optional(),
        maxClasses: z.number().int().min(2).max(30).optional(),
      })
      .optional()
      .describe(
        'sampler settings of the lcmcr method (defaults: 2000 samples, 2000 burn-in, thin 5, 2 chains, 10 classes); its seed is seed',
      ),
    terms: z
      .array(z.string().min(3).max(201))
      .max(66)
      .optional()
      .describe('the two-list effects of the fixed method, as "A:B"'),
    removeNonInformativeLists: z
      .boolean()
      .optional()
      .describe('leave out lists that are empty, hold everyone observed or repeat another list; each is reported'),
    checkAllModels: z
      .boolean()
      .optional()
      .describe('check existence and identifiability of every model up to two-list effects (at most 6 lists)'),
    sensitivity: z
      .boolean()
      .optional()
      .describe(
        'the sensitivity analysis (threshold curve, lists left out and merged, competing models); default true',
      ),
    threshold: z.number().gt(0).lt(1).optional(),
    bootstrap: z.number().int().min(0).max(2000).optional(),
    interval: z
      .enum(['bca', 'percentile'])
      .optional()
      .describe('the bootstrap interval: bias-corrected and accelerated (default) or percentile'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
    resamples: z
      .strictObject({
        lists: z.array(z.string().min(1).max(200)).min(3).max(12),
        cells: z
          .array(z.string().regex(/^[01]{3,12}$/, 'a pattern of 0s and 1s, one per list'))
          .min(1)
          .max(4095),
        tables: z
          .array(z.array(z.number().int().min(0)).max(4095))
          .min(1)
          .max(2000),
      })
      .optional()
      .describe(
        'resampled tables drawn elsewhere (counts only; each row of tables gives the counts of cells in order): the bootstrap runs over them instead of drawing its own',
      ),
    save: z
      .strictObject({
        label: z.string().trim().min(1).max(200),
        geography: z.string().trim().min(1).max(200),
        period: z.string().trim().min(1).max(100),
      })
      .optional(),
  })
  .refine((b) => Boolean(b.csv) !== Boolean(b.xlsx), {
    message: 'Send the table either as csv or as xlsx',
    path: ['csv'],
  })
  .refine((b) => b.method !== 'fixed' || b.terms !== undefined, {
    message: 'The fixed method needs its terms (an empty list for main effects)',
    path: ['terms'],
  });

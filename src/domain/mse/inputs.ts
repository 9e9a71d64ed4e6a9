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
    method: z.enum(['stepwise', 'main']).optional(),
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
  });

/**
 * The request body of an MSE fit run as a job (POST /api/mse/jobs): the fields of a synchronous fit
 * (domain/mse/inputs.ts), plus strata. A job's result is read back with GET /api/mse/jobs/{id}.
 */
import { z } from 'zod';
import { MseBody } from './inputs';

export const MseJobBody = z
  .strictObject({
    ...MseBody.shape,
    stratifyBy: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'the stratum column of the CSV (sex, age band, citizenship, exploitation type, region…): one estimate per stratum and the combined total, small strata hidden under the disclosure floor',
      ),
    network: z
      .strictObject({
        by: z.enum(['organisation', 'channel']),
        linkageError: z
          .boolean()
          .optional()
          .describe(
            "redraw the latest linkage run's links from their match probabilities in every bootstrap replicate, so the interval carries the linkage's error (percentile interval; bootstrap replicates default to 1000)",
          ),
      })
      .optional()
      .describe(
        "the table built here from the network's own records (as GET /api/mse/capture-histories), instead of csv or xlsx",
      ),
  })
  .refine((b) => [b.csv, b.xlsx, b.network].filter(Boolean).length === 1, {
    message: 'Send the table either as csv or as xlsx, or ask for the network table',
    path: ['csv'],
  })
  .refine((b) => !b.network?.linkageError || !b.resamples, {
    message: 'Linkage error draws its own resamples',
    path: ['resamples'],
  })
  .refine((b) => b.method !== 'fixed' || b.terms !== undefined, {
    message: 'The fixed method needs its terms (an empty list for main effects)',
    path: ['terms'],
  })
  .refine((b) => !b.stratifyBy || Boolean(b.csv), {
    message: 'Strata are read from a CSV with a stratum column',
    path: ['stratifyBy'],
  })
  .refine((b) => !b.stratifyBy || !b.save, {
    message: 'A stratified estimate is not saved to the registry; save the combined table',
    path: ['save'],
  });

export type MseJobRequest = z.infer<typeof MseJobBody>;

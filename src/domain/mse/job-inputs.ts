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
  })
  .refine((b) => Boolean(b.csv) !== Boolean(b.xlsx), {
    message: 'Send the table either as csv or as xlsx',
    path: ['csv'],
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

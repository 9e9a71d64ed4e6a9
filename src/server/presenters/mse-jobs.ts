/**
 * MSE fits run as jobs and stratified estimates, as they leave the server: closed schemas, every field
 * named. A hidden stratum leaves with its name and the reason only.
 */
import { z } from 'zod';
import type { MseJob } from '../../services/mse-jobs';
import { MSE_JOB_PHASES } from '../../services/mse-jobs';
import { MseResultSchema, overlapsOf, presentMseResult } from './mse';

const N = z.number().nullable();
const Interval = z.array(N).describe('[low, high]; null high: unbounded');

const num = (value: number | null | undefined): number | null =>
  value !== undefined && value !== null && Number.isFinite(value) ? value : null;
const pair = (value: readonly (number | null)[] | null | undefined) => (value ? [num(value[0]), num(value[1])] : null);

export const MseStrataSchema = z
  .strictObject({
    by: z.string().describe('the stratifying column'),
    level: z.number(),
    floor: z.number().describe('the disclosure floor applied: strata observed on fewer persons are hidden'),
    strata: z.array(
      z.union([
        z.strictObject({
          name: z.string(),
          suppressed: z.literal(false),
          observed: z.number(),
          estimate: N,
          interval: Interval.nullable(),
          intervalMethod: z.enum(['percentile_bootstrap', 'wald']),
          terms: z.array(z.string()),
          model: z.string().nullable(),
          failed: z.number().optional(),
          error: z.string().optional().describe('why this stratum admits no estimate (an error code)'),
        }),
        z.strictObject({
          name: z.string(),
          suppressed: z
            .enum(['primary', 'complementary'])
            .describe('primary: below the floor; complementary: hidden so that no hidden stratum can be recovered'),
        }),
      ]),
    ),
    combined: z
      .strictObject({
        observed: z.number(),
        estimate: N.describe('the sum of the stratum estimates; null when a stratum has none'),
        interval: Interval.nullable(),
        intervalMethod: z
          .enum(['summed_bootstrap_replicates', 'summed_wald_variances'])
          .describe(
            'summed_bootstrap_replicates: percentile limits of the stratum replicates summed replicate by replicate; summed_wald_variances: normal approximation, stratum variances from their Wald intervals',
          ),
        replicates: z.number().optional(),
        failed: z.number().optional(),
        seed: z.number().optional(),
      })
      .nullable()
      .describe('null when everyone together is below the floor'),
  })
  .meta({ id: 'MseStrata' });

export const MseJobSchema = z
  .strictObject({
    id: z.string().uuid(),
    state: z.enum(['running', 'succeeded', 'failed']),
    phase: z.enum(MSE_JOB_PHASES),
    done: z.number().int(),
    total: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    errorCode: z.string().nullable(),
    result: MseResultSchema.nullable().describe('a single fit, once succeeded'),
    savedEstimateId: z.string().nullable(),
    strata: MseStrataSchema.nullable().describe('a stratified fit, once succeeded'),
  })
  .meta({ id: 'MseJob' });

export type MseJobView = z.infer<typeof MseJobSchema>;
export type MseStrataView = z.infer<typeof MseStrataSchema>;

export function presentStrata(s: NonNullable<NonNullable<MseJob['outcome']>['strata']>): MseStrataView {
  return {
    by: s.by,
    level: s.level,
    floor: s.floor,
    strata: s.strata.map((x) =>
      x.suppressed === false
        ? {
            name: x.name,
            suppressed: false as const,
            observed: x.observed,
            estimate: num(x.estimate),
            interval: pair(x.interval),
            intervalMethod: x.intervalMethod,
            terms: [...x.terms],
            model: x.model,
            ...(x.failed !== undefined ? { failed: x.failed } : {}),
            ...(x.error ? { error: x.error } : {}),
          }
        : { name: x.name, suppressed: x.suppressed },
    ),
    combined: s.combined
      ? {
          observed: s.combined.observed,
          estimate: num(s.combined.estimate),
          interval: pair(s.combined.interval),
          intervalMethod: s.combined.intervalMethod,
          ...(s.combined.replicates !== undefined ? { replicates: s.combined.replicates } : {}),
          ...(s.combined.failed !== undefined ? { failed: s.combined.failed } : {}),
          ...(s.combined.seed !== undefined ? { seed: s.combined.seed } : {}),
        }
      : null,
  };
}

/** A job as it leaves the server; `translate` puts a fit's warnings in the reader's language. */
export function presentMseJob(job: MseJob, translate: (message: string) => string): MseJobView {
  const fit = job.outcome?.fit;
  return {
    id: job.id,
    state: job.state,
    phase: job.phase,
    done: job.done,
    total: job.total,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    errorCode: job.errorCode,
    result: fit
      ? presentMseResult(
          fit.result,
          fit.result.warnings.map((w) => ({ code: w.code, message: translate(w.message) })),
          overlapsOf(fit.lists, fit.histories),
        )
      : null,
    savedEstimateId: fit?.savedEstimateId ?? null,
    strata: job.outcome?.strata ? presentStrata(job.outcome.strata) : null,
  };
}

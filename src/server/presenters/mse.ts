/**
 * Exactly which fields of a multiple systems estimate leave the server (src/domain/mse), named one by one in
 * a closed schema. JSON has no Infinity or NaN: an unbounded limit or a number that does not apply is null.
 */
import { z } from 'zod';

const N = z.number().nullable();
const Interval = z.array(N).describe('[low, high]; null high: unbounded');
const Terms = z.array(z.string());

const Alternative = {
  lists: Terms,
  model: z.string(),
  terms: Terms,
  estimate: N,
  interval: Interval.nullable(),
  error: z.string().optional().describe('why the reduced table admits no estimate (an error code)'),
};
const Selection = z.strictObject({ terms: Terms, estimate: N });

export const MseSensitivitySchema = z
  .strictObject({
    level: z.number(),
    threshold: z.number(),
    thresholds: z.array(z.strictObject({ threshold: z.number(), estimate: N, interval: Interval, terms: Terms })),
    leaveOneOut: z.array(z.strictObject({ left: z.string(), ...Alternative })),
    merged: z.array(z.strictObject({ pair: Terms, ...Alternative })),
    models: z.array(
      z.strictObject({
        terms: Terms,
        infiniteTerms: Terms,
        parameters: z.number(),
        deviance: z.number(),
        df: z.number(),
        aic: N,
        aicc: N,
        bic: N,
        estimate: N,
        interval: Interval,
        aicWeight: z.number(),
        selectedBy: z.array(z.enum(['stepwise', 'aic', 'aicc', 'bic'])),
      }),
    ),
    candidates: z.strictObject({ considered: z.number(), set: z.enum(['all', 'searched']) }),
    selections: z.strictObject({ stepwise: Selection, aic: Selection, aicc: Selection, bic: Selection }),
    averaged: z.strictObject({
      estimate: N,
      interval: Interval,
      method: z
        .literal('aic_weights_buckland')
        .describe(
          'AIC weights; interval normal on the log hidden count with the unconditional SE of Buckland et al. (1997)',
        ),
      models: z.number(),
    }),
    range: Interval,
  })
  .meta({ id: 'MseSensitivity' });

export const MseDiagnosticsSchema = z
  .strictObject({
    cells: z.array(
      z.strictObject({
        lists: Terms.describe('the lists the persons of this cell are on'),
        observed: z.number(),
        fitted: z.number(),
        pearson: N,
        deviance: N,
        leverage: N.describe('diagonal of the IRLS hat matrix'),
        cooksDistance: N.describe('null: unbounded (the cell alone determines a parameter)'),
        estimateWithout: N.describe('the total with this cell left out of the fit; null when not refitted'),
      }),
    ),
    cellsRefitted: z.boolean(),
    pairs: z.array(z.strictObject({ lists: Terms, overlap: z.number(), fitted: z.number(), small: z.boolean() })),
    smallOverlapThreshold: z.number(),
    lists: z
      .array(z.strictObject({ list: z.string(), estimate: N, change: N }))
      .optional()
      .describe('leave-one-list-out estimates (from the sensitivity analysis)'),
  })
  .meta({ id: 'MseDiagnostics' });

export const MseChaoSchema = z
  .strictObject({
    f1: z.number().describe('persons on exactly one list'),
    f2: z.number().describe('persons on exactly two lists'),
    observed: z.number(),
    estimate: z.number().describe('observed + f1^2 / (2 f2), or f1 (f1 - 1) / 2 when f2 = 0: a floor, not an estimate'),
    form: z.enum(['classic', 'bias_corrected']),
    variance: z.number(),
    level: z.number(),
    interval: Interval.describe('Chao’s log-normal interval'),
  })
  .meta({ id: 'MseChao' });

export const MseLcmcrSchema = z
  .strictObject({
    method: z.literal('lcmcr'),
    observed: z.number(),
    estimate: z.number().describe('posterior median of the total'),
    mean: z.number(),
    level: z.number(),
    interval: Interval.describe('equal-tailed credible interval'),
    diagnostics: z.strictObject({
      rHat: N.describe('split R-hat of N; null when undefined'),
      ess: z.number(),
      geweke: z.array(N),
      occupiedClasses: z.number(),
    }),
    settings: z.strictObject({
      maxClasses: z.number(),
      burnIn: z.number(),
      samples: z.number(),
      thin: z.number(),
      chains: z.number(),
      seed: z.number(),
      alphaPrior: z.array(z.number()),
    }),
    trace: z.array(z.array(z.number())).describe('N per kept draw and chain, thinned to at most 500 points'),
    histogram: z.strictObject({ from: z.number(), width: z.number(), counts: z.array(z.number()) }),
    warnings: z.array(
      z.strictObject({ code: z.enum(['lcmcr_not_converged', 'lcmcr_low_ess', 'lcmcr_geweke']), message: z.string() }),
    ),
  })
  .meta({ id: 'MseLcmcr' });

export const MseResultSchema = z
  .strictObject({
    lists: Terms,
    model: z.enum(['stepwise', 'main', 'fixed', 'two_list']),
    observed: z.number(),
    hiddenEstimate: N,
    estimate: N,
    interval: z.strictObject({
      level: z.number(),
      wald: Interval.describe('normal on the log hidden count; with two lists, Chao’s log-normal interval'),
      profile: Interval.optional(),
      bootstrap: Interval.optional(),
    }),
    terms: Terms,
    infiniteTerms: Terms,
    steps: z.array(z.strictObject({ term: z.string(), pValue: z.number() })),
    coefficients: z.array(z.strictObject({ term: z.string(), estimate: N, stdError: N })),
    fit: z.strictObject({
      deviance: z.number(),
      df: z.number(),
      pValue: N,
      aic: N,
      test: z
        .enum(['chi_square', 'parametric_bootstrap', 'none', 'not_run'])
        .describe(
          'chi_square only when the expected counts allow it (none below 1, at most a fifth below 5); not_run: a bare point estimate (ariadne mse --point) on a sparser table',
        ),
      cells: z.number(),
      expectedBelow5: N,
      expectedBelow1: N,
      replicates: z.number().optional(),
      failed: z.number().optional(),
      seed: z.number().optional(),
    }),
    bootstrap: z
      .strictObject({
        method: z.enum(['bca', 'percentile']),
        replicates: z.number(),
        failed: z.number().describe('replicates with no finite estimate, counted as unbounded estimates'),
        failedShare: z.number(),
        seed: z.number(),
        biasCorrection: N.optional(),
        acceleration: N.optional(),
        jackknifeFailed: z.number().optional(),
        generator: z
          .enum(['xoshiro128**', 'given'])
          .describe('the PRNG that drew the resamples from the seed, or given'),
        selections: z
          .array(z.strictObject({ terms: Terms, count: z.number(), share: z.number() }))
          .describe('how often each model was selected across the replicates, most frequent first'),
        histogram: z.strictObject({
          bins: z.array(z.strictObject({ from: z.number(), to: z.number(), count: z.number() })),
          finite: z.number(),
          unbounded: z.number(),
        }),
      })
      .optional(),
    warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
    caveats: z.array(
      z.strictObject({
        code: z.enum(['two_list_independence', 'closed_population', 'lincoln_petersen_undefined']),
        message: z.string(),
      }),
    ),
    removedLists: z
      .array(
        z.strictObject({
          list: z.string(),
          reason: z.enum(['empty', 'contains_everyone', 'duplicate']),
          duplicateOf: z.string().optional(),
        }),
      )
      .optional(),
    personsOnRemovedListsOnly: z.number().optional(),
    twoList: z
      .strictObject({
        onFirst: z.number(),
        onSecond: z.number(),
        onBoth: z.number(),
        lincolnPetersen: N.describe('null when nobody is on both lists'),
        chapman: z.number(),
        variance: z.number(),
      })
      .optional(),
    modelCheck: z
      .strictObject({
        models: z.number(),
        exist: z.number(),
        identifiable: z.number(),
        estimable: z.number(),
        failing: z.array(z.strictObject({ terms: Terms, exists: z.boolean(), identifiable: z.boolean() })),
        failingTotal: z.number(),
      })
      .optional(),
    sensitivity: MseSensitivitySchema.optional(),
    diagnostics: MseDiagnosticsSchema.optional(),
    chao: MseChaoSchema.optional(),
    lcmcr: MseLcmcrSchema.optional(),
    linkageError: z
      .strictObject({
        included: z.literal(true),
        run: z.string().describe('the linkage run whose links and match probabilities were redrawn'),
        uncertainPairs: z
          .number()
          .describe('links with a probability strictly between 0 and 1, redrawn in each replicate'),
        method: z.literal('percentile'),
        interval: Interval,
        replicates: z.number(),
        failed: z.number(),
        seed: z.number(),
        persons: z
          .strictObject({ decided: z.number(), min: z.number(), max: z.number() })
          .describe('persons in the table as linked, and the fewest and most over the redrawn linkages'),
      })
      .optional()
      .describe("the table came from Ariadne's own linkage, and the interval includes its estimated match error"),
    overlaps: z
      .array(z.strictObject({ lists: Terms, count: z.number() }))
      .describe('persons per observed combination of lists, for the UpSet chart'),
  })
  .meta({ id: 'MseResult' });

export type MseResultView = z.infer<typeof MseResultSchema>;
export type MseSensitivityView = z.infer<typeof MseSensitivitySchema>;
export type MseDiagnosticsView = z.infer<typeof MseDiagnosticsSchema>;
export type MseChaoView = z.infer<typeof MseChaoSchema>;
export type MseLcmcrView = z.infer<typeof MseLcmcrSchema>;

// The functions that fill these views need no zod: they live in mse-view.ts, which `ariadne mse --json` loads alone.
export {
  overlapsOf,
  presentChao,
  presentDiagnostics,
  presentLcmcr,
  presentMseResult,
  presentSensitivity,
} from './mse-view';

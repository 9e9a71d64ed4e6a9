/**
 * Exactly which fields of a multiple systems estimate leave the server (src/domain/mse), named one by one in
 * a closed schema. JSON has no Infinity or NaN: an unbounded limit or a number that does not apply is null.
 */
import { z } from 'zod';
import type { MseDiagnostics, MseResult, SensitivitySummary } from '../../domain/mse';

const N = z.number().nullable();
const Interval = z.array(N).describe('[low, high]; null high: unbounded');
const Terms = z.array(z.string());

const num = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;
const pair = (value: readonly number[] | null | undefined) => (value ? [num(value[0]), num(value[1])] : null);

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

export function presentChao(c: NonNullable<MseResult['chao']>): z.infer<typeof MseChaoSchema> {
  return {
    f1: c.f1,
    f2: c.f2,
    observed: c.observed,
    estimate: c.estimate,
    form: c.form,
    variance: c.variance,
    level: c.level,
    interval: pair(c.interval)!,
  };
}

export function presentLcmcr(l: NonNullable<MseResult['lcmcr']>): z.infer<typeof MseLcmcrSchema> {
  return {
    method: l.method,
    observed: l.observed,
    estimate: l.estimate,
    mean: l.mean,
    level: l.level,
    interval: pair(l.interval)!,
    diagnostics: {
      rHat: num(l.diagnostics.rHat),
      ess: l.diagnostics.ess,
      geweke: l.diagnostics.geweke.map((z) => num(z)),
      occupiedClasses: l.diagnostics.occupiedClasses,
    },
    settings: {
      maxClasses: l.settings.maxClasses,
      burnIn: l.settings.burnIn,
      samples: l.settings.samples,
      thin: l.settings.thin,
      chains: l.settings.chains,
      seed: l.settings.seed,
      alphaPrior: [...l.settings.alphaPrior],
    },
    trace: l.trace.map((chain) => [...chain]),
    histogram: { from: l.histogram.from, width: l.histogram.width, counts: [...l.histogram.counts] },
    warnings: l.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

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
        .enum(['chi_square', 'parametric_bootstrap', 'none'])
        .describe('chi_square only when the expected counts allow it (none below 1, at most a fifth below 5)'),
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

export function presentDiagnostics(d: MseDiagnostics): MseDiagnosticsView {
  return {
    cells: d.cells.map((c) => ({
      lists: [...c.lists],
      observed: c.observed,
      fitted: c.fitted,
      pearson: num(c.pearson),
      deviance: num(c.deviance),
      leverage: num(c.leverage),
      cooksDistance: num(c.cooksDistance),
      estimateWithout: c.estimateWithout === null ? null : num(c.estimateWithout),
    })),
    cellsRefitted: d.cellsRefitted,
    pairs: d.pairs.map((p) => ({ lists: [...p.lists], overlap: p.overlap, fitted: p.fitted, small: p.small })),
    smallOverlapThreshold: d.smallOverlapThreshold,
    ...(d.lists
      ? {
          lists: d.lists.map((l) => ({
            list: l.list,
            estimate: l.estimate === null ? null : num(l.estimate),
            change: l.change === null ? null : num(l.change),
          })),
        }
      : {}),
  };
}

export function presentSensitivity(s: SensitivitySummary): MseSensitivityView {
  const alternative = (a: SensitivitySummary['leaveOneOut'][number] | SensitivitySummary['merged'][number]) => ({
    lists: [...a.lists],
    model: a.model,
    terms: [...a.terms],
    estimate: a.estimate === null ? null : num(a.estimate),
    interval: pair(a.interval),
    ...(a.error ? { error: a.error } : {}),
  });
  const selection = (x: { terms: readonly string[]; estimate: number }) => ({
    terms: [...x.terms],
    estimate: num(x.estimate),
  });
  return {
    level: s.level,
    threshold: s.threshold,
    thresholds: s.thresholds.map((t) => ({
      threshold: t.threshold,
      estimate: num(t.estimate),
      interval: pair(t.interval)!,
      terms: [...t.terms],
    })),
    leaveOneOut: s.leaveOneOut.map((a) => ({ left: a.left, ...alternative(a) })),
    merged: s.merged.map((a) => ({ pair: [...a.pair], ...alternative(a) })),
    models: s.models.map((m) => ({
      terms: [...m.terms],
      infiniteTerms: [...m.infiniteTerms],
      parameters: m.parameters,
      deviance: m.deviance,
      df: m.df,
      aic: num(m.aic),
      aicc: num(m.aicc),
      bic: num(m.bic),
      estimate: num(m.estimate),
      interval: pair(m.interval)!,
      aicWeight: m.aicWeight,
      selectedBy: [...m.selectedBy],
    })),
    candidates: { considered: s.candidates.considered, set: s.candidates.set },
    selections: {
      stepwise: selection(s.selections.stepwise),
      aic: selection(s.selections.aic),
      aicc: selection(s.selections.aicc),
      bic: selection(s.selections.bic),
    },
    averaged: {
      estimate: num(s.averaged.estimate),
      interval: pair(s.averaged.interval)!,
      method: s.averaged.method,
      models: s.averaged.models,
    },
    range: pair(s.range)!,
  };
}

/** Persons per observed combination of the table as read, named by its lists (what the UpSet chart draws). */
export function overlapsOf(
  lists: readonly string[],
  histories: readonly { readonly pattern: readonly number[]; readonly count: number }[],
) {
  return histories
    .filter((h) => h.count > 0)
    .map((h) => ({ lists: lists.filter((_, i) => h.pattern[i] === 1), count: h.count }))
    .filter((o) => o.lists.length > 0);
}

/** The result as it leaves the server; `warnings` already in the reader's language. */
export function presentMseResult(
  r: MseResult,
  warnings: readonly { code: string; message: string }[],
  overlaps: readonly { lists: readonly string[]; count: number }[],
): MseResultView {
  return {
    lists: [...r.lists],
    model: r.model,
    observed: r.observed,
    hiddenEstimate: num(r.hiddenEstimate),
    estimate: num(r.estimate),
    interval: {
      level: r.interval.level,
      wald: pair(r.interval.wald)!,
      ...(r.interval.profile ? { profile: pair(r.interval.profile)! } : {}),
      ...(r.interval.bootstrap ? { bootstrap: pair(r.interval.bootstrap)! } : {}),
    },
    terms: [...r.terms],
    infiniteTerms: [...r.infiniteTerms],
    steps: r.steps.map((s) => ({ term: s.term, pValue: s.pValue })),
    coefficients: r.coefficients.map((c) => ({ term: c.term, estimate: num(c.estimate), stdError: num(c.stdError) })),
    fit: {
      deviance: r.fit.deviance,
      df: r.fit.df,
      pValue: num(r.fit.pValue),
      aic: num(r.fit.aic),
      test: r.fit.test,
      cells: r.fit.cells,
      expectedBelow5: num(r.fit.expectedBelow5),
      expectedBelow1: num(r.fit.expectedBelow1),
      ...(r.fit.replicates !== undefined ? { replicates: r.fit.replicates } : {}),
      ...(r.fit.failed !== undefined ? { failed: r.fit.failed } : {}),
      ...(r.fit.seed !== undefined ? { seed: r.fit.seed } : {}),
    },
    ...(r.bootstrap
      ? {
          bootstrap: {
            method: r.bootstrap.method,
            replicates: r.bootstrap.replicates,
            failed: r.bootstrap.failed,
            failedShare: r.bootstrap.failedShare,
            seed: r.bootstrap.seed,
            ...(r.bootstrap.biasCorrection !== undefined ? { biasCorrection: num(r.bootstrap.biasCorrection) } : {}),
            ...(r.bootstrap.acceleration !== undefined ? { acceleration: num(r.bootstrap.acceleration) } : {}),
            ...(r.bootstrap.jackknifeFailed !== undefined ? { jackknifeFailed: r.bootstrap.jackknifeFailed } : {}),
            generator: r.bootstrap.generator,
            selections: r.bootstrap.selections.map((m) => ({ terms: [...m.terms], count: m.count, share: m.share })),
            histogram: {
              bins: r.bootstrap.histogram.bins.map((b) => ({ from: b.from, to: b.to, count: b.count })),
              finite: r.bootstrap.histogram.finite,
              unbounded: r.bootstrap.histogram.unbounded,
            },
          },
        }
      : {}),
    warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
    caveats: r.caveats.map((c) => ({ code: c.code, message: c.message })),
    ...(r.removedLists
      ? {
          removedLists: r.removedLists.map((l) => ({
            list: l.list,
            reason: l.reason,
            ...(l.duplicateOf ? { duplicateOf: l.duplicateOf } : {}),
          })),
          personsOnRemovedListsOnly: r.personsOnRemovedListsOnly ?? 0,
        }
      : {}),
    ...(r.twoList
      ? {
          twoList: {
            onFirst: r.twoList.onFirst,
            onSecond: r.twoList.onSecond,
            onBoth: r.twoList.onBoth,
            lincolnPetersen: num(r.twoList.lincolnPetersen),
            chapman: r.twoList.chapman,
            variance: r.twoList.variance,
          },
        }
      : {}),
    ...(r.modelCheck
      ? {
          modelCheck: {
            models: r.modelCheck.models,
            exist: r.modelCheck.exist,
            identifiable: r.modelCheck.identifiable,
            estimable: r.modelCheck.estimable,
            failing: r.modelCheck.failing.map((f) => ({
              terms: [...f.terms],
              exists: f.exists,
              identifiable: f.identifiable,
            })),
            failingTotal: r.modelCheck.failingTotal,
          },
        }
      : {}),
    ...(r.sensitivity ? { sensitivity: presentSensitivity(r.sensitivity) } : {}),
    ...(r.diagnostics ? { diagnostics: presentDiagnostics(r.diagnostics) } : {}),
    ...(r.chao ? { chao: presentChao(r.chao) } : {}),
    ...(r.lcmcr ? { lcmcr: presentLcmcr(r.lcmcr) } : {}),
    ...(r.linkageError
      ? {
          linkageError: {
            included: true as const,
            run: r.linkageError.run,
            uncertainPairs: r.linkageError.uncertainPairs,
            method: r.linkageError.method,
            interval: pair(r.linkageError.interval)!,
            replicates: r.linkageError.replicates,
            failed: r.linkageError.failed,
            seed: r.linkageError.seed,
            persons: {
              decided: r.linkageError.persons.decided,
              min: r.linkageError.persons.min,
              max: r.linkageError.persons.max,
            },
          },
        }
      : {}),
    overlaps: overlaps.map((o) => ({ lists: [...o.lists], count: o.count })),
  };
}

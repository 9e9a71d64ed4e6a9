/**
 * The multiple systems estimate as it leaves the server: the functions that fill the closed views of
 * presenters/mse.ts (whose zod schemas name every field). They import the schemas' types only, so a
 * caller that needs no validation, `ariadne mse --json`, loads neither zod nor the schemas (zod alone
 * is some ninety modules on a cold start). JSON has no Infinity or NaN: an unbounded limit or a number
 * that does not apply is null.
 */
import type { MseDiagnostics, MseResult, SensitivitySummary } from '../../domain/mse';
import type { MseChaoView, MseDiagnosticsView, MseLcmcrView, MseResultView, MseSensitivityView } from './mse';

const num = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;
const pair = (value: readonly number[] | null | undefined) => (value ? [num(value[0]), num(value[1])] : null);

export function presentChao(c: NonNullable<MseResult['chao']>): MseChaoView {
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

export function presentLcmcr(l: NonNullable<MseResult['lcmcr']>): MseLcmcrView {
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

/**
 * A registry estimate as it leaves the server: every field named, so what the row keeps besides (the
 * capture histories an Ariadne estimate was fitted to) never leaves with it.
 */
import type { z } from 'zod';
import type { Citation } from '../../domain/estimates';
import type { RegistryEntry } from '../../services/estimates';
import type { EstimateView } from '../routes/statistics/routes';

type EstimateOut = z.infer<typeof EstimateView>;

const citation = (c: Citation): EstimateOut['originalSource'] => ({
  source: c.source,
  ...(c.title !== undefined ? { title: c.title } : {}),
  ...(c.year !== undefined ? { year: c.year } : {}),
  ...(c.page !== undefined ? { page: c.page } : {}),
  locator: c.locator,
  ...(c.attributedTo !== undefined ? { attributedTo: c.attributedTo } : {}),
});

function presentMse(m: NonNullable<RegistryEntry['mse']>): NonNullable<EstimateOut['mse']> {
  return {
    lists: [...m.lists],
    terms: [...m.terms],
    model: m.model,
    interval: m.interval.map((x) => (Number.isFinite(x) ? x : null)),
    intervalMethod: m.intervalMethod,
    ...(m.level !== undefined ? { level: m.level } : {}),
    ...(m.bootstrap
      ? {
          bootstrap: {
            replicates: m.bootstrap.replicates,
            failed: m.bootstrap.failed,
            failedShare: m.bootstrap.failedShare,
            seed: m.bootstrap.seed,
            // Saved before the generator was recorded: say so rather than guess.
            generator: m.bootstrap.generator ?? 'not_recorded',
          },
        }
      : {}),
    ...(m.goodnessOfFit ? { goodnessOfFit: { test: m.goodnessOfFit.test, pValue: m.goodnessOfFit.pValue } } : {}),
    observed: m.observed,
    ...(m.sensitivity ? { sensitivity: m.sensitivity } : {}),
    ...(m.caveats ? { caveats: [...m.caveats] } : {}),
  };
}

export function presentEstimate(e: RegistryEntry): EstimateOut {
  return {
    id: e.id,
    ...(e.value !== undefined ? { value: e.value } : {}),
    ...(e.low !== undefined ? { low: e.low } : {}),
    ...(e.high !== undefined ? { high: e.high } : {}),
    ...(e.figureText !== undefined ? { figureText: e.figureText } : {}),
    unit: e.unit,
    unitNote: e.unitNote,
    scope: { geography: e.scope.geography, period: e.scope.period, forms: [...e.scope.forms] },
    method: e.method,
    caveat: e.caveat,
    ...(e.flags ? { flags: [...e.flags] } : {}),
    originalSource: citation(e.originalSource),
    citingSources: e.citingSources.map(citation),
    chain: {
      links: e.chain.links.map((l) => ({
        role: l.role,
        citation: citation(l.citation),
        creditedTo: l.creditedTo,
        recast: l.recast,
      })),
      recast: e.chain.recast,
      creditedTo: [...e.chain.creditedTo],
    },
    origin: e.origin,
    ...(e.mse ? { mse: presentMse(e.mse) } : {}),
  };
}

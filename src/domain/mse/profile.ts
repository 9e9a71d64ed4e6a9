/**
 * Profile-likelihood interval for the hidden population. The intercept is the
 * log of the expected number of persons on no list, so the interval holds the
 * intercept values whose profiled deviance exceeds the minimum by at most the
 * chi-square(1) quantile; the bounds are found by bracketing and bisection.
 */
import { fitPoisson } from './irls';
import { normalQuantile } from './special';
import type { ModelDesign } from './design';

/** Beyond e^40 hidden persons an upper bound is meaningless: report it as unbounded. */
const MAX_LOG_DISTANCE = 40;

function profiledDeviance(design: ModelDesign, intercept: number): number {
  const fit = fitPoisson(design, { fixedIntercept: intercept });
  return fit.converged ? fit.deviance : Number.NaN;
}

/** Finds where the deviance rise crosses `target` walking from `centre` in `direction`; +-Infinity if never. */
function crossing(
  design: ModelDesign,
  centre: number,
  base: number,
  target: number,
  step: number,
  direction: 1 | -1,
): number {
  let inside = centre;
  let distance = step;
  for (;;) {
    const probe = centre + direction * distance;
    const rise = profiledDeviance(design, probe) - base;
    if (!Number.isFinite(rise) || rise >= target) {
      let outside = probe;
      for (let i = 0; i < 60 && Math.abs(outside - inside) > 1e-9; i += 1) {
        const mid = (inside + outside) / 2;
        const midRise = profiledDeviance(design, mid) - base;
        if (Number.isFinite(midRise) && midRise < target) inside = mid;
        else outside = mid;
      }
      return (inside + outside) / 2;
    }
    inside = probe;
    if (distance > MAX_LOG_DISTANCE) return direction * Infinity;
    distance *= 2;
  }
}

/**
 * Interval for exp(intercept), the expected hidden count, at `level` (e.g. 0.95).
 * `intercept` and `stdError` come from the unconstrained fit and only guide the search.
 */
export function profileHiddenInterval(
  design: ModelDesign,
  intercept: number,
  stdError: number,
  level: number,
): [number, number] {
  const z = normalQuantile((1 + level) / 2);
  const target = z * z;
  const base = profiledDeviance(design, intercept);
  const step = Number.isFinite(stdError) && stdError > 0 ? stdError : 0.5;
  const lower = crossing(design, intercept, base, target, step, -1);
  const upper = crossing(design, intercept, base, target, step, 1);
  return [Math.exp(lower), Math.exp(upper)];
}

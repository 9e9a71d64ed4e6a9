/**
 * Poisson log-linear regression by iteratively reweighted least squares, the
 * same algorithm R's glm uses (with its step-halving), with an optional fixed
 * intercept for profiling. A fit that fails says why (`failure`), so callers
 * never mistake a numerical failure for a model without an estimate.
 */
import { cholesky, choleskyInverseDiagonal, choleskySolve } from './linalg';
import { logGamma } from './special';
import type { ModelDesign } from './design';

export interface PoissonFit {
  /** Coefficients in design column order (the intercept first, even when fixed). */
  readonly beta: Float64Array;
  /** Wald standard errors; NaN for a fixed intercept. */
  readonly stdErrors: Float64Array;
  readonly fitted: Float64Array;
  readonly deviance: number;
  readonly logLik: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Why the fit stopped without converging; absent when it converged. */
  readonly failure?: FitFailure;
}

/**
 * The real causes of a failed fit: the information matrix turned singular, the
 * deviance could not be brought down even by halving the step, or the
 * iterations ran out while the deviance still moved by `lastChange` (relative).
 */
export type FitFailure =
  | { readonly cause: 'singular_information' }
  | { readonly cause: 'step_halving_exhausted' }
  | { readonly cause: 'iteration_limit'; readonly lastChange: number };

export interface FitOptions {
  /** Holds the intercept at this value and fits the other coefficients (profile likelihood). */
  readonly fixedIntercept?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /**
   * Fitted values to start from instead of the data (y + 0.1): a refit of a table simulated from a
   * model's fitted values (the goodness-of-fit bootstrap) starts near its solution and needs fewer steps.
   */
  readonly start?: Float64Array;
}

/** Poisson deviance 2 * sum(y log(y/mu) - (y - mu)). */
export function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let dev = 0;
  for (let r = 0; r < y.length; r += 1) dev += (y[r] > 0 ? y[r] * Math.log(y[r] / mu[r]) : 0) - (y[r] - mu[r]);
  return 2 * dev;
}

function poissonLogLik(y: Float64Array, mu: Float64Array): number {
  let ll = 0;
  for (let r = 0; r < y.length; r += 1) ll += (y[r] > 0 ? y[r] * Math.log(mu[r]) : 0) - mu[r] - logGamma(y[r] + 1);
  return ll;
}

/** Fits the model; never throws, reports `converged: false` when the normal equations break down. */
export function fitPoisson(design: ModelDesign, options: FitOptions = {}): PoissonFit {
  const { x, y } = design;
  const n = y.length;
  const p = design.columns.length;
  const fixed = options.fixedIntercept;
  const first = fixed === undefined ? 0 : 1;
  const q = p - first;
  const offset = fixed ?? 0;
  const tolerance = options.tolerance ?? 1e-11;
  const maxIterations = options.maxIterations ?? 100;

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  const start = options.start;
  for (let r = 0; r < n; r += 1) {
    mu[r] = start && start[r] > 0 && Number.isFinite(start[r]) ? start[r] : y[r] + 0.1;
    eta[r] = Math.log(mu[r]);
  }
  let deviance = poissonDeviance(y, mu);
  let beta: Float64Array = new Float64Array(q);
  let converged = false;
  let failure: FitFailure | undefined;
  let iterations = 0;
  let lastChange = Number.NaN;
  const xtwx = new Float64Array(q * q);
  const xtwz = new Float64Array(q);
  // Rounding in a deviance of y log(y / mu) terms is about machine epsilon times the persons counted; with
  // hundreds of millions of persons that floor lies above any relative tolerance near a deviance of 0 (a
  // saturated model), so the change is also judged against it: the counts' own scale.
  let persons = 0;
  for (let r = 0; r < n; r += 1) persons += y[r];
  const roundingFloor = 64 * Number.EPSILON * persons;

  const linearPredictor = (coefficients: Float64Array) => {
    for (let r = 0; r < n; r += 1) {
      let e = offset;
      for (let a = 0; a < q; a += 1) e += x[r * p + first + a] * coefficients[a];
      eta[r] = e;
      mu[r] = Math.exp(e);
    }
    return poissonDeviance(y, mu);
  };

  while (iterations < maxIterations) {
    iterations += 1;
    xtwx.fill(0);
    xtwz.fill(0);
    for (let r = 0; r < n; r += 1) {
      const w = mu[r];
      const z = eta[r] - offset + (y[r] - mu[r]) / mu[r];
      const row = r * p + first;
      for (let a = 0; a < q; a += 1) {
        const xa = x[row + a];
        if (xa === 0) continue;
        xtwz[a] += w * xa * z;
        for (let b = 0; b <= a; b += 1) xtwx[a * q + b] += w * xa * x[row + b];
      }
    }
    for (let a = 0; a < q; a += 1) for (let b = 0; b < a; b += 1) xtwx[b * q + a] = xtwx[a * q + b];
    const factor = Float64Array.from(xtwx);
    if (!cholesky(factor, q)) {
      failure = { cause: 'singular_information' };
      break;
    }
    const previous = beta;
    let proposal = choleskySolve(factor, q, xtwz);
    let next = linearPredictor(proposal);
    // Step-halving, as R's glm.fit: a step that overflows or raises the deviance is halved back towards the
    // previous coefficients (not possible on the first step, which starts from the data, not from coefficients).
    for (let halvings = 0; iterations > 1 && !(next <= deviance + roundingFloor) && halvings < 40; halvings += 1) {
      proposal = proposal.map((value, a) => (value + previous[a]) / 2);
      next = linearPredictor(proposal);
    }
    if (!Number.isFinite(next) || (iterations > 1 && next > deviance + roundingFloor)) {
      failure = { cause: 'step_halving_exhausted' };
      if (iterations > 1) linearPredictor(previous);
      break;
    }
    beta = proposal;
    const difference = Math.abs(next - deviance);
    lastChange = difference / (Math.abs(next) + 0.1);
    deviance = next;
    if (lastChange < tolerance || (iterations > 1 && difference <= roundingFloor)) {
      converged = true;
      break;
    }
  }
  if (!converged && !failure) failure = { cause: 'iteration_limit', lastChange };

  const fullBeta = new Float64Array(p);
  const stdErrors = new Float64Array(p).fill(Number.NaN);
  if (fixed !== undefined) fullBeta[0] = fixed;
  fullBeta.set(beta, first);
  if (converged) {
    // The information at the final fitted values gives the Wald errors.
    const info = informationFactor(design, mu, first);
    if (info)
      choleskyInverseDiagonal(info, q).forEach((v, a) => {
        stdErrors[first + a] = Math.sqrt(v);
      });
  }
  return {
    beta: fullBeta,
    stdErrors,
    fitted: mu,
    deviance,
    logLik: poissonLogLik(y, mu),
    iterations,
    converged,
    ...(failure ? { failure } : {}),
  };
}

/** Cholesky factor of X'WX at the given fitted values, or null when singular. */
function informationFactor(design: ModelDesign, mu: Float64Array, first: number): Float64Array | null {
  const p = design.columns.length;
  const q = p - first;
  const info = new Float64Array(q * q);
  for (let r = 0; r < mu.length; r += 1) {
    for (let a = 0; a < q; a += 1) {
      const xa = design.x[r * p + first + a];
      if (xa === 0) continue;
      for (let b = 0; b < q; b += 1) info[a * q + b] += mu[r] * xa * design.x[r * p + first + b];
    }
  }
  return cholesky(info, q) ? info : null;
}

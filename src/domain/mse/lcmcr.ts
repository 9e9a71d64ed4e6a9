/**
 * A latent-class capture-recapture estimator in the spirit of LCMCR
 * (Manrique-Vallier 2016, "Bayesian population size estimation using Dirichlet
 * process mixtures", Biometrics 72: 1246-1254): persons fall into latent
 * classes, within which the lists capture independently (a product of
 * Bernoullis), and the class weights follow a stick-breaking Dirichlet
 * process truncated at K* classes. Heterogeneous capture (some persons far
 * harder to reach than others) is what breaks the log-linear independence
 * model; this mixture absorbs it.
 *
 * Prior (as in the paper): lambda_jk ~ Beta(1, 1), V_k ~ Beta(1, alpha),
 * alpha ~ Gamma(0.25, 0.25) (shape, rate), p(N) proportional to 1/N. The Gibbs
 * sampler augments the data with the persons on no list: given the weights
 * and capture probabilities, their number n0 is negative binomial, NB(n, 1 -
 * p0) with p0 the probability of being on no list. Class memberships are drawn
 * per observed combination of lists (a multinomial over the classes), so an
 * iteration costs O(cells x K* x lists), whatever the number of persons.
 * Each chain draws from its own xoshiro128** stream (random64.ts), seeded from the user's seed.
 * Written from the paper; no code of the LCMCR package is used.
 */
import { quantileSorted, type Uniform } from '../shared/random';
import { MseInputError } from './errors';
import { binomial, gamma, poisson } from './random';
import { xoshiro128 } from './random64';
import { MIN_LOG_LINEAR_LISTS, type CellCounts } from './table';

export interface LcmcrOptions {
  /** Truncation K* of the stick-breaking prior (default 10). */
  readonly maxClasses?: number;
  /** Iterations discarded at the start of each chain (default 2000). */
  readonly burnIn?: number;
  /** Draws kept per chain after burn-in (default 2000). */
  readonly samples?: number;
  /** Iterations per kept draw (default 5). */
  readonly thin?: number;
  /** Independent chains for the convergence diagnostics (default 2, at least 2). */
  readonly chains?: number;
  readonly seed?: number;
  /** Credible level of the interval (default 0.95). */
  readonly level?: number;
  /** Prior shape and rate of the concentration alpha (default 0.25, 0.25). */
  readonly alphaPrior?: readonly [number, number];
}

export interface LcmcrDiagnostics {
  /** Split R-hat of N over all chains (Gelman et al., BDA3 section 11.4); near 1 when the chains agree. */
  readonly rHat: number;
  /** Effective sample size of N over all chains (Geyer's initial positive sequence). */
  readonly ess: number;
  /** Geweke's z per chain: mean of the first 10% against the last 50% of the kept draws. */
  readonly geweke: readonly number[];
  /** Mean number of classes holding persons, over the kept draws. */
  readonly occupiedClasses: number;
}

export interface LcmcrWarning {
  readonly code: 'lcmcr_not_converged' | 'lcmcr_low_ess' | 'lcmcr_geweke';
  readonly message: string;
}

export interface LcmcrResult {
  readonly method: 'lcmcr';
  readonly observed: number;
  /** Posterior median of the total population. */
  readonly estimate: number;
  readonly mean: number;
  readonly level: number;
  /** Equal-tailed credible interval of the total. */
  readonly interval: readonly [number, number];
  readonly diagnostics: LcmcrDiagnostics;
  readonly settings: {
    readonly maxClasses: number;
    readonly burnIn: number;
    readonly samples: number;
    readonly thin: number;
    readonly chains: number;
    readonly seed: number;
    readonly alphaPrior: readonly [number, number];
  };
  /** N per kept draw, per chain, at most 500 points each (for the trace chart). */
  readonly trace: readonly (readonly number[])[];
  /** Posterior histogram of N: equal bins between the 0.5% and 99.5% quantiles. */
  readonly histogram: { readonly from: number; readonly width: number; readonly counts: readonly number[] };
  readonly warnings: readonly LcmcrWarning[];
}

const DEFAULTS = { maxClasses: 10, burnIn: 2000, samples: 2000, thin: 5, chains: 2, seed: 1 } as const;
/** R-hat above this, or fewer effective draws than this, earns a warning. */
export const RHAT_LIMIT = 1.05;
export const MIN_ESS = 200;
const TRACE_POINTS = 500;
const HISTOGRAM_BINS = 30;
const TINY = 1e-300;

function beta(a: number, b: number, random: Uniform): number {
  const x = gamma(a, random);
  const y = gamma(b, random);
  const sum = x + y;
  return sum > 0 ? x / sum : a / (a + b);
}

/** Multinomial(n, weights / sum) by conditional binomials, added into `into`. */
function multinomialInto(n: number, weights: Float64Array, sum: number, into: Float64Array, random: Uniform) {
  let left = n;
  let mass = sum;
  for (let k = 0; k < weights.length && left > 0; k += 1) {
    const w = weights[k];
    if (w <= 0) continue;
    const drawn = k === weights.length - 1 || w >= mass ? left : binomial(left, Math.min(1, w / mass), random);
    into[k] += drawn;
    left -= drawn;
    mass -= w;
  }
  if (left > 0) into[weights.length - 1] += left;
}

/** One chain: the total N at each kept draw, and the mean number of occupied classes. */
export function runChain(
  cells: CellCounts,
  settings: {
    maxClasses: number;
    burnIn: number;
    samples: number;
    thin: number;
    alphaPrior: readonly [number, number];
  },
  random: Uniform,
): { draws: Float64Array; occupied: number } {
  const J = cells.lists.length;
  const K = settings.maxClasses;
  const masks: number[] = [];
  const counts: number[] = [];
  cells.counts.forEach((count, mask) => {
    if (mask > 0 && count > 0) {
      masks.push(mask);
      counts.push(count);
    }
  });
  const n = cells.observed;
  const [aAlpha, bAlpha] = settings.alphaPrior;
  const lambda = new Float64Array(J * K); // lambda[j * K + k]
  for (let i = 0; i < lambda.length; i += 1) lambda[i] = beta(1, 1, random);
  const pi = new Float64Array(K);
  const v = new Float64Array(K);
  let alpha = 1;
  let rest = 1;
  for (let k = 0; k < K; k += 1) {
    v[k] = k === K - 1 ? 1 : beta(1, alpha, random);
    pi[k] = rest * v[k];
    rest *= 1 - v[k];
  }
  const classCount = new Float64Array(K);
  const onList = new Float64Array(J * K);
  const missingClass = new Float64Array(K);
  const weights = new Float64Array(K);
  const scratch = new Float64Array(K);
  const logLambda = new Float64Array(J * K);
  const logMiss = new Float64Array(J * K);
  const p0k = new Float64Array(K);
  const draws = new Float64Array(settings.samples);
  let occupiedSum = 0;
  const total = settings.burnIn + settings.samples * settings.thin;
  let n0 = 0;

  const refreshMissing = () => {
    // n0 | pi, lambda ~ NB(n, 1 - p0) under p(N) ~ 1/N, then the missing persons' classes.
    let p0 = 0;
    for (let k = 0; k < K; k += 1) {
      let miss = pi[k];
      for (let j = 0; j < J; j += 1) miss *= 1 - lambda[j * K + k];
      p0k[k] = miss;
      p0 += miss;
    }
    p0 = Math.min(p0, 1 - 1e-12);
    n0 = p0 > 0 ? poisson(gamma(n, random) * (p0 / (1 - p0)), random) : 0;
    missingClass.fill(0);
    if (n0 > 0) multinomialInto(n0, p0k, p0, missingClass, random);
  };
  refreshMissing();

  for (let iteration = 0; iteration < total; iteration += 1) {
    // 1. Classes of the observed persons, one multinomial per observed combination.
    for (let i = 0; i < J * K; i += 1) {
      logLambda[i] = Math.log(Math.max(lambda[i], TINY));
      logMiss[i] = Math.log(Math.max(1 - lambda[i], TINY));
    }
    classCount.set(missingClass);
    onList.fill(0);
    for (let c = 0; c < masks.length; c += 1) {
      const mask = masks[c];
      let max = -Infinity;
      for (let k = 0; k < K; k += 1) {
        let logW = Math.log(Math.max(pi[k], TINY));
        for (let j = 0; j < J; j += 1) logW += mask & (1 << j) ? logLambda[j * K + k] : logMiss[j * K + k];
        weights[k] = logW;
        if (logW > max) max = logW;
      }
      let sum = 0;
      for (let k = 0; k < K; k += 1) {
        weights[k] = Math.exp(weights[k] - max);
        sum += weights[k];
      }
      scratch.fill(0);
      multinomialInto(counts[c], weights, sum, scratch, random);
      for (let k = 0; k < K; k += 1) {
        const added = scratch[k];
        if (added === 0) continue;
        classCount[k] += added;
        for (let j = 0; j < J; j += 1) if (mask & (1 << j)) onList[j * K + k] += added;
      }
    }
    // 2. Capture probabilities: Beta(1 + captured, 1 + not captured) within each class (the missing never are).
    for (let j = 0; j < J; j += 1)
      for (let k = 0; k < K; k += 1) {
        const captured = onList[j * K + k];
        lambda[j * K + k] = beta(1 + captured, 1 + classCount[k] - captured, random);
      }
    // 3. Stick-breaking weights.
    let after = 0;
    for (let k = 0; k < K; k += 1) after += classCount[k];
    rest = 1;
    let logRest = 0;
    for (let k = 0; k < K; k += 1) {
      after -= classCount[k];
      v[k] = k === K - 1 ? 1 : Math.min(beta(1 + classCount[k], alpha + after, random), 1 - 1e-12);
      pi[k] = rest * v[k];
      rest *= 1 - v[k];
      if (k < K - 1) logRest += Math.log(1 - v[k]);
    }
    // 4. The persons on no list, and their classes.
    refreshMissing();
    // 5. Concentration: Gamma(a + K* - 1, b - sum log(1 - V_k)).
    alpha = Math.max(gamma(aAlpha + K - 1, random) / (bAlpha - logRest), 1e-10);

    const kept = iteration - settings.burnIn;
    if (kept >= 0 && (kept + 1) % settings.thin === 0) {
      draws[(kept + 1) / settings.thin - 1] = n + n0;
      let occupied = 0;
      for (let k = 0; k < K; k += 1) if (classCount[k] > 0) occupied += 1;
      occupiedSum += occupied;
    }
  }
  return { draws, occupied: occupiedSum / settings.samples };
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i];
  return sum / values.length;
}

function variance(values: ArrayLike<number>, m = mean(values)): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += (values[i] - m) ** 2;
  return sum / (values.length - 1);
}

/** Split R-hat: each chain cut in halves, then the potential scale reduction over the halves. */
export function splitRHat(chains: readonly ArrayLike<number>[]): number {
  const halves = splitHalves(chains);
  const n = halves[0].length;
  const means = halves.map((h) => mean(h));
  const within = mean(halves.map((h, i) => variance(h, means[i])));
  const between = n * variance(means);
  if (!(within > 0)) return between > 0 ? Infinity : 1;
  return Math.sqrt(((n - 1) / n) * within + between / n) / Math.sqrt(within);
}

function splitHalves(chains: readonly ArrayLike<number>[]): Float64Array[] {
  const n = Math.floor(Math.min(...chains.map((c) => c.length)) / 2);
  return chains.flatMap((c) => [
    Float64Array.from({ length: n }, (_, i) => c[i]),
    Float64Array.from({ length: n }, (_, i) => c[n + i]),
  ]);
}

function autocovariance(chain: ArrayLike<number>, lag: number, m: number): number {
  let sum = 0;
  for (let i = 0; i + lag < chain.length; i += 1) sum += (chain[i] - m) * (chain[i + lag] - m);
  return sum / chain.length;
}

/**
 * Effective sample size over several chains (BDA3 section 11.5): autocorrelations combined through the
 * between- and within-chain variances, summed in pairs until a pair turns negative (Geyer 1992).
 */
export function effectiveSampleSize(chains: readonly ArrayLike<number>[]): number {
  const halves = splitHalves(chains);
  const m = halves.length;
  const n = halves[0].length;
  const means = halves.map((h) => mean(h));
  const within = mean(halves.map((h, i) => variance(h, means[i])));
  const varPlus = ((n - 1) / n) * within + variance(means);
  if (!(varPlus > 0)) return m * n;
  const rho = (lag: number) => 1 - (within - mean(halves.map((h, i) => autocovariance(h, lag, means[i])))) / varPlus;
  let sum = 0;
  for (let lag = 0; lag + 1 < n; lag += 2) {
    const pair = (lag === 0 ? 1 : rho(lag)) + rho(lag + 1);
    if (pair < 0) break;
    sum += pair;
  }
  const tau = Math.max(2 * sum - 1, 1 / Math.log10(Math.max(m * n, 10)));
  return Math.min((m * n) / tau, m * n * Math.log10(m * n));
}

/** Geweke's z: first 10% against last 50%, each mean's variance taken from its own effective sample size. */
export function gewekeZ(chain: ArrayLike<number>): number {
  const n = chain.length;
  const first = Array.from({ length: Math.floor(n * 0.1) }, (_, i) => chain[i]);
  const last = Array.from({ length: Math.floor(n * 0.5) }, (_, i) => chain[n - Math.floor(n * 0.5) + i]);
  const varOfMean = (part: number[]) => variance(part) / effectiveSampleSize([part]);
  const denominator = Math.sqrt(varOfMean(first) + varOfMean(last));
  const difference = mean(first) - mean(last);
  return denominator > 0 ? difference / denominator : difference === 0 ? 0 : Infinity;
}

function checkSettings(cells: CellCounts, options: LcmcrOptions) {
  const settings = {
    maxClasses: options.maxClasses ?? DEFAULTS.maxClasses,
    burnIn: options.burnIn ?? DEFAULTS.burnIn,
    samples: options.samples ?? DEFAULTS.samples,
    thin: options.thin ?? DEFAULTS.thin,
    chains: options.chains ?? DEFAULTS.chains,
    seed: options.seed ?? DEFAULTS.seed,
    alphaPrior: options.alphaPrior ?? ([0.25, 0.25] as const),
  };
  const fail = (message: string) => {
    throw new MseInputError('invalid_options', message);
  };
  const whole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (cells.lists.length < MIN_LOG_LINEAR_LISTS)
    fail(`The latent-class estimator needs at least ${MIN_LOG_LINEAR_LISTS} lists.`);
  if (!whole(settings.maxClasses, 2, 50)) fail('The number of latent classes must be a whole number from 2 to 50.');
  if (!whole(settings.burnIn, 0, 1_000_000)) fail('The burn-in must be a whole number of iterations.');
  if (!whole(settings.samples, 20, 1_000_000)) fail('The posterior samples must be a whole number, at least 20.');
  if (!whole(settings.thin, 1, 1000)) fail('The thinning must be a whole number from 1 to 1000.');
  if (!whole(settings.chains, 2, 16)) fail('The convergence diagnostics need from 2 to 16 chains.');
  if (!Number.isInteger(settings.seed)) fail('The seed must be a whole number.');
  if (!(settings.alphaPrior[0] > 0 && settings.alphaPrior[1] > 0))
    fail('The prior of alpha needs a positive shape and rate.');
  return settings;
}

/** The seed of chain c: distinct, well-mixed streams from one user seed. */
function chainSeed(seed: number, chain: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(chain + 1, 0x85ebca77)) >>> 0;
}

/** Fits the latent-class model by Gibbs sampling; deterministic for a given seed. */
export function estimateLcmcr(cells: CellCounts, options: LcmcrOptions = {}): LcmcrResult {
  const settings = checkSettings(cells, options);
  const level = options.level ?? 0.95;
  const runs = Array.from({ length: settings.chains }, (_, c) =>
    runChain(cells, settings, xoshiro128(chainSeed(settings.seed, c))),
  );
  const chains = runs.map((r) => r.draws);
  const pooled = chains.flatMap((c) => Array.from(c)).sort((a, b) => a - b);
  const rHat = splitRHat(chains);
  const ess = effectiveSampleSize(chains);
  const geweke = chains.map((c) => gewekeZ(c));
  const warnings: LcmcrWarning[] = [];
  if (!(rHat <= RHAT_LIMIT))
    warnings.push({
      code: 'lcmcr_not_converged',
      message: `The chains disagree (split R-hat ${rHat.toFixed(3)} > ${RHAT_LIMIT}): run more iterations or a longer burn-in before using this estimate.`,
    });
  if (!(ess >= MIN_ESS))
    warnings.push({
      code: 'lcmcr_low_ess',
      message: `Only ${Math.round(ess)} effective draws of the population size (fewer than ${MIN_ESS}): the interval limits are imprecise; draw more samples.`,
    });
  if (geweke.some((z) => !(Math.abs(z) <= 3)))
    warnings.push({
      code: 'lcmcr_geweke',
      message: 'The start and end of a chain differ (Geweke |z| > 3): the burn-in may be too short.',
    });
  const lo = quantileSorted(pooled, 0.005);
  const hi = quantileSorted(pooled, 0.995);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / HISTOGRAM_BINS));
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const value of pooled) {
    const bin = Math.floor((value - lo) / width);
    if (bin >= 0 && bin < HISTOGRAM_BINS) histogram[bin] += 1;
  }
  const step = Math.max(1, Math.ceil(settings.samples / TRACE_POINTS));
  return {
    method: 'lcmcr',
    observed: cells.observed,
    estimate: quantileSorted(pooled, 0.5),
    mean: mean(pooled),
    level,
    interval: [quantileSorted(pooled, (1 - level) / 2), quantileSorted(pooled, (1 + level) / 2)],
    diagnostics: { rHat, ess, geweke, occupiedClasses: mean(runs.map((r) => r.occupied)) },
    settings,
    trace: chains.map((c) => Array.from(c).filter((_, i) => i % step === 0)),
    histogram: { from: Math.floor(lo), width, counts: histogram },
    warnings,
  };
}

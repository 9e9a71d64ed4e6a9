/**
 * Fellegi–Sunter match weights estimated by expectation–maximisation, the way
 * Splink does: each field of a candidate pair falls into a comparison level
 * (exact, high, medium, different, or missing); m = P(level | match) and
 * u = P(level | non-match) per field and level, and the prior λ = P(match),
 * are estimated from the pairs themselves. With u from random pairs (almost all
 * non-matches), u is kept and λ is the prior over all pairs, the way Splink
 * samples u and sets its prior (estimateEmTrained). A missing field is neutral
 * evidence: it contributes no factor, so it neither helps nor caps a pair.
 * Pure: level vectors in, parameters out; no field value is ever seen here.
 */
import { LinkageError } from './errors';

/** Level of one field in one pair: 0 = different … levels-1 = exact; MISSING when either side has no value. */
export const MISSING = -1;

/** A field's comparison: its levels from "different" (index 0) up to "exact". */
export interface FieldComparison {
  field: string;
  levels: readonly string[];
}

/** Comparison vectors of many pairs: pair i, field f is gamma[i * fields + f]. */
export interface ComparisonVectors {
  comparisons: readonly FieldComparison[];
  gamma: Int8Array;
  pairs: number;
}

export interface LevelParameters {
  level: string;
  m: number;
  u: number;
  /** log2(m / u): the evidence this level adds to a pair. */
  weight: number;
}

export interface FieldParameters {
  field: string;
  levels: LevelParameters[];
}

export interface EmModel {
  /** Prior probability that a pair is a match: a candidate pair, or (estimateEmTrained with u from random pairs) any pair. */
  lambda: number;
  fields: FieldParameters[];
  iterations: number;
  converged: boolean;
}

export interface EmOptions {
  /** Starting (or, with fixU, fixed) u per field and level, e.g. from random pairs. */
  u?: readonly (readonly number[])[];
  /** Keep u as given and estimate only m and λ. */
  fixU?: boolean;
  /** Starting (or, with fixM, fixed) m per field and level. */
  m?: readonly (readonly number[])[];
  /** Keep m as given and estimate only u and λ. */
  fixM?: boolean;
  /** Default 100. */
  maxIterations?: number;
  /** Largest parameter change at which EM stops. Default 1e-5. */
  tolerance?: number;
  /**
   * The records of each pair and their sources: with it, each E-step keeps a record's expected
   * matches in any one other source at most 1 (a person appears once per organisation). Without
   * this constraint EM on blocked pairs tends to find "same culture" instead of "same person".
   */
  oneToOne?: { a: Int32Array; b: Int32Array; sourceOf: Int32Array; sources: number };
  /**
   * All the pairs the compared ones were chosen from (default: the cross-source pairs of
   * `oneToOne`'s records). With u given (random pairs), estimateEmTrained keeps u and sets λ
   * as the prior over all of them.
   */
  allPairs?: number;
}

/** Identical comparison vectors aggregated: EM then costs patterns, not pairs. */
interface Patterns {
  levels: Int8Array;
  counts: Float64Array;
  size: number;
}

function patternsOf(v: ComparisonVectors): Patterns {
  const fields = v.comparisons.length;
  const index = new Map<number, number>();
  const levels: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < v.pairs; i++) {
    let key = 0;
    for (let f = 0; f < fields; f++) key = key * 17 + (v.gamma[i * fields + f] + 1);
    let p = index.get(key);
    if (p === undefined) {
      index.set(key, (p = counts.length));
      counts.push(0);
      for (let f = 0; f < fields; f++) levels.push(v.gamma[i * fields + f]);
    }
    counts[p]++;
  }
  return { levels: Int8Array.from(levels), counts: Float64Array.from(counts), size: counts.length };
}

/** Every pair its own pattern (needed when the E-step looks at which records a pair joins). */
function pairsAsPatterns(v: ComparisonVectors): Patterns {
  return { levels: v.gamma, counts: new Float64Array(v.pairs).fill(1), size: v.pairs };
}

/** Scales posteriors so that no record expects more than one match in any other source. */
function constrainOneToOne(posterior: Float64Array, pairs: NonNullable<EmOptions['oneToOne']>): void {
  const { a, b, sourceOf, sources } = pairs;
  const records = sourceOf.length;
  const totals = new Float64Array(records * sources);
  for (let i = 0; i < posterior.length; i++) {
    totals[a[i] * sources + sourceOf[b[i]]] += posterior[i];
    totals[b[i] * sources + sourceOf[a[i]]] += posterior[i];
  }
  for (let i = 0; i < posterior.length; i++) {
    const t = Math.max(1, totals[a[i] * sources + sourceOf[b[i]]], totals[b[i] * sources + sourceOf[a[i]]]);
    posterior[i] /= t;
  }
}

/** Share of each level per field among the pairs, missing values left out (with a small floor). */
export function levelFrequencies(v: ComparisonVectors): number[][] {
  const fields = v.comparisons.length;
  return v.comparisons.map((c, f) => {
    const counts = new Array<number>(c.levels.length).fill(0.5);
    for (let i = 0; i < v.pairs; i++) {
      const level = v.gamma[i * fields + f];
      if (level !== MISSING) counts[level]++;
    }
    const total = counts.reduce((s, x) => s + x, 0);
    return counts.map((x) => x / total);
  });
}

/** A starting m: most mass on "exact", falling off towards "different". */
function initialM(levels: number): number[] {
  const raw = Array.from({ length: levels }, (_, l) => 4 ** l);
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / total);
}

const clampProbability = (x: number) => Math.min(1 - 1e-9, Math.max(1e-9, x));

/** Estimates m, u and λ from comparison vectors by EM. */
export function estimateEm(v: ComparisonVectors, options: EmOptions = {}): EmModel {
  const fields = v.comparisons.length;
  if (fields === 0 || v.pairs === 0) throw new LinkageError('invalid_options', 'EM needs at least one pair and field');
  const patterns = options.oneToOne ? pairsAsPatterns(v) : patternsOf(v);
  let m = options.m ? options.m.map((row) => [...row]) : v.comparisons.map((c) => initialM(c.levels.length));
  let u = options.u ? options.u.map((row) => [...row]) : levelFrequencies(v);
  if (u.length !== fields || u.some((row, f) => row.length !== v.comparisons[f].levels.length))
    throw new LinkageError('invalid_options', 'u must give one probability per field and level');
  let lambda = 0.05;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  const posterior = new Float64Array(patterns.size);
  const offsets = new Int32Array(fields);
  for (let f = 1; f < fields; f++) offsets[f] = offsets[f - 1] + v.comparisons[f - 1].levels.length;
  const logRatios = new Float64Array(offsets[fields - 1] + v.comparisons[fields - 1].levels.length);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    // E-step: the posterior match probability of each pattern (log ratios tabulated once per iteration).
    const prior = Math.log(lambda / (1 - lambda));
    for (let f = 0; f < fields; f++)
      for (let l = 0; l < m[f].length; l++) logRatios[offsets[f] + l] = Math.log(m[f][l] / u[f][l]);
    for (let p = 0, at = 0; p < patterns.size; p++) {
      let logRatio = prior;
      for (let f = 0; f < fields; f++, at++) {
        const level = patterns.levels[at];
        if (level !== MISSING) logRatio += logRatios[offsets[f] + level];
      }
      posterior[p] = 1 / (1 + Math.exp(-logRatio));
    }
    if (options.oneToOne) constrainOneToOne(posterior, options.oneToOne);
    // M-step: expected counts, smoothed by half a pair so no level has probability 0.
    const mFlat = new Float64Array(logRatios.length).fill(0.5);
    const uFlat = new Float64Array(logRatios.length).fill(0.5);
    let matches = 0;
    let total = 0;
    for (let p = 0, at = 0; p < patterns.size; p++) {
      const c = patterns.counts[p];
      const w = posterior[p];
      matches += c * w;
      total += c;
      for (let f = 0; f < fields; f++, at++) {
        const level = patterns.levels[at];
        if (level === MISSING) continue;
        mFlat[offsets[f] + level] += c * w;
        uFlat[offsets[f] + level] += c * (1 - w);
      }
    }
    const rows = (flat: Float64Array) =>
      v.comparisons.map((c, f) => Array.from(flat.subarray(offsets[f], offsets[f] + c.levels.length)));
    const mCounts = rows(mFlat);
    const uCounts = rows(uFlat);
    const normalise = (rows: number[][]) =>
      rows.map((row) => {
        const sum = row.reduce((s, x) => s + x, 0);
        return row.map((x) => x / sum);
      });
    const nextM = options.fixM ? m : normalise(mCounts);
    const nextU = options.fixU ? u : normalise(uCounts);
    const nextLambda = clampProbability(matches / total);
    let change = Math.abs(nextLambda - lambda);
    for (let f = 0; f < fields; f++) {
      for (let l = 0; l < nextM[f].length; l++) {
        change = Math.max(change, Math.abs(nextM[f][l] - m[f][l]), Math.abs(nextU[f][l] - u[f][l]));
      }
    }
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    converged = change < tolerance;
  }
  return {
    lambda,
    iterations,
    converged,
    fields: v.comparisons.map((c, f) => ({
      field: c.field,
      levels: c.levels.map((level, l) => ({ level, m: m[f][l], u: u[f][l], weight: Math.log2(m[f][l] / u[f][l]) })),
    })),
  };
}

/** The pairs (indexes) whose levels satisfy `keep`. */
function subset(v: ComparisonVectors, keep: (i: number) => boolean): { vectors: ComparisonVectors; pairs: number[] } {
  const fields = v.comparisons.length;
  const pairs: number[] = [];
  for (let i = 0; i < v.pairs; i++) if (keep(i)) pairs.push(i);
  const gamma = new Int8Array(pairs.length * fields);
  pairs.forEach((p, k) => gamma.set(v.gamma.subarray(p * fields, (p + 1) * fields), k * fields));
  return { vectors: { comparisons: v.comparisons, gamma, pairs: pairs.length }, pairs };
}

/**
 * EM in training sessions, the way Splink trains on blocking rules: the m of a field is estimated
 * only on pairs that agree exactly on its anchor fields (names are trained on pairs with the same
 * date of birth, the other fields on pairs with the same names), so that a field never vouches for
 * itself and namesakes cannot teach "a different date is normal for a match"; the anchors count
 * as missing in their session. Then, with m held: given u (random pairs), λ over all the pairs
 * the candidates came from (`allPairs`); without, u and λ over the candidates. `anchorsOf(f)` lists the anchor fields of field f (none:
 * f keeps the m of a first EM over all pairs).
 */
export function estimateEmTrained(
  v: ComparisonVectors,
  anchorsOf: (field: number) => readonly number[],
  options: EmOptions = {},
): EmModel {
  const fields = v.comparisons.length;
  let iterations = 0;
  const m: (number[] | undefined)[] = Array.from({ length: fields }, () => undefined);
  const sessions = new Map<string, EmModel | null>();
  for (let f = 0; f < fields; f++) {
    const anchors = anchorsOf(f).filter((g) => g !== f);
    if (anchors.length === 0) continue;
    const key = anchors.join(',');
    if (!sessions.has(key)) {
      const top = (g: number) => v.comparisons[g].levels.length - 1;
      const { vectors, pairs } = subset(v, (i) => anchors.every((g) => v.gamma[i * fields + g] === top(g)));
      // The anchors agree in every pair of the session, so they say nothing here; with u held (random
      // pairs) their agreement would count as evidence in every pair and make nearly all of them matches.
      for (let k = 0; k < vectors.pairs; k++) for (const g of anchors) vectors.gamma[k * fields + g] = MISSING;
      const oneToOne = options.oneToOne && {
        ...options.oneToOne,
        a: Int32Array.from(pairs, (p) => options.oneToOne!.a[p]),
        b: Int32Array.from(pairs, (p) => options.oneToOne!.b[p]),
      };
      // u held (random pairs) when given: the non-matches of a session are namesakes or birthday-mates.
      sessions.set(
        key,
        vectors.pairs >= 50 ? estimateEm(vectors, { ...options, fixU: options.u !== undefined, oneToOne }) : null,
      );
    }
    const session = sessions.get(key);
    if (session) m[f] = session.fields[f].levels.map((l) => l.m);
  }
  for (const session of sessions.values()) iterations += session?.iterations ?? 0;
  if (m.some((row) => row === undefined)) {
    const first = estimateEm(v, options);
    iterations += first.iterations;
    for (let f = 0; f < fields; f++) m[f] ??= first.fields[f].levels.map((l) => l.m);
  }
  const allPairs = options.allPairs ?? pairsBetweenSources(options.oneToOne);
  if (options.u && allPairs !== undefined && allPairs > v.pairs) {
    const prior = priorOverAllPairs(v, m as number[][], options.u, allPairs, options);
    return {
      lambda: prior.lambda,
      iterations: iterations + prior.iterations,
      converged: prior.converged,
      fields: v.comparisons.map((c, f) => ({
        field: c.field,
        levels: c.levels.map((level, l) => ({
          level,
          m: m[f]![l],
          u: options.u![f][l],
          weight: Math.log2(m[f]![l] / options.u![f][l]),
        })),
      })),
    };
  }
  // With m held the classes cannot drift: u and λ come from all pairs, aggregated into patterns.
  const final = estimateEm(v, { ...options, m: m as number[][], fixM: true, oneToOne: undefined });
  return { ...final, iterations: final.iterations + iterations };
}

/** Cross-source pairs of the records `oneToOne` describes (undefined without it). */
function pairsBetweenSources(oneToOne: EmOptions['oneToOne']): number | undefined {
  if (!oneToOne) return undefined;
  const sizes = new Float64Array(oneToOne.sources);
  for (const s of oneToOne.sourceOf) sizes[s]++;
  let total = 0;
  let squares = 0;
  for (const x of sizes) {
    total += x;
    squares += x * x;
  }
  return (total * total - squares) / 2;
}

/**
 * λ as the prior over all pairs, with m and u held: u from random pairs describes any pair, not
 * the candidates (which blocking chose for agreeing on something, so that among them agreement
 * looks common and weighs little). EM over every pair, the pairs blocking left out counted as
 * non-matches: λ = Σ posterior over the candidates / all pairs, each record expecting at most one
 * match per other source.
 */
function priorOverAllPairs(
  v: ComparisonVectors,
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  allPairs: number,
  options: EmOptions,
): { lambda: number; iterations: number; converged: boolean } {
  const fields = v.comparisons.length;
  const logRatio = new Float64Array(v.pairs);
  for (let i = 0; i < v.pairs; i++) {
    let sum = 0;
    for (let f = 0; f < fields; f++) {
      const level = v.gamma[i * fields + f];
      if (level !== MISSING) sum += Math.log(m[f][level] / u[f][level]);
    }
    logRatio[i] = sum;
  }
  const posterior = new Float64Array(v.pairs);
  let lambda = v.pairs / allPairs / 10;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-5;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const prior = Math.log(lambda / (1 - lambda));
    for (let i = 0; i < v.pairs; i++) posterior[i] = 1 / (1 + Math.exp(-(prior + logRatio[i])));
    if (options.oneToOne) constrainOneToOne(posterior, options.oneToOne);
    let matches = 0;
    for (let i = 0; i < v.pairs; i++) matches += posterior[i];
    const next = clampProbability(matches / allPairs);
    const change = Math.abs(Math.log(next / lambda));
    lambda = next;
    if (change < tolerance) return { lambda, iterations: iteration, converged: true };
  }
  return { lambda, iterations: maxIterations, converged: false };
}

/** The evidence one field contributes to one pair: its level and weight (missing: weight 0). */
export interface FieldEvidence {
  field: string;
  level: string;
  weight: number;
}

/** Largest evidence a rare value may add to an exact agreement, in bits (term-frequency adjustment). */
export const MAX_TERM_FREQUENCY_BONUS = 2;

/**
 * Total match weight (log2 odds, prior included) of pair i. With `termFrequency` (per field, the
 * share of the value two records agree on exactly relative to an average value; 0 = none), an
 * exact agreement weighs log2(m / u) - log2(tf): agreeing on a value twice as common as the
 * average is half as strong evidence (Splink's term-frequency adjustment, taken relative to the
 * average so that u may come from candidate pairs). A rare value adds at most
 * MAX_TERM_FREQUENCY_BONUS bits, so one rare spelling cannot outweigh every other field.
 */
export function matchWeight(
  model: EmModel,
  gamma: Int8Array,
  i: number,
  termFrequency?: (field: number) => number,
): number {
  const fields = model.fields.length;
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  for (let f = 0; f < fields; f++) {
    const level = gamma[i * fields + f];
    if (level === MISSING) continue;
    weight += model.fields[f].levels[level].weight;
    const tf = termFrequency && level === model.fields[f].levels.length - 1 ? termFrequency(f) : 0;
    if (tf > 0) weight -= Math.log2(Math.max(tf, 2 ** -MAX_TERM_FREQUENCY_BONUS));
  }
  return weight;
}

/**
 * Match probabilities under "a person appears at most once per organisation": the odds of pair
 * (a, b) are shared with every other candidate of a in b's organisation, and "none of them", so
 * P(a–b) = o_ab / (1 + Σ_b' o_ab'), and the same from b's side; the smaller is kept. A pair alone
 * keeps its probability; one of two namesakes competing for the same record loses most of it,
 * which is what the linked result (one-to-one clusters) will do to it. `weights` are log2 odds.
 */
export function oneToOneProbabilities(
  weights: ArrayLike<number>,
  pairs: { a: Int32Array; b: Int32Array; sourceOf: Int32Array; sources: number },
): Float64Array {
  const { a, b, sourceOf, sources } = pairs;
  const odds = Float64Array.from({ length: weights.length }, (_, i) => 2 ** Math.min(weights[i], 1000));
  const totals = new Float64Array(sourceOf.length * sources);
  for (let i = 0; i < odds.length; i++) {
    totals[a[i] * sources + sourceOf[b[i]]] += odds[i];
    totals[b[i] * sources + sourceOf[a[i]]] += odds[i];
  }
  const out = new Float64Array(odds.length);
  for (let i = 0; i < odds.length; i++) {
    const most = Math.max(totals[a[i] * sources + sourceOf[b[i]]], totals[b[i] * sources + sourceOf[a[i]]]);
    out[i] = Number.isFinite(most) ? odds[i] / (1 + most) : odds[i] === most ? 1 : 0;
  }
  return out;
}

/** Match probability from a total weight. */
export const probabilityOfWeight = (weight: number): number => 1 / (1 + 2 ** -weight);

/** Which fields of pair i agreed and how strongly: levels and weights, never values. */
export function explainPair(model: EmModel, gamma: Int8Array, i: number): FieldEvidence[] {
  const fields = model.fields.length;
  return model.fields.map((field, f) => {
    const level = gamma[i * fields + f];
    if (level === MISSING) return { field: field.field, level: 'missing', weight: 0 };
    const parameters = field.levels[level];
    return { field: field.field, level: parameters.level, weight: Math.round(parameters.weight * 100) / 100 };
  });
}

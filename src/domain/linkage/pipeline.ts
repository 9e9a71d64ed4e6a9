/**
 * The network linkage pipeline: validate encodings, block, compare, decide
 * (match / manual review) and cluster into persons. Pure: encodings in, result out.
 */
import { blockingBitsFor, buildBlockingIndex, type BlockingBits } from './blocking';
import { refKey, solveClusters, type IndexPair, type PersonCluster, type RecordRef } from './cluster';
import { scoreCandidates, type ScoredPair } from './compare';
import {
  DEFAULT_REVIEW_FLOOR,
  DEFAULT_TARGET_PRECISION,
  defaultReviewCap,
  reviewBand,
  thresholdForPrecision,
} from './decide';
import {
  estimateEmTrained,
  explainPair,
  levelFrequencies,
  matchWeight,
  oneToOneProbabilities,
  probabilityOfWeight,
  type EmModel,
  type FieldEvidence,
} from './em';
import { FIELD_FILTER_WORDS, type EncodedRecord, type NonIdentifyingAttributes } from './encode';
import { LinkageError } from './errors';
import { frozenBlockingIndex, frozenFloor, judgePair, type FrozenModel } from './frozen';
import { fieldLevels } from './levels';
import { mulberry32 } from '../shared/random';
import { DEFAULT_LSH, DEFAULT_SCHEMA, normaliserFor, validateSchema, type LinkageSchema } from './schema';

export interface LinkageOptions {
  /** The network's schema; every encoding must use its version and length. Default: DEFAULT_SCHEMA. */
  schema?: LinkageSchema;
  /** Dice at or above which two records are the same person. Default DEFAULT_MATCH_THRESHOLD. */
  matchThreshold?: number;
  /** Dice at or above which (and below matchThreshold) a pair goes to manual review. Default DEFAULT_REVIEW_THRESHOLD. */
  reviewThreshold?: number;
  /** Blocks larger than this are skipped (their cost is quadratic). Default 2,000. */
  maxBucketSize?: number;
  /** Band prefix lengths; default grows with the largest source (blockingBitsFor). */
  blockingBits?: BlockingBits;
  /** Reviewers' decisions on earlier review pairs: confirmed pairs link, rejected pairs never do. */
  decisions?: readonly ReviewDecision[];
  /**
   * "estimated" (default when every encoding carries field filters and no Dice threshold is given):
   * Fellegi–Sunter weights by EM and thresholds from `targetPrecision`. "dice": the fixed Dice thresholds.
   */
  method?: 'estimated' | 'dice';
  /** Expected precision the auto-linked pairs must reach (estimated method). Default 0.98. */
  targetPrecision?: number;
  /** Most review pairs involving one organisation: a number, or per organisation id. Default 1% of its records (≥ 5). */
  reviewCapPerOrganisation?: number | Readonly<Record<string, number>>;
  /** Pairs below this match probability are not offered for review. Default 0.2. */
  reviewFloor?: number;
  /** Dice below which a candidate pair is not weighed at all (estimated method). Default 0.4. */
  candidateFloor?: number;
  /** Random cross-organisation pairs that anchor u. Default 20,000. */
  randomPairs?: number;
  /** The previous run's person id of each record: a cluster keeps the id most of its members had. */
  previousPersons?: readonly { orgId: string; recordId: string; personId: string }[];
  /**
   * A model held fixed (an earlier full run's, see frozen.ts): no estimation, each pair decided on
   * its own by it, and its blocking prefix lengths. What an incremental run applies to new records.
   */
  frozenModel?: FrozenModel;
}

/** What the estimated method found: parameters and expected quality, no values and no record. */
export interface LinkageModelSummary {
  targetPrecision: number;
  lambda: number;
  iterations: number;
  converged: boolean;
  fields: EmModel['fields'];
  /** Match probability at or above which pairs were linked. */
  autoLinkThreshold: number;
  expectedPrecision: number;
  expectedRecall: number;
  /** Pairs below the threshold worth a review, before the per-organisation cap. */
  reviewCandidates: number;
  /** Match probability below which a pair is not offered for review. */
  reviewFloor: number;
  /** Pairs offered for review after the cap. */
  reviewBand: number;
  /** The cap applied to each organisation (most review pairs involving it). */
  reviewCaps: { orgId: string; cap: number }[];
}

export interface ReviewDecision {
  a: RecordRef;
  b: RecordRef;
  match: boolean;
}

/** The same key for a pair whichever way round it is given. */
export function pairKey(a: RecordRef, b: RecordRef): string {
  const [x, y] = [`${a.orgId}/${a.recordId}`, `${b.orgId}/${b.recordId}`].sort();
  return `${x}|${y}`;
}

export type LinkagePhase = 'validate' | 'block' | 'compare' | 'cluster';

export interface LinkedPair {
  a: RecordRef;
  b: RecordRef;
  /** Dice similarity of the CLKs. */
  score: number;
  /** Estimated match probability (estimated method only). */
  probability?: number;
}

/** A pair for a person to decide on: ids, score and non-identifying attributes only. */
export interface ReviewItem extends LinkedPair {
  aAttributes?: NonIdentifyingAttributes;
  bAttributes?: NonIdentifyingAttributes;
  /** Which fields agreed and how strongly (levels and weights), never the values. */
  evidence?: FieldEvidence[];
}

export interface LinkageStats {
  records: number;
  sources: number;
  /** All cross-source pairs a full comparison would have made. */
  possiblePairs: number;
  candidatePairs: number;
  comparisons: number;
  matches: number;
  review: number;
  clusters: number;
  oversizedBuckets: number;
  /** Band prefix lengths used. */
  blockingBits: BlockingBits;
  /** Estimated method: the auto-link probability and the expected quality at it. */
  autoLinkThreshold?: number;
  expectedPrecision?: number;
  expectedRecall?: number;
  /** Distinct records in the review band. */
  reviewRecords?: number;
  /** Confirmed pairs a rejection keeps apart (listed in `conflicts`). */
  conflicts?: number;
  /** Automatic links the solver left out: they would join two records of one organisation, or a rejected pair. */
  inconsistentLinks?: number;
}

export interface LinkageResult {
  schemaVersion: string;
  /** Present when the estimated method ran. */
  model?: LinkageModelSummary;
  clusters: PersonCluster[];
  matches: LinkedPair[];
  review: ReviewItem[];
  /** Confirmed pairs that a reviewer's rejection keeps apart: for a person to resolve, never dropped silently. */
  conflicts: { a: RecordRef; b: RecordRef }[];
  stats: LinkageStats;
  /** The model this run decided by, for later incremental runs to reuse (parameters only). */
  frozenModel?: FrozenModel;
}

/** Checks encodings against the schema: same version, right lengths, consent present. */
export function checkEncodings(encodings: readonly EncodedRecord[], schema: LinkageSchema): void {
  const words = schema.bits / 32;
  const bands = (schema.lsh ?? DEFAULT_LSH).bands;
  const seen = new Set<string>();
  for (const e of encodings) {
    const who = `record ${e.recordId} of ${e.orgId}`;
    if (e.schemaVersion !== schema.version) {
      throw new LinkageError(
        'schema_mismatch',
        `The ${who} was encoded with linkage schema ${e.schemaVersion}, the network uses ${schema.version}`,
      );
    }
    if (!(e.clk instanceof Uint32Array) || e.clk.length !== words) {
      throw new LinkageError(
        'wrong_length',
        `The ${who} has ${(e.clk?.length ?? 0) * 32} bits, schema ${schema.version} has ${schema.bits}`,
      );
    }
    if (!(e.blocking?.bands instanceof Uint32Array) || e.blocking.bands.length !== bands) {
      throw new LinkageError(
        'wrong_length',
        `The ${who} has ${e.blocking?.bands?.length ?? 0} LSH bands, schema ${schema.version} has ${bands}`,
      );
    }
    if (e.consentToNetworkDedup !== true)
      throw new LinkageError('no_consent', `The ${who} has no network-dedup consent`);
    const key = JSON.stringify([e.orgId, e.recordId]);
    if (seen.has(key)) throw new LinkageError('invalid_options', `The ${who} appears twice`);
    seen.add(key);
  }
}

/** Tuned with schema v1 on the synthetic standard profile (pairwise F1 ≈ 0.97, precision ≈ 0.99). */
export const DEFAULT_MATCH_THRESHOLD = 0.78;
export const DEFAULT_REVIEW_THRESHOLD = 0.68;
/** Fewer candidate pairs than this and EM has too little to learn from: Dice thresholds apply. */
export const MIN_ESTIMATION_PAIRS = 200;

function thresholds(options: LinkageOptions): { match: number; review: number } {
  const match = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  const review = Math.min(options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD, match);
  if (!(match > 0 && match <= 1) || !(review > 0)) {
    throw new LinkageError('invalid_options', `Thresholds must be in (0, 1]; got match ${match}, review ${review}`);
  }
  return { match, review };
}

/**
 * Links the encodings of a network's organisations: each source is an orgId,
 * only cross-organisation pairs are compared. Reports progress per phase.
 */
export function linkNetwork(
  encodings: readonly EncodedRecord[],
  options: LinkageOptions = {},
  onProgress?: (phase: LinkagePhase, done: number, total: number) => void,
): LinkageResult {
  const schema = validateSchema(options.schema ?? DEFAULT_SCHEMA);
  const { match, review } = thresholds(options);
  const maxBucketSize = options.maxBucketSize ?? 2000;
  onProgress?.('validate', 0, encodings.length);
  checkEncodings(encodings, schema);
  onProgress?.('validate', encodings.length, encodings.length);

  const sourceIds = new Map<string, number>();
  const sourceOf = Int32Array.from(encodings, (e) => {
    let id = sourceIds.get(e.orgId);
    if (id === undefined) sourceIds.set(e.orgId, (id = sourceIds.size));
    return id;
  });
  const sourceSizes = [...sourceIds.values()].map((id) => sourceOf.filter((s) => s === id).length);
  const possiblePairs = (sourceSizes.reduce((s, x) => s + x, 0) ** 2 - sourceSizes.reduce((s, x) => s + x * x, 0)) / 2;

  onProgress?.('block', 0, encodings.length);
  const lsh = schema.lsh ?? DEFAULT_LSH;
  const blockingBits =
    options.frozenModel?.blockingBits ??
    options.blockingBits ??
    blockingBitsFor(Math.max(0, ...sourceSizes), lsh.bitsPerBand);
  // A fixed model blocks on the keys records keep between runs (frozen.ts), as an incremental run does.
  const index = options.frozenModel
    ? frozenBlockingIndex(encodings, { ...options.frozenModel, blockingBits }, maxBucketSize, schema)
    : buildBlockingIndex(encodings, blockingBits, maxBucketSize);
  onProgress?.('block', encodings.length, encodings.length);

  const decided = new Map((options.decisions ?? []).map((d) => [pairKey(d.a, d.b), d.match]));
  const decisionOf = (p: ScoredPair) =>
    decided.size ? decided.get(pairKey(encodings[p.a], encodings[p.b])) : undefined;
  const refs: RecordRef[] = encodings.map((e) => ({ orgId: e.orgId, recordId: e.recordId }));
  const withAttributes = (p: ScoredPair, item: ReviewItem): ReviewItem => {
    if (encodings[p.a].attributes) item.aAttributes = encodings[p.a].attributes;
    if (encodings[p.b].attributes) item.bAttributes = encodings[p.b].attributes;
    return item;
  };
  const estimated =
    (options.method ??
      (options.matchThreshold === undefined && options.reviewThreshold === undefined ? 'estimated' : 'dice')) ===
      'estimated' &&
    encodings.length > 0 &&
    encodings.every((e) => e.fieldFilters?.length === schema.fields.length * FIELD_FILTER_WORDS);

  let matchPairs: ScoredPair[];
  let matches: LinkedPair[];
  let reviewItems: ReviewItem[];
  let stats: { candidatePairs: number; comparisons: number };
  let model: LinkageModelSummary | undefined;
  const frozen = options.frozenModel;
  const floor = frozen ? frozenFloor(frozen) : estimated ? Math.min(options.candidateFloor ?? 0.4, review) : review;
  const scored = scoreCandidates(encodings, sourceOf, index, schema.bits / 32, floor, (done, total) =>
    onProgress?.('compare', done, total),
  );
  stats = scored.stats;
  if (frozen) {
    const gamma = frozen.method === 'estimated' ? fieldLevels(encodings, schema) : undefined;
    const fields = frozen.method === 'estimated' ? frozen.em.fields.length : 0;
    const levels = new Int8Array(fields);
    matchPairs = [];
    matches = [];
    reviewItems = [];
    for (const p of scored.pairs) {
      gamma?.compare(p.a, p.b, levels, 0);
      const verdict = judgePair(frozen, p.score, levels);
      const decision = decisionOf(p);
      const probability = verdict.probability === undefined ? {} : { probability: verdict.probability };
      if ((verdict.link && decision !== false) || decision === true) {
        matchPairs.push({ a: p.a, b: p.b, score: verdict.weight });
        matches.push({ a: refs[p.a], b: refs[p.b], score: p.score, ...probability });
      } else if (verdict.reviewable && decision === undefined)
        reviewItems.push(withAttributes(p, { a: refs[p.a], b: refs[p.b], score: p.score, ...probability }));
    }
  } else if (estimated && scored.pairs.length >= MIN_ESTIMATION_PAIRS) {
    // Too few pairs to estimate anything from (a demo network): the fixed Dice thresholds decide (below).
    const run = estimatedDecisions(encodings, schema, sourceOf, sourceSizes, scored.pairs, options, decisionOf);
    model = run.model;
    matchPairs = run.matchPairs;
    matches = run.matchPairs.map((p) => ({
      a: refs[p.a],
      b: refs[p.b],
      score: run.dice(p),
      probability: run.probability(p),
    }));
    reviewItems = run.reviewPairs.map((p) =>
      withAttributes(p, {
        a: refs[p.a],
        b: refs[p.b],
        score: run.dice(p),
        probability: run.probability(p),
        evidence: run.explain(p),
      }),
    );
  } else {
    const pairs = scored.pairs.filter((p) => p.score >= review);
    matchPairs = pairs.filter((p) => (p.score >= match && decisionOf(p) !== false) || decisionOf(p) === true);
    const reviewPairs = pairs.filter((p) => p.score < match && decisionOf(p) === undefined);
    // Only the estimated method scores pairs below the review threshold (its candidate floor).
    if (estimated)
      reviewPairs.push(
        ...nearBoundaryPairs(
          scored.pairs.filter((p) => p.score < review && decisionOf(p) === undefined),
          reviewPairs,
          review,
          sourceOf,
          reviewCaps(encodings, sourceOf, sourceSizes, options).caps,
        ),
      );
    matches = matchPairs.map((p) => ({ a: refs[p.a], b: refs[p.b], score: p.score }));
    reviewItems = reviewPairs.map((p) => withAttributes(p, { a: refs[p.a], b: refs[p.b], score: p.score }));
  }

  onProgress?.('cluster', 0, matchPairs.length);
  // Reviewers' decisions steer the solver: confirmed pairs merge first (even when no longer candidates),
  // rejected pairs never share a cluster.
  const indexOfRef = new Map(refs.map((r, i) => [refKey(r), i]));
  const confirmed: IndexPair[] = [];
  const rejected: IndexPair[] = [];
  for (const d of options.decisions ?? []) {
    const [a, b] = [indexOfRef.get(refKey(d.a)), indexOfRef.get(refKey(d.b))];
    if (a !== undefined && b !== undefined) (d.match ? confirmed : rejected).push({ a, b });
  }
  const previous = new Map((options.previousPersons ?? []).map((p) => [refKey(p), p.personId]));
  const solved = solveClusters(refs, sourceOf, matchPairs, { confirmed, rejected, previous });
  const clusters = solved.clusters;
  onProgress?.('cluster', matchPairs.length, matchPairs.length);
  const reviewRecords = new Set(reviewItems.flatMap((r) => [pairKey(r.a, r.a), pairKey(r.b, r.b)])).size;

  const result: LinkageResult = {
    schemaVersion: schema.version,
    clusters,
    matches,
    review: reviewItems,
    conflicts: solved.conflicts,
    stats: {
      records: encodings.length,
      sources: sourceIds.size,
      possiblePairs,
      candidatePairs: stats.candidatePairs,
      comparisons: stats.comparisons,
      matches: matchPairs.length,
      review: reviewItems.length,
      clusters: clusters.length,
      oversizedBuckets: index.oversizedBuckets,
      blockingBits,
      reviewRecords,
      conflicts: solved.conflicts.length,
      inconsistentLinks: solved.inconsistentLinks,
    },
  };
  result.frozenModel =
    frozen ??
    (model
      ? {
          method: 'estimated',
          em: { lambda: model.lambda, fields: model.fields, iterations: model.iterations, converged: model.converged },
          autoLinkThreshold: model.autoLinkThreshold,
          reviewFloor: model.reviewFloor,
          candidateFloor: floor,
          blockingBits,
          nameBandBits: index.nameBandBits ?? null,
        }
      : { method: 'dice', match, review, blockingBits, nameBandBits: index.nameBandBits ?? null });
  if (model) {
    result.model = model;
    result.stats.autoLinkThreshold = model.autoLinkThreshold;
    result.stats.expectedPrecision = model.expectedPrecision;
    result.stats.expectedRecall = model.expectedRecall;
  }
  return result;
}

/**
 * Training anchors per field: fields sharing a hash namespace (the names) are trained on pairs with
 * the same date of birth; every other field on pairs whose names agree exactly.
 */
function anchorsFor(schema: LinkageSchema): (field: number) => number[] {
  const named = schema.fields.map((f, i) => (f.namespace ? i : -1)).filter((i) => i >= 0);
  const date = schema.fields.findIndex((f) => normaliserFor(f) === 'date');
  return (field) => {
    if (named.includes(field)) return date >= 0 ? [date] : [];
    return named;
  };
}

/** Each source's review cap (most review pairs involving its organisation), by source index. */
function reviewCaps(
  encodings: readonly EncodedRecord[],
  sourceOf: Int32Array,
  sourceSizes: number[],
  options: LinkageOptions,
) {
  const capOption = options.reviewCapPerOrganisation;
  const orgOfSource: string[] = [];
  encodings.forEach((e, i) => (orgOfSource[sourceOf[i]] = e.orgId));
  const caps = sourceSizes.map((size, source) => {
    const cap = typeof capOption === 'number' ? capOption : capOption?.[orgOfSource[source]];
    if (cap !== undefined && !(Number.isInteger(cap) && cap >= 0))
      throw new LinkageError('invalid_options', `The review cap must be a whole number of pairs; got ${cap}`);
    return cap ?? defaultReviewCap(size);
  });
  return { caps, orgOfSource };
}

/**
 * A network too small to estimate from: the pairs just below the fixed Dice review threshold,
 * closest to it first, while both organisations are under their review cap (counting the pairs
 * already in review). Schema v2 binds sex and citizenship to the date of birth, so a pair whose
 * dates differ loses those bits too and scores below a threshold tuned on v1: without this a
 * coordinator of a small network would never see a likely pair at all.
 */
function nearBoundaryPairs(
  below: readonly ScoredPair[],
  inReview: readonly ScoredPair[],
  reviewThreshold: number,
  sourceOf: Int32Array,
  caps: number[],
): ScoredPair[] {
  const left = [...caps];
  for (const p of inReview) {
    left[sourceOf[p.a]]--;
    left[sourceOf[p.b]]--;
  }
  const candidates = below.map((p, pair) => ({
    pair,
    probability: p.score,
    sourceA: sourceOf[p.a],
    sourceB: sourceOf[p.b],
  }));
  return reviewBand(
    candidates,
    reviewThreshold,
    left.map((n) => Math.max(0, n)),
    0,
  ).map((i) => below[i]);
}

/** The estimated method: levels, EM, probabilities, the precision threshold and the review band. */
function estimatedDecisions(
  encodings: readonly EncodedRecord[],
  schema: LinkageSchema,
  sourceOf: Int32Array,
  sourceSizes: number[],
  pairs: ScoredPair[],
  options: LinkageOptions,
  decisionOf: (p: ScoredPair) => boolean | undefined,
) {
  const levels = fieldLevels(encodings, schema);
  const fields = levels.comparisons.length;
  const targetPrecision = options.targetPrecision ?? DEFAULT_TARGET_PRECISION;
  const gamma = new Int8Array(pairs.length * fields);
  pairs.forEach((p, i) => levels.compare(p.a, p.b, gamma, i * fields));

  // u anchored on random cross-organisation pairs: almost all of them are non-matches.
  const random = mulberry32(encodings.length * 2654435761 + fields);
  const wanted = sourceSizes.length < 2 ? 0 : (options.randomPairs ?? 20_000);
  const randomGamma = new Int8Array(wanted * fields);
  let drawn = 0;
  for (let tries = 0; drawn < wanted && tries < wanted * 20; tries++) {
    const a = Math.floor(random() * encodings.length);
    const b = Math.floor(random() * encodings.length);
    if (sourceOf[a] === sourceOf[b]) continue;
    levels.compare(a, b, randomGamma, drawn * fields);
    drawn++;
  }
  const uRandom =
    drawn > 0 ? levelFrequencies({ comparisons: levels.comparisons, gamma: randomGamma, pairs: drawn }) : undefined;

  const em =
    pairs.length > 0
      ? estimateEmTrained({ comparisons: levels.comparisons, gamma, pairs: pairs.length }, anchorsFor(schema), {
          u: uRandom,
          oneToOne: {
            a: Int32Array.from(pairs, (p) => p.a),
            b: Int32Array.from(pairs, (p) => p.b),
            sourceOf,
            sources: sourceSizes.length,
          },
        })
      : {
          lambda: 1e-9,
          iterations: 0,
          converged: true,
          fields: levels.comparisons.map((c, f) => ({
            field: c.field,
            levels: c.levels.map((level, l) => ({ level, m: 0, u: uRandom?.[f][l] ?? 0, weight: 0 })),
          })),
        };
  const weights = new Float64Array(pairs.length);
  const probabilities = new Float64Array(pairs.length);
  const slot = new Map<ScoredPair, number>();
  pairs.forEach((p, i) => {
    weights[i] = matchWeight(em, gamma, i, (f) => levels.termFrequency(p.a, f));
    probabilities[i] = probabilityOfWeight(weights[i]);
    slot.set(p, i);
  });
  // A person appears once per organisation: a pair competing with its records' other candidates shares its odds.
  probabilities.set(
    oneToOneProbabilities(weights, {
      a: Int32Array.from(pairs, (p) => p.a),
      b: Int32Array.from(pairs, (p) => p.b),
      sourceOf,
      sources: sourceSizes.length,
    }),
  );
  const undecided = pairs.map((p, i) => (decisionOf(p) === undefined ? i : -1)).filter((i) => i >= 0);
  const cut = thresholdForPrecision(
    undecided.map((i) => probabilities[i]),
    targetPrecision,
  );
  // Clustering keeps each record's strongest links: by weight, which does not saturate like a probability.
  const matchPairs: ScoredPair[] = [];
  pairs.forEach((p, i) => {
    const decision = decisionOf(p);
    if (decision === true || (decision === undefined && cut.linked > 0 && probabilities[i] >= cut.threshold)) {
      const linked = { a: p.a, b: p.b, score: weights[i] };
      slot.set(linked, i);
      matchPairs.push(linked);
    }
  });
  const { caps, orgOfSource } = reviewCaps(encodings, sourceOf, sourceSizes, options);
  const threshold = cut.linked > 0 ? cut.threshold : 1;
  const floor = options.reviewFloor ?? DEFAULT_REVIEW_FLOOR;
  const candidates = undecided.map((i) => ({
    pair: i,
    probability: probabilities[i],
    sourceA: sourceOf[pairs[i].a],
    sourceB: sourceOf[pairs[i].b],
  }));
  const band = reviewBand(candidates, threshold, caps, floor);
  const reviewCandidates = candidates.filter((c) => c.probability < threshold && c.probability >= floor).length;
  const model: LinkageModelSummary = {
    targetPrecision,
    lambda: em.lambda,
    iterations: em.iterations,
    converged: em.converged,
    fields: em.fields,
    autoLinkThreshold: threshold,
    expectedPrecision: cut.expectedPrecision,
    expectedRecall: cut.expectedRecall,
    reviewCandidates,
    reviewFloor: floor,
    reviewBand: band.length,
    reviewCaps: caps.map((cap, source) => ({ orgId: orgOfSource[source], cap })),
  };
  const indexOf = (p: ScoredPair) => slot.get(p) ?? -1;
  return {
    model,
    matchPairs,
    reviewPairs: band.map((i) => pairs[i]),
    dice: (p: ScoredPair) => pairs[indexOf(p)].score,
    probability: (p: ScoredPair) => probabilities[indexOf(p)],
    explain: (p: ScoredPair) => explainPair(em, gamma, indexOf(p)),
  };
}

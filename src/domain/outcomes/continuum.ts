/**
 * The continuum of (re)integration (001:6289–6311): each later assessment is
 * compared with her own baseline (the first assessment), per element and per
 * dimension. Success is progress on ANY dimension; there is deliberately no
 * overall score or pass/fail. Progress on one dimension with regression on
 * another is shown as both.
 *
 * Failure is never inferred from scores: the only hard failure is a recorded
 * event of return to exploitation, violence or re-trafficking (001:3232–3236).
 *
 * Drug addiction (decision): while a drug_addiction circumstance is active on
 * an assessment's date, the per-dimension changes are still shown, but the
 * progress is moved from `progressOn` to `progressWithheld`, so it is never
 * counted as success (001:3220–3222) — and it is not flagged as a failure.
 */
import { currentVersions, type Assessment } from './assessment';
import { successWithheldOn, type Circumstance, type CircumstanceKind } from './circumstances';
import type { CaseFacts } from './facts';
import { isHardFailureKind, type HardFailureKind } from './milestones';
import type { OutcomeModel } from './model';
import { daysBetween } from '../cases/dates';

export type Change = 'progress' | 'stable' | 'regression' | 'not_assessed';

export interface ElementChange {
  element: string;
  dimension: string;
  baseline: number | null;
  current: number | null;
  change: Change;
}

export interface DimensionChange {
  dimension: string;
  /** Mean of all elements assessed this time (for display), null if none. */
  score: number | null;
  /** Means over the elements assessed both at baseline and now: what the change compares. */
  baselineMean: number | null;
  currentMean: number | null;
  comparedElements: string[];
  change: Change;
}

export interface ContinuumPoint {
  assessmentId: string;
  date: string;
  daysSinceBaseline: number;
  elements: ElementChange[];
  dimensions: DimensionChange[];
  /** Dimensions with progress that count as success. */
  progressOn: string[];
  regressionOn: string[];
  /** Progress shown but not counted, and why (drug addiction). */
  progressWithheld: { reasons: CircumstanceKind[]; dimensions: string[] } | null;
}

export interface Continuum {
  baseline: { assessmentId: string; date: string; dimensions: { dimension: string; score: number | null }[] } | null;
  points: ContinuumPoint[];
}

const EPSILON = 1e-9;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const changeOf = (delta: number): Change => (delta > EPSILON ? 'progress' : delta < -EPSILON ? 'regression' : 'stable');
const scoreMap = (a: Assessment) => new Map(a.scores.map((s) => [s.element, s.score]));

/** Mean of the elements of a dimension assessed in this assessment; null if none was. */
export function dimensionScore(model: OutcomeModel, assessment: Assessment, dimension: string): number | null {
  const scores = scoreMap(assessment);
  return mean(
    model.elements.filter((e) => e.dimension === dimension && scores.has(e.code)).map((e) => scores.get(e.code)!),
  );
}

/** Per-element and per-dimension change of `current` against `baseline`. */
export function compareAssessments(
  model: OutcomeModel,
  baseline: Assessment,
  current: Assessment,
): { elements: ElementChange[]; dimensions: DimensionChange[] } {
  const before = scoreMap(baseline);
  const now = scoreMap(current);
  const elements: ElementChange[] = model.elements.map((e) => {
    const b = before.get(e.code) ?? null;
    const c = now.get(e.code) ?? null;
    return {
      element: e.code,
      dimension: e.dimension,
      baseline: b,
      current: c,
      change: b === null || c === null ? 'not_assessed' : changeOf(c - b),
    };
  });
  const dimensions = model.dimensions.map(({ code }): DimensionChange => {
    const compared = elements.filter((e) => e.dimension === code && e.change !== 'not_assessed');
    const baselineMean = mean(compared.map((e) => e.baseline!));
    const currentMean = mean(compared.map((e) => e.current!));
    const change =
      baselineMean === null || currentMean === null ? 'not_assessed' : changeOf(currentMean - baselineMean);
    return {
      dimension: code,
      score: dimensionScore(model, current, code),
      baselineMean,
      currentMean,
      comparedElements: compared.map((e) => e.element),
      change,
    };
  });
  return { elements, dimensions };
}

/** Her continuum: the baseline and the change of every later assessment against it. */
export function continuum(
  model: OutcomeModel,
  facts: { assessments: readonly Assessment[]; circumstances?: readonly Circumstance[] },
): Continuum {
  const [first, ...later] = currentVersions(facts.assessments);
  if (!first) return { baseline: null, points: [] };
  const baseline = {
    assessmentId: first.id,
    date: first.date,
    dimensions: model.dimensions.map((d) => ({ dimension: d.code, score: dimensionScore(model, first, d.code) })),
  };
  const points = later.map((assessment): ContinuumPoint => {
    const { elements, dimensions } = compareAssessments(model, first, assessment);
    const progress = dimensions.filter((d) => d.change === 'progress').map((d) => d.dimension);
    const reasons = successWithheldOn(facts.circumstances ?? [], assessment.date);
    const withheld = reasons.length > 0;
    return {
      assessmentId: assessment.id,
      date: assessment.date,
      daysSinceBaseline: daysBetween(first.date, assessment.date),
      elements,
      dimensions,
      progressOn: withheld ? [] : progress,
      regressionOn: dimensions.filter((d) => d.change === 'regression').map((d) => d.dimension),
      progressWithheld: withheld ? { reasons, dimensions: progress } : null,
    };
  });
  return { baseline, points };
}

export interface HardFailureFlag {
  kind: 'hard_failure';
  event: HardFailureKind;
  date: string;
  statedReasons: string | null;
}

/** The recorded hard-failure events, with her stated reasons. Scores and circumstances are never read. */
export function hardFailures(facts: Pick<CaseFacts, 'events'>): HardFailureFlag[] {
  return facts.events
    .filter((e) => isHardFailureKind(e.kind))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({
      kind: 'hard_failure',
      event: e.kind as HardFailureKind,
      date: e.date,
      statedReasons: e.statedReasons ?? null,
    }));
}

export type OutcomeFlag = HardFailureFlag;

/**
 * Flags for a case. Only hard-failure events raise a flag: unemployment,
 * financial dependence, institutional mental-health care and the like never do.
 */
export function flagsFor(facts: Pick<CaseFacts, 'events'> & Partial<CaseFacts>): OutcomeFlag[] {
  return hardFailures(facts);
}

/**
 * Cohort aggregates for coordinators: the share of persons with progress on
 * each dimension at 6, 12, 24 and 36+ months since intake, time to milestones,
 * and factor prevalence among persons with and without progress. Every count
 * and share passes through small-cell suppression, because a handful of
 * persons is enough to recognise someone. No overall success rate is given.
 */
import { addMonths } from '../cases/dates';
import { continuum, type ContinuumPoint } from './continuum';
import type { CaseFacts } from './facts';
import { daysToMilestone, type MilestoneKind } from './milestones';
import type { OutcomeModel } from './model';
import { quantileSorted } from '../shared/random';
import { isSmallCount } from '../shared/small-cells';

export type Cell = { value: number } | { suppressed: true };

/** A count, or hidden when below the threshold (zero included: "nobody" is not told from "a few"). */
export function suppressSmall(count: number, threshold = 5): Cell {
  return isSmallCount(count, threshold, 'hidden') ? { suppressed: true } : { value: count };
}

/** True when a part of a group could be recovered as a small complement (the rest of the group is 1…threshold-1). */
const smallComplement = (part: number, whole: number, threshold: number) =>
  whole - part > 0 && whole - part < threshold;

/** A count that is part of a shown group: hidden when small, or when the rest of the group would be small by subtraction. */
export function suppressPart(part: number, whole: number, threshold = 5): Cell {
  return isSmallCount(part, threshold, 'hidden') || smallComplement(part, whole, threshold)
    ? { suppressed: true }
    : { value: part };
}

/** A percentage (one decimal), hidden when the numerator, its complement or the denominator is small. */
export function suppressedShare(numerator: number, denominator: number, threshold = 5): Cell {
  if (
    isSmallCount(numerator, threshold, 'hidden') ||
    isSmallCount(denominator, threshold, 'hidden') ||
    smallComplement(numerator, denominator, threshold)
  )
    return { suppressed: true };
  return { value: Math.round((numerator / denominator) * 1000) / 10 };
}

/** Months-since-intake brackets: "at 6 months" is the latest assessment from month 6 up to month 12. */
export const HORIZONS = [
  { code: '6m', fromMonths: 6, toMonths: 12 },
  { code: '12m', fromMonths: 12, toMonths: 24 },
  { code: '24m', fromMonths: 24, toMonths: 36 },
  { code: '36m_plus', fromMonths: 36, toMonths: null },
] as const;

export const COHORT_MILESTONES: MilestoneKind[] = [
  'thinking_about_future',
  'decision_to_leave_shelter',
  'shelter_exit',
  'permit',
  'job',
  'family_reunification',
];

export interface HorizonProgress {
  horizon: (typeof HORIZONS)[number]['code'];
  persons: Cell;
  dimensions: { dimension: string; withProgress: Cell; share: Cell }[];
}

export interface MilestoneTiming {
  kind: MilestoneKind;
  persons: Cell;
  /** Days from intake; hidden with fewer persons than the threshold. */
  quartiles: { q1: number; median: number; q3: number } | { suppressed: true };
}

export interface FactorPrevalence {
  code: string;
  valence: 'positive' | 'negative';
  withProgress: { count: Cell; share: Cell };
  withoutProgress: { count: Cell; share: Cell };
}

export interface CohortAggregates {
  threshold: number;
  progressByHorizon: HorizonProgress[];
  timeToMilestone: MilestoneTiming[];
  groups: { withProgress: Cell; withoutProgress: Cell };
  factorPrevalence: FactorPrevalence[];
}

function pointAt(
  points: ContinuumPoint[],
  intakeDate: string,
  horizon: (typeof HORIZONS)[number],
): ContinuumPoint | undefined {
  const from = addMonths(intakeDate, horizon.fromMonths);
  const to = horizon.toMonths === null ? null : addMonths(intakeDate, horizon.toMonths);
  return points.filter((p) => p.date >= from && (to === null || p.date < to)).at(-1);
}

/** Aggregates over a cohort of cases; `threshold` is the smallest count shown. */
export function cohortAggregates(
  model: OutcomeModel,
  cases: readonly CaseFacts[],
  options: { threshold?: number; milestones?: MilestoneKind[] } = {},
): CohortAggregates {
  const threshold = options.threshold ?? 5;
  const people = cases.map((facts) => ({ facts, points: continuum(model, facts).points }));

  const progressByHorizon = HORIZONS.map((horizon): HorizonProgress => {
    const atHorizon = people
      .map((p) => pointAt(p.points, p.facts.intakeDate, horizon))
      .filter((p): p is ContinuumPoint => p !== undefined);
    return {
      horizon: horizon.code,
      persons: suppressSmall(atHorizon.length, threshold),
      dimensions: model.dimensions.map(({ code }) => {
        const withProgress = atHorizon.filter((p) => p.progressOn.includes(code)).length;
        return {
          dimension: code,
          withProgress: suppressPart(withProgress, atHorizon.length, threshold),
          share: suppressedShare(withProgress, atHorizon.length, threshold),
        };
      }),
    };
  });

  const timeToMilestone = (options.milestones ?? COHORT_MILESTONES).map((kind): MilestoneTiming => {
    const days = people
      .map((p) => daysToMilestone(p.facts.intakeDate, p.facts.events, kind))
      .filter((d): d is number => d !== null)
      .sort((a, b) => a - b);
    const quartiles =
      days.length < threshold
        ? { suppressed: true as const }
        : { q1: quantileSorted(days, 0.25), median: quantileSorted(days, 0.5), q3: quantileSorted(days, 0.75) };
    return { kind, persons: suppressSmall(days.length, threshold), quartiles };
  });

  // Grouped by their latest comparison; persons with only a baseline are in neither group.
  const assessed = people.filter((p) => p.points.length > 0);
  const withProgress = assessed.filter((p) => p.points.at(-1)!.progressOn.length > 0);
  const withoutProgress = assessed.filter((p) => p.points.at(-1)!.progressOn.length === 0);
  const keys = [
    ...new Set(assessed.flatMap((p) => (p.facts.factors ?? []).map((f) => `${f.code}|${f.valence}`))),
  ].sort();
  const prevalence = (group: typeof assessed, key: string) => {
    const count = group.filter((p) => (p.facts.factors ?? []).some((f) => `${f.code}|${f.valence}` === key)).length;
    return {
      count: suppressPart(count, group.length, threshold),
      share: suppressedShare(count, group.length, threshold),
    };
  };
  const factorPrevalence = keys.map((key): FactorPrevalence => {
    const [code, valence] = key.split('|') as [string, 'positive' | 'negative'];
    return {
      code,
      valence,
      withProgress: prevalence(withProgress, key),
      withoutProgress: prevalence(withoutProgress, key),
    };
  });

  return {
    threshold,
    progressByHorizon,
    timeToMilestone,
    groups: {
      withProgress: suppressPart(withProgress.length, assessed.length, threshold),
      withoutProgress: suppressPart(withoutProgress.length, assessed.length, threshold),
    },
    factorPrevalence,
  };
}

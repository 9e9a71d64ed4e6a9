/**
 * Recordable turning points and events of a case, used as markers on outcome
 * charts. Turning points (001:4347–4370): she thinks more about the future than
 * the past (typically after about 3 months), and her conscious decision to leave
 * the shelter. Hard-failure events carry her own stated reasons.
 */
import { daysBetween } from '../cases/dates';
import { OutcomeError } from './errors';
import type { Labels } from './model';
import { labelsFor } from '../../i18n/resources';

export const TURNING_POINTS = ['thinking_about_future', 'decision_to_leave_shelter'] as const;
export const MARKER_EVENTS = ['shelter_exit', 'permit', 'job', 'family_reunification'] as const;
/** The only failure of (re)integration (001:3232–3236). */
export const HARD_FAILURE_KINDS = ['return_to_exploitation', 'violence', 're_trafficking'] as const;

export type TurningPoint = (typeof TURNING_POINTS)[number];
export type HardFailureKind = (typeof HARD_FAILURE_KINDS)[number];
export type MilestoneKind = TurningPoint | (typeof MARKER_EVENTS)[number] | HardFailureKind;
export type MarkerCategory = 'turning_point' | 'event' | 'hard_failure';

export interface CaseEvent {
  kind: MilestoneKind;
  date: string;
  note?: string;
  recordedBy?: string;
  /** Her own account of why; required (null if she gave none) for hard-failure events. */
  statedReasons?: string | null;
}

/** A text of locales/<language>/outcomes.json in every language that has it. */
const T = (key: string): Labels => labelsFor('outcomes', key) as Labels;

export const MILESTONE_LABELS: Record<MilestoneKind, Labels> = {
  thinking_about_future: T('milestones.milestone_labels.thinking_about_future'),
  decision_to_leave_shelter: T('milestones.milestone_labels.decision_to_leave_shelter'),
  shelter_exit: T('milestones.milestone_labels.shelter_exit'),
  permit: T('milestones.milestone_labels.permit'),
  job: T('milestones.milestone_labels.job'),
  family_reunification: T('milestones.milestone_labels.family_reunification'),
  return_to_exploitation: T('milestones.milestone_labels.return_to_exploitation'),
  violence: T('milestones.milestone_labels.violence'),
  re_trafficking: T('milestones.milestone_labels.re_trafficking'),
};

/** Typical month after intake, where the thesis gives one. */
export const TYPICAL_MONTHS: Partial<Record<MilestoneKind, number>> = { thinking_about_future: 3 };

/**
 * A kind with a built-in meaning (one of the seed codes above). An organisation may add kinds to its
 * list outcome_event_kinds: those are recorded and shown, but are no marker, turning point or failure.
 */
export const isMilestoneKind = (kind: string): kind is MilestoneKind => kind in MILESTONE_LABELS;

export const isHardFailureKind = (kind: string): kind is HardFailureKind =>
  (HARD_FAILURE_KINDS as readonly string[]).includes(kind);

export function categoryOf(kind: MilestoneKind): MarkerCategory {
  if (isHardFailureKind(kind)) return 'hard_failure';
  return (TURNING_POINTS as readonly string[]).includes(kind) ? 'turning_point' : 'event';
}

/** Validates an event before it is recorded: not before intake; hard failures state her reasons. */
export function recordEvent(event: CaseEvent, context: { intakeDate: string }): CaseEvent {
  if (daysBetween(context.intakeDate, event.date) < 0)
    throw new OutcomeError('event_before_intake', `${event.kind} on ${event.date} is before intake`);
  if (isHardFailureKind(event.kind) && event.statedReasons === undefined) {
    throw new OutcomeError(
      'stated_reasons_required',
      'Record her stated reasons (or null if she gave none) with this event',
    );
  }
  return event;
}

export interface ChartMarker {
  date: string;
  kind: MilestoneKind;
  category: MarkerCategory;
  label: Labels;
}

/** Markers for an outcome chart, in date order. */
export function chartMarkers(events: readonly CaseEvent[]): ChartMarker[] {
  return [...events]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e) => ({ date: e.date, kind: e.kind, category: categoryOf(e.kind), label: MILESTONE_LABELS[e.kind] }));
}

/** Days from intake to the first occurrence of a milestone, or null if it has not happened. */
export function daysToMilestone(intakeDate: string, events: readonly CaseEvent[], kind: MilestoneKind): number | null {
  const dates = events
    .filter((e) => e.kind === kind)
    .map((e) => e.date)
    .sort();
  return dates.length ? daysBetween(intakeDate, dates[0]) : null;
}

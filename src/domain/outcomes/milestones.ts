/**
 * Recordable turning points and events of a case, used as markers on outcome
 * charts. Turning points (001:4347–4370): she thinks more about the future than
 * the past (typically after about 3 months), and her conscious decision to leave
 * the shelter. Hard-failure events carry her own stated reasons.
 */
import { daysBetween } from '../cases/dates';
import { OutcomeError } from './errors';
import type { Labels } from './model';

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

const L = (en: string, fr: string, it: string, sk: string): Labels => ({ en, fr, it, sk });

export const MILESTONE_LABELS: Record<MilestoneKind, Labels> = {
  thinking_about_future: L('Thinks more about the future than the past', 'Pense davantage à l’avenir qu’au passé', 'Pensa più al futuro che al passato', 'Myslí viac na budúcnosť ako na minulosť'),
  decision_to_leave_shelter: L('Decided to leave the shelter', 'A décidé de quitter le foyer', 'Ha deciso di lasciare la struttura', 'Rozhodla sa opustiť útulok'),
  shelter_exit: L('Left the shelter', 'A quitté le foyer', 'Ha lasciato la struttura', 'Odišla z útulku'),
  permit: L('Residence permit', 'Titre de séjour', 'Permesso di soggiorno', 'Povolenie na pobyt'),
  job: L('Started a job', 'A commencé un emploi', 'Ha iniziato un lavoro', 'Začala pracovať'),
  family_reunification: L('Family reunification', 'Réunification familiale', 'Ricongiungimento familiare', 'Zlúčenie rodiny'),
  return_to_exploitation: L('Return to exploitation', 'Retour à l’exploitation', 'Ritorno allo sfruttamento', 'Návrat do vykorisťovania'),
  violence: L('Violence', 'Violence', 'Violenza', 'Násilie'),
  re_trafficking: L('Re-trafficking', 'Nouvelle traite', 'Nuova tratta', 'Opätovné obchodovanie'),
};

/** Typical month after intake, where the thesis gives one. */
export const TYPICAL_MONTHS: Partial<Record<MilestoneKind, number>> = { thinking_about_future: 3 };

export const isHardFailureKind = (kind: string): kind is HardFailureKind => (HARD_FAILURE_KINDS as readonly string[]).includes(kind);

export function categoryOf(kind: MilestoneKind): MarkerCategory {
  if (isHardFailureKind(kind)) return 'hard_failure';
  return (TURNING_POINTS as readonly string[]).includes(kind) ? 'turning_point' : 'event';
}

/** Validates an event before it is recorded: not before intake; hard failures state her reasons. */
export function recordEvent(event: CaseEvent, context: { intakeDate: string }): CaseEvent {
  if (daysBetween(context.intakeDate, event.date) < 0) throw new OutcomeError('event_before_intake', `${event.kind} on ${event.date} is before intake`);
  if (isHardFailureKind(event.kind) && event.statedReasons === undefined) {
    throw new OutcomeError('stated_reasons_required', 'Record her stated reasons (or null if she gave none) with this event');
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
  const dates = events.filter((e) => e.kind === kind).map((e) => e.date).sort();
  return dates.length ? daysBetween(intakeDate, dates[0]) : null;
}

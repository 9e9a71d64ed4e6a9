/**
 * Follow-up schedule: assessments at intake, 3, 6 and 12 months, then yearly.
 * Monitoring usually ends after 3 years (001:137–153); it continues beyond as
 * long as she consents to follow-up contact. Self-initiated contact is
 * first-class (001:4312–4318): an assessment from it satisfies the scheduled
 * one due in its window, and when she prefers it, it replaces scheduled
 * monitoring — due items are then never "overdue", because nobody chases her.
 * Opting out stops the schedule.
 */
import { consentEventsFromRecords, FOLLOW_UP_CONSENT_PURPOSE, type ConsentEvent } from '../cases/consent';
import { addDays, addMonths, daysBetween, parseIsoDate } from '../cases/dates';
import { currentVersions } from './assessment';
import { OutcomeError } from './errors';
import type { CaseFacts } from './facts';

export type FollowUpMode = 'scheduled' | 'self_initiated';

export type FollowUpEvent =
  | { kind: 'consented'; at: string }
  | { kind: 'opted_out'; at: string }
  | { kind: 'preference'; at: string; mode: FollowUpMode }
  | { kind: 'self_initiated_contact'; at: string; note?: string };

export interface ScheduleConfig {
  /** Months after intake of the first assessments. */
  months: number[];
  /** Months between assessments after the last of `months`. */
  thenEveryMonths: number;
  /** The usual monitoring window; beyond it only with her consent. */
  standardWindowMonths: number;
  /** How many days before the due date an assessment already counts. */
  windowDays: number;
  /** How far ahead due items appear on the agenda. */
  horizonDays: number;
}

export const DEFAULT_SCHEDULE: ScheduleConfig = {
  months: [0, 3, 6, 12],
  thenEveryMonths: 12,
  standardWindowMonths: 36,
  windowDays: 45,
  horizonDays: 30,
};

export interface FollowUpState {
  optedOut: boolean;
  /** She consented to follow-up contact (needed beyond the standard window). */
  consented: boolean;
  mode: FollowUpMode;
  selfInitiatedContacts: string[];
}

/**
 * Her consent to follow-up contact as recorded on the consent tab, as follow-up events: given is `consented`,
 * withdrawn is `opted_out`. It is the same choice as the one recorded with her outcomes, so both feed one
 * history and the later wins: a withdrawal on either stops the schedule, the agenda and its reminders at once.
 */
export function followUpFromConsents(events: readonly ConsentEvent[]): FollowUpEvent[] {
  return events
    .filter((e) => e.purpose === FOLLOW_UP_CONSENT_PURPOSE)
    .map((e) => ({ kind: e.action === 'granted' ? 'consented' : 'opted_out', at: e.at }));
}

/**
 * The other way round: her follow-up choices recorded with her outcomes, as consent events for follow-up contact
 * (`consented` is given, `opted_out` withdrawn), so that the consent tab shows, and a withdrawal there checks
 * against, the same latest choice.
 */
export function consentsFromFollowUp(events: readonly FollowUpEvent[]): ConsentEvent[] {
  return events.flatMap((e): ConsentEvent[] =>
    e.kind === 'consented' || e.kind === 'opted_out'
      ? [{ purpose: FOLLOW_UP_CONSENT_PURPOSE, action: e.kind === 'consented' ? 'granted' : 'withdrawn', at: e.at }]
      : [],
  );
}

/** Her follow-up choices as recorded with her outcomes (a case's records of kind `follow_up`). */
export function followUpRecordsOf(
  records: readonly { kind: string; data: Record<string, unknown> }[],
): FollowUpEvent[] {
  return records
    .filter((r) => r.kind === 'follow_up')
    .map((r) => ({ ...r.data, at: String(r.data.at) }) as FollowUpEvent);
}

/**
 * Her consent events of a case: the consent tab's records, and her follow-up choices recorded with her outcomes as
 * consent to follow-up contact (the same choice, see followUpFromConsents).
 */
export function consentEventsOfCase(
  records: readonly { kind: string; data: Record<string, unknown>; recordedAt: Date | string }[],
): ConsentEvent[] {
  return [
    ...consentEventsFromRecords(records.filter((r) => r.kind === 'consent')),
    ...consentsFromFollowUp(followUpRecordsOf(records)),
  ];
}

/** Her follow-up choices as of a date: the latest consent/opt-out and preference win. */
export function followUpState(events: readonly FollowUpEvent[] = [], asOf?: string): FollowUpState {
  const known = [...events].filter((e) => !asOf || e.at.slice(0, 10) <= asOf).sort((a, b) => a.at.localeCompare(b.at));
  const lastConsent = known.filter((e) => e.kind === 'consented' || e.kind === 'opted_out').at(-1);
  const lastPreference = known.filter((e) => e.kind === 'preference').at(-1);
  return {
    optedOut: lastConsent?.kind === 'opted_out',
    consented: lastConsent?.kind === 'consented',
    mode: lastPreference?.kind === 'preference' ? lastPreference.mode : 'scheduled',
    selfInitiatedContacts: known.filter((e) => e.kind === 'self_initiated_contact').map((e) => e.at),
  };
}

/** Months after intake of every scheduled assessment up to `untilMonths` (inclusive). */
export function scheduledMonths(untilMonths: number, config: ScheduleConfig = DEFAULT_SCHEDULE): number[] {
  const out = config.months.filter((m) => m <= untilMonths);
  for (let m = Math.max(...config.months) + config.thenEveryMonths; m <= untilMonths; m += config.thenEveryMonths)
    out.push(m);
  return out;
}

/** A follow-up the caseworker scheduled outside the default schedule. */
export interface AdHocFollowUp {
  dueDate: string;
  scheduledOn: string;
}

export interface DueAssessment {
  caseId: string;
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
  kind: 'scheduled' | 'ad_hoc';
  /** Months after intake for scheduled items. */
  month: number | null;
  mode: FollowUpMode;
}

const monthsBetween = (from: string, to: string) => Math.floor(daysBetween(from, to) / 30.4375);

/**
 * Assessments due for the agenda: unsatisfied scheduled and ad-hoc follow-ups
 * due within the horizon, until the next one's window opens. Empty when she
 * opted out; beyond the standard window only with her consent.
 */
export function dueAssessments(
  facts: CaseFacts,
  today: string,
  config: ScheduleConfig = DEFAULT_SCHEDULE,
): DueAssessment[] {
  const state = followUpState(facts.followUp, today);
  if (state.optedOut) return [];
  const horizonEnd = addDays(today, config.horizonDays);
  const limit = state.consented
    ? monthsBetween(facts.intakeDate, horizonEnd) + config.thenEveryMonths
    : config.standardWindowMonths;
  const dates = currentVersions(facts.assessments).map((a) => a.date);
  const months = scheduledMonths(limit, config);
  const slots = months.map((month, i) => {
    const dueDate = addMonths(facts.intakeDate, month);
    const next = months[i + 1];
    // An assessment counts for the slot from windowDays before it until the next slot's window opens.
    const closes = next === undefined ? null : addDays(addMonths(facts.intakeDate, next), -config.windowDays);
    return { dueDate, opens: addDays(dueDate, -config.windowDays), closes, month, kind: 'scheduled' as const };
  });
  // An ad-hoc follow-up is met by an assessment made after it was scheduled.
  const adHoc = (facts.scheduledFollowUps ?? []).map((f) => ({
    dueDate: f.dueDate,
    opens: addDays(f.scheduledOn, 1),
    closes: null,
    month: null,
    kind: 'ad_hoc' as const,
  }));
  const items: DueAssessment[] = [];
  for (const slot of [...slots, ...adHoc]) {
    const satisfied = dates.some((d) => d >= slot.opens && (slot.closes === null || d < slot.closes));
    if (satisfied || slot.dueDate > horizonEnd || (slot.closes !== null && today >= slot.closes)) continue;
    const daysLeft = daysBetween(today, slot.dueDate);
    items.push({
      caseId: facts.caseId,
      dueDate: slot.dueDate,
      overdue: state.mode === 'scheduled' && daysLeft < 0,
      daysLeft,
      kind: slot.kind,
      month: slot.month,
      mode: state.mode,
    });
  }
  return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/**
 * Validates an ad-hoc follow-up before it is scheduled: refused when she opted
 * out, or beyond the standard window without her consent.
 */
export function scheduleFollowUp(
  facts: CaseFacts,
  dueDate: string,
  today: string,
  config: ScheduleConfig = DEFAULT_SCHEDULE,
): AdHocFollowUp & { caseId: string } {
  const state = followUpState(facts.followUp, today);
  if (state.optedOut) throw new OutcomeError('follow_up_opted_out', 'She opted out of follow-up contact');
  if (!state.consented && dueDate > addMonths(facts.intakeDate, config.standardWindowMonths)) {
    throw new OutcomeError(
      'follow_up_consent_required',
      'Follow-up beyond the usual window needs her consent to follow-up contact',
    );
  }
  parseIsoDate(dueDate);
  return { caseId: facts.caseId, dueDate, scheduledOn: today };
}

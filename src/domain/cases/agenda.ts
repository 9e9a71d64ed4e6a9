/**
 * The agenda: deadlines derived from a case's records — plan reviews, the end
 * of a reflection period, expiring permits, hearings and objectives due.
 */
import { DEFAULT_SCHEDULE, type ScheduleConfig } from '../outcomes/schedule';
import { addDays, addMonths, daysBetween } from './dates';
import { labourDeadlines } from '../labour/rules';

export type AgendaKind =
  | 'review_due'
  | 'reflection_ending'
  | 'permit_expiring'
  | 'step_ending'
  | 'extension_decision_due'
  | 'hearing'
  | 'objective_due'
  | 'follow_up_due'
  | 'baseline_due'
  | 'consents_to_record'
  // Labour-market insertion (issue #19): src/domain/labour/rules.ts.
  | 'internship_mid_review'
  | 'internship_final_review'
  | 'internship_ending'
  | 'job_follow_up';

export interface AgendaItem {
  caseId: string;
  kind: AgendaKind;
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
}

export interface AgendaSource {
  caseId: string;
  /** `id` links an extension to the step's event it extends (a legal event's `extends`). */
  entries: { id?: string; kind: string; data: Record<string, unknown> }[];
  /** A transferred case: her consents never travel, so she is asked afresh from this date. */
  consentsAskedFrom?: string;
}

/** How far ahead each kind of deadline appears. */
export const HORIZON_DAYS: Record<AgendaKind, number> = {
  review_due: 30,
  reflection_ending: 14,
  permit_expiring: 60,
  step_ending: 30,
  extension_decision_due: 30,
  hearing: 30,
  objective_due: 30,
  follow_up_due: 30,
  baseline_due: 30,
  consents_to_record: 30,
  internship_mid_review: 30,
  internship_final_review: 30,
  internship_ending: 30,
  job_follow_up: 30,
};

function candidates(source: AgendaSource): { kind: AgendaKind; dueDate: string }[] {
  const out: { kind: AgendaKind; dueDate: string }[] = [];
  const reviews = source.entries
    .filter((e) => e.kind === 'review')
    .map((e) => e.data as { reviewedOn: string; nextReviewOn?: string });
  const latestReview = reviews.sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn))[0];
  if (latestReview?.nextReviewOn) out.push({ kind: 'review_due', dueDate: latestReview.nextReviewOn });
  // Until her first consent is recorded on a transferred case, nothing may be shared or counted: ask her.
  if (source.consentsAskedFrom && !source.entries.some((e) => e.kind === 'consent'))
    out.push({ kind: 'consents_to_record', dueDate: source.consentsAskedFrom });
  for (const { kind, data } of source.entries) {
    if (kind === 'objective' && data.status === 'open' && typeof data.dueDate === 'string')
      out.push({ kind: 'objective_due', dueDate: data.dueDate });
    if (kind !== 'legal_event') continue;
    if (data.type === 'hearing' && typeof data.date === 'string') out.push({ kind: 'hearing', dueDate: data.date });
  }
  out.push(...stepDeadlines(source.entries));
  out.push(...labourDeadlines(source.entries));
  return out;
}

/** Which deadline a step's end is, by the event that started it (src/domain/legal-tracks/model.ts). */
const STEP_END_KIND: Record<string, { kind: AgendaKind; field: 'endDate' | 'validUntil' }> = {
  reflection_period: { kind: 'reflection_ending', field: 'endDate' },
  permit_decision: { kind: 'permit_expiring', field: 'validUntil' },
  programme_start: { kind: 'step_ending', field: 'endDate' },
  tolerated_stay: { kind: 'step_ending', field: 'endDate' },
};

/**
 * The ends of the legal track's steps (reflection period, programme, tolerated stay, permit) and
 * the extension decisions due, as the recorded events computed them from the country's rules: an
 * extension's end and next decision replace those of the step it extends, so the agenda shows
 * where the step stands now, for any country's track.
 */
function stepDeadlines(entries: AgendaSource['entries']): { kind: AgendaKind; dueDate: string }[] {
  const latest = new Map<string, Record<string, unknown>>();
  for (const { kind, data } of entries) {
    if (kind !== 'legal_event' || data.type !== 'extension' || typeof data.extends !== 'string') continue;
    const seen = latest.get(data.extends);
    if (!seen || String(data.endDate) > String(seen.endDate)) latest.set(data.extends, data);
  }
  const out: { kind: AgendaKind; dueDate: string }[] = [];
  for (const { id, kind, data } of entries) {
    const rule = kind === 'legal_event' ? STEP_END_KIND[String(data.type)] : undefined;
    if (!rule) continue;
    const extension = id ? latest.get(id) : undefined;
    const end = extension ? extension.endDate : data[rule.field];
    if (typeof end === 'string') out.push({ kind: rule.kind, dueDate: end });
    const decision = extension ? extension.extensionDecisionBy : data.extensionDecisionBy;
    if (typeof decision === 'string') out.push({ kind: 'extension_decision_due', dueDate: decision });
  }
  return out;
}

/**
 * Items due within their horizon, plus every overdue one (hearings in the past
 * are history, not overdue). Sorted by due date.
 */
export function agendaFor(sources: AgendaSource[], today: string): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const source of sources) {
    for (const { kind, dueDate } of candidates(source)) {
      const daysLeft = daysBetween(today, dueDate);
      if (kind === 'hearing' && daysLeft < 0) continue;
      if (daysLeft > HORIZON_DAYS[kind]) continue;
      items.push({ caseId: source.caseId, kind, dueDate, overdue: daysLeft < 0, daysLeft });
    }
  }
  return items.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** A follow-up assessment due by the outcome schedule (src/domain/outcomes/schedule.ts). */
export interface FollowUpDue {
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
  mode: 'scheduled' | 'self_initiated';
}

/**
 * The last day an assessment still counts as her baseline: the intake slot's window closes where
 * the next slot's opens (3 months after intake, less the window: about 45 days after intake).
 */
export function baselineDueDate(intakeDate: string, config: ScheduleConfig = DEFAULT_SCHEDULE): string {
  const next = config.months[1] ?? config.thenEveryMonths;
  return addDays(addMonths(intakeDate, next), -config.windowDays - 1);
}

/** Where her follow-up stands: the baseline exists, she opted out, she prefers to get in touch herself. */
export interface FollowUpStanding {
  hasBaseline: boolean;
  optedOut: boolean;
  selfInitiated: boolean;
}

/**
 * The follow-up items of one case. Before her baseline assessment exists there is nothing to
 * follow up: the one item is the baseline itself ("baseline_due", due while an assessment still
 * counts as the baseline: baselineDueDate), while the
 * schedule runs (she did not opt out, nor chose to get in touch herself). Once it exists, the
 * unmet scheduled follow-ups. Self-initiated contact is never chased.
 *
 * @example followUpAgenda('c1', '2030-01-01', [], { hasBaseline: false, optedOut: false, selfInitiated: false }, '2030-01-10') // [{ kind: 'baseline_due', … }]
 */
export function followUpAgenda(
  caseId: string,
  intakeDate: string,
  due: readonly FollowUpDue[],
  standing: FollowUpStanding,
  today: string,
): AgendaItem[] {
  if (standing.optedOut) return [];
  if (!standing.hasBaseline) {
    if (standing.selfInitiated) return [];
    const dueDate = baselineDueDate(intakeDate);
    const daysLeft = daysBetween(today, dueDate);
    return [{ caseId, kind: 'baseline_due', dueDate, overdue: daysLeft < 0, daysLeft }];
  }
  return due
    .filter((d) => d.mode !== 'self_initiated')
    .map((d) => ({
      caseId,
      kind: 'follow_up_due' as const,
      dueDate: d.dueDate,
      overdue: d.overdue,
      daysLeft: d.daysLeft,
    }));
}

/** The dashboard's buckets: overdue, due within the next 7 days, and later. */
export type AgendaBucket = 'overdue' | 'this_week' | 'later';
export const AGENDA_BUCKETS: readonly AgendaBucket[] = ['overdue', 'this_week', 'later'];
export const THIS_WEEK_DAYS = 7;

export function bucketOf(item: Pick<AgendaItem, 'overdue' | 'daysLeft'>): AgendaBucket {
  if (item.overdue) return 'overdue';
  return item.daysLeft <= THIS_WEEK_DAYS ? 'this_week' : 'later';
}

export interface AgendaPage<T> {
  items: T[];
  /** Items in the chosen bucket (all buckets when none is chosen). */
  total: number;
  counts: Record<AgendaBucket, number>;
  limit: number | null;
  offset: number;
}

/**
 * One page of the agenda (items already sorted by due date), optionally of one bucket, with
 * the count of each bucket over all items. Without a limit, every item from the offset.
 *
 * @example pageAgenda(items, { limit: 20, offset: 20 }) // the second page of 20
 */
export function pageAgenda<T extends Pick<AgendaItem, 'overdue' | 'daysLeft'>>(
  items: readonly T[],
  options: { limit?: number; offset?: number; bucket?: AgendaBucket } = {},
): AgendaPage<T> {
  const counts: Record<AgendaBucket, number> = { overdue: 0, this_week: 0, later: 0 };
  for (const item of items) counts[bucketOf(item)] += 1;
  const chosen = options.bucket ? items.filter((i) => bucketOf(i) === options.bucket) : [...items];
  const offset = options.offset ?? 0;
  const limit = options.limit ?? null;
  return {
    items: chosen.slice(offset, limit === null ? undefined : offset + limit),
    total: chosen.length,
    counts,
    limit,
    offset,
  };
}

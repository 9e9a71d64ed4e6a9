/**
 * The agenda: deadlines derived from a case's records — plan reviews, the end
 * of a reflection period, expiring permits, hearings and objectives due.
 */
import { daysBetween } from './dates';

export type AgendaKind =
  | 'review_due'
  | 'reflection_ending'
  | 'permit_expiring'
  | 'hearing'
  | 'objective_due'
  | 'follow_up_due'
  | 'consents_to_record';

export interface AgendaItem {
  caseId: string;
  kind: AgendaKind;
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
}

export interface AgendaSource {
  caseId: string;
  entries: { kind: string; data: Record<string, unknown> }[];
  /** A transferred case: her consents never travel, so she is asked afresh from this date. */
  consentsAskedFrom?: string;
}

/** How far ahead each kind of deadline appears. */
export const HORIZON_DAYS: Record<AgendaKind, number> = {
  review_due: 30,
  reflection_ending: 14,
  permit_expiring: 60,
  hearing: 30,
  objective_due: 30,
  follow_up_due: 30,
  consents_to_record: 30,
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
    if (data.type === 'reflection_period' && typeof data.endDate === 'string')
      out.push({ kind: 'reflection_ending', dueDate: data.endDate });
    if (data.type === 'permit_decision' && typeof data.validUntil === 'string')
      out.push({ kind: 'permit_expiring', dueDate: data.validUntil });
    if (data.type === 'hearing' && typeof data.date === 'string') out.push({ kind: 'hearing', dueDate: data.date });
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

/**
 * Rules of the labour-market insertion records (issue #19; seed 004 ~1059–1090): how long an
 * internship may last in a country (1–6 months by default), and the deadlines the records put on
 * the agenda (an internship's mid-term and final reviews and its end; a placement's follow-ups every
 * `followUpEveryMonths`, default 3, until it ends). Pure: no HTTP, no SQL.
 */
import { addDays, addMonths, daysBetween } from '../cases/dates';

export interface InternshipBounds {
  minMonths: number;
  maxMonths: number;
}

/** The report's 1–6 months (seed 004: "practical internships (1-6 months)"). */
export const DEFAULT_INTERNSHIP_BOUNDS: InternshipBounds = { minMonths: 1, maxMonths: 6 };

/** Follow-up contacts after a placement, by default every three months. */
export const DEFAULT_FOLLOW_UP_MONTHS = 3;

/**
 * Whether an internship from startOn to endOn (the last day) lies within the bounds: at least
 * `minMonths` calendar months (a day's slack: 1 March to 31 March is one month) and at most `maxMonths`.
 */
export function internshipLength(
  startOn: string,
  endOn: string,
  bounds: InternshipBounds,
): 'too_short' | 'too_long' | null {
  if (bounds.minMonths > 0 && daysBetween(addDays(addMonths(startOn, bounds.minMonths), -1), endOn) < 0)
    return 'too_short';
  if (daysBetween(addMonths(startOn, bounds.maxMonths), endOn) > 0) return 'too_long';
  return null;
}

export type LabourAgendaKind =
  'internship_mid_review' | 'internship_final_review' | 'internship_ending' | 'job_follow_up';

interface Entry {
  id?: string;
  kind: string;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The mid-point of an internship: when its mid-term review is due. */
export function midTerm(startOn: string, endOn: string): string {
  return addDays(startOn, Math.floor(daysBetween(startOn, endOn) / 2));
}

/**
 * The labour deadlines of one case's current records. An internship still planned or ongoing has
 * its mid-term review (at its mid-point, until a mid-term review date is recorded), its final review
 * (on its end date, until one is recorded) and its end. A placement that has not ended has its next
 * follow-up: `followUpEveryMonths` after the latest follow-up of that placement, or after its start.
 */
export function labourDeadlines(entries: Entry[]): { kind: LabourAgendaKind; dueDate: string }[] {
  const out: { kind: LabourAgendaKind; dueDate: string }[] = [];
  for (const { id, kind, data } of entries) {
    if (kind === 'internship') {
      const startOn = str(data.startOn);
      const endOn = str(data.endOn);
      if (!startOn || !endOn || (data.status !== 'planned' && data.status !== 'ongoing')) continue;
      if (!data.midReviewOn) out.push({ kind: 'internship_mid_review', dueDate: midTerm(startOn, endOn) });
      if (!data.finalReviewOn) out.push({ kind: 'internship_final_review', dueDate: endOn });
      out.push({ kind: 'internship_ending', dueDate: endOn });
    }
    if (kind === 'job_placement' && id) {
      const startOn = str(data.startOn);
      if (!startOn || data.endedOn) continue;
      const every = typeof data.followUpEveryMonths === 'number' ? data.followUpEveryMonths : DEFAULT_FOLLOW_UP_MONTHS;
      const last = entries
        .filter((e) => e.kind === 'job_follow_up' && e.data.placementId === id)
        .map((e) => String(e.data.date))
        .sort()
        .at(-1);
      out.push({ kind: 'job_follow_up', dueDate: addMonths(last && last > startOn ? last : startOn, every) });
    }
  }
  return out;
}

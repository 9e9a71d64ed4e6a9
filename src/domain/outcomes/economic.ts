/**
 * Economic (re)integration as facts (issue #19; 001 on the economic dimension): guidance, training,
 * internships and job placements are events on her continuum, read against her own baseline (her
 * first assessment). They never change a score, and a job or a course that ended is a fact with her
 * own reasons, never a failure: a recorded return to exploitation stays the only hard failure.
 */
import { daysBetween } from '../cases/dates';

/** The labour-market records of one person (or one case), codes and dates only (no sealed text). */
export interface LabourRecords {
  guidance: { date: string; attended: boolean }[];
  trainings: { startOn: string; status: 'enrolled' | 'attending' | 'completed' | 'left'; completedOn?: string }[];
  internships: {
    employerId: string;
    startOn: string;
    endOn: string;
    status: 'planned' | 'ongoing' | 'completed' | 'ended_early';
    endedOn?: string;
    costToOrganisation?: number;
  }[];
  placements: { id: string; employerId?: string; startOn: string; endedOn?: string }[];
  followUps: { placementId: string; date: string; stillInWork: 'yes' | 'no' | 'unknown' }[];
}

export const EMPTY_LABOUR_RECORDS: LabourRecords = {
  guidance: [],
  trainings: [],
  internships: [],
  placements: [],
  followUps: [],
};

/** The record kinds read here (src/domain/cases/entries.ts). */
export const LABOUR_KINDS = ['guidance_session', 'training', 'internship', 'job_placement', 'job_follow_up'] as const;

interface EntryLike {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The labour records among a case's current entries (their clear codes and dates only).
 * @example labourRecordsFrom([{ id: 'p', kind: 'job_placement', data: { startOn: '2026-01-05', contractType: 'fixed_term' } }]).placements // [{ id: 'p', startOn: '2026-01-05' }]
 */
export function labourRecordsFrom(entries: readonly EntryLike[]): LabourRecords {
  const of = (kind: string) => entries.filter((e) => e.kind === kind);
  return {
    guidance: of('guidance_session').map((e) => ({ date: String(e.data.date), attended: e.data.attended === true })),
    trainings: of('training').map((e) => ({
      startOn: String(e.data.startOn),
      status: e.data.status as LabourRecords['trainings'][number]['status'],
      ...(str(e.data.completedOn) ? { completedOn: str(e.data.completedOn) } : {}),
    })),
    internships: of('internship').map((e) => ({
      employerId: String(e.data.employerId),
      startOn: String(e.data.startOn),
      endOn: String(e.data.endOn),
      status: e.data.status as LabourRecords['internships'][number]['status'],
      ...(str(e.data.endedOn) ? { endedOn: str(e.data.endedOn) } : {}),
      ...(typeof e.data.costToOrganisation === 'number' ? { costToOrganisation: e.data.costToOrganisation } : {}),
    })),
    placements: of('job_placement').map((e) => ({
      id: e.id,
      ...(str(e.data.employerId) ? { employerId: str(e.data.employerId) } : {}),
      startOn: String(e.data.startOn),
      ...(str(e.data.endedOn) ? { endedOn: str(e.data.endedOn) } : {}),
    })),
    followUps: of('job_follow_up').map((e) => ({
      placementId: String(e.data.placementId),
      date: String(e.data.date),
      stillInWork: (e.data.stillInWork as LabourRecords['followUps'][number]['stillInWork']) ?? 'unknown',
    })),
  };
}

/** Her records from several cases (or organisations) as one. */
export function mergeLabourRecords(parts: readonly LabourRecords[]): LabourRecords {
  return {
    guidance: parts.flatMap((p) => p.guidance),
    trainings: parts.flatMap((p) => p.trainings),
    internships: parts.flatMap((p) => p.internships),
    placements: parts.flatMap((p) => p.placements),
    followUps: parts.flatMap((p) => p.followUps),
  };
}

export const hasLabourRecords = (r: LabourRecords) =>
  r.guidance.length + r.trainings.length + r.internships.length + r.placements.length > 0;

export const ECONOMIC_FACT_KINDS = [
  'guidance',
  'training_started',
  'training_completed',
  'training_left',
  'internship_started',
  'internship_completed',
  'internship_ended',
  'job_started',
  'job_ended',
] as const;
export type EconomicFactKind = (typeof ECONOMIC_FACT_KINDS)[number];

/** One economic fact on her continuum. `category` is always 'economic': there is no failure among these. */
export interface EconomicFact {
  kind: EconomicFactKind;
  date: string;
  dimension: 'economic';
  category: 'economic';
  /** Days from her baseline (first assessment); negative before it; null without a baseline. */
  daysSinceBaseline: number | null;
}

/**
 * Her economic facts in date order, placed against her baseline date. A started internship is one
 * whose status is no longer planned; an ended job is a fact like a started one (no failure label).
 * @example economicFacts(records, '2026-01-10').map((f) => f.kind) // ['guidance', 'training_started', …]
 */
export function economicFacts(records: LabourRecords, baselineDate: string | null): EconomicFact[] {
  const out: { kind: EconomicFactKind; date: string }[] = [];
  for (const g of records.guidance) if (g.attended) out.push({ kind: 'guidance', date: g.date });
  for (const t of records.trainings) {
    if (t.status !== 'enrolled') out.push({ kind: 'training_started', date: t.startOn });
    if (t.status === 'completed') out.push({ kind: 'training_completed', date: t.completedOn ?? t.startOn });
    if (t.status === 'left') out.push({ kind: 'training_left', date: t.completedOn ?? t.startOn });
  }
  for (const i of records.internships) {
    if (i.status === 'planned') continue;
    out.push({ kind: 'internship_started', date: i.startOn });
    if (i.status === 'completed') out.push({ kind: 'internship_completed', date: i.endedOn ?? i.endOn });
    if (i.status === 'ended_early') out.push({ kind: 'internship_ended', date: i.endedOn ?? i.endOn });
  }
  for (const p of records.placements) {
    out.push({ kind: 'job_started', date: p.startOn });
    if (p.endedOn) out.push({ kind: 'job_ended', date: p.endedOn });
  }
  return out
    .sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind))
    .map((f) => ({
      ...f,
      dimension: 'economic' as const,
      category: 'economic' as const,
      daysSinceBaseline: baselineDate === null ? null : daysBetween(baselineDate, f.date),
    }));
}

/**
 * Labour-market statistics (issue #19): PERSONS, not cases or records, who entered guidance,
 * started or completed training and internships, were placed, and were still in work 6 and 12
 * months after their first placement; time from intake to the first internship and to placement
 * as quartiles; employers engaged per territory; and the organisation's internship cost for funders.
 *
 * Disclosure control, the cohort rules (outcomes/cohort.ts, shared/small-cells.ts) on a tree of
 * counts: a count is hidden when it is small (zero included), when its parent is hidden, or when
 * its difference from any shown ancestor is small, so no hidden or small group comes back by
 * subtraction. A share, a quartile or a cost is shown only with the count it is about. The
 * provenance states the persons counted only as the shown base count, never the persons left out.
 *
 * Only facts: a job or a course that ended is never a failure, and nothing here scores her.
 */
import { addMonths, daysBetween } from '../cases/dates';
import { suppressedShare, type Cell } from '../outcomes/cohort';
import type { LabourRecords } from '../outcomes/economic';
import { quantileSorted } from '../shared/random';
import { isSmallCount } from '../shared/small-cells';

export interface LabourPerson {
  /** Her earliest intake (ISO date). */
  intakeDate: string;
  records: LabourRecords;
}

export const LABOUR_STAGES = [
  'entered_guidance',
  'started_training',
  'completed_training',
  'started_internship',
  'completed_internship',
  'placed',
] as const;
export type LabourStage = (typeof LABOUR_STAGES)[number];

export const RETENTION_MONTHS = [6, 12] as const;

export interface LabourStatistics {
  threshold: number;
  asOf: string;
  /** Persons with at least one guidance, training, internship or placement record. */
  persons: Cell;
  stages: { stage: LabourStage; persons: Cell }[];
  /** Denominator: persons placed whose N months after their first placement have passed and whose work status then is recorded. */
  retention: { months: (typeof RETENTION_MONTHS)[number]; persons: Cell; inWork: Cell; share: Cell }[];
  timeFromIntake: {
    to: 'first_internship' | 'placement';
    persons: Cell;
    /** Days from intake; hidden whenever the count it is about is hidden. */
    quartiles: { q1: number; median: number; q3: number } | { suppressed: true };
  }[];
  /** Distinct employers of started internships and placements, per employer territory (counts, not persons). */
  employersByTerritory: { territory: string; employers: Cell }[];
  /** Started internships with a recorded cost; amounts shown only when the persons behind them are. */
  internshipCost: { persons: Cell; internships: number | null; total: number | null; perInternship: number | null };
}

export interface LabourOptions {
  threshold: number;
  /** The date the 6- and 12-month horizons are judged against (the caller's today). */
  asOf: string;
  /** Employer id → its territory (from the employer directory); unknown employers fall under 'unknown'. */
  employerTerritory?: ReadonlyMap<string, string>;
}

type WorkStatus = 'in_work' | 'not_in_work' | 'unknown';

/**
 * Whether she was in work on `date` by one placement: its end date first, then the first follow-up
 * on or after that date, then a 'no' follow-up before it; otherwise not known.
 */
function placementStatus(
  p: LabourRecords['placements'][number],
  followUps: LabourRecords['followUps'],
  date: string,
): WorkStatus {
  if (p.startOn > date) return 'not_in_work';
  if (p.endedOn) return p.endedOn >= date ? 'in_work' : 'not_in_work';
  const own = followUps.filter((f) => f.placementId === p.id).sort((a, b) => a.date.localeCompare(b.date));
  const after = own.find((f) => f.date >= date && f.stillInWork !== 'unknown');
  if (after) return after.stillInWork === 'yes' ? 'in_work' : 'not_in_work';
  const before = own.filter((f) => f.date < date && f.stillInWork !== 'unknown').at(-1);
  return before?.stillInWork === 'no' ? 'not_in_work' : 'unknown';
}

/** Her work status on a date, over all her placements (any placement in work is enough). */
export function workStatusOn(records: LabourRecords, date: string): WorkStatus {
  const statuses = records.placements.map((p) => placementStatus(p, records.followUps, date));
  if (statuses.includes('in_work')) return 'in_work';
  return statuses.includes('unknown') ? 'unknown' : 'not_in_work';
}

const firstDate = (dates: string[]) => [...dates].sort()[0] as string | undefined;

/** The stages she reached by `asOf`, and the dates the quartiles read. */
export function personStages(person: LabourPerson, asOf: string) {
  const r = person.records;
  const startedTrainings = r.trainings.filter((t) => t.status !== 'enrolled' || t.startOn <= asOf);
  const startedInternships = r.internships.filter((i) => i.status !== 'planned' && i.startOn <= asOf);
  const placements = r.placements.filter((p) => p.startOn <= asOf);
  const stages = new Set<LabourStage>();
  if (r.guidance.some((g) => g.attended && g.date <= asOf)) stages.add('entered_guidance');
  if (startedTrainings.length) stages.add('started_training');
  if (r.trainings.some((t) => t.status === 'completed')) {
    stages.add('started_training');
    stages.add('completed_training');
  }
  if (startedInternships.length) stages.add('started_internship');
  if (startedInternships.some((i) => i.status === 'completed')) stages.add('completed_internship');
  if (placements.length) stages.add('placed');
  return {
    stages,
    firstInternship: firstDate(startedInternships.map((i) => i.startOn)),
    firstPlacement: firstDate(placements.map((p) => p.startOn)),
    startedInternships,
    placements,
  };
}

/** A count in the disclosure tree: hidden when small, under a hidden parent, or a small step from a shown ancestor. */
class CountTree {
  private shown = new Map<string, { value: number; parent: string | null }>();
  private hidden = new Set<string>();
  constructor(private readonly threshold: number) {}

  add(id: string, value: number, parent: string | null): Cell {
    const ancestors: number[] = [];
    let hide = isSmallCount(value, this.threshold, 'hidden');
    for (let at = parent; at !== null;) {
      if (this.hidden.has(at)) {
        hide = true;
        break;
      }
      const node = this.shown.get(at)!;
      ancestors.push(node.value);
      at = node.parent;
    }
    if (ancestors.some((a) => a - value > 0 && a - value < this.threshold)) hide = true;
    if (hide) {
      this.hidden.add(id);
      return { suppressed: true };
    }
    this.shown.set(id, { value, parent });
    return { value };
  }
}

const valueOf = (c: Cell) => ('value' in c ? c.value : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The labour statistics of a set of persons (one entry per person: callers count persons first).
 * @example labourStatistics(persons, { threshold: 5, asOf: '2026-12-01' }).stages[5] // { stage: 'placed', persons: { value: 12 } }
 */
export function labourStatistics(persons: readonly LabourPerson[], options: LabourOptions): LabourStatistics {
  const { threshold, asOf } = options;
  const tree = new CountTree(threshold);
  const people = persons.map((p) => ({ person: p, ...personStages(p, asOf) }));
  const count = (stage: LabourStage) => people.filter((p) => p.stages.has(stage)).length;

  const base = tree.add('persons', people.length, null);
  const parents: Record<LabourStage, string> = {
    entered_guidance: 'persons',
    started_training: 'persons',
    completed_training: 'started_training',
    started_internship: 'persons',
    completed_internship: 'started_internship',
    placed: 'persons',
  };
  const stages = LABOUR_STAGES.map((stage) => ({ stage, persons: tree.add(stage, count(stage), parents[stage]) }));

  // Retention: the 12-month denominator is within the 6-month one (12 months reached implies 6, and a status known at both).
  const placed = people.filter((p) => p.firstPlacement !== undefined);
  let parent = 'placed';
  let within = placed;
  const retention = RETENTION_MONTHS.map((months) => {
    const due = within.filter((p) => addMonths(p.firstPlacement!, months) <= asOf);
    const known = due.filter((p) => workStatusOn(p.person.records, addMonths(p.firstPlacement!, months)) !== 'unknown');
    const inWork = known.filter(
      (p) => workStatusOn(p.person.records, addMonths(p.firstPlacement!, months)) === 'in_work',
    ).length;
    const denominator = tree.add(`known_${months}`, known.length, parent);
    const shownInWork = tree.add(`in_work_${months}`, inWork, `known_${months}`);
    const share =
      'value' in denominator && 'value' in shownInWork
        ? suppressedShare(inWork, known.length, threshold)
        : ({ suppressed: true } as const);
    parent = `known_${months}`;
    within = known;
    return { months, persons: denominator, inWork: shownInWork, share };
  });

  const quartilesOf = (days: number[], cell: Cell) => {
    if (!('value' in cell)) return { suppressed: true as const };
    const sorted = [...days].sort((a, b) => a - b);
    return {
      q1: quantileSorted(sorted, 0.25),
      median: quantileSorted(sorted, 0.5),
      q3: quantileSorted(sorted, 0.75),
    };
  };
  const internshipDays = people
    .filter((p) => p.firstInternship)
    .map((p) => daysBetween(p.person.intakeDate, p.firstInternship!));
  const placementDays = placed.map((p) => daysBetween(p.person.intakeDate, p.firstPlacement!));
  const cellOf = (stage: LabourStage) => stages.find((s) => s.stage === stage)!.persons;
  const timeFromIntake = [
    {
      to: 'first_internship' as const,
      persons: cellOf('started_internship'),
      quartiles: quartilesOf(internshipDays, cellOf('started_internship')),
    },
    { to: 'placement' as const, persons: cellOf('placed'), quartiles: quartilesOf(placementDays, cellOf('placed')) },
  ];

  const employers = new Map<string, Set<string>>();
  for (const p of people)
    for (const id of [
      ...p.startedInternships.map((i) => i.employerId),
      ...p.placements.flatMap((x) => (x.employerId ? [x.employerId] : [])),
    ]) {
      const territory = options.employerTerritory?.get(id) ?? 'unknown';
      employers.set(territory, (employers.get(territory) ?? new Set()).add(id));
    }
  const employersByTerritory = [...employers.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([territory, ids]) => ({ territory, employers: tree.add(`employers:${territory}`, ids.size, null) }));

  const costed = people
    .map((p) => p.startedInternships.filter((i) => i.costToOrganisation !== undefined))
    .filter((list) => list.length > 0);
  const costPersons = tree.add('cost_persons', costed.length, 'started_internship');
  const costs = costed.flat().map((i) => i.costToOrganisation!);
  const total = round2(costs.reduce((a, b) => a + b, 0));
  const internshipCost =
    valueOf(costPersons) === null
      ? { persons: costPersons, internships: null, total: null, perInternship: null }
      : { persons: costPersons, internships: costs.length, total, perInternship: round2(total / costs.length) };

  return { threshold, asOf, persons: base, stages, retention, timeFromIntake, employersByTerritory, internshipCost };
}

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, addMonths } from '../cases/dates';
import { continuum } from '../outcomes/continuum';
import { DEFAULT_OUTCOME_MODEL } from '../outcomes/model';
import { flagsFor } from '../outcomes/continuum';
import { economicFacts, EMPTY_LABOUR_RECORDS, mergeLabourRecords, type LabourRecords } from '../outcomes/economic';
import { countPersons } from './persons';
import { labourStatistics, workStatusOn, type LabourPerson, type LabourStatistics } from './labour';
import type { Cell } from '../outcomes/cohort';

const ASOF = '2026-12-01';
const granted = [{ purpose: 'anonymous_statistics', action: 'granted' as const, at: '2025-01-01T00:00:00Z' }];

const placedPerson = (start: string, extra: Partial<LabourRecords> = {}): LabourPerson => ({
  intakeDate: '2025-01-01',
  records: {
    ...EMPTY_LABOUR_RECORDS,
    guidance: [{ date: '2025-01-10', attended: true }],
    placements: [{ id: `p-${start}-${Math.random()}`, startOn: start }],
    ...extra,
  },
});

const value = (c: Cell) => ('value' in c ? c.value : null);
const stage = (s: LabourStatistics, name: string) => value(s.stages.find((x) => x.stage === name)!.persons);

describe('labour statistics count persons', () => {
  test('two cases of one person count once', () => {
    const cases = Array.from({ length: 6 }, (_, i) => [
      { keys: [`np:${i}`], consents: granted, data: placedPerson('2025-03-01').records },
      { keys: [`np:${i}`], consents: [], data: placedPerson('2025-06-01').records },
    ]).flat();
    const persons = countPersons(cases, (parts) => mergeLabourRecords(parts)).persons;
    expect(persons).toHaveLength(6);
    const stats = labourStatistics(
      persons.map((p) => ({ intakeDate: '2025-01-01', records: p.data })),
      { threshold: 5, asOf: ASOF },
    );
    expect(value(stats.persons)).toBe(6);
    expect(stage(stats, 'placed')).toBe(6);
    expect(stage(stats, 'entered_guidance')).toBe(6);
  });

  test('a person without statistics consent is not counted', () => {
    const parts = [
      { keys: ['np:a'], consents: granted, data: EMPTY_LABOUR_RECORDS },
      { keys: ['np:b'], consents: [], data: EMPTY_LABOUR_RECORDS },
    ];
    expect(countPersons(parts, (d) => mergeLabourRecords(d)).persons.map((p) => p.personId)).toEqual(['np:a']);
  });
});

describe('still in work at 6 and 12 months', () => {
  test('a person whose 6 months are not reached is not in the denominator', () => {
    const old = Array.from({ length: 5 }, () => placedPerson('2025-01-15'));
    const recent = [1, 2, 3].map((m) => placedPerson(addMonths(ASOF, -m)));
    const stats = labourStatistics([...old, ...recent], { threshold: 2, asOf: ASOF });
    expect(stage(stats, 'placed')).toBe(8);
    // Open placements without a follow-up after the horizon: not known, so not in the denominator either.
    expect(value(stats.retention[0].persons)).toBeNull();
    const followed = [...old, ...recent].map((p) => ({
      ...p,
      records: {
        ...p.records,
        followUps: [{ placementId: p.records.placements[0].id, date: ASOF, stillInWork: 'yes' as const }],
      },
    }));
    const again = labourStatistics(followed, { threshold: 2, asOf: ASOF });
    expect(value(again.retention[0].persons)).toBe(5);
    expect(value(again.retention[0].inWork)).toBe(5);
    expect(value(again.retention[1].persons)).toBe(5);
    // One person not yet at 6 months would be the difference of two shown counts: the denominator is hidden.
    const one = labourStatistics(followed.slice(0, 6), { threshold: 2, asOf: ASOF });
    expect(one.retention[0].persons).toEqual({ suppressed: true });
  });

  test('end dates and follow-ups decide, the end date first', () => {
    const r: LabourRecords = {
      ...EMPTY_LABOUR_RECORDS,
      placements: [{ id: 'p', startOn: '2026-01-01', endedOn: '2026-05-01' }],
      followUps: [{ placementId: 'p', date: '2026-08-01', stillInWork: 'yes' }],
    };
    expect(workStatusOn(r, '2026-07-01')).toBe('not_in_work');
    const open = { ...r, placements: [{ id: 'p', startOn: '2026-01-01' }] };
    expect(workStatusOn(open, '2026-07-01')).toBe('in_work');
    expect(workStatusOn({ ...open, followUps: [] }, '2026-07-01')).toBe('unknown');
    expect(
      workStatusOn({ ...open, followUps: [{ placementId: 'p', date: '2026-03-01', stillInWork: 'no' }] }, '2026-07-01'),
    ).toBe('not_in_work');
  });
});

describe('quartiles of time from intake', () => {
  test('days from intake to placement through the one shared quantile function', () => {
    const persons = [10, 20, 30, 40, 50].map((d) => placedPerson(addDays('2025-01-01', d)));
    const stats = labourStatistics(persons, { threshold: 5, asOf: ASOF });
    expect(stats.timeFromIntake[1]).toEqual({
      to: 'placement',
      persons: { value: 5 },
      quartiles: { q1: 20, median: 30, q3: 40 },
    });
    expect(stats.timeFromIntake[0].quartiles).toEqual({ suppressed: true });
  });
});

// Arbitrary persons with any mix of labour records.
const dateArb = fc.integer({ min: 0, max: 700 }).map((d) => addDays('2025-01-01', d));
const personArb: fc.Arbitrary<LabourPerson> = fc
  .record({
    guidance: fc.array(fc.record({ date: dateArb, attended: fc.boolean() }), { maxLength: 2 }),
    trainings: fc.array(
      fc.record({ startOn: dateArb, status: fc.constantFrom('enrolled', 'attending', 'completed', 'left' as const) }),
      { maxLength: 2 },
    ),
    internships: fc.array(
      fc.record({
        employerId: fc.constantFrom('e1', 'e2', 'e3'),
        startOn: dateArb,
        endOn: dateArb,
        status: fc.constantFrom('planned', 'ongoing', 'completed', 'ended_early' as const),
        costToOrganisation: fc.integer({ min: 0, max: 5000 }),
      }),
      { maxLength: 2 },
    ),
    placements: fc.array(
      fc.record({ id: fc.uuid(), startOn: dateArb, endedOn: fc.option(dateArb, { nil: undefined }) }),
      { maxLength: 2 },
    ),
    yes: fc.boolean(),
  })
  .map(({ yes, placements, ...r }) => ({
    intakeDate: '2025-01-01',
    records: {
      ...r,
      placements: placements.map((p) => (p.endedOn ? p : { id: p.id, startOn: p.startOn })),
      followUps: placements.map((p) => ({ placementId: p.id, date: ASOF, stillInWork: yes ? 'yes' : 'no' }) as const),
    },
  }));

/** Every shown count with the counts it is part of. */
function shownPairs(s: LabourStatistics): { part: number | null; whole: number | null }[] {
  const st = (n: string) => s.stages.find((x) => x.stage === n)!.persons;
  return [
    ...s.stages.map((x) => ({ part: value(x.persons), whole: value(s.persons) })),
    { part: stage(s, 'completed_training'), whole: stage(s, 'started_training') },
    { part: stage(s, 'completed_internship'), whole: stage(s, 'started_internship') },
    { part: value(s.retention[0].persons), whole: value(st('placed')) },
    { part: value(s.retention[1].persons), whole: value(s.retention[0].persons) },
    { part: value(s.retention[1].persons), whole: value(st('placed')) },
    ...s.retention.map((r) => ({ part: value(r.inWork), whole: value(r.persons) })),
    { part: value(s.internshipCost.persons), whole: stage(s, 'started_internship') },
  ];
}

describe('suppression never leaks', () => {
  test('no shown count is below the floor, and no shown total minus a shown part is a small group', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 40 }), fc.integer({ min: 2, max: 8 }), (persons, threshold) => {
        const s = labourStatistics(persons, { threshold, asOf: ASOF });
        const cells: Cell[] = [
          s.persons,
          ...s.stages.map((x) => x.persons),
          ...s.retention.flatMap((r) => [r.persons, r.inWork]),
          ...s.employersByTerritory.map((e) => e.employers),
          s.internshipCost.persons,
        ];
        for (const c of cells) if ('value' in c) expect(c.value).toBeGreaterThanOrEqual(threshold);
        for (const { part, whole } of shownPairs(s)) {
          if (part === null || whole === null) continue;
          const rest = whole - part;
          expect(rest === 0 || rest >= threshold).toBe(true);
        }
        // A quartile, a share or a cost is never shown for a hidden group.
        for (const t of s.timeFromIntake)
          if (!('value' in t.persons)) expect(t.quartiles).toEqual({ suppressed: true });
        for (const r of s.retention) if (!('value' in r.inWork)) expect(r.share).toEqual({ suppressed: true });
        if (!('value' in s.internshipCost.persons)) expect(s.internshipCost.total).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  test('a hidden parent hides its parts, so a small group is never shown under it', () => {
    const few = [placedPerson('2025-02-01'), placedPerson('2025-02-01')];
    const s = labourStatistics(few, { threshold: 5, asOf: ASOF });
    expect(s.persons).toEqual({ suppressed: true });
    expect(s.stages.every((x) => 'suppressed' in x.persons)).toBe(true);
    expect(s.timeFromIntake.every((t) => 'suppressed' in t.quartiles)).toBe(true);
  });
});

describe('outcome facts are facts, never a score', () => {
  const assessment = (id: string, date: string, score: number) => ({
    id,
    caseId: 'c',
    date,
    assessorId: 'u',
    version: 1,
    scores: DEFAULT_OUTCOME_MODEL.elements
      .filter((e) => e.dimension === 'economic')
      .map((e) => ({
        element: e.code,
        score,
        source: 'own_view' as const,
      })),
  });

  test('economic facts never change the continuum, and a job that ended is no failure', () => {
    fc.assert(
      fc.property(personArb, (person) => {
        const assessments = [assessment('a', '2025-01-05', 2), assessment('b', '2025-09-01', 3)];
        const before = continuum(DEFAULT_OUTCOME_MODEL, { assessments });
        const facts = economicFacts(person.records, '2025-01-05');
        // The continuum reads assessments only: the facts sit beside it.
        expect(continuum(DEFAULT_OUTCOME_MODEL, { assessments })).toEqual(before);
        expect(facts.every((f) => f.category === 'economic' && f.dimension === 'economic')).toBe(true);
        expect(flagsFor({ events: [] })).toEqual([]);
      }),
      { numRuns: 50 },
    );
    const ended = economicFacts(
      { ...EMPTY_LABOUR_RECORDS, placements: [{ id: 'p', startOn: '2025-03-01', endedOn: '2025-06-01' }] },
      '2025-01-05',
    );
    expect(ended.map((f) => [f.kind, f.daysSinceBaseline])).toEqual([
      ['job_started', 55],
      ['job_ended', 147],
    ]);
    expect(ended.some((f) => String(f.category) === 'hard_failure')).toBe(false);
  });
});

import { describe, expect, test } from 'vitest';
import { dueAssessments } from '../outcomes';
import { bucketOf, followUpAgenda, pageAgenda, type AgendaItem } from './agenda';

const TODAY = '2030-06-15';
const none = { hasBaseline: false, optedOut: false, selfInitiated: false };
const baseline = { ...none, hasBaseline: true };

describe('follow-up on the agenda: nothing to follow up before the baseline', () => {
  const facts = (assessmentDates: string[]) => ({
    caseId: 'c1',
    intakeDate: '2030-06-01',
    assessments: assessmentDates.map((date, i) => ({
      id: `a${i}`,
      caseId: 'c1',
      date,
      assessorId: 'u1',
      version: 1,
      scores: {},
    })),
    events: [],
  });

  test('a new case without its baseline assessment has no "follow-up due", only the baseline', () => {
    const f = facts([]);
    const items = followUpAgenda('c1', f.intakeDate, dueAssessments(f as never, TODAY), none, TODAY);
    expect(items.map((i) => i.kind)).toEqual(['baseline_due']);
    // Due while an assessment still counts as the baseline: until the 3-month slot's window opens.
    expect(items[0]).toMatchObject({ dueDate: '2030-07-17', overdue: false, daysLeft: 32 });
    expect(followUpAgenda('c1', f.intakeDate, [], none, '2030-07-20')[0]).toMatchObject({
      overdue: true,
      daysLeft: -3,
    });
  });

  test('once the baseline exists, the next follow-up appears when it comes within the horizon', () => {
    const f = facts(['2030-06-02']);
    // Three months after intake, the 3-month follow-up is due within the 30-day horizon.
    const later = '2030-08-20';
    const items = followUpAgenda('c1', f.intakeDate, dueAssessments(f as never, later), baseline, later);
    expect(items.map((i) => i.kind)).toEqual(['follow_up_due']);
    expect(items[0]!.dueDate).toBe('2030-09-01');
    // And nothing at all right after the baseline.
    expect(followUpAgenda('c1', f.intakeDate, dueAssessments(f as never, TODAY), baseline, TODAY)).toEqual([]);
  });

  test('two months after intake, between the schedule’s slots, the missing baseline is still asked for', () => {
    const f = facts([]);
    const on = '2030-08-01';
    expect(dueAssessments(f as never, on)).toEqual([]);
    expect(followUpAgenda('c1', f.intakeDate, [], none, on).map((i) => i.kind)).toEqual(['baseline_due']);
  });

  test.each([
    ['she opted out', { ...none, optedOut: true }],
    ['she prefers to get in touch herself', { ...none, selfInitiated: true }],
  ])('no baseline item when %s', (_name, standing) => {
    expect(followUpAgenda('c1', '2030-06-01', [], standing, TODAY)).toEqual([]);
  });
});

describe('agenda paging and buckets', () => {
  const item = (daysLeft: number, i: number): AgendaItem => ({
    caseId: `c${i}`,
    kind: 'review_due',
    dueDate: `2030-07-${String(i + 1).padStart(2, '0')}`,
    overdue: daysLeft < 0,
    daysLeft,
  });
  // 3 overdue, 4 due this week (0..7 days), 5 later.
  const items = [-9, -3, -1, 0, 2, 7, 7, 8, 12, 20, 25, 30].map(item);

  test.each([
    [-1, 'overdue'],
    [0, 'this_week'],
    [7, 'this_week'],
    [8, 'later'],
  ] as const)('%i days left is %s', (daysLeft, bucket) => {
    expect(bucketOf({ daysLeft, overdue: daysLeft < 0 })).toBe(bucket);
  });

  test('pages through all items, upcoming as well as overdue, with counts per bucket', () => {
    const pages = [0, 5, 10].map((offset) => pageAgenda(items, { limit: 5, offset }));
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    for (const p of pages) {
      expect(p.total).toBe(12);
      expect(p.counts).toEqual({ overdue: 3, this_week: 4, later: 5 });
    }
  });

  test('one bucket pages alone; the counts stay over everything', () => {
    const later = pageAgenda(items, { bucket: 'later', limit: 2, offset: 2 });
    expect(later.total).toBe(5);
    expect(later.items.map((i) => i.daysLeft)).toEqual([20, 25]);
    expect(later.counts).toEqual({ overdue: 3, this_week: 4, later: 5 });
    expect(pageAgenda(items).items).toHaveLength(12);
  });
});

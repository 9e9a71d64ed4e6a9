import { describe, expect, test } from 'vitest';
import type { Assessment } from './assessment';
import type { CaseFacts } from './facts';
import {
  dueAssessments,
  followUpFromConsents,
  followUpState,
  scheduleFollowUp,
  scheduledMonths,
  type FollowUpEvent,
} from './schedule';

const intakeDate = '2025-01-15';
const assessed = (date: string, origin: Assessment['origin'] = 'scheduled'): Assessment => ({
  id: date,
  caseId: 'c1',
  date,
  assessorId: 'u',
  version: 1,
  scores: [],
  origin,
});
const facts = (assessments: string[], followUp: FollowUpEvent[] = [], over: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'c1',
  intakeDate,
  assessments: assessments.map((d) => assessed(d)),
  events: [],
  circumstances: [],
  followUp,
  ...over,
});

describe('scheduledMonths', () => {
  test.each([
    [12, [0, 3, 6, 12]],
    [36, [0, 3, 6, 12, 24, 36]],
    [60, [0, 3, 6, 12, 24, 36, 48, 60]],
  ])('until month %i → %o', (until, months) => {
    expect(scheduledMonths(until)).toEqual(months);
  });
});

describe('dueAssessments', () => {
  test('the 3-month assessment is due, then overdue, until done', () => {
    const f = facts(['2025-01-15']);
    expect(dueAssessments(f, '2025-03-20')).toEqual([
      {
        caseId: 'c1',
        dueDate: '2025-04-15',
        overdue: false,
        daysLeft: 26,
        kind: 'scheduled',
        month: 3,
        mode: 'scheduled',
      },
    ]);
    expect(dueAssessments(f, '2025-05-01')[0]).toMatchObject({ dueDate: '2025-04-15', overdue: true });
    expect(dueAssessments(facts(['2025-01-15', '2025-04-20']), '2025-05-01')).toEqual([]);
  });

  test('a missed assessment stops being listed once the next window opens', () => {
    const items = dueAssessments(facts(['2025-01-15']), '2025-06-20');
    expect(items.map((i) => i.month)).toEqual([6]);
  });

  test('stops after the usual 3 years without consent, continues yearly with it', () => {
    const done = ['2025-01-15', '2025-04-15', '2025-07-15', '2026-01-15', '2027-01-15', '2028-01-15'];
    expect(dueAssessments(facts(done), '2029-01-10')).toEqual([]);
    const consented = dueAssessments(facts(done, [{ kind: 'consented', at: '2027-12-01' }]), '2029-01-10');
    expect(consented.map((i) => [i.month, i.dueDate])).toEqual([[48, '2029-01-15']]);
  });

  test('opting out stops the schedule; consenting again resumes it', () => {
    const optedOut = facts(['2025-01-15'], [{ kind: 'opted_out', at: '2025-02-01' }]);
    expect(dueAssessments(optedOut, '2025-04-10')).toEqual([]);
    const back = facts(
      ['2025-01-15'],
      [
        { kind: 'opted_out', at: '2025-02-01' },
        { kind: 'consented', at: '2025-03-01' },
      ],
    );
    expect(dueAssessments(back, '2025-04-10')).toHaveLength(1);
  });

  test('an assessment from self-initiated contact satisfies the next scheduled one within its window', () => {
    const f: CaseFacts = {
      ...facts([]),
      assessments: [assessed('2025-01-15', 'intake'), assessed('2025-03-10', 'self_initiated')],
    };
    expect(dueAssessments(f, '2025-04-10')).toEqual([]);
  });

  test('when she prefers self-initiated contact, due items are never overdue', () => {
    const f = facts(
      ['2025-01-15'],
      [
        { kind: 'preference', at: '2025-01-20', mode: 'self_initiated' },
        { kind: 'self_initiated_contact', at: '2025-02-02' },
      ],
    );
    expect(dueAssessments(f, '2025-05-01')[0]).toMatchObject({ overdue: false, mode: 'self_initiated' });
    expect(followUpState(f.followUp).selfInitiatedContacts).toEqual(['2025-02-02']);
  });

  test('ad-hoc follow-ups appear until an assessment satisfies them', () => {
    const f = facts(['2025-01-15', '2025-04-15'], [], {
      scheduledFollowUps: [{ dueDate: '2025-05-10', scheduledOn: '2025-04-20' }],
    });
    expect(dueAssessments(f, '2025-05-01').map((i) => i.kind)).toEqual(['ad_hoc']);
    const met = { ...f, assessments: [...f.assessments, assessed('2025-05-08')] };
    expect(dueAssessments(met, '2025-05-12')).toEqual([]);
  });
});

describe('scheduleFollowUp', () => {
  test.each([
    ['opted out', [{ kind: 'opted_out', at: '2025-02-01' }], '2025-06-01', 'follow_up_opted_out'],
    ['beyond 3 years without consent', [], '2028-06-01', 'follow_up_consent_required'],
  ] as const)('refuses when %s', (_, events, due, code) => {
    expect(() => scheduleFollowUp(facts([], [...events]), due, '2025-03-01')).toThrow(
      expect.objectContaining({ code }),
    );
  });

  test('accepts beyond 3 years with consent', () => {
    expect(scheduleFollowUp(facts([], [{ kind: 'consented', at: '2025-02-01' }]), '2028-06-01', '2025-03-01')).toEqual({
      caseId: 'c1',
      dueDate: '2028-06-01',
      scheduledOn: '2025-03-01',
    });
  });
});

describe('followUpFromConsents', () => {
  const consent = (action: 'granted' | 'withdrawn', at: string, purpose = 'follow_up_contact') => ({
    purpose,
    action,
    at,
  });

  test('her consent to follow-up contact is her follow-up choice; other purposes are not', () => {
    expect(
      followUpFromConsents([
        consent('granted', '2030-01-02T10:00:00.000Z'),
        consent('withdrawn', '2030-01-03T10:00:00.000Z', 'research'),
        consent('withdrawn', '2030-02-01T10:00:00.000Z'),
      ]),
    ).toEqual([
      { kind: 'consented', at: '2030-01-02T10:00:00.000Z' },
      { kind: 'opted_out', at: '2030-02-01T10:00:00.000Z' },
    ]);
  });

  test('with the choices recorded with her outcomes, the later of the two wins', () => {
    const outcomes: FollowUpEvent[] = [{ kind: 'opted_out', at: '2030-03-01' }];
    const regranted = followUpFromConsents([consent('granted', '2030-04-01T09:00:00.000Z')]);
    expect(followUpState([...outcomes, ...regranted])).toMatchObject({ optedOut: false, consented: true });
    const withdrawn = followUpFromConsents([consent('withdrawn', '2030-02-01T09:00:00.000Z')]);
    expect(followUpState([{ kind: 'consented', at: '2030-03-01' }, ...withdrawn])).toMatchObject({ optedOut: false });
    expect(followUpState([{ kind: 'consented', at: '2030-01-01' }, ...withdrawn])).toMatchObject({ optedOut: true });
  });
});

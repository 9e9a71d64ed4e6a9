import { describe, expect, test } from 'vitest';
import { activeOn, successWithheldOn, type Circumstance } from './circumstances';
import { LOCALES } from './model';
import {
  MILESTONE_LABELS,
  TYPICAL_MONTHS,
  categoryOf,
  chartMarkers,
  daysToMilestone,
  recordEvent,
  type CaseEvent,
} from './milestones';

const intakeDate = '2025-01-01';

describe('milestones', () => {
  test.each([
    ['thinking_about_future', 'turning_point'],
    ['decision_to_leave_shelter', 'turning_point'],
    ['shelter_exit', 'event'],
    ['permit', 'event'],
    ['return_to_exploitation', 'hard_failure'],
    ['re_trafficking', 'hard_failure'],
  ] as const)('%s is a %s', (kind, category) => {
    expect(categoryOf(kind)).toBe(category);
    for (const l of LOCALES) expect(MILESTONE_LABELS[kind][l].length).toBeGreaterThan(0);
  });

  test('thinking about the future typically comes at about 3 months', () => {
    expect(TYPICAL_MONTHS.thinking_about_future).toBe(3);
  });

  test.each([
    [{ kind: 'job', date: '2024-12-31' }, 'event_before_intake'],
    [{ kind: 'return_to_exploitation', date: '2025-06-01' }, 'stated_reasons_required'],
  ] as const)('refuses %o', (event, code) => {
    expect(() => recordEvent(event as CaseEvent, { intakeDate })).toThrow(expect.objectContaining({ code }));
  });

  test('a hard failure may record that she gave no reasons (null)', () => {
    const event: CaseEvent = { kind: 'violence', date: '2025-06-01', statedReasons: null };
    expect(recordEvent(event, { intakeDate })).toBe(event);
  });

  test('chart markers are in date order; days to a milestone count from intake', () => {
    const events: CaseEvent[] = [
      { kind: 'job', date: '2025-09-01' },
      { kind: 'thinking_about_future', date: '2025-04-01' },
      { kind: 'thinking_about_future', date: '2025-05-01' },
    ];
    expect(chartMarkers(events).map((m) => [m.kind, m.category])).toEqual([
      ['thinking_about_future', 'turning_point'],
      ['thinking_about_future', 'turning_point'],
      ['job', 'event'],
    ]);
    expect(daysToMilestone(intakeDate, events, 'thinking_about_future')).toBe(90);
    expect(daysToMilestone(intakeDate, events, 'permit')).toBeNull();
  });
});

describe('circumstances', () => {
  const list: Circumstance[] = [
    { kind: 'unemployment', from: '2025-01-01', to: '2025-03-31' },
    { kind: 'drug_addiction', from: '2025-02-01' },
  ];
  test.each([
    ['2025-01-15', ['unemployment'], []],
    ['2025-03-31', ['unemployment', 'drug_addiction'], ['drug_addiction']],
    ['2025-04-01', ['drug_addiction'], ['drug_addiction']],
  ])('on %s', (date, active, withheld) => {
    expect(activeOn(list, date).map((c) => c.kind)).toEqual(active);
    expect(successWithheldOn(list, date)).toEqual(withheld);
  });
});

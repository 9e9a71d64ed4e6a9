import { describe, expect, test } from 'vitest';
import { agendaFor } from './agenda';

const consent = { kind: 'consent', data: { purpose: 'assistance', action: 'granted' } };

describe('agenda: consents to record on a transferred case', () => {
  test.each([
    [
      'a transferred case without any consent yet',
      { consentsAskedFrom: '2030-01-10', entries: [] },
      ['consents_to_record'],
    ],
    ['a transferred case once a consent is recorded', { consentsAskedFrom: '2030-01-10', entries: [consent] }, []],
    ['a case opened here (never transferred)', { entries: [] }, []],
  ])('%s', (_name, source, kinds) => {
    const items = agendaFor([{ caseId: 'c1', ...source }], '2030-01-12');
    expect(items.map((i) => i.kind)).toEqual(kinds);
    if (kinds.length) expect(items[0]).toMatchObject({ dueDate: '2030-01-10', overdue: true, daysLeft: -2 });
  });
});

describe('agenda: the legal track steps (src/domain/legal-tracks)', () => {
  const legal = (id: string, data: Record<string, unknown>) => ({ id, kind: 'legal_event', data });

  test('a programme end and its extension decision come from the recorded step (IT Art. 13, 004:467)', () => {
    const items = agendaFor(
      [
        {
          caseId: 'c1',
          entries: [
            legal('e1', {
              type: 'programme_start',
              date: '2030-01-01',
              endDate: '2030-04-01',
              extensionDecisionBy: '2030-03-18',
            }),
          ],
        },
      ],
      '2030-03-10',
    );
    expect(items.map((i) => [i.kind, i.dueDate])).toEqual([
      ['extension_decision_due', '2030-03-18'],
      ['step_ending', '2030-04-01'],
    ]);
  });

  test('an extension replaces the end and the decision of the step it extends', () => {
    const entries = [
      legal('e1', {
        type: 'programme_start',
        date: '2030-01-01',
        endDate: '2030-04-01',
        extensionDecisionBy: '2030-03-18',
      }),
      legal('e2', { type: 'extension', date: '2030-03-15', extends: 'e1', endDate: '2030-07-01' }),
    ];
    expect(agendaFor([{ caseId: 'c1', entries }], '2030-06-10').map((i) => [i.kind, i.dueDate])).toEqual([
      ['step_ending', '2030-07-01'],
    ]);
  });

  test("an administrator's country: a tolerated stay and a reflection period read the same way", () => {
    const entries = [
      legal('e1', { type: 'tolerated_stay', date: '2030-01-01', endDate: '2030-01-31' }),
      legal('e2', { type: 'reflection_period', date: '2030-01-01', endDate: '2030-01-30', track: 'BE' }),
    ];
    expect(agendaFor([{ caseId: 'c1', entries }], '2030-01-20').map((i) => i.kind)).toEqual([
      'reflection_ending',
      'step_ending',
    ]);
  });
});

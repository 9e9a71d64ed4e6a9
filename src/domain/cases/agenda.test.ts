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

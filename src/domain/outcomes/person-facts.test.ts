import { describe, expect, test } from 'vitest';
import type { CaseFacts } from './facts';
import { earliestHistory, mergeCaseFacts } from './person-facts';

const facts = (caseId: string, intakeDate: string, events: CaseFacts['events']): CaseFacts => ({
  caseId,
  intakeDate,
  assessments: [],
  events,
  circumstances: [],
});

describe('one person, several cases', () => {
  const first = facts('a', '2021-03-01', [{ kind: 'job', date: '2021-06-01' }]);
  const second = facts('b', '2022-05-01', [{ kind: 'permit', date: '2022-07-01' }]);

  test('her cases in one organisation are one history from her earliest intake, whatever the order', () => {
    for (const merged of [mergeCaseFacts([first, second]), mergeCaseFacts([second, first])]) {
      expect(merged).toMatchObject({ caseId: 'a', intakeDate: '2021-03-01' });
      expect(merged.events.map((e) => e.kind).sort()).toEqual(['job', 'permit']);
    }
    expect(mergeCaseFacts([second])).toBe(second);
  });

  test('across organisations her history from the earliest intake is kept whole', () => {
    expect(earliestHistory([second, first])).toBe(first);
  });
});

import { describe, expect, test } from 'vitest';
import type { ConsentEvent } from './consent';
import { latestStatisticsDecision, mayBeCountedInStatistics } from './statistics-consent';

const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString();
const stats = (action: ConsentEvent['action'], n: number): ConsentEvent => ({
  purpose: 'anonymous_statistics',
  action,
  at: day(n),
});

describe('mayBeCountedInStatistics', () => {
  test.each([
    ['never asked', [], false],
    ['granted', [stats('granted', 1)], true],
    ['granted, then withdrawn', [stats('granted', 1), stats('withdrawn', 2)], false],
    ['withdrawn, then granted again', [stats('granted', 1), stats('withdrawn', 2), stats('granted', 3)], true],
    ['records out of order: the later withdrawal still wins', [stats('withdrawn', 2), stats('granted', 1)], false],
    ['grant and withdrawal at the same instant: withdrawal wins', [stats('granted', 2), stats('withdrawn', 2)], false],
    ['same instant, other order', [stats('withdrawn', 2), stats('granted', 2)], false],
    [
      'other purposes do not count',
      [
        { purpose: 'network_deduplication', action: 'granted', at: day(1) },
        { purpose: 'assistance', action: 'granted', at: day(1) },
      ],
      false,
    ],
    [
      'a withdrawal of another purpose does not remove her',
      [stats('granted', 1), { purpose: 'network_deduplication', action: 'withdrawn', at: day(2) }],
      true,
    ],
  ] as [string, ConsentEvent[], boolean][])('%s', (_name, events, expected) => {
    expect(mayBeCountedInStatistics(events)).toBe(expected);
  });

  test('judged per person: events of all her cases together (a later withdrawal on one case wins over a grant on another)', () => {
    const caseA = [stats('granted', 1)];
    const caseB = [stats('granted', 3), stats('withdrawn', 5)];
    expect(mayBeCountedInStatistics(caseA)).toBe(true);
    expect(mayBeCountedInStatistics([...caseA, ...caseB])).toBe(false);
    expect(latestStatisticsDecision([...caseB, ...caseA])).toEqual(stats('withdrawn', 5));
  });
});

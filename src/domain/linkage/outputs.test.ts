import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PersonCluster } from './cluster';
import { captureHistories, dedupedPersonCount, possibleDuplicatesFor } from './outputs';

const cluster = (personId: string, ...refs: string[]): PersonCluster => ({
  personId,
  members: refs.map((r) => ({ orgId: r.split('/')[0], recordId: r.split('/')[1] })),
});
const clusters = [
  cluster('p1', 'a/1', 'b/7', 'c/3'),
  cluster('p2', 'a/2'),
  cluster('p3', 'b/8', 'c/4'),
  cluster('p4', 'a/5', 'c/9'),
  cluster('p5', 'a/6'),
  cluster('p6', 'd/1'),
];

describe('outputs', () => {
  test('one person per cluster', () => {
    expect(dedupedPersonCount(clusters)).toBe(6);
    expect(dedupedPersonCount([])).toBe(0);
  });

  test('capture histories count each observed combination, all-zero row omitted', () => {
    expect(captureHistories(clusters, ['a', 'b', 'c'])).toEqual({
      lists: ['a', 'b', 'c'],
      rows: [
        { lists: [1, 1, 1], count: 1 },
        { lists: [1, 0, 1], count: 1 },
        { lists: [1, 0, 0], count: 2 },
        { lists: [0, 1, 1], count: 1 },
      ],
    });
  });

  test('capture histories over a subset of lists collapse the others', () => {
    const table = captureHistories(clusters, ['b', 'c']);
    expect(table.rows).toEqual([
      { lists: [1, 1], count: 2 },
      { lists: [0, 1], count: 1 },
    ]);
    expect(table.rows.reduce((s, r) => s + r.count, 0)).toBe(3);
  });

  test('counts add up to the clusters touching the lists, and rows are distinct and non-zero', () => {
    const clusterArb = fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(clusterArb, (orgSets) => {
        const cs = orgSets.map((orgs, i) => cluster(`p${i}`, ...orgs.map((o) => `${o}/${i}`)));
        const table = captureHistories(cs, ['a', 'b', 'c']);
        const touching = orgSets.filter((orgs) => orgs.some((o) => o !== 'd')).length;
        expect(table.rows.reduce((s, r) => s + r.count, 0)).toBe(touching);
        expect(new Set(table.rows.map((r) => r.lists.join(''))).size).toBe(table.rows.length);
        expect(table.rows.every((r) => r.lists.includes(1) && r.count > 0)).toBe(true);
      }),
    );
  });

  test('repeated list names are refused', () => {
    expect(() => captureHistories(clusters, ['a', 'a'])).toThrow(RangeError);
  });

  test.each([
    [
      'a',
      [
        { recordId: '1', otherOrgs: ['b', 'c'] },
        { recordId: '2', otherOrgs: [] },
        { recordId: '5', otherOrgs: ['c'] },
        { recordId: '6', otherOrgs: [] },
      ],
    ],
    [
      'c',
      [
        { recordId: '3', otherOrgs: ['a', 'b'] },
        { recordId: '4', otherOrgs: ['b'] },
        { recordId: '9', otherOrgs: ['a'] },
      ],
    ],
    ['z', []],
  ])('possible duplicates for %s name other organisations only', (orgId, expected) => {
    expect(possibleDuplicatesFor(orgId, clusters)).toEqual(expected);
  });
});

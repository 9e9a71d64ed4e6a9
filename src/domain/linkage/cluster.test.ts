import { describe, expect, test } from 'vitest';
import { bestMatchLinks, clusterRecords, connectedComponents, personIdOf, type RecordRef } from './cluster';

const refs: RecordRef[] = [
  { orgId: 'a', recordId: 'a1' }, // 0
  { orgId: 'b', recordId: 'b1' }, // 1
  { orgId: 'b', recordId: 'b2' }, // 2
  { orgId: 'c', recordId: 'c1' }, // 3
  { orgId: 'a', recordId: 'a2' }, // 4
];
const sourceOf = Int32Array.from([0, 1, 1, 2, 0]);
const members = (clusters: ReturnType<typeof clusterRecords>) =>
  clusters.map((c) => c.members.map((m) => m.recordId).sort()).sort();

describe('best-match constraint', () => {
  test('a record keeps only its best link to each other source', () => {
    const kept = bestMatchLinks(
      [
        { a: 0, b: 1, score: 0.9 },
        { a: 0, b: 2, score: 0.95 },
        { a: 0, b: 3, score: 0.8 },
      ],
      sourceOf,
    );
    expect(kept.map((p) => [p.a, p.b])).toEqual([
      [0, 2],
      [0, 3],
    ]);
  });

  test('a taken record is not linked again from the same source', () => {
    const kept = bestMatchLinks(
      [
        { a: 0, b: 1, score: 0.9 },
        { a: 1, b: 4, score: 0.85 },
      ],
      sourceOf,
    );
    expect(kept).toHaveLength(1);
  });
});

describe('clustering', () => {
  test.each([
    ['no matches: every record is its own person', [], [['a1'], ['a2'], ['b1'], ['b2'], ['c1']]],
    [
      'a chain across three sources is one person',
      [
        { a: 0, b: 1, score: 0.9 },
        { a: 1, b: 3, score: 0.9 },
      ],
      [['a1', 'b1', 'c1'], ['a2'], ['b2']],
    ],
    [
      'competing matches keep the best',
      [
        { a: 0, b: 1, score: 0.8 },
        { a: 0, b: 2, score: 0.9 },
        { a: 4, b: 1, score: 0.85 },
      ],
      [['a1', 'b2'], ['a2', 'b1'], ['c1']],
    ],
  ])('%s', (_, matches, expected) => {
    expect(members(clusterRecords(refs, sourceOf, matches))).toEqual(expected);
  });

  test('person ids are stable and independent of member order', () => {
    const one = connectedComponents(refs, [{ a: 0, b: 1, score: 1 }]);
    const two = connectedComponents(refs, [{ a: 1, b: 0, score: 1 }]);
    expect(one.map((c) => c.personId).sort()).toEqual(two.map((c) => c.personId).sort());
    expect(personIdOf([refs[0], refs[1]])).toBe(personIdOf([refs[1], refs[0]]));
    expect(personIdOf([refs[0]])).not.toBe(personIdOf([refs[1]]));
  });
});

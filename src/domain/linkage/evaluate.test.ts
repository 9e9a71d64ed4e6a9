import { describe, expect, test } from 'vitest';
import { clusterQuality, pairwiseQuality, truthOf } from './evaluate';

const records = [
  { orgId: 'a', recordId: '1', truthPersonId: 'P' },
  { orgId: 'b', recordId: '1', truthPersonId: 'P' },
  { orgId: 'c', recordId: '1', truthPersonId: 'P' },
  { orgId: 'a', recordId: '2', truthPersonId: 'Q' },
  { orgId: 'b', recordId: '2', truthPersonId: 'R' },
  { orgId: 'a', recordId: '3', truthPersonId: 'R' },
  { orgId: 'a', recordId: '4', truthPersonId: 'R' },
];
const truth = truthOf(records);
const ref = (s: string) => ({ orgId: s[0], recordId: s[1] });
const pair = (a: string, b: string, score: number) => ({ a: ref(a), b: ref(b), score });

describe('evaluation', () => {
  test('true pairs are cross-organisation pairs of the same person', () => {
    // P: 3 pairs across a, b, c; R: b2 with a3 and a4 (a3–a4 is within one organisation).
    expect(truth.truePairs).toBe(5);
  });

  test.each([
    [0.5, 3, 1, 0.75, 0.6],
    [0.8, 2, 0, 1, 0.4],
    [0.95, 0, 0, 1, 0],
  ])('at threshold %d: tp %i, fp %i, precision %d, recall %d', (threshold, tp, fp, precision, recall) => {
    const pairs = [pair('a1', 'b1', 0.9), pair('b1', 'c1', 0.85), pair('a2', 'b2', 0.6), pair('a3', 'b2', 0.7)];
    const [q] = pairwiseQuality(pairs, truth, [threshold]);
    expect(q).toMatchObject({ truePositives: tp, falsePositives: fp, precision, recall });
    expect(q.f1).toBeCloseTo(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
  });

  test('cluster quality counts every cross-organisation pair inside a cluster', () => {
    const clusters = [
      { personId: 'x', members: [ref('a1'), ref('b1'), ref('c1')] },
      { personId: 'y', members: [ref('a2'), ref('b2'), ref('a3')] },
      { personId: 'z', members: [ref('a4')] },
    ];
    expect(clusterQuality(clusters, truth)).toMatchObject({ truePositives: 4, falsePositives: 1, falseNegatives: 1 });
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bestMatchLinks,
  clusterRecords,
  connectedComponents,
  personIdOf,
  refKey,
  solveClusters,
  type PersonCluster,
  type RecordRef,
} from './cluster';

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

describe('the consistent greedy solver (properties)', () => {
  /** Records over 3–5 organisations, links with random scores, and some reviewer decisions. */
  const world = fc
    .record({
      orgs: fc.integer({ min: 3, max: 5 }),
      sizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 5 }),
    })
    .chain(({ orgs, sizes }) => {
      const refs: RecordRef[] = [];
      const source: number[] = [];
      for (let o = 0; o < orgs; o++)
        for (let r = 0; r < sizes[o]; r++) {
          refs.push({ orgId: `org${o}`, recordId: `r${o}-${r}` });
          source.push(o);
        }
      const n = refs.length;
      const pair = fc
        .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
        .filter(([a, b]) => a !== b && source[a] !== source[b]);
      return fc.record({
        refs: fc.constant(refs),
        sourceOf: fc.constant(Int32Array.from(source)),
        links: fc.array(
          fc.tuple(pair, fc.double({ min: 0, max: 20, noNaN: true })).map(([[a, b], score]) => ({ a, b, score })),
          { maxLength: 40 },
        ),
        confirmed: fc.array(
          pair.map(([a, b]) => ({ a, b })),
          { maxLength: 4 },
        ),
        rejected: fc.array(
          pair.map(([a, b]) => ({ a, b })),
          { maxLength: 4 },
        ),
      });
    });
  const clusterOf = (clusters: PersonCluster[]) => {
    const of = new Map<string, number>();
    clusters.forEach((c, i) => c.members.forEach((m) => of.set(refKey(m), i)));
    return of;
  };

  test('every record is in exactly one cluster; without confirmations, at most one record per organisation', () => {
    fc.assert(
      fc.property(world, ({ refs, sourceOf, links }) => {
        const { clusters } = solveClusters(refs, sourceOf, links);
        expect(clusters.flatMap((c) => c.members.map(refKey)).sort()).toEqual(refs.map(refKey).sort());
        for (const c of clusters) expect(new Set(c.members.map((m) => m.orgId)).size).toBe(c.members.length);
      }),
    );
  });

  test('two records of one organisation share a cluster only through pairs a person confirmed', () => {
    fc.assert(
      fc.property(world, ({ refs, sourceOf, links, confirmed, rejected }) => {
        const { clusters } = solveClusters(refs, sourceOf, links, { confirmed, rejected });
        // Components of the confirmed pairs alone.
        const parent = refs.map((_, i) => i);
        const root = (x: number): number => (parent[x] === x ? x : (parent[x] = root(parent[x])));
        for (const { a, b } of confirmed) parent[root(a)] = root(b);
        const index = new Map(refs.map((r, i) => [refKey(r), i]));
        for (const c of clusters) {
          const ids = c.members.map((m) => index.get(refKey(m))!);
          for (const x of ids)
            for (const y of ids) if (x < y && sourceOf[x] === sourceOf[y]) expect(root(x)).toBe(root(y));
        }
      }),
    );
  });

  test('a rejected pair never shares a cluster, even when a third record links both', () => {
    fc.assert(
      fc.property(world, ({ refs, sourceOf, links, confirmed, rejected }) => {
        const { clusters } = solveClusters(refs, sourceOf, links, { confirmed, rejected });
        const of = clusterOf(clusters);
        for (const { a, b } of rejected) expect(of.get(refKey(refs[a]))).not.toBe(of.get(refKey(refs[b])));
      }),
    );
    // The triangle: a–c and b–c link strongly, a–b was rejected: c joins one of them only.
    const r = [refs[0], refs[1], refs[3]];
    const { clusters, inconsistentLinks } = solveClusters(
      r,
      Int32Array.from([0, 1, 2]),
      [
        { a: 0, b: 2, score: 9 },
        { a: 1, b: 2, score: 8 },
      ],
      { rejected: [{ a: 0, b: 1 }] },
    );
    expect(members(clusters)).toEqual([['a1', 'c1'], ['b1']]);
    expect(inconsistentLinks).toBe(1);
  });

  test('a confirmed match is never silently dropped: linked, or reported as a conflict', () => {
    fc.assert(
      fc.property(world, ({ refs, sourceOf, links, confirmed, rejected }) => {
        const { clusters, conflicts } = solveClusters(refs, sourceOf, links, { confirmed, rejected });
        const of = clusterOf(clusters);
        const reported = new Set(conflicts.map((c) => [refKey(c.a), refKey(c.b)].join('|')));
        for (const { a, b } of confirmed) {
          const together = of.get(refKey(refs[a])) === of.get(refKey(refs[b]));
          expect(together || reported.has([refKey(refs[a]), refKey(refs[b])].join('|'))).toBe(true);
        }
        // With no rejection nothing conflicts: every confirmed pair is linked.
        const free = solveClusters(refs, sourceOf, links, { confirmed });
        expect(free.conflicts).toEqual([]);
        const freeOf = clusterOf(free.clusters);
        for (const { a, b } of confirmed) expect(freeOf.get(refKey(refs[a]))).toBe(freeOf.get(refKey(refs[b])));
      }),
    );
  });

  test('person ids are distinct, and stable across runs: a cluster keeps its id when records join it', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 5 }), ({ refs, sourceOf, links, confirmed }, extra) => {
        const first = solveClusters(refs, sourceOf, links, { confirmed }).clusters;
        expect(new Set(first.map((c) => c.personId)).size).toBe(first.length);
        const previous = new Map(first.flatMap((c) => c.members.map((m) => [refKey(m), c.personId] as const)));
        // The same data again: the same ids.
        const again = solveClusters(refs, sourceOf, links, { confirmed, previous }).clusters;
        expect(new Map(again.map((c) => [c.personId, c.members.map(refKey).sort()]))).toEqual(
          new Map(first.map((c) => [c.personId, c.members.map(refKey).sort()])),
        );
        // New records, each linked weakly to one existing record: clusters they do not join keep their id.
        const more = [...refs];
        const moreSource = [...sourceOf];
        const moreLinks = [...links];
        for (let k = 0; k < extra; k++) {
          more.push({ orgId: `org${k % 3}`, recordId: `new${k}` });
          moreSource.push(k % 3);
          const target = (k * 7) % refs.length;
          if (sourceOf[target] !== k % 3) moreLinks.push({ a: more.length - 1, b: target, score: 0.5 });
        }
        const second = solveClusters(more, Int32Array.from(moreSource), moreLinks, { confirmed, previous }).clusters;
        expect(new Set(second.map((c) => c.personId)).size).toBe(second.length);
        // A cluster whose earlier records are exactly those of a first-run cluster (new records joined or not) keeps its id.
        const old = new Set(refs.map(refKey));
        for (const c of first) {
          const now = second.find((s) => s.members.some((m) => refKey(m) === refKey(c.members[0])))!;
          const earlier = now.members
            .map(refKey)
            .filter((k) => old.has(k))
            .sort();
          if (earlier.join() === c.members.map(refKey).sort().join()) expect(now.personId).toBe(c.personId);
        }
      }),
    );
  });
});

describe('stable ids when a person splits', () => {
  test('an id her records share in equal numbers on both sides stays with the larger part, whatever the record keys', () => {
    // Before: North and South (old) were one person P. Now a new South record, identical to the old
    // one, links more strongly with North and a new East record; the old South record is left alone.
    // One record of P on each side: P stays where the rest of her is, even when the lone record's key
    // sorts first (its organisation's id does here; record ids are random UUIDs in practice).
    for (const lone of ['0-south-old', 'z-south-old']) {
      const people: RecordRef[] = [
        { orgId: 'north', recordId: 'n-old' },
        { orgId: 'a-south', recordId: lone },
        { orgId: 'east', recordId: 'e-new' },
        { orgId: 'a-south', recordId: 'm-south-new' },
      ];
      const sources = Int32Array.from([0, 1, 2, 1]);
      const previous = new Map([
        [refKey(people[0]), 'P'],
        [refKey(people[1]), 'P'],
      ]);
      const links = [
        { a: 0, b: 2, score: 0.99 },
        { a: 0, b: 3, score: 0.95 },
        { a: 2, b: 3, score: 0.95 },
        { a: 0, b: 1, score: 0.9 },
      ];
      const { clusters } = solveClusters(people, sources, links, { previous });
      const her = clusters.find((c) => c.members.some((m) => m.recordId === 'n-old'))!;
      expect(her.members.map((m) => m.recordId).sort(), lone).toEqual(['e-new', 'm-south-new', 'n-old']);
      expect(her.personId, lone).toBe('P');
      expect(clusters.find((c) => c.members.some((m) => m.recordId === lone))!.personId).not.toBe('P');
    }
  });
});

describe('stable persons when records tie', () => {
  test("among links of equal score, the previous run's link is kept, whatever the record order", () => {
    // North and South (old) were person P; a new South record identical to the old one, and a new
    // East record, all score alike. Her old pair stays together, in every order of the records.
    const base: RecordRef[] = [
      { orgId: 'north', recordId: 'n-old' },
      { orgId: 'south', recordId: 's-old' },
      { orgId: 'east', recordId: 'e-new' },
      { orgId: 'south', recordId: 's-new' },
    ];
    const previous = new Map([
      [refKey(base[0]), 'P'],
      [refKey(base[1]), 'P'],
    ]);
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 3, 0, 1],
      [3, 2, 0, 1],
    ]) {
      const people = order.map((i) => base[i]);
      const sources = Int32Array.from(people, (r) => ['north', 'south', 'east'].indexOf(r.orgId));
      const links: { a: number; b: number; score: number }[] = [];
      for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) links.push({ a, b, score: 0.9 });
      const { clusters } = solveClusters(people, sources, links, { previous });
      const her = clusters.find((c) => c.members.some((m) => m.recordId === 'n-old'))!;
      expect(her.personId, order.join()).toBe('P');
      expect(
        her.members.map((m) => m.recordId),
        order.join(),
      ).toContain('s-old');
    }
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { blockingBitsFor } from './blocking';
import { refKey, type PersonCluster } from './cluster';
import { createEncoder, type EncodedRecord } from './encode';
import type { FrozenModel } from './frozen';
import {
  blockingKeysOf,
  capReview,
  linkIncremental,
  reviewCapsOf,
  storedBlockingKey,
  type ExistingRecords,
  type ExistingRequest,
} from './incremental';
import { linkNetwork, pairKey, type ReviewDecision } from './pipeline';
import { DEFAULT_SCHEMA } from './schema';
import { generateSynthetic } from './synthetic/generator';

const encoder = createEncoder('incremental-test-secret-4f9a2c7e1b');
// The prefixes of a 10,000-record network: long enough that a changed date breaks every one of a pair's.
const blockingBits = blockingBitsFor(10_000, DEFAULT_SCHEMA.lsh!.bitsPerBand);

/** Keys of two records in common, under a blocking. */
const sharedKeys = (x: EncodedRecord, y: EncodedRecord, blocking: Parameters<typeof blockingKeysOf>[1]) => {
  const keys = new Set(blockingKeysOf(x, blocking));
  return blockingKeysOf(y, blocking).filter((k) => keys.has(k));
};

/**
 * Persons recorded at 'a' with their date of birth and at 'b' without it or with another one: in the
 * CLK the date's bits differ, so the pair shares no band prefix and no day-month key, only a name band.
 */
const nameOnlyPairs: EncodedRecord[][] = (() => {
  const byPerson = new Map<string, ReturnType<typeof generateSynthetic>>();
  for (const r of generateSynthetic({ seed: 21, persons: 60, orgs: ['a', 'b'], presence: 1, profile: 'clean' }))
    byPerson.set(r.truthPersonId, [...(byPerson.get(r.truthPersonId) ?? []), r]);
  return [...byPerson.values()]
    .map((records, p) =>
      records
        .sort((x, y) => (x.orgId < y.orgId ? -1 : 1))
        .map(({ truthPersonId: _truth, ...r }) => {
          const missing = p % 2 ? null : '1901-01-01';
          const dateOfBirth = r.orgId === 'a' ? r.fields.date_of_birth : missing;
          return encoder.encode({ ...r, recordId: `dob-${p}`, fields: { ...r.fields, date_of_birth: dateOfBirth } });
        }),
    )
    .filter(([x, y]) => y && sharedKeys(x, y, { blockingBits }).length === 0)
    .slice(0, 12);
})();

const pool: EncodedRecord[] = generateSynthetic({ seed: 20, persons: 160, orgs: ['a', 'b', 'c'], presence: 0.6 })
  .map(({ truthPersonId: _truth, ...record }) => encoder.encode(record))
  .concat(nameOnlyPairs.flat())
  .sort((x, y) => (refKey(x) < refKey(y) ? -1 : 1));

// The estimated model of a full run over the whole pool, then held fixed: with its name bands' length.
const estimatedModel = linkNetwork(pool, { blockingBits }).frozenModel!;
const diceModel: FrozenModel = {
  method: 'dice',
  match: 0.78,
  review: 0.68,
  blockingBits,
  nameBandBits: estimatedModel.nameBandBits,
};

/** The look-up a database answers, over records already linked, with their earlier persons. */
function memoryLookup(existing: readonly EncodedRecord[], clusters: readonly PersonCluster[]) {
  const personOf = new Map(clusters.flatMap((c) => c.members.map((m) => [refKey(m), c.personId])));
  const byStored = new Map<number, EncodedRecord[]>();
  for (const e of existing)
    for (const k of new Set(blockingKeysOf(e, estimatedModel).map(storedBlockingKey)))
      (byStored.get(k) ?? byStored.set(k, []).get(k)!).push(e);
  const requests: ExistingRequest[] = [];
  const lookup = (request: ExistingRequest): ExistingRecords => {
    requests.push(request);
    const found = new Set<EncodedRecord>();
    const keyCounts = new Map<number, number>();
    const blocks = new Map<number, EncodedRecord[]>();
    for (const k of request.keys) {
      const block = byStored.get(k) ?? [];
      keyCounts.set(k, block.length);
      blocks.set(k, block);
      block.forEach((e) => found.add(e));
    }
    const persons = new Set(request.persons);
    const refs = new Set(request.refs.map(refKey));
    for (const e of existing) if (persons.has(personOf.get(refKey(e))!) || refs.has(refKey(e))) found.add(e);
    return {
      records: [...found].map((encoding) => ({ encoding, personId: personOf.get(refKey(encoding)) ?? null })),
      keyCounts,
      blocks,
    };
  };
  return { lookup, requests };
}

const membership = (clusters: readonly PersonCluster[]) =>
  clusters.map((c) => c.members.map(refKey).sort().join(' ')).sort();

describe('linkIncremental', () => {
  test('the pool holds pairs that only a name band blocks together, and the full run links them', () => {
    expect(estimatedModel.nameBandBits).toBeGreaterThanOrEqual(4);
    expect(nameOnlyPairs.length).toBeGreaterThanOrEqual(6);
    for (const [x, y] of nameOnlyPairs) expect(sharedKeys(x, y, estimatedModel).length).toBeGreaterThan(0);
    const linked = new Set(linkNetwork(pool, { frozenModel: estimatedModel }).matches.map((m) => pairKey(m.a, m.b)));
    expect(nameOnlyPairs.filter(([x, y]) => linked.has(pairKey(x, y))).length).toBeGreaterThanOrEqual(3);
  });

  test.each([
    ['Dice thresholds', diceModel],
    ['estimated weights', estimatedModel],
  ])(
    'solving the reached component gives the clusters of a full run with the same model (%s), old persons keep their ids',
    async (_, model) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
          fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
          fc.array(fc.tuple(fc.nat(pool.length - 1), fc.nat(pool.length - 1), fc.boolean()), { maxLength: 6 }),
          fc.constantFrom(2000, 12),
          async (kept, isNew, pairs, maxBucketSize) => {
            const records = pool.filter((_, i) => kept[i]);
            const fresh = records.filter((_, i) => isNew[i]);
            const existing = records.filter((_, i) => !isNew[i]);
            // Reviewers' decisions on pairs of existing records, and on pairs that involve a new one.
            const decisions: ReviewDecision[] = pairs
              .filter(([x, y]) => x !== y && kept[x] && kept[y] && pool[x].orgId !== pool[y].orgId)
              .map(([x, y, match]) => ({ a: pool[x], b: pool[y], match }))
              .map(({ a, b, match }) => ({
                a: { orgId: a.orgId, recordId: a.recordId },
                b: { orgId: b.orgId, recordId: b.recordId },
                match,
              }));
            const oldDecisions = decisions.filter((d) =>
              [d.a, d.b].every((r) => existing.some((e) => refKey(e) === refKey(r))),
            );
            const before = linkNetwork(existing, { frozenModel: model, decisions: oldDecisions, maxBucketSize });
            const previousPersons = before.clusters.flatMap((c) =>
              c.members.map((m) => ({ ...m, personId: c.personId })),
            );
            const full = linkNetwork(records, { frozenModel: model, decisions, maxBucketSize, previousPersons });

            const { lookup } = memoryLookup(existing, before.clusters);
            const step = await linkIncremental(fresh, lookup, { model, decisions, maxBucketSize, reach: 'component' });
            const reached = new Set(step.clusters.flatMap((c) => c.members.map(refKey)));
            const untouched = before.clusters.filter((c) => !c.members.some((m) => reached.has(refKey(m))));
            const merged = [...untouched, ...step.clusters];

            expect(membership(merged)).toEqual(membership(full.clusters));
            // Stable ids: the persons the new records did not reach keep theirs, and the reached ones get the full run's.
            const idOf = new Map(full.clusters.map((c) => [c.members.map(refKey).sort().join(' '), c.personId]));
            for (const c of merged) expect(c.personId).toBe(idOf.get(c.members.map(refKey).sort().join(' ')));
            expect(step.stats.comparedRecords).toBe(fresh.length);
          },
        ),
        { numRuns: 25 },
      );
    },
    120_000,
  );

  test('the component: compares the new records and the part they reach, not the whole network', async () => {
    const existing = pool.slice(0, 260);
    const fresh = pool.slice(260, 290);
    const before = linkNetwork(existing, { frozenModel: diceModel });
    const { lookup, requests } = memoryLookup(existing, before.clusters);
    const step = await linkIncremental(fresh, lookup, { model: diceModel, reach: 'component' });
    const full = linkNetwork([...existing, ...fresh], { frozenModel: diceModel });
    expect(step.stats.comparedRecords).toBe(30);
    expect(step.stats.comparisons).toBeGreaterThan(0);
    // The reached part is solved again with its old links: still far fewer comparisons than a full run.
    expect(step.stats.reachedRecords).toBeLessThan(290 / 2);
    expect(step.stats.comparisons).toBeLessThan(full.stats.comparisons / 2);
    expect(requests[0].keys.length).toBeGreaterThan(0);
  });

  test('a decision taken since the last run on two linked records applies although neither changed', async () => {
    const [x, y] = [pool.find((e) => e.orgId === 'a')!, pool.find((e) => e.orgId === 'b')!];
    const before = linkNetwork([x, y], { frozenModel: diceModel });
    expect(before.clusters).toHaveLength(2);
    const { lookup } = memoryLookup([x, y], before.clusters);
    const decisions = [{ a: x, b: y, match: true }].map(({ a, b, match }) => ({
      a: { orgId: a.orgId, recordId: a.recordId },
      b: { orgId: b.orgId, recordId: b.recordId },
      match,
    }));
    const untouched = await linkIncremental([], lookup, { model: diceModel, decisions });
    expect(untouched.clusters).toHaveLength(0);
    const step = await linkIncremental([], lookup, { model: diceModel, decisions, touched: decisions.map((d) => d.a) });
    expect(step.clusters).toHaveLength(1);
    expect(step.clusters[0].members).toHaveLength(2);
  });

  test('a new record joins the existing person of its match and keeps one record per organisation', async () => {
    const person = generateSynthetic({ seed: 3, persons: 1, orgs: ['a', 'b', 'c'], presence: 1, profile: 'clean' });
    const [a, b, c] = person.map(({ truthPersonId: _t, ...r }) => encoder.encode(r));
    const before = linkNetwork([a, b], { frozenModel: diceModel });
    expect(before.clusters).toHaveLength(1);
    const { lookup } = memoryLookup([a, b], before.clusters);
    const step = await linkIncremental([c], lookup, { model: diceModel });
    expect(step.clusters).toHaveLength(1);
    expect(step.clusters[0].personId).toBe(before.clusters[0].personId);
    expect(step.clusters[0].members.map((m) => m.orgId).sort()).toEqual(['a', 'b', 'c']);
    expect(step.retiredPersons).toEqual([]);
  });

  test('the review band keeps within each organisation’s cap, pending pairs counted first', async () => {
    const ref = (orgId: string, n: number) => ({ orgId, recordId: `r${n}` });
    const item = (a: number, b: number, probability: number) => ({
      a: ref('a', a),
      b: ref(b < 10 ? 'b' : 'c', b),
      score: 0.7,
      probability,
    });
    const items = [item(1, 1, 0.5), item(2, 2, 0.9), item(3, 3, 0.7), item(4, 14, 0.6)];
    const caps = { a: 2, b: 5, c: 5 };
    // Closest to certain first, until organisation a is at its cap.
    expect(capReview(items, { caps, pending: [] }).map((i) => i.probability)).toEqual([0.9, 0.7]);
    // A pending pair (found again or not) takes its place in the cap and stays.
    const pending = [{ a: ref('a', 1), b: ref('b', 1) }];
    expect(capReview(items, { caps, pending }).map((i) => i.probability)).toEqual([0.5, 0.9]);
    expect(capReview(items, { caps: { b: 1 }, pending: [] }).map((i) => i.probability)).toEqual([0.9, 0.6]);
    expect(reviewCapsOf({ a: 40, b: 4000 })).toEqual({ a: 5, b: 40 });
    expect(reviewCapsOf({ a: 40, b: 4000 }, { b: 2 })).toEqual({ a: 5, b: 2 });
    expect(() => reviewCapsOf({ a: 40 }, 1.5)).toThrow(/whole number/);

    // In a run: an organisation at its cap gets no new pair, the others keep theirs.
    const existing = pool.slice(0, 200);
    const fresh = pool.slice(200);
    const before = linkNetwork(existing, { frozenModel: diceModel });
    const { lookup } = memoryLookup(existing, before.clusters);
    const open = await linkIncremental(fresh, lookup, { model: diceModel });
    expect(open.review.length).toBeGreaterThan(1);
    const capped = await linkIncremental(fresh, lookup, {
      model: diceModel,
      review: { caps: { a: 1, b: 1, c: 1 }, pending: [] },
    });
    for (const org of ['a', 'b', 'c'])
      expect(capped.review.filter((r) => r.a.orgId === org || r.b.orgId === org).length).toBeLessThanOrEqual(1);
    expect(capped.review.length).toBeGreaterThan(0);
    expect(capped.stats.review).toBe(capped.review.length);
    expect(capped.clusters).toEqual(open.clusters);
  });
});

describe('linkIncremental, local (the default)', () => {
  const refOf = (e: { orgId: string; recordId: string }) => ({ orgId: e.orgId, recordId: e.recordId });

  test.each([
    ['Dice thresholds', diceModel],
    ['estimated weights', estimatedModel],
  ])(
    'only pairs with a new record are scored; no earlier person is split; every record is in one consistent person (%s)',
    async (_, model) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
          fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
          fc.array(fc.tuple(fc.nat(pool.length - 1), fc.nat(pool.length - 1), fc.boolean()), { maxLength: 6 }),
          async (kept, isNew, pairs) => {
            const records = pool.filter((_, i) => kept[i]);
            const fresh = records.filter((_, i) => isNew[i]);
            const existing = records.filter((_, i) => !isNew[i]);
            const freshKeys = new Set(fresh.map(refKey));
            // Reviewers' decisions on pairs that involve a new record (the others were applied before).
            const decisions: ReviewDecision[] = pairs
              .filter(([x, y]) => x !== y && kept[x] && kept[y] && pool[x].orgId !== pool[y].orgId)
              .filter(([x, y]) => freshKeys.has(refKey(pool[x])) || freshKeys.has(refKey(pool[y])))
              .map(([x, y, match]) => ({ a: refOf(pool[x]), b: refOf(pool[y]), match }));
            const before = linkNetwork(existing, { frozenModel: model });
            const { lookup, requests } = memoryLookup(existing, before.clusters);
            const step = await linkIncremental(fresh, lookup, { model, decisions });

            // Compared: the new records, against their blocks and each other; no two existing records.
            for (const pair of [...step.matches, ...step.review])
              expect(freshKeys.has(refKey(pair.a)) || freshKeys.has(refKey(pair.b))).toBe(true);
            expect(requests.slice(1).every((r) => r.keys.length === 0)).toBe(true);
            expect(step.stats.comparisons).toBeLessThanOrEqual(fresh.length * records.length);

            const reached = new Set(step.clusters.flatMap((c) => c.members.map(refKey)));
            const merged = [
              ...before.clusters.filter((c) => !c.members.some((m) => reached.has(refKey(m)))),
              ...step.clusters,
            ];
            // A partition of every record.
            const all = merged.flatMap((c) => c.members.map(refKey));
            expect(all.sort()).toEqual(records.map(refKey).sort());
            const clusterOf = new Map(merged.flatMap((c, n) => c.members.map((m) => [refKey(m), n])));
            // An earlier person stands whole, and one of the persons she is in carries her id.
            for (const c of before.clusters) {
              const into = new Set(c.members.map((m) => clusterOf.get(refKey(m))));
              expect(into.size).toBe(1);
            }
            const ids = new Set(merged.map((c) => c.personId));
            expect(ids.size).toBe(merged.length);
            for (const c of before.clusters) {
              const holder = merged[clusterOf.get(refKey(c.members[0]))!];
              const joined = before.clusters.filter(
                (o) => clusterOf.get(refKey(o.members[0])) === clusterOf.get(refKey(c.members[0])),
              );
              expect(joined.map((o) => o.personId)).toContain(holder.personId);
            }
            // A rejection keeps two records apart; a confirmation joins them or is reported.
            for (const d of decisions) {
              const same = clusterOf.get(refKey(d.a)) === clusterOf.get(refKey(d.b));
              if (!d.match) expect(same).toBe(false);
              else if (!same) expect(step.conflicts.length).toBeGreaterThan(0);
            }
            // One record per organisation in a new person, unless a reviewer confirmed the pair.
            const confirmed = new Set(decisions.filter((d) => d.match).map((d) => pairKey(d.a, d.b)));
            for (const c of step.clusters) {
              const orgs = c.members.map((m) => m.orgId);
              if (new Set(orgs).size === orgs.length) continue;
              const earlier = before.clusters.some(
                (o) =>
                  o.members.length > 1 &&
                  o.members.every((m) => c.members.some((x) => refKey(x) === refKey(m))) &&
                  new Set(o.members.map((m) => m.orgId)).size < o.members.length,
              );
              const pairs = c.members.flatMap((x) => c.members.map((y) => pairKey(x, y)));
              expect(earlier || pairs.some((k) => confirmed.has(k))).toBe(true);
            }
          },
        ),
        { numRuns: 25 },
      );
    },
    120_000,
  );

  // One person at two organisations, the second's given name misspelt; the same person again at the second.
  const [a, b, better] = (() => {
    const [r] = generateSynthetic({ seed: 5, persons: 1, orgs: ['a'], presence: 1, profile: 'clean' });
    const { truthPersonId: _t, ...record } = r;
    const name = String(record.fields.given_name);
    const misspelt = `${name.slice(0, -2)}${name.at(-1)}${name.at(-2)}`;
    return [
      encoder.encode({ ...record, orgId: 'a', recordId: 'a-1' }),
      encoder.encode({ ...record, orgId: 'b', recordId: 'b-1', fields: { ...record.fields, given_name: misspelt } }),
      encoder.encode({ ...record, orgId: 'b', recordId: 'b-2' }),
    ];
  })();

  test('a new record does not take the place of a record that holds a person; the component does', async () => {
    const before = linkNetwork([a, b], { frozenModel: diceModel });
    expect(before.clusters).toHaveLength(1);
    const { lookup } = memoryLookup([a, b], before.clusters);
    const step = await linkIncremental([better], lookup, { model: diceModel });
    const held = step.clusters.find((c) => c.personId === before.clusters[0].personId)!;
    expect(held.members.map(refKey).sort()).toEqual([a, b].map(refKey).sort());
    expect(step.stats.inconsistentLinks).toBeGreaterThan(0);
    // The component solves the three again, as a full run would: the better match wins.
    const whole = await linkIncremental([better], lookup, { model: diceModel, reach: 'component' });
    const full = linkNetwork([a, b, better], { frozenModel: diceModel });
    expect(membership(whole.clusters)).toEqual(membership(full.clusters));
    expect(membership(full.clusters)).toContain([a, better].map(refKey).sort().join(' '));
  });

  test('a changed record leaves her person, and the rest is solved again from their own links', async () => {
    const [r] = generateSynthetic({ seed: 9, persons: 1, orgs: ['a'], presence: 1, profile: 'clean' });
    const { truthPersonId: _t, ...record } = r;
    const [x, y, z] = ['a', 'b', 'c'].map((orgId) => encoder.encode({ ...record, orgId, recordId: `${orgId}-1` }));
    const before = linkNetwork([x, y, z], { frozenModel: diceModel });
    expect(before.clusters).toHaveLength(1);
    const { lookup } = memoryLookup([x, y, z], before.clusters);
    // Now someone else: another person's name and date of birth.
    const [other] = generateSynthetic({ seed: 10, persons: 1, orgs: ['b'], presence: 1, profile: 'clean' });
    const changed = encoder.encode({ ...record, orgId: 'b', recordId: 'b-1', fields: other.fields });
    const personId = before.clusters[0].personId;
    const step = await linkIncremental([changed], lookup, {
      model: diceModel,
      previousPersons: [{ orgId: 'b', recordId: 'b-1', personId }],
    });
    expect(membership(step.clusters)).toEqual(
      membership([
        { personId, members: [x, z] },
        { personId: '', members: [changed] },
      ]),
    );
    expect(step.clusters.find((c) => c.members.length === 2)!.personId).toBe(personId);
  });
});

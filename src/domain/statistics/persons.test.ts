import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ConsentEvent } from '../cases/consent';
import { countPersons, groupPersons, unifyPersons, type PersonPart } from './persons';

const at = (minutes: number) => new Date(Date.UTC(2020, 0, 1) + minutes * 60_000).toISOString();
const grant = (minutes: number): ConsentEvent => ({
  purpose: 'anonymous_statistics',
  action: 'granted',
  at: at(minutes),
});
const withdraw = (minutes: number): ConsentEvent => ({
  purpose: 'anonymous_statistics',
  action: 'withdrawn',
  at: at(minutes),
});

/** Records with keys drawn from a small pool, so that they collide often. */
const records = fc.array(
  fc.record({
    keys: fc.uniqueArray(fc.constantFrom('np:a', 'np:b', 'np:c', 'np:d', 'cluster:x', 'cluster:y', 'cluster:z'), {
      maxLength: 3,
    }),
  }),
  { maxLength: 12 },
);

/** The partition of record indices into persons, as a canonical string. */
const partition = (ids: string[], order: number[] = ids.map((_, i) => i)) => {
  const groups = new Map<string, number[]>();
  ids.forEach((id, i) => groups.set(id, [...(groups.get(id) ?? []), order[i]]));
  return [...groups.values()]
    .map((g) => g.sort((a, b) => a - b).join(','))
    .sort()
    .join('|');
};

describe('unifyPersons', () => {
  test('a transferred person (same network id) linked to a third organisation by a cluster is one person', () => {
    const ids = unifyPersons([
      { keys: ['np:1', 'cluster:c'] },
      { keys: ['np:1'] },
      { keys: ['np:3', 'cluster:c'] },
      { keys: ['np:4'] },
    ]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  test('property: every record gets a person, and records sharing a key are the same person', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const ids = unifyPersons(rs);
        expect(ids).toHaveLength(rs.length);
        for (const [i, a] of rs.entries())
          for (const [j, b] of rs.entries()) {
            if (a.keys.some((k) => b.keys.includes(k))) expect(ids[i]).toBe(ids[j]);
          }
      }),
    );
  });

  test('property: connected records only — two persons never share a key, and each person id is one of her keys', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const groups = groupPersons(rs);
        const owner = new Map<string, string>();
        for (const g of groups) {
          for (const key of g.keys) {
            expect(owner.get(key) ?? g.personId).toBe(g.personId);
            owner.set(key, g.personId);
          }
          if (g.keys.length) expect(g.keys).toContain(g.personId);
          else expect(g.members).toHaveLength(1);
        }
        expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(rs.length);
      }),
    );
  });

  test('property: the persons do not depend on the order of the records (same partition, same ids)', () => {
    fc.assert(
      fc.property(
        records.chain((rs) =>
          fc.tuple(
            fc.constant(rs),
            fc.shuffledSubarray(
              rs.map((_, i) => i),
              { minLength: rs.length, maxLength: rs.length },
            ),
          ),
        ),
        ([rs, order]) => {
          const ids = unifyPersons(rs);
          const shuffled = unifyPersons(order.map((i) => rs[i]));
          expect(partition(shuffled, order)).toBe(partition(ids));
          // Keyed records keep their id whatever the order.
          order.forEach((original, k) => {
            if (rs[original].keys.length) expect(shuffled[k]).toBe(ids[original]);
          });
        },
      ),
    );
  });

  test('property: idempotent — unifying the persons again (by their merged keys) changes nothing', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const groups = groupPersons(rs);
        const again = groupPersons(groups.map((g) => ({ keys: g.keys })));
        expect(again).toHaveLength(groups.length);
        const keyed = (gs: { personId: string; keys: string[] }[]) =>
          gs
            .filter((g) => g.keys.length)
            .map((g) => `${g.personId}=${g.keys.join(',')}`)
            .sort();
        expect(keyed(again)).toEqual(keyed(groups));
      }),
    );
  });
});

describe('countPersons', () => {
  const part = (keys: string[], consents: ConsentEvent[], data: number | null = 1): PersonPart<number> => ({
    keys,
    consents,
    data,
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  test('one person with two cases is one person; her data are merged', () => {
    const count = countPersons([part(['np:p'], [grant(1)], 2), part(['np:p'], [], 3)], sum);
    expect(count.persons).toEqual([{ personId: 'np:p', keys: ['np:p'], consents: [grant(1)], data: 5 }]);
    expect(count.notCounted).toBe(0);
  });

  test('her latest decision over all her cases decides: a later withdrawal on any case wins, a later grant counts again', () => {
    expect(countPersons([part(['np:p'], [grant(1)]), part(['np:p'], [withdraw(2)])], sum).persons).toEqual([]);
    expect(countPersons([part(['np:p'], [withdraw(2)]), part(['np:p'], [grant(3)])], sum).persons).toHaveLength(1);
    expect(countPersons([part(['np:p'], [grant(2)]), part(['np:p'], [withdraw(2)])], sum).notCounted).toBe(1);
    expect(countPersons([part(['np:p'], [])], sum).notCounted).toBe(1);
  });

  test('counting again at the next level (network) keeps the rule; parts without data give none', () => {
    const north = countPersons([part(['np:t', 'cluster:c'], [grant(1)], 10)], sum);
    const south = countPersons([part(['np:t'], [grant(2)], 20)], sum);
    const east = countPersons([part(['np:e', 'cluster:c'], [], 30)], sum);
    const network = countPersons([...north.parts, ...south.parts, ...east.parts], sum);
    expect(network.persons).toMatchObject([{ personId: 'cluster:c', keys: ['cluster:c', 'np:e', 'np:t'], data: 30 }]);
    const withdrawnInSouth = countPersons([part(['np:t'], [grant(2), withdraw(5)], 20)], sum);
    expect(countPersons([...north.parts, ...withdrawnInSouth.parts], sum)).toMatchObject({
      persons: [],
      notCounted: 1,
    });
  });

  test('property: the number of persons counted and not counted is the number of persons', () => {
    const parts = fc.array(
      fc.record({
        keys: fc.uniqueArray(fc.constantFrom('np:a', 'np:b', 'np:c', 'cluster:x', 'cluster:y'), {
          minLength: 1,
          maxLength: 2,
        }),
        consents: fc.array(fc.oneof(fc.nat(50).map(grant), fc.nat(50).map(withdraw)), { maxLength: 3 }),
        data: fc.constant(1),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(parts, (ps) => {
        const count = countPersons(ps, sum);
        expect(count.persons.length + count.notCounted).toBe(groupPersons(ps).length);
        expect(sum(count.persons.map((p) => p.data))).toBeLessThanOrEqual(ps.length);
        // Idempotent: counting the result again changes nothing.
        const again = countPersons(count.parts, (xs) => xs[0]);
        expect(again.persons).toEqual(count.persons);
      }),
    );
  });
});

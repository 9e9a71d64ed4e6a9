import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { protectedFieldsOf, resolutionChanges, sameValue, threeWayMerge, type MergeInput } from './merge';

const none = new Set<string>();
const merge = (base: object, mine: object, theirs: object, extra: Partial<MergeInput> = {}) =>
  threeWayMerge({
    base: base as Record<string, unknown>,
    mine: mine as Record<string, unknown>,
    theirs: theirs as Record<string, unknown>,
    protectedFields: none,
    baseIsCurrent: false,
    ...extra,
  });

describe('three-way merge', () => {
  test('one side changed → that side; both the same → that value; both different → conflict', () => {
    const base = { a: 1, b: 'x', c: [1, 2], d: 'same', e: 'keep' };
    const mine = { a: 2, b: 'x', c: [1, 2, 3], d: 'both', e: 'keep' };
    const theirs = { a: 1, b: 'y', c: [1, 2, 4], d: 'both', e: 'keep' };
    const r = merge(base, mine, theirs);
    expect(r.merged).toEqual({ a: 2, b: 'y', c: [1, 2, 4], d: 'both', e: 'keep' });
    expect(r.applied).toEqual(['a', 'd']);
    expect(r.keptFromServer).toEqual(['b']);
    expect(r.conflicts).toEqual(['c']);
  });

  test('a field the device did not send is unchanged; null clears it', () => {
    const r = merge({ a: 1, b: 2 }, { b: null }, { a: 5, b: 2 });
    expect(r.merged).toEqual({ a: 5 });
    expect(r.applied).toEqual(['b']);
    expect(r.conflicts).toEqual([]);
  });

  test('lists of records compare whole, key order aside', () => {
    const objectives = [{ text: 'a', done: false }];
    const r = merge({ o: objectives }, { o: [{ done: false, text: 'a' }] }, { o: objectives });
    expect(r.applied).toEqual([]);
    expect(r.conflicts).toEqual([]);
  });

  test('a protected field changed on both sides is queued even when they agree', () => {
    const r = merge({ level: 'high' }, { level: 'low' }, { level: 'low' }, { protectedFields: new Set(['level']) });
    expect(r.conflicts).toEqual(['level']);
    expect(r.merged.level).toBe('low');
  });

  test('a protected field on an outdated base is queued once the server changed anything in the record', () => {
    const protectedFields = new Set(['level']);
    const stale = merge(
      { level: 'high', notes: 'a' },
      { level: 'low' },
      { level: 'high', notes: 'b' },
      { protectedFields },
    );
    expect(stale.conflicts).toEqual(['level']);
    expect(stale.keptFromServer).toEqual(['notes']);
    const current = merge(
      { level: 'high' },
      { level: 'low' },
      { level: 'high' },
      { protectedFields, baseIsCurrent: true },
    );
    expect(current.applied).toEqual(['level']);
  });

  test('protected fields by kind and case field', () => {
    expect([...protectedFieldsOf({ type: 'entry', kind: 'risk_assessment' }, ['level', 'notes'])]).toEqual([
      'level',
      'notes',
    ]);
    expect([...protectedFieldsOf({ type: 'entry', kind: 'note' }, ['text'])]).toEqual([]);
    expect([...protectedFieldsOf({ type: 'case' }, ['givenName', 'programmeType', 'ownerId'])]).toEqual([
      'givenName',
      'ownerId',
    ]);
  });

  test('a resolution writes only what she took from her device or wrote', () => {
    expect(
      resolutionChanges(
        [
          { field: 'a', take: 'mine' },
          { field: 'b', take: 'theirs' },
          { field: 'c', take: 'edited', value: 'v' },
          { field: 'd', take: 'mine' },
        ],
        { a: 1, b: 2, d: null },
      ),
    ).toEqual({ set: { a: 1, c: 'v' }, cleared: ['d'] });
  });
});

const value = fc.oneof(
  fc.constantFrom('a', 'b', 'c'),
  fc.integer({ min: 0, max: 3 }),
  fc.constant(null),
  fc.array(fc.record({ t: fc.constantFrom('x', 'y') }), { maxLength: 2 }),
);
const field = fc.constantFrom('f1', 'f2', 'f3', 'f4', 'f5');
const record = fc.dictionary(field, value, { maxKeys: 5 });
const scenario = fc.record({
  base: record,
  mine: record,
  theirs: record,
  protectedFields: fc.subarray(['f1', 'f2', 'f3', 'f4', 'f5']).map((a) => new Set(a)),
  baseIsCurrent: fc.boolean(),
});
const changedByDevice = (s: { base: Record<string, unknown>; mine: Record<string, unknown> }) =>
  Object.keys(s.mine).filter((f) => !sameValue(s.mine[f], s.base[f]));

describe('three-way merge properties', () => {
  test('no field silently lost: every field the device changed is applied or in a conflict', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = threeWayMerge(s);
        for (const f of changedByDevice(s)) {
          const applied = r.applied.includes(f) && sameValue(r.merged[f], s.mine[f]);
          expect(applied || r.conflicts.includes(f)).toBe(true);
        }
        // Nor is any server change lost: a field not applied from the device keeps the server's value.
        for (const f of Object.keys(s.theirs))
          if (!r.applied.includes(f)) expect(sameValue(r.merged[f], s.theirs[f])).toBe(true);
      }),
    );
  });

  test('symmetric: swapping the device and the server gives the same conflicts and, without them, the same record', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        // The protected "outdated base" rule looks at the device only; compare without it.
        const plain = { ...s, protectedFields: new Set<string>() };
        const full = (m: Record<string, unknown>) => ({ ...s.base, ...m });
        const ab = threeWayMerge({ ...plain, mine: full(s.mine), theirs: full(s.theirs) });
        const ba = threeWayMerge({ ...plain, mine: full(s.theirs), theirs: full(s.mine) });
        expect(ab.conflicts).toEqual(ba.conflicts);
        if (ab.conflicts.length === 0) expect(canonicalOf(ab.merged)).toEqual(canonicalOf(ba.merged));
      }),
    );
  });

  test('idempotent: when the device already holds what the server holds, nothing conflicts or changes', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = threeWayMerge({ ...s, mine: s.theirs, protectedFields: new Set() });
        expect(r.conflicts).toEqual([]);
        expect(canonicalOf(r.merged)).toEqual(canonicalOf(s.theirs));
        // And merging the result again changes nothing more.
        const again = threeWayMerge({ ...s, mine: r.merged, theirs: r.merged, protectedFields: new Set() });
        expect(again.conflicts).toEqual([]);
        expect(canonicalOf(again.merged)).toEqual(canonicalOf(r.merged));
      }),
    );
  });

  test('an unchanged device changes nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = threeWayMerge({ ...s, mine: s.base });
        expect(r.applied).toEqual([]);
        expect(r.conflicts).toEqual([]);
        expect(canonicalOf(r.merged)).toEqual(canonicalOf(s.theirs));
      }),
    );
  });
});

/** A record without its null fields, as stored. */
function canonicalOf(r: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(r)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

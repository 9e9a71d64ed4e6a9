import { describe, expect, test } from 'vitest';
import { AddItemInputSchema, checkOrder, metaWith, newProposals, palermoMeansCodes, proposalKey } from './admin';
import { defaultReferenceLists } from './index';
import type { ReferenceList } from './types';

const seed: ReferenceList[] = [
  {
    key: 'services',
    items: [
      { code: 'legal', label: { en: 'Legal' }, order: 0 },
      { code: 'dental', label: { en: 'Dental' }, order: 1 },
    ],
  },
  { key: 'channels', items: [{ code: 'hotline', label: { en: 'Hotline' }, order: 0 }] },
];

describe('release proposals', () => {
  test('a seed item missing from a list she has is proposed; a list she lacks brings none', () => {
    const present = new Map([['services', new Set(['legal', 'her_own'])]]);
    expect(newProposals(seed, present, new Set()).map((p) => `${p.listKey}.${p.item.code}`)).toEqual([
      'services.dental',
    ]);
  });

  test('never twice, and never again once decided (dismissed or accepted)', () => {
    const present = new Map([['services', new Set(['legal'])]]);
    expect(newProposals(seed, present, new Set([proposalKey('services', 'dental')]))).toEqual([]);
  });

  test('a retired item (still in her list) is not proposed back', () => {
    const present = new Map([['services', new Set(['legal', 'dental'])]]);
    expect(newProposals(seed, present, new Set())).toEqual([]);
  });
});

describe('Palermo means', () => {
  test('the eight seed means are marked, and only marked items count', () => {
    const means = defaultReferenceLists.find((l) => l.key === 'palermo_means')!;
    expect(means.items).toHaveLength(8);
    expect(palermoMeansCodes(defaultReferenceLists).size).toBe(8);
    const withLocal = [{ key: 'palermo_means', items: [...means.items, { code: 'none_observed', meta: {} }] }];
    expect(palermoMeansCodes(withLocal).has('none_observed')).toBe(false);
    expect(palermoMeansCodes(withLocal).has('fraud')).toBe(true);
  });

  test.each([
    [{ palermoMeans: true, other: 1 }, false, { other: 1 }],
    [{ other: 1 }, true, { other: 1, palermoMeans: true }],
    [{ palermoMeans: true }, undefined, { palermoMeans: true }],
  ])('the mark is set and cleared on the means list (%o, %s)', (meta, mark, expected) => {
    expect(metaWith('palermo_means', meta, mark)).toEqual(expected);
  });

  test('the mark is refused on another list', () => {
    expect(() => metaWith('services', {}, true)).toThrow(expect.objectContaining({ code: 'means_mark_elsewhere' }));
  });
});

describe('item input and order', () => {
  test('the code is the shared code schema and English is required', () => {
    expect(AddItemInputSchema.safeParse({ code: 'Dental', labels: { en: 'x' }, version: 1 }).success).toBe(false);
    expect(AddItemInputSchema.safeParse({ code: 'dental', labels: { fr: 'x' }, version: 1 }).success).toBe(false);
    expect(AddItemInputSchema.safeParse({ code: 'dental', labels: { en: 'x', xx: 'y' }, version: 1 }).success).toBe(
      false,
    );
    expect(AddItemInputSchema.safeParse({ code: 'dental', labels: { en: 'x', fr: 'y' }, version: 1 }).success).toBe(
      true,
    );
  });

  test.each([
    [['b', 'a'], true],
    [['a'], false],
    [['a', 'a'], false],
    [['a', 'b', 'c'], false],
  ])('a new order %o names every item once: %s', (order, ok) => {
    const run = () => checkOrder(['a', 'b'], order);
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'invalid_order' }));
  });
});

import { describe, expect, test } from 'vitest';
import { CULTURES } from './cultures';
import { generateSynthetic } from './generator';
import { seededRng } from '../../shared/random';
import { latinFromCyrillic, latinFromGreek } from './spellings';

describe('synthetic generator', () => {
  const records = generateSynthetic({ seed: 42, persons: 1000 });

  test('is deterministic for a seed and differs across seeds', () => {
    expect(generateSynthetic({ seed: 42, persons: 50 })).toEqual(generateSynthetic({ seed: 42, persons: 50 }));
    expect(generateSynthetic({ seed: 43, persons: 50 })).not.toEqual(generateSynthetic({ seed: 42, persons: 50 }));
  });

  test('every record has a truth person, a source organisation and a unique id', () => {
    expect(new Set(records.map((r) => r.truthPersonId)).size).toBe(1000);
    expect(new Set(records.map((r) => r.orgId))).toEqual(new Set(['org-a', 'org-b', 'org-c']));
    expect(new Set(records.map((r) => `${r.orgId}/${r.recordId}`)).size).toBe(records.length);
  });

  test('covers the naming cultures and records Cyrillic and Greek names in both scripts', () => {
    const names = records.map((r) => `${r.fields.given_name ?? ''} ${r.fields.surname ?? ''}`);
    expect(names.some((n) => /[\u0400-\u04ff]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u0370-\u03ff]/.test(n))).toBe(true);
    expect(new Set(records.map((r) => r.fields.citizenship).filter(Boolean)).size).toBeGreaterThan(10);
    expect(CULTURES.length).toBeGreaterThanOrEqual(10);
  });

  test.each([
    ['missing values', (f: Record<string, unknown>) => f.date_of_birth === null],
    [
      'day/month swaps and formats',
      (f: Record<string, unknown>) => typeof f.date_of_birth === 'string' && f.date_of_birth.includes('.'),
    ],
  ])('the standard profile has %s', (_, predicate) => {
    expect(records.some((r) => predicate(r.fields))).toBe(true);
  });

  test('the clean profile records every person identically at each organisation', () => {
    const clean = generateSynthetic({ seed: 1, persons: 200, profile: 'clean', presence: 1 });
    const byPerson = new Map<string, string[]>();
    for (const r of clean)
      byPerson.set(r.truthPersonId, [
        ...(byPerson.get(r.truthPersonId) ?? []),
        `${r.fields.given_name}|${r.fields.surname}|${r.fields.citizenship === null}`,
      ]);
    const consistentNames = [...byPerson.values()].filter(
      (v) => new Set(v.map((s) => s.split('|')[0] + s.split('|')[1])).size === 1,
    );
    // Citizenship spelling and Chinese spacing still vary; names otherwise agree.
    expect(consistentNames.length / byPerson.size).toBeGreaterThan(0.9);
  });

  test('names are built from parts and avoid famous full names', () => {
    const famous = ['Nadia Comăneci', 'Ismail Kadare', 'Taras Shevchenko', 'Ho Chi Minh', 'Chinua Achebe'];
    const full = new Set(records.map((r) => `${r.fields.given_name} ${r.fields.surname}`.toLowerCase()));
    for (const name of famous) expect(full.has(name.toLowerCase())).toBe(false);
  });

  test.each([
    ['Шевчук', false, /^(Shevchuk|Ševčuk|Schewtschuk)$/],
    ['Стоянов', true, /^(Stoyanov|Stojanov|Stoianov|Stojanow)$/],
  ])('Latin spellings of %s', (name, bulgarian, pattern) => {
    const rng = seededRng(9);
    for (let i = 0; i < 10; i++) expect(latinFromCyrillic(name, rng, bulgarian)).toMatch(pattern);
  });

  test('Greek spellings', () => {
    const rng = seededRng(3);
    const spellings = new Set(Array.from({ length: 20 }, () => latinFromGreek('Γιώργος', rng)));
    expect([...spellings].every((s) => /^(Giorgos|Yiorgos)$/.test(s))).toBe(true);
  });
});

import { describe, expect, test } from 'vitest';
import { CULTURES } from './cultures';
import { generateSynthetic } from './generator';
import { seededRng } from '../../shared/random';
import { latinFromCyrillic, latinFromGreek } from './spellings';
import { NAME_PROFILES } from './profiles';
import { collisionProbability, vocabulary, zipfSampler } from './zipf';

const records = generateSynthetic({ seed: 42, persons: 1000 });

describe('synthetic generator', () => {
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

describe('name frequencies (Zipf per culture)', () => {
  // One clean record per person: the names as drawn, before any corruption.
  const persons = generateSynthetic({ seed: 11, persons: 20_000, profile: 'clean', orgs: ['org-a'], presence: 1 });
  const ofCulture = (citizenships: readonly string[]) =>
    persons.filter((r) => citizenships.includes(r.fields.citizenship!));
  const topShare = (values: readonly (string | null | undefined)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return Math.max(...counts.values()) / values.length;
  };

  test.each([
    ['vietnamese', ['VN', 'VNM', 'Viet Nam']],
    ['chinese', ['CN', 'CHN', 'China']],
    ['ukrainian', ['UA', 'UKR', 'Ukraine', 'Україна']],
  ])('the most common %s surname has the share its profile gives', (id, citizenships) => {
    const records = ofCulture(citizenships);
    const expected = NAME_PROFILES[id].surname;
    // Female surname forms are not changed for these cultures' records of men, so the share is the profile's.
    const share = topShare(
      records.filter((r) => r.fields.sex === 'm' || id !== 'ukrainian').map((r) => r.fields.surname),
    );
    expect(share).toBeGreaterThan(zipfSampler(expected).share(0) * 0.75);
    expect(share).toBeLessThan(zipfSampler(expected).share(0) * 1.35);
  });

  test('cultures appear in their population shares', () => {
    const vietnamese = ofCulture(['VN', 'VNM', 'Viet Nam']).length / persons.length;
    expect(Math.abs(vietnamese - NAME_PROFILES.vietnamese.share)).toBeLessThan(0.015);
  });

  test('namesakes are common, as in real caseloads: many persons share their full name with another', () => {
    const counts = new Map<string, number>();
    for (const r of persons) {
      const key = `${r.fields.given_name}|${r.fields.surname}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const withNamesake = persons.filter((r) => counts.get(`${r.fields.given_name}|${r.fields.surname}`)! > 1).length;
    expect(withNamesake / persons.length).toBeGreaterThan(0.1);
    // …while the old uniform draw from the same parts would give far fewer: the head matters.
    for (const profile of Object.values(NAME_PROFILES)) {
      const uniform = collisionProbability({ size: profile.surname.size, exponent: 0 });
      expect(collisionProbability(profile.surname)).toBeGreaterThanOrEqual(uniform);
    }
    expect(collisionProbability(NAME_PROFILES.vietnamese.surname)).toBeGreaterThan(5 * (1 / 60));
  });

  test('the sampler draws ranks with Zipf shares and vocabularies are fixed per culture', () => {
    const sampler = zipfSampler({ size: 50, exponent: 1 });
    const rng = seededRng(5);
    const counts = new Array<number>(50).fill(0);
    for (let i = 0; i < 50_000; i++) counts[sampler.draw(rng)]++;
    for (const k of [0, 1, 9]) expect(Math.abs(counts[k] / 50_000 - sampler.share(k))).toBeLessThan(0.01);
    expect(
      vocabulary(
        [
          ['a', 'b'],
          ['x', 'y'],
        ],
        4,
        'k',
      ),
    ).toEqual(
      vocabulary(
        [
          ['a', 'b'],
          ['x', 'y'],
        ],
        4,
        'k',
      ),
    );
    expect(() => vocabulary([['a'], ['x']], 2, 'k')).toThrow(RangeError);
  });

  test('some dates of birth are recorded as 1 January (only the year known)', () => {
    const placeholders = records.filter((r) => /^(\d{4}-01-01|01\.01\.\d{4})$/.test(r.fields.date_of_birth ?? ''));
    expect(placeholders.length).toBeGreaterThan(5);
  });
});

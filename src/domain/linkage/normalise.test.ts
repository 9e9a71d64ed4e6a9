import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  dateTokens,
  fieldTokens,
  normaliseCountry,
  normaliseName,
  normaliseSex,
  parseBirthDate,
  qgrams,
} from './normalise';
import { transliterate } from './transliterate';

describe('transliterate', () => {
  test.each([
    ['Олена', 'olena'],
    ['Шевчук', 'shevchuk'],
    ['Їжаченко', 'yizhachenko'],
    ['Григорій', 'hryhoriy'],
    // Ukrainian rules unless the letters say otherwise (#20): a Bulgarian name without ъ reads the Ukrainian way.
    ['Георги Иванов', 'heorhy yvanov'],
    ['Олег Григоренко', 'oleh hryhorenko'],
    ['Щъркелов', 'shtarkelov'],
    ['Гъров', 'garov'],
    ['Γιώργος', 'giorgos'],
    ['Παπαδοπούλου', 'papadopoulou'],
    ['Μπάμπης', 'babis'],
    ['Latin stays', 'Latin stays'],
  ])('%s → %s', (input, expected) => {
    expect(transliterate(input)).toBe(expected);
  });
});

describe('transliterate properties', () => {
  test('leaves no Cyrillic or Greek letter behind', () => {
    const letters = [
      ...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяъыэёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЮЯαβγδεζηθικλμνξοπρστυφχψωςάέήίόύώΑΒΓΔΩ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters, ' '), { maxLength: 20 }), (chars) => {
        expect(transliterate(chars.join(''))).not.toMatch(/[\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff]/);
      }),
    );
  });
});

describe('normaliseName', () => {
  test.each([
    ['  Ana-Maria  ', 'ana maria'],
    ['ȘTEFĂNESCU', 'stefanescu'],
    ['Nguyễn Thị Đào', 'nguien ti dao'],
    ["O'Neill", 'oneil'],
    ['Łukasz', 'lukasz'],
    ['Shevchenko', 'sevcenko'],
    ['Ševčenko', 'sevcenko'],
    ['Шевченко', 'sevcenko'],
    ['Yuliia', 'iulia'],
    ['Юлія', 'iulia'],
    ['Kharkiv', 'harkiv'],
    ['Tsvetana', 'cvetana'],
    ['Цветана', 'cvetana'],
    ['Zhivkova', 'zivkova'],
    ['Живкова', 'zivkova'],
    ['Dimitrios', 'dimitrios'],
    ['Δημήτριος', 'dimitrios'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  test('is idempotent and yields only a–z and single spaces', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const once = normaliseName(s);
        expect(once).toMatch(/^([a-z]+( [a-z]+)*)?$/);
        expect(normaliseName(once)).toBe(once);
      }),
    );
  });
});

describe('qgrams', () => {
  test.each([
    ['ana', 2, ['_a', 'an', 'na', 'a_']],
    ['ab', 3, ['__a', '_ab', 'ab_', 'b__']],
    ['ab', 1, ['a', 'b']],
    ['', 2, []],
  ])('%s with q=%i', (text, q, expected) => {
    expect(qgrams(text, q)).toEqual(expected);
  });
});

describe('dates', () => {
  test.each([
    ['1990-05-12', { year: 1990, month: 5, day: 12 }],
    ['12.05.1990', { year: 1990, month: 5, day: 12 }],
    ['12/05/1990', { year: 1990, month: 5, day: 12 }],
    ['1990-13-05', { year: 1990, month: 5, day: 13 }],
    ['1990', { year: 1990, month: undefined, day: undefined }],
    ['yesterday', undefined],
    ['1990-02-40', undefined],
  ])('%s', (raw, expected) => {
    expect(parseBirthDate(raw)).toEqual(expected);
  });

  test('a day/month swap keeps all tokens but the ordered one', () => {
    const a = dateTokens({ year: 1990, month: 5, day: 12 });
    const b = dateTokens({ year: 1990, month: 12, day: 5 });
    const shared = a.filter((t) => b.includes(t));
    expect(shared.length).toBe(a.length - 1);
  });
});

describe('sex and country', () => {
  test.each([
    ['F', 'f'],
    ['female', 'f'],
    ['Ж', 'f'],
    ['M', 'm'],
    ['Мъж', 'm'],
    ['other', 'x'],
    ['?', undefined],
  ])('sex %s → %s', (raw, expected) => expect(normaliseSex(raw)).toBe(expected));

  test.each([
    ['RO', 'ro'],
    ['ROU', 'ro'],
    ['România', 'ro'],
    ['Viet Nam', 'vn'],
    ['Україна', 'ua'],
    ['Atlantis', 'atlantis'],
  ])('country %s → %s', (raw, expected) => expect(normaliseCountry(raw)).toBe(expected));

  test.each([
    ['name', '  ', []],
    ['name', null, []],
    ['sex', 'female', ['Sf']],
    ['country', 'ALB', ['Cal']],
  ] as const)('%s tokens of %j', (kind, raw, expected) => expect(fieldTokens(kind, raw, 2)).toEqual(expected));
});

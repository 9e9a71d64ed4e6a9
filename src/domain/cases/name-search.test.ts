import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import {
  asReferencePrefix,
  foldName,
  matchStrength,
  MAX_PREFIX,
  MIN_PREFIX,
  nameTokens,
  personTerms,
  queryTerms,
  spellingSkeleton,
  tokenise,
} from './name-search';

/** Whether the query finds the person: every query token shares a term with her terms. */
function finds(person: Parameters<typeof personTerms>[0], query: string) {
  const terms = new Set(personTerms(person));
  const q = queryTerms(query);
  return q.length > 0 && q.every((t) => t.terms.some((x) => terms.has(x.term)));
}

/** The best way each query token matched. */
function kinds(person: Parameters<typeof personTerms>[0], query: string) {
  const terms = new Set(personTerms(person));
  return queryTerms(query).map((t) => t.terms.find((x) => terms.has(x.term))?.kind ?? 'none');
}

describe('folding and tokens', () => {
  test.each([
    ['Nováková', 'novakova'],
    ['ĽUBICA Šťastná', 'lubica stastna'],
    ['Ďurčík Ťažký', 'durcik tazky'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Strauß', 'strauss'],
    ['Øyvind', 'oyvind'],
    ['Ádám Göncz', 'adam goncz'],
  ])('foldName(%s) = %s', (input, expected) => {
    expect(foldName(input)).toBe(expected);
  });

  it('splits hyphenated, double and apostrophe names into tokens, ignoring case', () => {
    expect(tokenise('Nováková-Horváth')).toEqual(['novakova', 'horvath']);
    expect(tokenise("D'Angelo  de la Cruz")).toEqual(['d', 'angelo', 'de', 'la', 'cruz']);
    expect(tokenise('JANA jana')).toEqual(['jana']);
  });

  it('takes given, family and every alias', () => {
    expect(nameTokens({ givenName: 'Jana', familyName: 'Kováčová-Horvát', aliases: ['Janka', 'Ja Na'] })).toEqual([
      'jana',
      'kovacova',
      'horvat',
      'janka',
      'ja',
      'na',
    ]);
  });
});

describe('terms', () => {
  it('indexes exact tokens, prefixes from 3 letters and phonetic codes', () => {
    const terms = personTerms({ givenName: 'Jana' });
    expect(terms).toEqual(expect.arrayContaining(['e:jana', 'p:jan', 'p:jana', 'f:JN', 'f:AN']));
    expect(terms).not.toContain('p:ja');
  });

  it('caps prefixes at MAX_PREFIX letters, and a longer query token still finds her', () => {
    const long = 'Abcdefghijklmnopqr';
    const terms = personTerms({ givenName: long });
    expect(terms).toContain(`p:${foldName(long).slice(0, MAX_PREFIX)}`);
    expect(terms).not.toContain(`p:${foldName(long).slice(0, MAX_PREFIX + 1)}`);
    expect(finds({ givenName: long }, long.slice(0, MAX_PREFIX + 3))).toBe(true);
  });

  it('a query shorter than the minimum prefix matches only a whole token', () => {
    expect(queryTerms('Jo')).toEqual([{ token: 'jo', terms: [{ term: 'e:jo', kind: 'exact' }] }]);
    expect(finds({ givenName: 'Jozef' }, 'Jo')).toBe(false);
    expect(finds({ givenName: 'Jo', familyName: 'Li' }, 'jo li')).toBe(true);
  });
});

describe('matching', () => {
  const jana = { givenName: 'Jana', familyName: 'Nováková' };

  it('finds by accent-free, upper-case and partial names', () => {
    expect(kinds(jana, 'NOVAKOVA')).toEqual(['exact']);
    expect(kinds(jana, 'jan nov')).toEqual(['prefix', 'prefix']);
    expect(kinds(jana, 'Novák')).toEqual(['prefix']);
  });

  it('finds misspelt names that sound alike', () => {
    expect(kinds(jana, 'Yana Nowakowa')).toEqual(['phonetic', 'phonetic']);
    expect(finds({ givenName: 'Lukáš', familyName: 'Kováč' }, 'Lukasz Kowacz')).toBe(true);
    expect(finds({ givenName: 'Mária', familyName: 'Horváth' }, 'Maria Horvat')).toBe(true);
  });

  it('finds a misspelt START of a name (skeleton prefixes), ranked as phonetic', () => {
    expect(kinds(jana, 'nowak')).toEqual(['phonetic']);
    expect(kinds(jana, 'yan nowak')).toEqual(['phonetic', 'phonetic']);
    expect(kinds({ givenName: 'Jana', familyName: 'Nowakowa' }, 'novak')).toEqual(['phonetic']);
    expect(finds({ givenName: 'Mária', familyName: 'Horváth' }, 'horvat')).toBe(true);
    expect(kinds({ givenName: 'Mária', familyName: 'Horvát' }, 'horvath')).toEqual(['phonetic']);
    expect(finds({ givenName: 'Lukáš', familyName: 'Kováčová' }, 'kowacz')).toBe(true);
    expect(finds({ givenName: 'Zuzana', familyName: 'Szabóová' }, 'shabo')).toBe(true);
    expect(finds({ givenName: 'Anna', familyName: 'Kowalczyk' }, 'ana kovalchi')).toBe(true);
    expect(finds({ givenName: 'Aleksandra' }, 'alexan')).toBe(true);
    // An exact or plain prefix still outranks it.
    expect(kinds({ givenName: 'Jana', familyName: 'Nowakowa' }, 'nowak')).toEqual(['prefix']);
  });

  it('a misspelt start does not find dissimilar names', () => {
    for (const q of ['nowy', 'nowik', 'newak', 'mowak', 'horvit', 'yaro', 'kowal']) expect(finds(jana, q)).toBe(false);
    for (const q of ['horak', 'hrabal', 'hrubý'])
      expect(finds({ givenName: 'Mária', familyName: 'Horváth' }, q)).toBe(false);
    expect(finds({ givenName: 'Petra', familyName: 'Svobodová' }, 'swider')).toBe(false);
    expect(finds({ givenName: 'Lukáš', familyName: 'Kováč' }, 'kowal')).toBe(false);
    expect(finds({ givenName: 'Zuzana', familyName: 'Szabóová' }, 'sabo')).toBe(false);
  });

  test.each([
    ['Nowaková', 'novakova'],
    ['Yana', 'jana'],
    ['Horváth', 'horvat'],
    ['Kowalczyk', 'kovalchik'],
    ['Štěpán', 'shtepan'],
    ['Anna', 'ana'],
    ['Alexandra', 'aleksandra'],
  ])('spellingSkeleton(%s) = %s', (raw, expected) => {
    expect(spellingSkeleton(raw)).toBe(expected);
  });

  it('stores a skeleton prefix only where it differs from the plain prefix', () => {
    expect(personTerms({ givenName: 'Petra' }).filter((t) => t.startsWith('s:'))).toEqual([]);
    expect(personTerms({ givenName: 'Nowak' }).filter((t) => t.startsWith('s:'))).toEqual([
      's:nov',
      's:nova',
      's:novak',
    ]);
  });

  it('finds a hyphenated or double family name by either part, and by an alias', () => {
    const p = { givenName: 'Elena', familyName: 'Nováková-Horváth', aliases: ['Lena Petrova'] };
    expect(finds(p, 'Horváth')).toBe(true);
    expect(finds(p, 'elena nov')).toBe(true);
    expect(finds(p, 'Lena Petrov')).toBe(true);
  });

  it('does not find a different name', () => {
    expect(finds(jana, 'Petra Svobodová')).toBe(false);
    expect(finds(jana, 'Jana Svobodová')).toBe(false);
  });

  it('property: a name always finds itself by any prefix of 3 or more letters of any of its tokens', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzáäčďéíľňóôŕšťúýžłøß'.split(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 16 }).map((cs) => cs.join(''));
    const cased = word.chain((w) => fc.boolean().map((upper) => (upper ? w.toUpperCase() : w)));
    fc.assert(
      fc.property(
        fc.record({ givenName: cased, familyName: fc.array(cased, { minLength: 1, maxLength: 3 }) }),
        fc.nat(),
        fc.nat(),
        (n, pick, cut) => {
          const person = { givenName: n.givenName, familyName: n.familyName.join('-') };
          const tokens = nameTokens(person);
          const token = tokens[pick % tokens.length];
          fc.pre(token.length >= MIN_PREFIX);
          const prefix = token.slice(0, MIN_PREFIX + (cut % (token.length - MIN_PREFIX + 1)));
          expect(finds(person, prefix)).toBe(true);
          expect(finds(person, prefix.toUpperCase())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a name is found by any 3+ letter start of any token re-spelt with w for v, cz for č, sz for š (a family name)', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnoprstuvxyzáčéíňóšúýžřw'.split(''));
    const word = fc.array(letters, { minLength: 3, maxLength: 16 }).map((cs) => cs.join(''));
    const respell = (w: string) => w.replace(/v/g, 'w').replace(/č/g, 'cz').replace(/š/g, 'sz');
    fc.assert(
      fc.property(word, word, fc.nat(), (given, family, cut) => {
        const person = { givenName: given, familyName: family };
        const n = MIN_PREFIX + (cut % (family.length - MIN_PREFIX + 1));
        const query = respell(family.slice(0, n));
        // A skeleton under 3 letters ("avv" → "av") is not looked up, like any short prefix; nor is a
        // start cut inside a pair the skeleton rewrites ("vaap" of "vaaph", "avr" of "avrza").
        fc.pre(spellingSkeleton(query).length >= MIN_PREFIX);
        fc.pre(spellingSkeleton(family).startsWith(spellingSkeleton(family.slice(0, n))));
        expect(finds(person, query)).toBe(true);
        expect(finds(person, query.toUpperCase())).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('references and match strength', () => {
  test.each([
    ['NOR-2026-0012', 'NOR-2026-0012'],
    ['nor-2026-00', 'NOR-2026-00'],
    [' nor-2026 ', 'NOR-2026'],
    ['Jana', null],
    ['Demo Kavito 017', null],
  ])('asReferencePrefix(%s) = %s', (q, expected) => {
    expect(asReferencePrefix(q)).toBe(expected);
  });

  it('grades duplicates', () => {
    expect(matchStrength({ tokens: 2, score: 6, dobMatches: true })).toBe('strong');
    expect(matchStrength({ tokens: 2, score: 6, dobMatches: false })).toBe('likely');
    expect(matchStrength({ tokens: 2, score: 3, dobMatches: true })).toBe('likely');
    expect(matchStrength({ tokens: 2, score: 3, dobMatches: false })).toBe('possible');
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  expandOrigin,
  LANGUAGE_FITS,
  languageFit,
  rankPosts,
  TERRITORY_FITS,
  territoryFit,
  type PostCandidate,
} from './routing';

const post = (over: Partial<PostCandidate> & Pick<PostCandidate, 'name'>): PostCandidate => ({
  organisationId: `org-${over.name}`,
  territoryLevel: 'national',
  territory: 'IT',
  languages: ['it'],
  services: [],
  ...over,
});

describe('hotline routing', () => {
  test('NUTS codes nest: NUTS2 and country follow from NUTS3', () => {
    expect(expandOrigin({ nuts3: 'ITG12' })).toEqual({
      municipality: '',
      nuts3: 'itg12',
      nuts2: 'itg1',
      country: 'it',
    });
    expect(expandOrigin({ nuts2: 'ITC4' }).country).toBe('it');
  });

  test.each([
    [{ territoryLevel: 'municipality', territory: 'Palermo' }, 'same_municipality'],
    [{ territoryLevel: 'nuts3', territory: 'ITG12' }, 'same_nuts3'],
    [{ territoryLevel: 'nuts2', territory: 'ITG1' }, 'same_nuts2'],
    [{ territoryLevel: 'national', territory: 'IT' }, 'national'],
    [{ territoryLevel: 'municipality', territory: 'Torino' }, 'elsewhere'],
    [{ territoryLevel: 'nuts2', territory: 'ITC1' }, 'elsewhere'],
    [{ territoryLevel: 'national', territory: 'FR' }, 'elsewhere'],
  ] as const)('territory fit of %o for a call from Palermo (ITG12) is %s', (c, fit) => {
    expect(territoryFit(c, { municipality: 'palermo', nuts3: 'ITG12' })).toBe(fit);
  });

  test('language: primary subtag, unknown when she did not say', () => {
    expect(languageFit({ languages: ['pt-BR'] }, 'pt')).toBe('speaks_her_language');
    expect(languageFit({ languages: ['it'] }, 'ro')).toBe('interpreter_needed');
    expect(languageFit({ languages: ['it'] }, undefined)).toBe('language_unknown');
  });

  test('territory first, then language, with the reasons stated', () => {
    const ranked = rankPosts(
      [
        post({ name: 'National line', languages: ['it', 'ro'] }),
        post({ name: 'Palermo post', territoryLevel: 'municipality', territory: 'Palermo', languages: ['it'] }),
        post({ name: 'Sicily post', territoryLevel: 'nuts2', territory: 'ITG1', languages: ['it', 'ro'] }),
        post({ name: 'Catania post', territoryLevel: 'municipality', territory: 'Catania', languages: ['ro'] }),
        post({ name: 'Palermo bis', territoryLevel: 'municipality', territory: 'Palermo', languages: ['ro', 'it'] }),
      ],
      { municipality: 'Palermo', nuts3: 'ITG12', language: 'ro' },
    );
    expect(ranked.map((r) => r.name)).toEqual([
      'Palermo bis',
      'Palermo post',
      'Sicily post',
      'National line',
      'Catania post',
    ]);
    expect(ranked[0].reasons).toEqual(['same_municipality', 'speaks_her_language']);
    expect(ranked[1].reasons).toEqual(['same_municipality', 'interpreter_needed']);
  });

  test('a post listing the service she needs comes first at equal fit', () => {
    const ranked = rankPosts([post({ name: 'A' }), post({ name: 'B', services: ['legal_counselling'] })], {
      country: 'IT',
      service: 'legal_counselling',
    });
    expect(ranked.map((r) => [r.name, r.reasons.at(-1)])).toEqual([
      ['B', 'offers_service'],
      ['A', 'service_not_listed'],
    ]);
  });

  const candidate = fc.record({
    organisationId: fc.uuid(),
    name: fc.string({ maxLength: 8 }),
    territoryLevel: fc.constantFrom('municipality', 'nuts3', 'nuts2', 'national'),
    territory: fc.constantFrom('Palermo', 'Catania', 'ITG12', 'ITG11', 'ITG1', 'ITC1', 'IT', 'FR'),
    languages: fc.subarray(['it', 'en', 'ro', 'tw', 'pcm']),
    services: fc.subarray(['legal_counselling', 'accommodation']),
  }) as fc.Arbitrary<PostCandidate>;
  const origin = fc.record({
    municipality: fc.constantFrom('Palermo', 'Catania', undefined),
    nuts3: fc.constantFrom('ITG12', 'ITG11', undefined),
    language: fc.constantFrom('it', 'en', 'ro', 'tw', undefined),
    service: fc.constantFrom('legal_counselling', undefined),
  });

  test('property: a post that speaks her language never ranks below one that does not at the same territory fit', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), origin, (cands, o) => {
        const ranked = rankPosts(cands, o);
        ranked.forEach((a, i) =>
          ranked.slice(i + 1).forEach((b) => {
            if (a.territoryFit === b.territoryFit && b.languageFit === 'speaks_her_language')
              expect(a.languageFit).toBe('speaks_her_language');
          }),
        );
      }),
    );
  });

  test('property: territory fit never gets better further down, and every candidate appears once', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), origin, (cands, o) => {
        const ranked = rankPosts(cands, o);
        expect(ranked).toHaveLength(cands.length);
        const fits = ranked.map((r) => TERRITORY_FITS.indexOf(r.territoryFit));
        expect(fits).toEqual([...fits].sort((x, y) => x - y));
        for (const r of ranked) expect(LANGUAGE_FITS).toContain(r.languageFit);
      }),
    );
  });
});

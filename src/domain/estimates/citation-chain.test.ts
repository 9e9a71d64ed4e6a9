import { describe, expect, test } from 'vitest';
import { citationChain } from './citation-chain';
import type { Estimate } from './schema';

const estimate = (citingSources: Estimate['citingSources']): Estimate => ({
  id: 'x',
  value: 1,
  unit: 'other',
  unitNote: 'n',
  scope: { geography: 'g', period: 'p', forms: [] },
  method: 'unknown',
  caveat: '',
  originalSource: { source: 'European Commission', year: 2001, locator: '003:13' },
  citingSources,
});

describe('citationChain', () => {
  test.each([
    ['no citing sources', [], false],
    ['citing without attribution credits the original', [{ source: 'A', locator: '1' }], false],
    [
      'same originator spelt differently',
      [{ source: 'A', locator: '1', attributedTo: 'european  commission.' }],
      false,
    ],
    ['attributed to someone else', [{ source: 'UN report', locator: '2', attributedTo: 'IOM' }], true],
  ])('%s → recast %s', (_name, citing, recast) => {
    expect(citationChain(estimate(citing)).recast).toBe(recast);
  });

  test('orders the original first, then citing sources by year, undated last in given order', () => {
    const chain = citationChain(
      estimate([
        { source: 'Media', locator: 'm' },
        { source: 'Later', year: 2007, locator: 'l' },
        { source: 'Earlier', year: 2002, locator: 'e', attributedTo: 'IOM' },
        { source: 'Blog', locator: 'b' },
      ]),
    );
    expect(chain.links.map((l) => l.citation.source)).toEqual([
      'European Commission',
      'Earlier',
      'Later',
      'Media',
      'Blog',
    ]);
    expect(chain.links.map((l) => l.recast)).toEqual([false, true, false, false, false]);
    expect(chain.links[0].role).toBe('original');
  });
});

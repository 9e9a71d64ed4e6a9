/**
 * Citation chains: who said a figure first, who repeated it, and whether a
 * repetition attributed it to someone else (a "recast", e.g. a European
 * Commission estimate later quoted as an IOM claim, 003:13).
 */
import type { Citation, Estimate } from './schema';

export interface ChainLink {
  role: 'original' | 'citing';
  citation: Citation;
  /** Whom this link credits with the figure. */
  creditedTo: string;
  /** True when this link credits someone other than the original source. */
  recast: boolean;
}

export interface CitationChain {
  estimateId: string;
  links: ChainLink[];
  recast: boolean;
  /** Every distinct originator the chain credits, original first. */
  creditedTo: string[];
}

/** Case, punctuation and spacing do not make a different originator. */
function sameOriginator(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return norm(a) === norm(b);
}

/**
 * The ordered chain: the original source first, then citing sources by year
 * (undated ones keep their given order, after the dated ones).
 * @example citationChain(seedEstimates.find((e) => e.id === 'ec-2001-western-europe')!).recast // true
 */
export function citationChain(estimate: Estimate): CitationChain {
  const original = estimate.originalSource;
  const citing = estimate.citingSources
    .map((citation, index) => ({ citation, index }))
    .sort((a, b) => (a.citation.year ?? Infinity) - (b.citation.year ?? Infinity) || a.index - b.index)
    .map(({ citation }): ChainLink => {
      const creditedTo = citation.attributedTo ?? original.source;
      return { role: 'citing', citation, creditedTo, recast: !sameOriginator(creditedTo, original.source) };
    });
  const links: ChainLink[] = [
    { role: 'original', citation: original, creditedTo: original.source, recast: false },
    ...citing,
  ];
  const creditedTo: string[] = [];
  for (const link of links)
    if (!creditedTo.some((c) => sameOriginator(c, link.creditedTo))) creditedTo.push(link.creditedTo);
  return { estimateId: estimate.id, links, recast: citing.some((l) => l.recast), creditedTo };
}

/**
 * Partial and misspelt name search over encrypted names: the pure part.
 *
 * A person's names (given, family, aliases) are folded (case, accents, Slovak and other
 * diacritics, ł/ß/ø…) and split into tokens at spaces, hyphens and apostrophes, so
 * "Nováková-Horváth" is "novakova" and "horvath". Each token yields index terms:
 * - `e:` the token itself (exact),
 * - `p:` each prefix of 3 to {@link MAX_PREFIX} letters (a query of 3 or more letters finds it),
 * - `f:` its Double Metaphone codes (primary and alternative) after a sound fold for Central and
 *   Eastern European spellings (w→v, cz/č→ch, sz/š→sh…), so "Yana Nowakowa" finds "Jana Nováková",
 * - `s:` each prefix of 3 to {@link MAX_PREFIX} letters of its spelling skeleton (that sound fold,
 *   then th→t, ph→f, x→ks, an initial y before a vowel→j, other y→i, doubled letters single), so a
 *   misspelt START of a name finds her too: "nowak" → "Nováková", "yan" → "Jana". Only the skeleton
 *   prefixes that differ from the plain `p:` prefix of the same length are stored (for most names
 *   none); the query looks its skeleton up both as `s:` and as `p:`, which finds either.
 *   Trade-off: on names with w, cz, sz, rz, č, š, ž, th, ph, x, y or a double letter this adds up to
 *   10 terms per token (ten names of the tests, Kováčová-Horváth, Wałęsa, Kowalczyk…: 14.7 → 17.2
 *   terms per person; bench/search.ts's invented names, which rarely have them: 12.6 → 12.8), and
 *   whoever reads the table also learns which persons share such a skeleton prefix, still within
 *   one organisation only. Not found: a misspelt start cut inside a pair the skeleton rewrites
 *   ("dvor" of "Dworzak", whose skeleton is "dvozhak"). Prefixes of the Double Metaphone code were
 *   not taken: a 3-letter start has a code of one or two consonants, which would match a large
 *   share of an organisation.
 * The services store only keyed HMACs of these terms (under the organisation's index key), never
 * the terms. A query token matches a person when one of its terms equals one of hers; a person
 * matches a query when every query token matches one of her tokens, and results rank by how
 * each token matched: exact (3) > prefix (2) > phonetic (1); a skeleton hit counts as phonetic.
 *
 * @example personTerms({ givenName: 'Jana', familyName: 'Nováková' }) // ['e:jana', 'p:jan', 'p:jana', 'f:JN', 'f:AN', ...]
 */
import { doubleMetaphone } from 'double-metaphone';

export type MatchKind = 'exact' | 'prefix' | 'phonetic';

/** Shortest prefix that is indexed and searched: shorter ones would match most of the organisation. */
export const MIN_PREFIX = 3;
/** Longest prefix indexed; a longer query token is looked up by its first MAX_PREFIX letters. */
export const MAX_PREFIX = 12;
/** Tokens taken from one query (more words add nothing but cost). */
export const MAX_QUERY_TOKENS = 6;

export const MATCH_WEIGHT: Record<MatchKind, number> = { exact: 3, prefix: 2, phonetic: 1 };

/** Letters NFKD does not decompose. */
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
};

/** Lower case, without accents or diacritics: "Ľubica Šťastná" → "lubica stastna". */
export function foldName(value: string): string {
  return value
    .toLowerCase()
    .replace(/[łđðøßæœıþħ]/g, (c) => SPECIAL_LETTERS[c])
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/** Tokens of one string: folded, split at anything that is not a letter or digit, de-duplicated. */
export function tokenise(value: string): string[] {
  return [
    ...new Set(
      foldName(value)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

/** Every token of a person's names and aliases. */
export function nameTokens(names: { givenName: string; familyName?: string; aliases?: string[] }): string[] {
  return [...new Set([names.givenName, names.familyName ?? '', ...(names.aliases ?? [])].flatMap(tokenise))];
}

/**
 * Spellings that sound alike in the languages of the region, folded before Double Metaphone
 * (which is tuned to English): Slavic č/š/ž and Polish cz/sz/rz, Polish and German w.
 */
function soundFold(raw: string): string {
  const transliterated = raw
    .toLowerCase()
    .replace(/[čć]/g, 'ch')
    .replace(/[šś]/g, 'sh')
    .replace(/[žźż]/g, 'zh')
    .replace(/ř/g, 'rzh');
  return foldName(transliterated).replace(/cz/g, 'ch').replace(/sz/g, 'sh').replace(/rz/g, 'zh').replace(/w/g, 'v');
}

/** Double Metaphone codes of a token taken from the raw (unfolded) text, so č and c stay apart. */
function phoneticCodes(rawToken: string): string[] {
  const folded = soundFold(rawToken);
  if (folded.replace(/\P{L}/gu, '').length < MIN_PREFIX) return [];
  return [...new Set(doubleMetaphone(folded).filter((c) => c.length > 0))];
}

/**
 * The spelling skeleton of a raw token, for the `s:` prefixes: the sound fold, then spellings that
 * differ in writing more than in sound. "Nowaková" → "novakova", "Yana" → "jana", "Horváth" → "horvat".
 */
export function spellingSkeleton(rawToken: string): string {
  return soundFold(rawToken)
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/x/g, 'ks')
    .replace(/^y(?=[aeiou])/, 'j')
    .replace(/y/g, 'i')
    .replace(/(\p{L})\1+/gu, '$1');
}

/** Raw tokens (case and diacritics kept) for the phonetic codes, which need č ≠ c. */
function rawTokens(value: string): string[] {
  return value
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function termsOfToken(raw: string): string[] {
  const token = foldName(raw);
  const terms = [`e:${token}`];
  for (let n = MIN_PREFIX; n <= Math.min(token.length, MAX_PREFIX); n++) terms.push(`p:${token.slice(0, n)}`);
  for (const code of phoneticCodes(raw)) terms.push(`f:${code}`);
  const skeleton = spellingSkeleton(raw);
  for (let n = MIN_PREFIX; n <= Math.min(skeleton.length, MAX_PREFIX); n++) {
    const start = skeleton.slice(0, n);
    if (start !== token.slice(0, n)) terms.push(`s:${start}`);
  }
  return terms;
}

/** The index terms of a person (clear text: the services hash them before they reach storage). */
export function personTerms(names: { givenName: string; familyName?: string; aliases?: string[] }): string[] {
  const raws = [names.givenName, names.familyName ?? '', ...(names.aliases ?? [])].flatMap(rawTokens);
  return [...new Set(raws.flatMap(termsOfToken))];
}

export interface QueryToken {
  token: string;
  /** Terms to look up, each with how a hit would match. */
  terms: { term: string; kind: MatchKind }[];
}

/** The terms a query looks up, per query token (at most MAX_QUERY_TOKENS tokens). */
export function queryTerms(query: string): QueryToken[] {
  const seen = new Set<string>();
  const out: QueryToken[] = [];
  for (const raw of rawTokens(query)) {
    const token = foldName(raw);
    if (seen.has(token)) continue;
    seen.add(token);
    const terms: QueryToken['terms'] = [{ term: `e:${token}`, kind: 'exact' }];
    if (token.length >= MIN_PREFIX) {
      terms.push({ term: `p:${token.slice(0, MAX_PREFIX)}`, kind: 'prefix' });
      for (const code of phoneticCodes(raw)) terms.push({ term: `f:${code}`, kind: 'phonetic' });
      // A misspelt start: her skeleton prefix is stored as `s:`, or as `p:` where it is her plain prefix.
      const skeleton = spellingSkeleton(raw).slice(0, MAX_PREFIX);
      if (skeleton.length >= MIN_PREFIX) {
        terms.push({ term: `s:${skeleton}`, kind: 'phonetic' });
        if (skeleton !== token.slice(0, MAX_PREFIX)) terms.push({ term: `p:${skeleton}`, kind: 'phonetic' });
      }
    }
    out.push({ token, terms });
    if (out.length === MAX_QUERY_TOKENS) break;
  }
  return out;
}

/** A case reference ("NOR-2026-0012") or the start of one ("NOR-2026", "nor-2026-00"). */
export function asReferencePrefix(query: string): string | null {
  const q = query.trim().toUpperCase();
  return /^[A-Z]{2,4}-\d{1,4}(-\d{0,6})?$/.test(q) ? q : null;
}

export type MatchStrength = 'strong' | 'likely' | 'possible';

/**
 * How strongly a person found for an intake may be the same person: every name token exact and
 * the same date of birth is strong; every token exact, or a looser name with the same date of
 * birth, is likely; anything else found is possible.
 */
export function matchStrength(m: { tokens: number; score: number; dobMatches: boolean }): MatchStrength {
  const allExact = m.score >= m.tokens * MATCH_WEIGHT.exact;
  if (allExact && m.dobMatches) return 'strong';
  if (allExact || m.dobMatches) return 'likely';
  return 'possible';
}

/**
 * Hotline routing (issue #18): a call taken by a central post is routed to a local post of the
 * network by territory and language. Candidates are the directory entries of the network's members;
 * they are ranked by territory fit first (same municipality, then same NUTS3, NUTS2, national), then
 * by language (a post that speaks her language before one that needs an interpreter), and every
 * suggestion states its reasons as codes (translated by the UI).
 *
 * Pure: the caller supplies the candidates (already limited to the network) and where the call came from.
 * @example rankPosts([{ organisationId, name: 'Post Palermo', territoryLevel: 'municipality', territory: 'Palermo', languages: ['it', 'en'], services: [] }], { municipality: 'Palermo', language: 'en' })
 */

export const TERRITORY_FITS = ['same_municipality', 'same_nuts3', 'same_nuts2', 'national', 'elsewhere'] as const;
export type TerritoryFit = (typeof TERRITORY_FITS)[number];

export const LANGUAGE_FITS = ['speaks_her_language', 'language_unknown', 'interpreter_needed'] as const;
export type LanguageFit = (typeof LANGUAGE_FITS)[number];

/** Every reason code a suggestion can state (the UI translates each: handoffUi `reasons.<code>`). */
export const ROUTING_REASONS = [...TERRITORY_FITS, ...LANGUAGE_FITS, 'offers_service', 'service_not_listed'] as const;
export type RoutingReason = (typeof ROUTING_REASONS)[number];

export interface PostCandidate {
  organisationId: string;
  name: string;
  territoryLevel: 'municipality' | 'nuts3' | 'nuts2' | 'national';
  territory: string;
  languages: readonly string[];
  services: readonly string[];
}

/** Where the call came from (coarse), and the language she speaks. */
export interface CallOrigin {
  municipality?: string | null;
  /** NUTS3 code (e.g. ITG12); its NUTS2 and country follow from the code when not given. */
  nuts3?: string | null;
  nuts2?: string | null;
  /** ISO 3166 alpha-2 (NUTS country code). */
  country?: string | null;
  language?: string | null;
  /** A service she needs (the organisation's list `services`): posts listing it come first at equal fit. */
  service?: string | null;
}

export interface RoutedPost {
  organisationId: string;
  name: string;
  territoryFit: TerritoryFit;
  languageFit: LanguageFit;
  reasons: RoutingReason[];
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLocaleLowerCase('en');
/** The primary language subtag: `pt-BR` speaks `pt`. */
const primary = (lang: string) => norm(lang).split(/[-_]/)[0];
const NUTS = /^[a-z]{2}[a-z0-9]{0,3}$/;

/** Her NUTS2 and country, from the finer codes when not given (NUTS codes nest by prefix). */
export function expandOrigin(origin: CallOrigin): {
  municipality: string;
  nuts3: string;
  nuts2: string;
  country: string;
} {
  const nuts3 = norm(origin.nuts3);
  const nuts2 = norm(origin.nuts2) || (NUTS.test(nuts3) && nuts3.length === 5 ? nuts3.slice(0, 4) : '');
  const country = norm(origin.country) || (NUTS.test(nuts2 || nuts3) ? (nuts2 || nuts3).slice(0, 2) : '');
  return { municipality: norm(origin.municipality), nuts3, nuts2, country };
}

/** How well a post's territory covers where the call came from. */
export function territoryFit(
  candidate: Pick<PostCandidate, 'territoryLevel' | 'territory'>,
  origin: CallOrigin,
): TerritoryFit {
  const her = expandOrigin(origin);
  const t = norm(candidate.territory);
  switch (candidate.territoryLevel) {
    case 'municipality':
      return her.municipality !== '' && t === her.municipality ? 'same_municipality' : 'elsewhere';
    case 'nuts3':
      return her.nuts3 !== '' && t === her.nuts3 ? 'same_nuts3' : 'elsewhere';
    case 'nuts2':
      return her.nuts2 !== '' && t === her.nuts2 ? 'same_nuts2' : 'elsewhere';
    case 'national':
      // A national post covers her country; with no country known, it covers every call.
      return her.country === '' || t === her.country ? 'national' : 'elsewhere';
  }
}

/** Whether the post speaks her language, needs an interpreter, or her language is not known. */
export function languageFit(
  candidate: Pick<PostCandidate, 'languages'>,
  language: string | null | undefined,
): LanguageFit {
  if (!norm(language)) return 'language_unknown';
  const hers = primary(language!);
  return candidate.languages.some((l) => primary(l) === hers) ? 'speaks_her_language' : 'interpreter_needed';
}

const order = <T extends string>(list: readonly T[], v: T) => list.indexOf(v);

/**
 * The candidates ranked for this call, best first, each with its reasons. Territory fit decides
 * first; at the same fit a post that speaks her language never ranks below one that does not; then
 * a post listing the service she needs; then by name (a stable, reproducible order).
 */
export function rankPosts(candidates: readonly PostCandidate[], origin: CallOrigin): RoutedPost[] {
  const service = norm(origin.service);
  const routed = candidates.map((c) => {
    const t = territoryFit(c, origin);
    const l = languageFit(c, origin.language);
    const offers = service === '' ? null : c.services.some((s) => norm(s) === service);
    const reasons: RoutingReason[] = [t, l];
    if (offers !== null) reasons.push(offers ? 'offers_service' : 'service_not_listed');
    return {
      post: { organisationId: c.organisationId, name: c.name, territoryFit: t, languageFit: l, reasons },
      offers,
    };
  });
  routed.sort(
    (a, b) =>
      order(TERRITORY_FITS, a.post.territoryFit) - order(TERRITORY_FITS, b.post.territoryFit) ||
      order(LANGUAGE_FITS, a.post.languageFit) - order(LANGUAGE_FITS, b.post.languageFit) ||
      Number(b.offers === true) - Number(a.offers === true) ||
      a.post.name.localeCompare(b.post.name, 'en') ||
      a.post.organisationId.localeCompare(b.post.organisationId),
  );
  return routed.map((r) => r.post);
}

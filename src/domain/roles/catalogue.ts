/**
 * The EX-CHANGE catalogue of professional profiles and roles (report 004, §2.3).
 * A profile is a recognised qualification; a role is a field of activity that one
 * or more profiles may fill, described by a 7-field role card. This is the shared
 * taxonomy: every organisation gets an editable, translatable copy, and its local
 * entries keep a `taxonomyCode` so that a network can compare like with like.
 * Role cards are quoted from the report in English; organisations translate them.
 */
import { z } from 'zod';
import { discoverLanguages, labelsFor, optionalLabelsFor } from '../../i18n/resources';
import { DomainError } from '../errors';
import { code } from '../shared/zod';

/** The languages of locales/ (a new folder there is a new language; no code change). */
export const LOCALES = discoverLanguages() as [string, ...string[]];
export type Locale = string;

/** The seven fields of an EX-CHANGE role card, in the report's order. */
export const ROLE_CARD_FIELDS = ['area', 'organisation', 'actions', 'tasks', 'skills', 'methods', 'tools'] as const;
export type RoleCardField = (typeof ROLE_CARD_FIELDS)[number];

/** Names in any of the languages; at least one is needed. */
export const LocalisedTextSchema = z
  .partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(2000))
  .refine((v) => Object.keys(v).length > 0, 'Give the text in at least one language');
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;
export const RoleCardSchema = z.partialRecord(
  z.enum(ROLE_CARD_FIELDS),
  z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(5000)),
);
export type RoleCard = z.infer<typeof RoleCardSchema>;

export interface CatalogueProfile {
  code: string;
  taxonomyCode: string;
  labels: LocalisedText;
  active: boolean;
}
export interface CatalogueRole {
  code: string;
  taxonomyCode: string;
  labels: LocalisedText;
  card: RoleCard;
  profileCodes: string[];
  active: boolean;
}

export const ProfileInputSchema = z.strictObject({
  taxonomyCode: code,
  labels: LocalisedTextSchema,
  active: z.boolean().default(true),
});
export const RoleInputSchema = z.strictObject({
  taxonomyCode: code,
  labels: LocalisedTextSchema,
  card: RoleCardSchema.default({}),
  profileCodes: z.array(code).max(24).default([]),
  active: z.boolean().default(true),
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;
export type RoleInput = z.infer<typeof RoleInputSchema>;
export { code as CatalogueCodeSchema };

/** The 24 EX-CHANGE profiles; their names are catalogue.json's `profiles.<code>` in every language. */
export const TAXONOMY_PROFILES: readonly { code: string; labels: LocalisedText }[] = [
  'lawyer',
  'physician',
  'psychiatrist',
  'psychologist',
  'ethnopsychologist',
  'psychotherapist',
  'educational_therapist',
  'art_therapist',
  'intercultural_mediator',
  'family_mediator',
  'philosopher',
  'artist',
  'social_worker',
  'welfare_case_worker',
  'special_needs_educator',
  'professional_educator',
  'family_economics_advisor',
  'nurse',
  'labour_market_insertion_advisor',
  'guidance_counsellor',
  'trainer_teacher',
  'secretary',
  'manager',
  'interpreter',
].map((c) => ({ code: c, labels: labelsFor('catalogue', `profiles.${c}`) }));

interface TaxonomyRole {
  code: string;
  labels: LocalisedText;
  profileCodes: string[];
  card: RoleCard;
}
/** The role card fields catalogue.json describes for this role, each in every language it is translated into. */
const cardOf = (c: string): RoleCard =>
  Object.fromEntries(
    ROLE_CARD_FIELDS.flatMap((f) => {
      const text = optionalLabelsFor('catalogue', `cards.${c}.${f}`);
      return text ? [[f, text]] : [];
    }),
  ) as RoleCard;

/**
 * Roles: Emergendo (Italy) plus the roles other countries add, with the profiles that may fill them.
 * Names are catalogue.json's `roles.<code>`; role cards (quoted from the report in English, which
 * organisations translate) are `cards.<code>.<field>`.
 */
export const TAXONOMY_ROLES: readonly TaxonomyRole[] = (
  [
    ['lawyer', ['lawyer']],
    ['legal_advisor', ['lawyer']],
    ['psychologist', ['psychologist', 'ethnopsychologist']],
    ['psychotherapist', ['psychotherapist', 'psychologist', 'psychiatrist']],
    ['psychiatrist', ['psychiatrist']],
    ['mobile_unit_social_operator', ['social_worker', 'welfare_case_worker', 'professional_educator']],
    ['cultural_mediator', ['intercultural_mediator', 'interpreter']],
    ['family_mediator', ['family_mediator']],
    ['peer_educator', []],
    ['toll_free_social_operator', ['social_worker', 'welfare_case_worker', 'psychologist']],
    ['drop_in_operator', ['social_worker', 'welfare_case_worker', 'professional_educator']],
    ['programme_delegate', ['social_worker', 'welfare_case_worker', 'professional_educator']],
    [
      'residential_shelter_operator',
      ['social_worker', 'welfare_case_worker', 'professional_educator', 'special_needs_educator'],
    ],
    ['local_responsible_operator', ['social_worker', 'manager']],
    ['vocational_advisor', ['guidance_counsellor', 'labour_market_insertion_advisor']],
    ['work_insertion_mediator', ['labour_market_insertion_advisor', 'guidance_counsellor']],
    ['company_tutor', []],
    ['teacher_trainer', ['trainer_teacher']],
    ['threshold_operator', ['secretary', 'social_worker', 'welfare_case_worker']],
    ['counsellor', ['psychologist', 'social_worker']],
    ['referral_agent', ['labour_market_insertion_advisor', 'guidance_counsellor']],
    ['monitoring_guidance_operator', ['psychologist', 'ethnopsychologist', 'social_worker']],
    ['daily_life_management_advisor', ['family_economics_advisor', 'professional_educator']],
    ['programme_insertion_advisor', ['social_worker', 'welfare_case_worker']],
  ] as [string, string[]][]
).map(([c, profileCodes]) => ({
  code: c,
  labels: labelsFor('catalogue', `roles.${c}`),
  profileCodes,
  card: cardOf(c),
}));

export const TAXONOMY_ROLE_CODES = new Set(TAXONOMY_ROLES.map((r) => r.code));
export const TAXONOMY_PROFILE_CODES = new Set(TAXONOMY_PROFILES.map((p) => p.code));

/** The seed copy an organisation starts from: each entry maps to itself in the taxonomy. */
export function defaultCatalogue(): { profiles: CatalogueProfile[]; roles: CatalogueRole[] } {
  return {
    profiles: TAXONOMY_PROFILES.map((p) => ({ code: p.code, taxonomyCode: p.code, labels: p.labels, active: true })),
    roles: TAXONOMY_ROLES.map((r) => ({
      code: r.code,
      taxonomyCode: r.code,
      labels: r.labels,
      card: r.card,
      profileCodes: r.profileCodes,
      active: true,
    })),
  };
}

/** Text in the wanted language, else English, else any; `translated` says whether it was the wanted one. */
export function localise(
  text: Partial<Record<Locale, string>> | undefined,
  locale: Locale,
): { text: string; translated: boolean } | null {
  if (!text) return null;
  if (text[locale]) return { text: text[locale]!, translated: true };
  const fallback = text.en ?? Object.values(text).find(Boolean);
  return fallback ? { text: fallback, translated: false } : null;
}

/** Checks a local role against the shared taxonomy and the organisation's profiles. */
export function checkRole(input: RoleInput, profileCodes: ReadonlySet<string>): void {
  if (!TAXONOMY_ROLE_CODES.has(input.taxonomyCode))
    throw new DomainError(
      'unknown_taxonomy_role',
      `"${input.taxonomyCode}" is not a role of the shared taxonomy; map the local role to one of them`,
    );
  const unknown = input.profileCodes.filter((p) => !profileCodes.has(p));
  if (unknown.length) throw new DomainError('unknown_profile', `Unknown profiles: ${unknown.join(', ')}`);
}

export function checkProfile(input: ProfileInput): void {
  if (!TAXONOMY_PROFILE_CODES.has(input.taxonomyCode))
    throw new DomainError(
      'unknown_taxonomy_profile',
      `"${input.taxonomyCode}" is not a profile of the shared taxonomy`,
    );
}

/** Shapes of the roles catalogue API, and picking text in the reader's language. */
import { LANGUAGES } from '../i18n';

/** A language code of locales/; every language found there can name roles and profiles. */
export type Locale = string;
export const LOCALES: Locale[] = Object.keys(LANGUAGES);
export const CARD_FIELDS = ['area', 'organisation', 'actions', 'tasks', 'skills', 'methods', 'tools'] as const;
export type Localised = Partial<Record<Locale, string>>;
export interface Profile { code: string; taxonomyCode: string; labels: Localised; active: boolean }
export interface Role { code: string; taxonomyCode: string; labels: Localised; card: Partial<Record<(typeof CARD_FIELDS)[number], Localised>>; profileCodes: string[]; active: boolean }
export interface Catalogue { profiles: Profile[]; roles: Role[]; taxonomy: { profiles: { code: string; labels: Localised }[]; roles: { code: string; labels: Localised }[] } }
export interface StaffRoles { userId: string; displayName: string; accessRoles: string[]; roles: string[]; profiles: string[] }

export function asLocale(language: string): Locale {
  const short = language.slice(0, 2);
  return (LOCALES as string[]).includes(short) ? (short as Locale) : 'en';
}

/** The text in the reader's language, else English, else any; `translated` is false for a fallback. */
export function pick(text: Localised | undefined, locale: Locale): { text: string; translated: boolean } {
  if (text?.[locale]) return { text: text[locale]!, translated: true };
  const fallback = text?.en ?? Object.values(text ?? {}).find(Boolean) ?? '';
  return { text: fallback, translated: false };
}

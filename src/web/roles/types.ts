/** Shapes of the roles catalogue API, and picking text in the reader's language. */
import { LANGUAGES } from '../i18n';

/** A language code of locales/; every language found there can name roles and profiles. */
export type Locale = string;
export const LOCALES: Locale[] = Object.keys(LANGUAGES);
export const CARD_FIELDS = ['area', 'organisation', 'actions', 'tasks', 'skills', 'methods', 'tools'] as const;
export type Localised = Partial<Record<Locale, string>>;
/** The catalogue's response shapes, inferred from the server's presenter schemas. */
export type { Catalogue, CatalogueProfile as Profile, CatalogueRole as Role, StaffRoles } from '../../server/api-types';

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

/// <reference types="vite/client" />
/**
 * react-i18next set-up. Every message lives in locales/<language>/<namespace>.json at the top of the
 * repository (the server reads the same files, see src/i18n/resources.ts). Languages and namespaces
 * are whatever folders and files are there, so adding a language needs no code change; a key a
 * language lacks falls back to English. The choice is remembered per browser.
 *
 * `translation` is the default namespace; every other file is a namespace reached by its name as the
 * first part of the key (`t('caseUi.listTitle')` reads `listTitle` in caseUi.json), so namespace
 * names must differ from the top-level keys of translation.json (tests/unit/i18n.test.ts checks it).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('../../../locales/*/*.json', { eager: true, import: 'default' });

/** { [language]: { [namespace]: messages } }, from the JSON files. */
export const resources: Record<string, Record<string, Tree>> = {};
for (const [file, tree] of Object.entries(files)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (match) (resources[match[1]] ??= {})[match[2]] = tree;
}

export const DEFAULT_NAMESPACE = 'translation';
export const NAMESPACES = Object.keys(resources.en ?? {}).sort();

function nativeName(language: string): string {
  const own = resources[language]?.[DEFAULT_NAMESPACE]?.languageName;
  if (typeof own === 'string' && own.trim()) return own;
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

const codes = [
  'en',
  ...Object.keys(resources)
    .filter((l) => l !== 'en')
    .sort(),
];
/** Every language with a folder under locales/, by its own name: { sq: 'Shqip', … }. */
export const LANGUAGES: Record<string, string> = Object.fromEntries(codes.map((l) => [l, nativeName(l)]));
export type Language = string;

/**
 * The label of an organisation's list item in a language: the organisation's own translation first,
 * then the seed text of locales/<language>/lists.json (for a language added after the organisation's
 * lists were seeded), then the organisation's English label.
 */
export function listLabel(
  labels: Partial<Record<string, string>>,
  listKey: string,
  code: string,
  language: string,
): string {
  const seed = i18n.getResource(language, 'lists', `${listKey}.${code}`) as unknown;
  return labels[language] ?? (typeof seed === 'string' ? seed : undefined) ?? labels.en ?? code;
}

const STORAGE_KEY = 'ariadne.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored && stored in LANGUAGES) return stored;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return browser in LANGUAGES ? browser : 'en';
}

void i18n.use(initReactI18next).init({
  resources,
  ns: NAMESPACES,
  defaultNS: DEFAULT_NAMESPACE,
  nsSeparator: '.',
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  localStorage.setItem(STORAGE_KEY, lng);
});
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;

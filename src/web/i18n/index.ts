/** react-i18next set-up: four languages from day one; the choice is remembered per browser. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { fr } from './locales/fr';
import { it } from './locales/it';
import { sk } from './locales/sk';

export const LANGUAGES = { en: 'English', fr: 'Français', it: 'Italiano', sk: 'Slovenčina' } as const;
export type Language = keyof typeof LANGUAGES;
export const resources = { en, fr, it, sk } as const;

const STORAGE_KEY = 'ariadne.language';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored && stored in LANGUAGES) return stored as Language;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return (browser in LANGUAGES ? browser : 'en') as Language;
}

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(resources).map(([lng, messages]) => [lng, { translation: messages }])),
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

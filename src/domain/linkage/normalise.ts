/**
 * Field normalisation: turns a raw identifying value into the tokens that get
 * hashed into a CLK. Names are transliterated, stripped of accents and folded
 * so spelling systems agree; dates become tokens robust to a day/month swap.
 */
import type { FieldNormaliser } from './schema';
import { countryCodeOf, foldCountry } from './countries';
import { transliterate } from './transliterate';

/** Letters NFKD does not decompose. */
const SPECIAL_LETTERS: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
};

/** Spelling-system differences folded on both sides (Shevchenko / Ševčenko, Yulia / Iuliia...). */
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/shch|sht|sch|sh/g, 's'],
  [/tch|ch/g, 'c'],
  [/zh/g, 'z'],
  [/kh/g, 'h'],
  [/ts|tz/g, 'c'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dj|gj/g, 'g'],
  [/ck|q/g, 'k'],
  [/ks/g, 'x'],
  [/w/g, 'v'],
  [/[yj]/g, 'i'],
  [/(.)\1+/g, '$1'],
];

/** Normalises a name-like value to lower-case a–z words without accents, spelling folded. */
export function normaliseName(raw: string): string {
  let s = transliterate(raw).toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  s = s.replace(/[^\x00-\x7f]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch);
  s = s
    .replace(/['’`ʼ]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  // Folding can create a new digraph ("cck" → "ck"), so repeat until stable.
  for (let previous = ''; previous !== s;) {
    previous = s;
    for (const [pattern, to] of FOLDS) s = s.replace(pattern, to);
  }
  return s.replace(/\s+/g, ' ');
}

/** Padded q-grams of a string ("_a", "an", "na", "a_" for "ana" with q = 2). */
export function qgrams(text: string, q: number): string[] {
  if (text.length === 0) return [];
  const pad = '_'.repeat(q - 1);
  const padded = pad + text + pad;
  const grams: string[] = [];
  for (let i = 0; i + q <= padded.length; i++) grams.push(padded.slice(i, i + q));
  return grams;
}

export interface BirthDate {
  year: number;
  month?: number;
  day?: number;
}

const YMD = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/;
const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** Parses ISO (YYYY[-MM[-DD]]) and European (DD.MM.YYYY, DD/MM/YYYY) dates; undefined if unreadable. */
export function parseBirthDate(raw: string): BirthDate | undefined {
  const s = raw.trim();
  let year: number, month: number | undefined, day: number | undefined;
  const ymd = YMD.exec(s);
  const dmy = DMY.exec(s);
  if (ymd)
    [year, month, day] = [Number(ymd[1]), ymd[2] ? Number(ymd[2]) : undefined, ymd[3] ? Number(ymd[3]) : undefined];
  else if (dmy) [year, month, day] = [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])];
  else return undefined;
  if (year < 1850 || year > 2200) return undefined;
  // A month above 12 with a day that could be a month is a swapped entry.
  if (month !== undefined && day !== undefined && month > 12 && day <= 12) [month, day] = [day, month];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Date tokens: year, decade, the ordered month-day, and the day/month pair
 * sorted (so a day/month swap keeps all tokens but the ordered one).
 */
export function dateTokens(date: BirthDate): string[] {
  // No token of the year alone (nor its decade): every record born in a year would share its bits,
  // and a key-free attacker reads the birth year off that group (attack.test.ts). The year travels
  // only inside the full date, whose groups are too small to name by frequency.
  if (date.month === undefined) return [`Y${date.year}`];
  if (date.day === undefined) return [`M${date.year}${pad2(date.month)}`];
  const [low, high] = [date.month, date.day].sort((x, y) => x - y);
  return [
    `F${date.year}${pad2(low)}${pad2(high)}`,
    `D${pad2(date.month)}${pad2(date.day)}`,
    `U${pad2(low)}${pad2(high)}`,
  ];
}

/**
 * The value a low-cardinality field's tokens are bound to (schema `bindTo`): the swap-tolerant
 * full date for a date, the normalised value otherwise; null when there is none (or a date is partial).
 */
export function bindingAnchor(normaliser: FieldNormaliser, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  if (normaliser === 'date') {
    const date = parseBirthDate(raw);
    if (!date || date.month === undefined || date.day === undefined) return null;
    const [low, high] = [date.month, date.day].sort((x, y) => x - y);
    return `${date.year}${pad2(low)}${pad2(high)}`;
  }
  if (normaliser === 'sex') return normaliseSex(raw) ?? null;
  if (normaliser === 'country') return normaliseCountry(raw) ?? null;
  return normaliseName(raw).replace(/ /g, '') || null;
}

const SEX_WORDS: Record<string, 'f' | 'm' | 'x'> = {
  f: 'f',
  female: 'f',
  woman: 'f',
  w: 'f',
  femme: 'f',
  femeie: 'f',
  ж: 'f',
  жена: 'f',
  жінка: 'f',
  θ: 'f',
  γυναικα: 'f',
  m: 'm',
  male: 'm',
  man: 'm',
  homme: 'm',
  barbat: 'm',
  м: 'm',
  мъж: 'm',
  чоловік: 'm',
  α: 'm',
  ανδρας: 'm',
  x: 'x',
  other: 'x',
  diverse: 'x',
  nonbinary: 'x',
  'non-binary': 'x',
};

/** Normalises sex to "f", "m" or "x"; undefined when missing or unknown. */
export function normaliseSex(raw: string): 'f' | 'm' | 'x' | undefined {
  const key = raw.trim().toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  return SEX_WORDS[key];
}

/** Normalises a citizenship to an ISO alpha-2 code where known, else to its folded name. */
export function normaliseCountry(raw: string): string {
  const s = foldCountry(transliterate(raw));
  return countryCodeOf(s) ?? s;
}

/** The tokens one field contributes to a CLK; empty when the value is missing or unreadable. */
export function fieldTokens(normaliser: FieldNormaliser, raw: string | null | undefined, q: number): string[] {
  if (raw === null || raw === undefined || raw.trim() === '') return [];
  switch (normaliser) {
    case 'name':
      return qgrams(normaliseName(raw).replace(/ /g, ''), q);
    case 'date': {
      const date = parseBirthDate(raw);
      return date ? dateTokens(date) : [];
    }
    case 'sex': {
      const sex = normaliseSex(raw);
      return sex ? [`S${sex}`] : [];
    }
    case 'country': {
      const country = normaliseCountry(raw);
      return country ? [`C${country}`] : [];
    }
  }
}

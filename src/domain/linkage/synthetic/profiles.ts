/**
 * Name-frequency profiles of the synthetic cultures: each culture's share of the
 * generated population, and for surnames and given names a vocabulary size and
 * Zipf exponent (see zipf.ts). The published profile is docs/linkage-generator.md.
 *
 * The exponents are chosen so that the share of a culture's most common surname
 * is of the order of published national figures, and never far below them (the
 * generator errs towards more namesakes, which is the harder case):
 *  - Vietnamese: Nguyễn is borne by about 38% of the population (Wikipedia,
 *    "Vietnamese name", after Vietnamese surveys); the 60-name vocabulary with
 *    s = 1.4 gives its top name 38%.
 *  - Chinese: Li, Wang and Zhang each about 7% (2006 Chinese Academy of Sciences
 *    survey; the 2019 Ministry of Public Security report gives 100 surnames for
 *    about 85% of people): 64 names, s = 0.5, top name 6.9%.
 *  - Thai: surnames are unique per family by the 1913 Surname Act, so the
 *    vocabulary is large and nearly flat: 560 names, s = 0.1, top name 0.3%.
 *  - Bulgarian and Albanian: surnames of patronymic origin concentrate on a few
 *    (Ivanov/Georgiev/Dimitrov; Hoxha, each a few per cent, Forebears national
 *    counts): 300 names, s = 0.7, top name 6.4%.
 *  - Romanian and Moldovan (Popa, Popescu, Rusu, Ceban about 1–2% each,
 *    Forebears): 400 names, s = 0.5 (2.6%) and 300 names, s = 0.6 (4.4%).
 *  - Ukrainian (Melnyk, Shevchenko, Kovalenko, Bondarenko well under 1% each,
 *    Forebears): 560 names, s = 0.3, top name 0.8%.
 *  - Greek (Papadopoulos under 1%): 400 names, s = 0.5, top 2.6%. Edo: 300, s = 0.5.
 * Given names within a birth cohort concentrate more: the top name of a sex is
 * commonly 5–12% (Maria in Greece and Romania, Olena and Oleksandr in Soviet-era
 * Ukraine; national statistics offices' name counts), so s = 0.5–0.8 over about
 * 60 names (top name 7–14%); Chinese two-syllable given names are far more
 * diverse (s = 0.3). Culture shares reflect a network serving migrants in
 * South-East Europe, with one large group (Ukrainian), so that the big group's
 * namesakes dominate as they do in real caseloads.
 */
import type { ZipfSpec } from './zipf';

export interface NameProfile {
  /** Share of generated persons from this culture (the shares sum to 1). */
  share: number;
  surname: ZipfSpec;
  givenFemale: ZipfSpec;
  givenMale: ZipfSpec;
  /** Middle parts a surname may have between its start and end (the empty string included). */
  surnameInfix: readonly string[];
}

const given = (size: number, exponent: number): ZipfSpec => ({ size, exponent });

export const NAME_PROFILES: Readonly<Record<string, NameProfile>> = {
  ukrainian: {
    share: 0.22,
    surname: { size: 560, exponent: 0.3 },
    givenFemale: given(60, 0.7),
    givenMale: given(60, 0.7),
    surnameInfix: ['', 'р', 'н', 'ли', 'ов', 'ен', 'ак', 'ич'],
  },
  romanian: {
    share: 0.13,
    surname: { size: 400, exponent: 0.5 },
    givenFemale: given(60, 0.6),
    givenMale: given(60, 0.6),
    surnameInfix: ['', 'r', 'n', 'li', 'to', 'ce', 'mă', 'di'],
  },
  moldovan: {
    share: 0.1,
    surname: { size: 300, exponent: 0.6 },
    givenFemale: given(60, 0.6),
    givenMale: given(60, 0.6),
    surnameInfix: ['', 'r', 'l', 'sa', 'mi', 'te', 'nă', 'cu'],
  },
  albanian: {
    share: 0.1,
    surname: { size: 300, exponent: 0.7 },
    givenFemale: given(60, 0.6),
    givenMale: given(60, 0.6),
    surnameInfix: ['', 'r', 'n', 'li', 'ta', 'me', 'ku', 'da'],
  },
  edo: {
    share: 0.1,
    surname: { size: 300, exponent: 0.5 },
    givenFemale: given(56, 0.5),
    givenMale: given(56, 0.5),
    surnameInfix: ['', 'n', 'gh', 'mwe', 'ra', 'wa', 'si', 'ku'],
  },
  bulgarian: {
    share: 0.08,
    surname: { size: 300, exponent: 0.7 },
    givenFemale: given(60, 0.7),
    givenMale: given(60, 0.7),
    surnameInfix: ['', 'р', 'н', 'ли', 'ов', 'ен', 'ак', 'ич'],
  },
  vietnamese: {
    share: 0.09,
    surname: { size: 60, exponent: 1.4 },
    givenFemale: given(40, 0.6),
    givenMale: given(40, 0.6),
    surnameInfix: [''],
  },
  chinese: {
    share: 0.07,
    surname: { size: 64, exponent: 0.5 },
    givenFemale: given(60, 0.3),
    givenMale: given(60, 0.3),
    surnameInfix: [''],
  },
  greek: {
    share: 0.06,
    surname: { size: 400, exponent: 0.5 },
    givenFemale: given(60, 0.8),
    givenMale: given(60, 0.8),
    surnameInfix: ['', 'ο', 'ι', 'αν', 'ελ', 'ον', 'ιτ', 'απ'],
  },
  thai: {
    share: 0.05,
    surname: { size: 560, exponent: 0.1 },
    givenFemale: given(60, 0.4),
    givenMale: given(60, 0.4),
    surnameInfix: ['', 'a', 'i', 'ka', 'na', 'pha', 'tha', 'wi'],
  },
};

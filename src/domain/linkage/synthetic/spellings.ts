/**
 * Latin spellings of Cyrillic and Greek names as different organisations write
 * them: passport-style, scholarly (with diacritics) and German-style for
 * Cyrillic; ELOT-style and phonetic for Greek. Also tone-mark and diacritic loss.
 */
import type { Rng } from '../../shared/random';

const CYR_COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  д: 'd',
  е: 'e',
  з: 'z',
  і: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ь: '',
  ъ: 'a',
  ґ: 'g',
};

const CYR_SYSTEMS: Record<string, Record<string, string>> = {
  passport: {
    в: 'v',
    г: 'h',
    ж: 'zh',
    и: 'y',
    ї: 'i',
    й: 'i',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ю: 'iu',
    я: 'ia',
    є: 'ie',
  },
  scholarly: {
    в: 'v',
    г: 'h',
    ж: 'ž',
    и: 'y',
    ї: 'ï',
    й: 'j',
    х: 'x',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ю: 'ju',
    я: 'ja',
    є: 'je',
  },
  german: {
    в: 'w',
    г: 'h',
    ж: 'sh',
    и: 'i',
    ї: 'ji',
    й: 'j',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ю: 'ju',
    я: 'ja',
    є: 'je',
  },
};

/** Bulgarian reads г as g and щ as sht in every system. */
const BULGARIAN: Record<string, string> = { г: 'g', щ: 'sht', и: 'i' };

/** Writes a Cyrillic name in Latin with one of several real-world systems. */
export function latinFromCyrillic(name: string, rng: Rng, bulgarian: boolean): string {
  const system = CYR_SYSTEMS[rng.pick(Object.keys(CYR_SYSTEMS))];
  let out = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const mapped = (bulgarian && BULGARIAN[lower]) || system[lower] || CYR_COMMON[lower];
    if (mapped === undefined) out += ch;
    else out += ch !== lower ? mapped.charAt(0).toUpperCase() + mapped.slice(1) : mapped;
  }
  return out;
}

const GREEK_ELOT: ReadonlyArray<[string, string]> = [
  ['ου', 'ou'],
  ['μπ', 'mp'],
  ['ντ', 'nt'],
  ['γγ', 'ng'],
  ['γκ', 'gk'],
  ['αυ', 'av'],
  ['ευ', 'ev'],
  ['α', 'a'],
  ['β', 'v'],
  ['γ', 'g'],
  ['δ', 'd'],
  ['ε', 'e'],
  ['ζ', 'z'],
  ['η', 'i'],
  ['θ', 'th'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['λ', 'l'],
  ['μ', 'm'],
  ['ν', 'n'],
  ['ξ', 'x'],
  ['ο', 'o'],
  ['π', 'p'],
  ['ρ', 'r'],
  ['σ', 's'],
  ['ς', 's'],
  ['τ', 't'],
  ['υ', 'y'],
  ['φ', 'f'],
  ['χ', 'ch'],
  ['ψ', 'ps'],
  ['ω', 'o'],
];
const GREEK_PHONETIC: ReadonlyArray<[string, string]> = [
  ['γι', 'yi'],
  ['ου', 'ou'],
  ['μπ', 'b'],
  ['ντ', 'd'],
  ['αι', 'e'],
  ['ει', 'i'],
  ['οι', 'i'],
  ['χ', 'h'],
  ['υ', 'i'],
  ['δ', 'd'],
  ...GREEK_ELOT,
];

/** Writes a Greek name in Latin, ELOT-style or phonetic. */
export function latinFromGreek(name: string, rng: Rng): string {
  const table = rng.chance(0.6) ? GREEK_ELOT : GREEK_PHONETIC;
  let s = name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [from, to] of table) s = s.split(from).join(to);
  return s.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Drops accents and tone marks, as many databases and keyboards do. */
export function stripMarks(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
}

/**
 * Cyrillic and Greek to Latin transliteration, applied before q-gramming so a
 * name written "Олена" at one organisation and "Olena" at another shares q-grams.
 * The tables follow the common passport conventions; remaining differences
 * between systems (kh/h, ia/ya...) are folded later by the name normaliser.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'yi',
  й: 'y',
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
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'a',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ў: 'u',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

/**
 * Cyrillic is read with Ukrainian rules (г = h, и = y) unless the letters say otherwise: ы, э, ё
 * and ъ do not occur in Ukrainian, so a value holding one is read as Russian or Bulgarian
 * (г = g, и = i, щ = sht). The whole value decides, so a surname without such letters follows
 * the given name.
 */
const CYRILLIC_NON_UKRAINIAN: Record<string, string> = { г: 'g', и: 'i', щ: 'sht' };
const NON_UKRAINIAN_MARKERS = /[ыэёъ]/i;

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** Greek digraphs read as one sound; done before single letters. */
const GREEK_DIGRAPHS: ReadonlyArray<[string, string]> = [
  ['ου', 'ou'],
  ['αι', 'ai'],
  ['ει', 'ei'],
  ['οι', 'oi'],
  ['μπ', 'b'],
  ['ντ', 'nt'],
  ['γκ', 'gk'],
  ['γγ', 'ng'],
  ['αυ', 'av'],
  ['ευ', 'ev'],
];

const CYRILLIC_RANGE = /[\u0400-\u04ff]/;
const GREEK_RANGE = /[\u0370-\u03ff\u1f00-\u1fff]/;

function transliterateCyrillicWord(word: string, ukrainian: boolean): string {
  let out = '';
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const mapped = (!ukrainian && CYRILLIC_NON_UKRAINIAN[lower]) || CYRILLIC[lower];
    out += mapped ?? ch;
  }
  return out;
}

function transliterateGreekWord(word: string): string {
  // Accents (tonos) first, so "ά" maps like "α".
  let s = word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [from, to] of GREEK_DIGRAPHS) s = s.split(from).join(to);
  let out = '';
  for (const ch of s) out += GREEK[ch] ?? ch;
  return out;
}

/**
 * Transliterates Cyrillic and Greek letters to Latin (lower case for those
 * letters); any other text is returned unchanged.
 */
export function transliterate(text: string): string {
  if (!CYRILLIC_RANGE.test(text) && !GREEK_RANGE.test(text)) return text;
  const ukrainian = !NON_UKRAINIAN_MARKERS.test(text);
  return text
    .split(/(\s+)/)
    .map((word) => {
      // A word may mix scripts (a look-alike letter typed on the wrong layout): do both.
      if (CYRILLIC_RANGE.test(word)) word = transliterateCyrillicWord(word, ukrainian);
      if (GREEK_RANGE.test(word)) word = transliterateGreekWord(word);
      return word;
    })
    .join('');
}

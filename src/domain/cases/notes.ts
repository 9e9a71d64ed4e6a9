/**
 * Case notes (the contact log): ordering and the search within one case. The search runs where
 * the notes are already open, on the notes the viewer may read (the web client, over the decrypted
 * notes the entries API gives staff of the case's organisation): the text is sealed under the
 * organisation's key, so a server-side index over it would be a second, weaker copy of her words.
 * A case holds tens or hundreds of notes, so a linear scan is instant.
 *
 * @example
 *   searchNotes(notes, 'interprete lawyer')  // notes whose text, people present, kind or
 *                                            // interpreter language hold both words (accents ignored)
 */
export interface NoteLike {
  id: string;
  recordedAt?: string | Date;
  data: {
    date?: unknown;
    time?: unknown;
    kind?: unknown;
    text?: unknown;
    present?: unknown;
    interpreterLanguage?: unknown;
  };
}

/** Lower case, without accents, for matching "Želiezovce" by "zeliezovce". */
export const foldForSearch = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Newest first: by the note's date and time, then by when it was recorded. */
export function newestFirst<N extends NoteLike>(notes: readonly N[]): N[] {
  const key = (n: N) => `${str(n.data.date)}T${str(n.data.time) || '00:00'}`;
  const at = (n: N) => (n.recordedAt ? new Date(n.recordedAt).getTime() : 0);
  return [...notes].sort((a, b) => key(b).localeCompare(key(a)) || at(b) - at(a));
}

/**
 * The notes matching every word of the query in their text, the people present, the kind or the
 * interpreter's language (`kindLabel` adds the translated kind, so "call" finds phone calls). An
 * empty query matches all.
 */
export function searchNotes<N extends NoteLike>(
  notes: readonly N[],
  query: string,
  kindLabel: (kind: string) => string = (k) => k,
): N[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...notes];
  return notes.filter((n) => {
    const haystack = foldForSearch(
      [
        str(n.data.text),
        str(n.data.present),
        str(n.data.kind),
        kindLabel(str(n.data.kind)),
        str(n.data.interpreterLanguage),
      ].join('\n'),
    );
    return words.every((w) => haystack.includes(w));
  });
}

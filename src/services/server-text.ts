/**
 * Texts the statistics write for people (what a report counts, its notes and disclosure-control
 * notes), in the request's language: locales/<language>/statsText.json. The domain keeps writing
 * them in English (its tests and the published provenance read them); the English templates of
 * statsText recognise each note and render it again, with its values, in the language asked for. A
 * note no template knows stays as written.
 */
import { loadNamespace, lookup, SOURCE_LANGUAGE, type Tree } from '../i18n/resources';

let trees: Record<string, Tree> | undefined;
const all = () => (trees ??= loadNamespace('statsText'));

const fill = (text: string, params: Record<string, string>) =>
  text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => params[name] ?? '');

let patterns: { key: string; names: string[]; re: RegExp }[] | undefined;
function notePatterns() {
  if (patterns) return patterns;
  const notes = (all()[SOURCE_LANGUAGE]?.notes ?? {}) as Tree;
  patterns = Object.entries(notes)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([key, text]) => {
      const names: string[] = [];
      const body = text
        .split(/({{\s*\w+\s*}})/)
        .map((part) => {
          const m = /^{{\s*(\w+)\s*}}$/.exec(part);
          if (m) {
            names.push(m[1]);
            return '(.+?)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      return { key, names, re: new RegExp(`^${body}$`) };
    });
  return patterns;
}

/** One note in a language; a note no template recognises is returned unchanged. */
export function translateNote(note: string, language: string): string {
  if (language === SOURCE_LANGUAGE) return note;
  for (const { key, names, re } of notePatterns()) {
    const m = re.exec(note);
    if (!m) continue;
    const text = lookup(all()[language], `notes.${key}`);
    return text ? fill(text, Object.fromEntries(names.map((n, i) => [n, m[i + 1]]))) : note;
  }
  return note;
}

/** What a population counts, in a language (undefined for a population without a text). */
export const populationDefinition = (population: string, language: string): string | undefined =>
  lookup(all()[language], `populations.${population}`) ?? lookup(all()[SOURCE_LANGUAGE], `populations.${population}`);

/** A published report's texts for people in a language: its definition, notes and disclosure-control notes. */
export function translateReportTexts<
  R extends { population: string; definition: string; notes: string[]; provenance: { disclosureControl?: string[] } },
>(report: R, language: string): R {
  if (language === SOURCE_LANGUAGE) return report;
  return {
    ...report,
    definition: populationDefinition(report.population, language) ?? report.definition,
    notes: report.notes.map((n) => translateNote(n, language)),
    provenance: {
      ...report.provenance,
      ...(report.provenance.disclosureControl
        ? { disclosureControl: report.provenance.disclosureControl.map((n) => translateNote(n, language)) }
        : {}),
    },
  };
}

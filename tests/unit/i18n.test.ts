/**
 * One translation system: i18next JSON resources in locales/<language>/<namespace>.json.
 * Complete languages have exactly the English keys; any other folder (a language being
 * translated) may lack keys, which fall back to English, but never has keys English lacks.
 * Every key used in the web code exists, no namespace is defined twice, and no JSX holds a
 * hard-coded sentence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  discoverLanguages,
  discoverNamespaces,
  flatten,
  loadAll,
  LOCALES_DIR,
  type Tree,
} from '../../src/i18n/resources';

/** Languages the project ships complete; others are partial and fall back to English. */
const COMPLETE = ['fr', 'it', 'sk'];
const DEFAULT_NAMESPACE = 'translation';
/** Keys quoted from their English source and left for organisations to translate (the EX-CHANGE role cards). */
const ENGLISH_SOURCE_ONLY = /^catalogue\.cards\./;

const all = loadAll();

/** Keys as the web calls them: translation's at the root, other namespaces prefixed by their name. */
function webKeys(namespaces: Record<string, Tree>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [namespace, tree] of Object.entries(namespaces)) {
    for (const [key, text] of flatten(tree, namespace === DEFAULT_NAMESPACE ? '' : namespace)) out.set(key, text);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

function webSources(dir = 'src/web'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : webSources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.config.ts') ? [path] : [];
  });
}

const english = webKeys(all.en);
const languages = discoverLanguages().filter((l) => l !== 'en');

test('the shipped languages and at least one language being translated are discovered from locales/', () => {
  for (const language of COMPLETE) expect(languages).toContain(language);
  expect(languages.filter((l) => !COMPLETE.includes(l)).length).toBeGreaterThan(0);
});

describe.each(languages.map((l) => [l]))('%s translation', (language) => {
  const translated = webKeys(all[language] ?? {});

  test('has no key that English lacks, and no namespace file that English lacks', () => {
    expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
    const files = readdirSync(join(LOCALES_DIR, language)).map((f) => f.replace(/\.json$/, ''));
    expect(files.filter((ns) => !discoverNamespaces().includes(ns))).toEqual([]);
  });

  test.runIf(COMPLETE.includes(language))('has exactly the English keys', () => {
    expect([...translated.keys()].filter((key) => !ENGLISH_SOURCE_ONLY.test(key)).sort()).toEqual(
      [...english.keys()].filter((key) => !ENGLISH_SOURCE_ONLY.test(key)).sort(),
    );
  });

  test('has no empty messages and keeps every placeholder', () => {
    for (const [key, text] of translated) {
      expect(text.trim(), key).toBeTruthy();
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
    }
  });
});

describe('namespaces', () => {
  test('each namespace is defined once: in JSON only, and never also as a top-level key of the default namespace', () => {
    const namespaces = discoverNamespaces();
    expect(namespaces).toContain('lists');
    const topLevel = Object.keys(all.en[DEFAULT_NAMESPACE] ?? {});
    expect(namespaces.filter((ns) => ns !== DEFAULT_NAMESPACE && topLevel.includes(ns))).toEqual([]);
    // No TypeScript message module is left beside the JSON (src/web/i18n holds the set-up and the date formats only).
    expect(readdirSync('src/web/i18n').sort()).toEqual(['dates.ts', 'index.ts']);
  });

  test('every file is valid JSON made of strings only', () => {
    for (const language of discoverLanguages()) {
      for (const file of readdirSync(join(LOCALES_DIR, language))) {
        const tree = JSON.parse(readFileSync(join(LOCALES_DIR, language, file), 'utf8')) as Tree;
        for (const [key, text] of flatten(tree)) expect(typeof text, `${language}/${file}: ${key}`).toBe('string');
      }
    }
  });
});

describe('web sources', () => {
  const sources = webSources().map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  test('every literal translation key used exists in English', () => {
    const missing: string[] = [];
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/\bt\(\s*['"]([\w.]+)['"]/g)) {
        if (!english.has(match[1])) missing.push(`${path}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('no hard-coded words between JSX tags', () => {
    const offenders: string[] = [];
    for (const { path, text } of sources.filter((s) => s.path.endsWith('.tsx'))) {
      for (const match of text.matchAll(/(?<![=-])>[ \t]*([A-Za-zÀ-ž][^<>{}\n;()]*?)[ \t]*<(?=\/|[a-zA-Z])/g)) {
        if (/[A-Za-zÀ-ž]{2,}/.test(match[1]) && !/^(=|&&|\|\|)/.test(match[1]))
          offenders.push(`${path}: "${match[1]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

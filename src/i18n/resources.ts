/**
 * The one translation system, server side. Every text lives in `locales/<language>/<namespace>.json`
 * (the i18next JSON v4 layout that Weblate and Crowdin read); the web loads the same files with
 * import.meta.glob. Languages are the folders found there, so a new language is a new folder: no code
 * change. English is the source language and the fallback for every key a language lacks.
 *
 * @example labelsFor('lists', 'channels.hotline') // { en: 'Hotline', fr: "Ligne d'écoute", it: …, sk: … }
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');
export const SOURCE_LANGUAGE = 'en';

export type Tree = { [key: string]: string | Tree };

/** Language codes with a folder under locales/, English first, then alphabetical. */
export function discoverLanguages(dir = LOCALES_DIR): string[] {
  const found = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return [SOURCE_LANGUAGE, ...found.filter((l) => l !== SOURCE_LANGUAGE)];
}

/** Namespace names: the JSON files of the source language. */
export function discoverNamespaces(dir = LOCALES_DIR): string[] {
  return fs
    .readdirSync(path.join(dir, SOURCE_LANGUAGE))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** One namespace in every language that has it ({} for a language without the file). */
export function loadNamespace(namespace: string, dir = LOCALES_DIR): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const language of discoverLanguages(dir)) {
    const file = path.join(dir, language, `${namespace}.json`);
    out[language] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Tree) : {};
  }
  return out;
}

/** Every namespace of every language: { [language]: { [namespace]: tree } }. */
export function loadAll(dir = LOCALES_DIR): Record<string, Record<string, Tree>> {
  const out: Record<string, Record<string, Tree>> = {};
  for (const namespace of discoverNamespaces(dir)) {
    for (const [language, tree] of Object.entries(loadNamespace(namespace, dir)))
      (out[language] ??= {})[namespace] = tree;
  }
  return out;
}

/** The string at a dotted path, or undefined. */
export function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** Dotted paths of every string in a tree. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const p = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(p, value);
    else for (const [k, v] of flatten(value, p)) out.set(k, v);
  }
  return out;
}

const cache = new Map<string, Record<string, Tree>>();

/**
 * The text of one key in every language that translates it; English is always there (a key
 * missing in English throws, so a typo in a domain module fails at start-up and in the tests).
 */
export function labelsFor(namespace: string, key: string): { en: string } & Record<string, string> {
  let trees = cache.get(namespace);
  if (!trees) cache.set(namespace, (trees = loadNamespace(namespace)));
  const en = lookup(trees[SOURCE_LANGUAGE], key);
  if (en === undefined) throw new Error(`Missing English text ${namespace}:${key} in ${LOCALES_DIR}`);
  const out: { en: string } & Record<string, string> = { en };
  for (const [language, tree] of Object.entries(trees)) {
    const text = lookup(tree, key);
    if (text !== undefined && text.trim() !== '') out[language] = text;
  }
  return out;
}

/** Like labelsFor, but undefined when English has no such key (optional texts such as role cards). */
export function optionalLabelsFor(
  namespace: string,
  key: string,
): ({ en: string } & Record<string, string>) | undefined {
  try {
    return labelsFor(namespace, key);
  } catch {
    return undefined;
  }
}

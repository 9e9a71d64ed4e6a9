/**
 * Every language has every key, every key used in the web code exists, and no
 * JSX holds a hard-coded sentence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { en } from '../../src/web/i18n/locales/en';
import { fr } from '../../src/web/i18n/locales/fr';
import { it as italian } from '../../src/web/i18n/locales/it';
import { sk } from '../../src/web/i18n/locales/sk';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
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

const english = flatten(en as Tree);

describe.each([['fr', fr], ['it', italian], ['sk', sk]])('%s translation', (_language, messages) => {
  const translated = flatten(messages as Tree);

  test('has exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  test('has no empty messages and keeps every placeholder', () => {
    for (const [key, text] of english) {
      expect(translated.get(key)?.trim(), key).toBeTruthy();
      expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(text));
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
        if (/[A-Za-zÀ-ž]{2,}/.test(match[1]) && !/^(=|&&|\|\|)/.test(match[1])) offenders.push(`${path}: "${match[1]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

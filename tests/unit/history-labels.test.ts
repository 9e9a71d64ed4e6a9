/**
 * Every audit action and case event kind the code emits has a label in historyUi, in each shipped
 * language (en, fr, it, sk): the services are scanned for the codes they write (`action:` of an
 * audit entry, the action argument of the audit helpers, `kind:` of a case event; `${…}` in a
 * template is a code word, `*`), and each must be in src/domain/audit/history-codes.ts, whose every
 * entry must have its text. A code word filling a pattern (a record kind) has its own label too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENTRY_KINDS } from '../../src/domain/cases/entries';
import {
  AUDIT_ACTIONS,
  CASE_EVENT_KINDS,
  historyLabel,
  historyLabelKey,
  keyOfCode,
  readableCode,
} from '../../src/domain/audit/history-codes';
import { loadNamespace, lookup } from '../../src/i18n/resources';

const LANGUAGES = ['en', 'fr', 'it', 'sk'];
const trees = loadNamespace('historyUi');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const CODE = /^[a-z_*]+(\.[a-z_*]+)+$/;
function literals(expression: string): string[] {
  return [...expression.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)].map((m) => m[1] ?? m[2]).filter((v) => CODE.test(v));
}

/** The audit actions and event kinds written by the services, the CLI and the routes. */
export function emittedCodes(roots = ['src/services', 'src/cli', 'src/server']) {
  const actions = new Set<string>();
  const events = new Set<string>();
  for (const file of roots.flatMap(sources)) {
    const text = readFileSync(file, 'utf8').replace(/\$\{[^}]*\}/g, '*');
    for (const m of text.matchAll(/\baction:\s*([^,\n}]*(?:\n\s*[?:][^,\n}]*)*)/g))
      for (const c of literals(m[1])) actions.add(c);
    for (const m of text.matchAll(/\baudit(?:Account)?\(\s*\w+,\s*\w+,\s*([^,]*),/g))
      for (const c of literals(m[1])) actions.add(c);
    for (const m of text.matchAll(/addEvent\(([\s\S]{0,400}?)\bkind:\s*([^,\n}]*)/g))
      for (const c of literals(m[2])) events.add(c);
  }
  return { actions: [...actions].sort(), events: [...events].sort() };
}

describe('history labels', () => {
  const emitted = emittedCodes();

  test('the scan finds the codes the services write', () => {
    expect(emitted.actions).toEqual(expect.arrayContaining(['case.create', 'case.read', 'case.entry.*.create']));
    expect(emitted.events).toEqual(expect.arrayContaining(['case.opened', 'entry.*', 'case.owner_changed']));
  });

  test('every audit action the code emits is in the catalogue', () => {
    expect(emitted.actions.filter((c) => !(AUDIT_ACTIONS as readonly string[]).includes(c))).toEqual([]);
  });

  test('every event kind the code emits is in the catalogue', () => {
    expect(emitted.events.filter((c) => !(CASE_EVENT_KINDS as readonly string[]).includes(c))).toEqual([]);
  });

  test.each(LANGUAGES)('every catalogue entry and every record kind has a %s label', (language) => {
    const missing = [
      ...AUDIT_ACTIONS.map((c) => `actions.${keyOfCode(c)}`),
      ...CASE_EVENT_KINDS.map((c) => `events.${keyOfCode(c)}`),
      ...ENTRY_KINDS.map((k) => `parts.${k}`),
    ].filter((key) => !lookup(trees[language], key)?.trim());
    expect(missing).toEqual([]);
  });

  test('an exact code wins over a pattern, a pattern fills {{detail}}, an unknown code is readable', () => {
    const t = (language: string) => (key: string, params?: Record<string, string>) =>
      lookup(trees[language], key)?.replace(/{{\s*(\w+)\s*}}/g, (_, n: string) => params?.[n] ?? '');
    expect(historyLabelKey('action', 'case.closed')).toEqual({ key: 'actions.case_closed' });
    expect(historyLabelKey('action', 'case.archived')).toEqual({ key: 'actions.case_x', detail: 'archived' });
    expect(historyLabel('action', 'case.entry.consent.create', t('en'))).toBe('Added a record: consent');
    expect(historyLabel('action', 'case.entry.consent.create', t('fr'))).toBe(
      'A ajouté un enregistrement : consentement',
    );
    expect(historyLabel('event', 'entry.legal_event', t('sk'))).toBe('Záznam pridaný: právna udalosť');
    expect(historyLabelKey('action', 'something.new_here')).toBeUndefined();
    expect(historyLabel('action', 'something.new_here', t('it'))).toBe('Something new here');
    expect(readableCode('case.entry.note.create')).toBe('Case entry note create');
  });
});

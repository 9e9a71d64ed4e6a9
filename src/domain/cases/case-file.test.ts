import { describe, expect, test } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import { flatten, loadNamespace } from '../../i18n/resources';
import { buildCaseFile, formatIsoDate, sectionOfKind, type CaseFileInput } from './case-file';

const labels = (language: string) => ({
  ...Object.fromEntries(flatten(loadNamespace('printUi').en)),
  ...Object.fromEntries(flatten(loadNamespace('printUi')[language] ?? {})),
});

const base = (overrides: Partial<CaseFileInput> = {}): CaseFileInput => ({
  reference: 'NOR-2026-0007',
  status: 'assistance',
  openedAt: '2026-03-02T09:30:00.000Z',
  ownerName: 'Ema Owner',
  organisationName: 'North Support',
  person: { name: 'Zuzana Kováčová', dateOfBirth: '1999-04-05', pronouns: 'she/her', sex: 'female' },
  intake: {
    channel: 'hotline',
    contactDate: '2026-03-01',
    mediatorUsed: false,
    immediateNeeds: ['shelter'],
  },
  entries: [
    {
      kind: 'placement',
      data: { type: 'shelter', startOn: '2026-03-03', address: 'Secret street 1' },
      recordedAt: '2026-03-03T10:00:00.000Z',
      recordedBy: 'Ema Owner',
    },
    {
      kind: 'consent',
      data: {
        partnerOrganisationId: '6f1c9a52-0000-4000-8000-000000000001',
        purpose: 'referral_sharing',
        action: 'granted',
        language: 'sk',
        interpreterUsed: true,
        recordedOn: '2026-03-02',
      },
      recordedAt: '2026-03-02T10:00:00.000Z',
      recordedBy: 'Ema Owner',
    },
  ],
  referrals: [],
  sections: ['person', 'consent'],
  printedBy: 'Peter Printer',
  printedAt: '2026-04-10T08:15:00.000Z',
  locale: 'en',
  labels: labels('en'),
  codes: { 'accommodation_types.shelter': 'Shelter', 'channels.hotline': 'Hotline' },
  ...overrides,
});

/** Every text string in a content tree, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    return [...texts(n.text), ...texts(n.stack), ...texts(n.columns), ...texts((n.table as { body?: unknown })?.body)];
  }
  return [];
}

describe('buildCaseFile', () => {
  test('prints the chosen sections in the file order and leaves the others out', () => {
    const doc = buildCaseFile(base({ sections: ['consent', 'person'] }));
    const all = texts(doc.content).join('\n');
    expect(all.indexOf('Person and identity')).toBeLessThan(all.indexOf('Consent'));
    expect(all).toContain('Zuzana Kováčová');
    expect(all).toContain('Apr 5, 1999');
    expect(all).not.toContain('Accommodation');
    expect(all).not.toContain('Secret street 1');
    expect(all).not.toContain('6f1c9a52');
  });

  test('a chosen section with nothing recorded says so', () => {
    const all = texts(buildCaseFile(base({ sections: ['legal'] })).content).join('\n');
    expect(all).toContain('Legal');
    expect(all).toContain('Nothing recorded.');
  });

  test('codes print by their label, booleans and dates in the reader language', () => {
    const doc = buildCaseFile(
      base({
        sections: ['accommodation', 'consent'],
        locale: 'fr',
        labels: labels('fr'),
        codes: { 'accommodation_types.shelter': 'Foyer' },
      }),
    );
    const all = texts(doc.content).join('\n');
    expect(all).toContain('Foyer');
    expect(all).toContain(formatIsoDate('2026-03-03', 'fr'));
    expect(all).toContain(labels('fr')['values.yes']);
    expect(all).not.toContain('2026-03-03');
  });

  test('the footer names who printed it, when, and page x of y', () => {
    const doc = buildCaseFile(base());
    const footer = (doc.footer as (page: number, pages: number) => Content)(2, 5);
    const line = texts(footer).join(' ');
    expect(line).toContain('Printed by Peter Printer on Apr 10, 2026');
    expect(line).toContain('Page 2 of 5');
  });

  test('the print time follows the reader time zone', () => {
    const doc = buildCaseFile(base({ printedAt: '2026-04-10T23:30:00.000Z', timeZone: 'Europe/Bratislava' }));
    const line = texts((doc.footer as (page: number, pages: number) => Content)(1, 1)).join(' ');
    expect(line).toContain('Apr 11, 2026');
  });

  test.each([
    ['placement', 'accommodation'],
    ['legal_event', 'legal'],
    ['objective', 'plan'],
    ['note', 'notes'],
    ['guardian', 'minor'],
    ['something_new', 'other'],
  ])('%s records print under %s', (kind, section) => {
    expect(sectionOfKind(kind)).toBe(section);
  });

  test('one date format per locale, never shifted by the time zone', () => {
    expect(formatIsoDate('2026-01-31', 'en')).toBe('Jan 31, 2026');
    expect(formatIsoDate('2026-01-31', 'sk')).toMatch(/31\. 1\. 2026/);
  });
});

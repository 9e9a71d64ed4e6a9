/** The web's one date format per language (src/web/i18n/dates.ts). */
import { describe, expect, test } from 'vitest';
import i18n from '../../src/web/i18n';
import { formatDate, formatDateTime } from '../../src/web/i18n/dates';

describe('formatDate and formatDateTime', () => {
  test.each([
    ['en', '2026-03-01', 'Mar 1, 2026'],
    ['fr', '2026-03-01', '1 mars 2026'],
    ['it', '2026-03-01', '1 mar 2026'],
    ['sk', '2026-03-01', '1. 3. 2026'],
  ])('a calendar date in %s is one format, the same day everywhere', (language, iso, shown) => {
    expect(formatDate(iso, language).replace(/\u00a0/g, ' ')).toBe(shown);
  });

  test('follows the current i18next language', () => {
    const before = i18n.language;
    try {
      // changeLanguage also touches the document; the helper reads only the language.
      i18n.language = 'fr';
      expect(formatDate('2026-12-24')).toBe('24 déc. 2026');
      i18n.language = 'en';
      expect(formatDate('2026-12-24')).toBe('Dec 24, 2026');
    } finally {
      i18n.language = before;
    }
  });

  test('a moment shows its time; nothing or an invalid value shows nothing', () => {
    const shown = formatDateTime('2026-03-01T10:15:00.000Z', 'en');
    expect(shown).toMatch(/^Mar 1, 2026, \d{1,2}:\d{2}/);
    expect(formatDateTime('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

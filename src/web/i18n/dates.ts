/**
 * Dates in the web, in one format per language: every date and time a user sees goes through
 * these helpers, which use Intl.DateTimeFormat with the current i18next language (medium date
 * style, short time). A calendar date (YYYY-MM-DD) is shown as that day wherever the browser is;
 * a moment (an ISO timestamp) in the browser's time zone.
 *
 * @example formatDate('2026-03-01') // "1 Mar 2026" in en-GB, "1 mars 2026" in fr, "1. 3. 2026" in sk
 */
import i18n from './index';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, kind: 'date' | 'dateTime' | 'day'): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      language,
      kind === 'dateTime'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : kind === 'day'
          ? { dateStyle: 'medium', timeZone: 'UTC' }
          : { dateStyle: 'medium' },
    );
    cache.set(key, f);
  }
  return f;
}

type DateInput = string | number | Date | null | undefined;

/** A day: a calendar date (YYYY-MM-DD) or the day of a moment; '' for nothing or an invalid value. */
export function formatDate(value: DateInput, language: string = i18n.language): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return formatter(language, 'day').format(new Date(Date.UTC(y, m - 1, d)));
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : formatter(language, 'date').format(date);
}

/** A moment with its time; a calendar date alone prints as a day. */
export function formatDateTime(value: DateInput, language: string = i18n.language): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatDate(value, language);
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : formatter(language, 'dateTime').format(date);
}

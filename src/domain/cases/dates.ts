/** Calendar helpers for deadlines: ISO dates (YYYY-MM-DD) in, ISO dates out, UTC throughout. */
import { DomainError } from '../errors';

export function parseIsoDate(value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new DomainError('invalid_date', `${value} is not a calendar date`);
  }
  return date;
}

export const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  const d = parseIsoDate(isoDate);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const d = parseIsoDate(isoDate);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return toIsoDate(d);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
}

export function assertRange(start: string, end: string | undefined | null): void {
  if (end && daysBetween(start, end) < 0)
    throw new DomainError('invalid_date_range', 'The end date is before the start date');
}

export function assertNotFuture(isoDate: string, today: string, what = 'date'): void {
  if (daysBetween(today, isoDate) > 0) throw new DomainError('future_date', `The ${what} is in the future`);
}

/** End of a reflection period from the country's configured length in days or months. */
export function reflectionEnd(start: string, length: { days?: number; months?: number }): string {
  if (length.days) return addDays(start, length.days);
  if (length.months) return addMonths(start, length.months);
  throw new DomainError('unknown_list_value', 'No reflection period length is configured for this country');
}

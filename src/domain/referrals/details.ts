/**
 * What a referral asks of the partner besides the service: how urgent it is and the day it is needed
 * by. Pure rules; the message itself is free text the service seals for both organisations.
 */
import { DomainError } from '../errors';
import { daysBetween, parseIsoDate } from '../cases/dates';

export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Most urgent first, for sorting a list. */
export const urgencyRank = (u: string): number => {
  const i = URGENCIES.indexOf(u as Urgency);
  return i < 0 ? URGENCIES.length : URGENCIES.length - 1 - i;
};

/** The longest message a referral carries (characters). */
export const REFERRAL_MESSAGE_MAX = 2000;

/** How far ahead a requested-by date may lie: further than this is a typing mistake, not a plan. */
export const REQUESTED_BY_MAX_DAYS = 366;

/**
 * A requested-by date must be a real calendar day from today to a year ahead: a day in the past cannot be
 * met, and a year like 0001 or 2999 is a typing mistake. The error names the field for the form.
 *
 * @example assertRequestedBy('2026-12-24', '2026-12-01') // passes
 */
export function assertRequestedBy(value: string | null | undefined, today: string): void {
  if (!value) return;
  const refuse = (message: string) => {
    throw new DomainError('implausible_date', message, [
      { path: ['requestedBy'], code: 'implausible_date', minimum: today, maxDays: REQUESTED_BY_MAX_DAYS },
    ]);
  };
  try {
    parseIsoDate(value);
  } catch {
    refuse(`${value} is not a calendar date`);
  }
  const ahead = daysBetween(today, value);
  if (ahead < 0) refuse('The requested-by date is in the past');
  if (ahead > REQUESTED_BY_MAX_DAYS) refuse('The requested-by date is more than a year ahead');
}

/**
 * Dates relative to the clock, for fixtures: validation refuses future contact dates and
 * records, and ages are counted from today, so a hard-coded date breaks as time passes.
 */
const DAY = 86_400_000;

/** The calendar date (UTC, YYYY-MM-DD) n days before now; negative n is in the future. */
export const daysAgo = (n: number, now: Date = new Date()): string =>
  new Date(now.getTime() - n * DAY).toISOString().slice(0, 10);

/** The same calendar day n years ago (29 February falls back to 28 February). */
export function yearsAgo(n: number, now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear() - n, now.getUTCMonth(), 1));
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return d.toISOString().slice(0, 10);
}

/** The current calendar year (UTC), for report filters such as from=…&to=…. */
export const thisYear = (now: Date = new Date()): number => now.getUTCFullYear();

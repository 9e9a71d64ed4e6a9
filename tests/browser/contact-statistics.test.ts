/**
 * Contact statistics on the network dashboard (issue #18): a coordinator opens the network page from
 * the navigation and reads contacts per channel and per territory over the past twelve months, and
 * persons in a table of their own. With a year of contacts from the three posts, the totals are shown;
 * the one small count (two messages in one month) reads "hidden". axe finds nothing serious, on a
 * laptop and at phone width (390 px).
 */
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withSystem } from '../../src/storage/database';
import { organisationsRepo } from '../../src/storage/repositories/organisations';
import { logIn, seriousA11yViolations, startHarness, type Harness } from './support/harness';

const CHANNELS = ['hotline_call', 'outreach', 'drop_in', 'message'] as const;
const POSTS = ['north', 'south', 'east'] as const;
const PLACES = { north: 'Lakeside', south: 'Harbour City', east: 'Hill Town' } as const;
const CAPTIONS = [
  'Contacts per channel, by month',
  'Contacts per territory, by month',
  'Persons (distinct chains of contacts), by month',
];

/** The month `back` months before this one, as YYYY-MM. */
function monthBack(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
/** Messages of this month are the small count: East's two, nobody else's. */
const SMALL = monthBack(7);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
  // Twelve months of contacts from every post (10 to 14 per month and channel, two per chain),
  // arranged in the database: the contact log's own browser test covers recording them.
  for (const [o, slug] of POSTS.entries()) {
    const organisationId = (await organisationsRepo.findBySlug(harness.ctx.db.system, slug))!.id;
    const rows = Array.from({ length: 12 }, (_, back) => monthBack(back)).flatMap((month, m) =>
      CHANNELS.flatMap((kind, k) => {
        const n = kind === 'message' && month === SMALL ? (slug === 'east' ? 2 : 0) : 10 + ((m * 7 + k * 3 + o) % 5);
        const chains = Array.from({ length: Math.ceil(n / 2) }, () => crypto.randomUUID());
        return Array.from({ length: n }, (_, i) => ({
          id: crypto.randomUUID(),
          organisation_id: organisationId,
          occurred_at: `${month}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
          kind,
          place_level: 'municipality',
          place: PLACES[slug],
          language: 'en',
          interpreter_used: false,
          needs: ['shelter'],
          provided: ['information'],
          chain_id: chains[Math.floor(i / 2)],
        }));
      }),
    );
    await withSystem(harness.ctx.db, (tx) =>
      tx
        .insertInto('contacts')
        .values(rows as never)
        .execute(),
    );
  }
});
afterAll(async () => {
  await harness?.close();
});

/** A link of the main navigation; on a phone it sits behind the Menu button. */
async function mainNav(page: Page, name: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();
}

const DEVICES = [
  { device: 'laptop', viewport: { width: 1366, height: 768 } },
  { device: 'phone', viewport: { width: 390, height: 844 } },
] as const;

describe('contact statistics on the network dashboard', () => {
  test.each(DEVICES)('on a $device: three tables, contacts and persons apart, a small count hidden', async (d) => {
    const { context, page } = await harness.newPage(d.viewport);
    await logIn(page, 'coordinator@north.demo.test');
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await mainNav(page, 'Network');
    const section = page.getByTestId('contact-statistics');
    await section.getByRole('heading', { name: 'Contacts and persons', level: 2 }).waitFor();
    await section.getByRole('table', { name: CAPTIONS[0] }).waitFor();

    // The three tables, each with its caption and its chart (a text alternative named like the table).
    for (const caption of CAPTIONS) {
      await expect.poll(() => section.getByRole('table', { name: caption }).count()).toBe(1);
      await expect.poll(() => section.getByRole('img', { name: caption }).count()).toBe(1);
    }
    const byChannel = section.getByRole('table', { name: CAPTIONS[0] });
    const persons = section.getByRole('table', { name: CAPTIONS[2] });

    // The month of the small count: its messages read "hidden", and so does one more channel of it;
    // its total is shown, like every total of the year.
    const smallRow = byChannel.getByRole('row', { name: new RegExp(`^${SMALL}`) });
    const cells = await smallRow.getByRole('cell').allTextContents();
    expect(cells).toHaveLength(5); // four channels and the month's total
    expect(cells[3]).toBe('hidden');
    expect(cells.filter((c) => c === 'hidden').length).toBeGreaterThanOrEqual(2);
    expect(cells[4]).toMatch(/^\d+$/);
    const totals = await byChannel
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .allTextContents();
    expect(totals.every((c) => /^\d+$/.test(c))).toBe(true);
    // Most of the year is published: at most four hidden channel counts in twelve months.
    const all = await byChannel.locator('tbody td').allTextContents();
    expect(all.length).toBe(12 * 5);
    expect(all.filter((c) => c === 'hidden').length).toBeLessThanOrEqual(4);
    await expect.poll(() => section.getByTestId('contacts-total').textContent()).toMatch(/Contacts counted: \d+/);

    // Persons are their own table, with channel columns, and their own total line; never summed with contacts.
    const personHeaders = await persons.getByRole('columnheader').allTextContents();
    expect(personHeaders).toEqual(['Month', 'Hotline call', 'Outreach', 'Drop-in visit', 'Message', 'Total']);
    const contactsTotal = Number(totals[4]);
    const personsTotal = (
      await persons
        .getByRole('row', { name: /^Total/ })
        .getByRole('cell')
        .allTextContents()
    )[4];
    if (/^\d+$/.test(personsTotal)) expect(Number(personsTotal)).toBeLessThan(contactsTotal);
    expect(await section.getByTestId('persons-total').textContent()).toMatch(/^Persons counted: /);

    expect(await seriousA11yViolations(page)).toEqual([]);
    // At phone width the page itself does not scroll sideways: wide tables scroll in their own region.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});

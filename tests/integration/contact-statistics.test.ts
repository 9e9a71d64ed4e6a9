/**
 * Network contact statistics through the API (issue #18), on both engines: with a year of demo-like
 * contacts from the three member posts, the totals and most counts are published; the one small
 * cell (two messages in May) is hidden, and so are just enough complements in its month and its
 * channel that no row or column gives it back by subtraction. Contacts and persons stay apart.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withSystem } from '../../src/storage/database';
import { organisationsRepo } from '../../src/storage/repositories/organisations';
import { createTestApp, type TestApp } from './support/app';
import { ENGINES } from './support/engines';

const CHANNELS = ['hotline_call', 'outreach', 'drop_in', 'message'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const PLACES = { north: 'Demo Town', south: 'Demo South City', east: 'Demo East Town' } as const;
const ROUTE = 'Demo Route Riverside';
const SMALL_MONTH = MONTHS.indexOf('2025-05');
const POSTS = ['north', 'south', 'east'] as const;

/** Contacts of one post, month and channel: 10 to 14, except messages in May (East's two only). */
const countOf = (o: number, m: number, k: number) =>
  CHANNELS[k] === 'message' && m === SMALL_MONTH ? (POSTS[o] === 'east' ? 2 : 0) : 10 + ((m * 7 + k * 3 + o) % 5);

type Count = number | { suppressed: true; reason: string };
interface Series {
  counts: string;
  rows: string[];
  cols: string[];
  cells: Count[][];
  rowTotals: Count[];
  colTotals: Count[];
  grandTotal: Count;
}
const hidden = (v: Count) => typeof v !== 'number';

/** Every line a reader can subtract along: rows and columns with their totals, and the margins. */
const linesOf = (s: Series): Count[][] => [
  ...s.cells.map((row, r) => [...row, s.rowTotals[r]]),
  ...s.cols.map((_, c) => [...s.cells.map((row) => row[c]), s.colTotals[c]]),
  [...s.colTotals, s.grandTotal],
  [...s.rowTotals, s.grandTotal],
];

describe.each(ENGINES.map((e) => [e.name, e] as const))('network contact statistics on %s', (_name, engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // A year of contacts, two per chain; East's outreach runs on its river route.
    for (const [o, slug] of POSTS.entries()) {
      const organisationId = (await organisationsRepo.findBySlug(t.ctx.db.system, slug))!.id;
      const rows = MONTHS.flatMap((month, m) =>
        CHANNELS.flatMap((kind, k) => {
          const n = countOf(o, m, k);
          const chains = Array.from({ length: Math.ceil(n / 2) }, () => crypto.randomUUID());
          return Array.from({ length: n }, (_, i) => ({
            id: crypto.randomUUID(),
            organisation_id: organisationId,
            occurred_at: `${month}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
            kind,
            place_level: slug === 'east' && kind === 'outreach' ? 'outreach_route' : 'municipality',
            place: slug === 'east' && kind === 'outreach' ? ROUTE : PLACES[slug],
            language: 'en',
            interpreter_used: false,
            needs: ['shelter'],
            provided: ['information'],
            chain_id: chains[Math.floor(i / 2)],
          }));
        }),
      );
      await withSystem(t.ctx.db, (tx) =>
        tx
          .insertInto('contacts')
          .values(rows as never)
          .execute(),
      );
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  test('a year of network contacts: totals and most counts published, the small cell and its complements hidden', async () => {
    const coordinator = await t.as('coordinator@east.demo.test');
    const res = await coordinator.get('/api/statistics/contacts?from=2025-01&to=2025-12&scope=network');
    expect(res.status).toBe(200);
    const s = res.body as {
      contactsByChannel: Series;
      contactsByTerritory: Series;
      personsByChannel: Series;
      provenance: { contactsCounted?: number; personsCounted?: number; disclosureControl: string[] };
    };
    const threshold = Number(/Counts from 1 to (\d+)/.exec(s.provenance.disclosureControl[0])![1]) + 1;
    expect(threshold).toBeGreaterThan(2); // the two messages are a small count
    expect(threshold).toBeLessThanOrEqual(30); // and ten to fourteen per post add up to a large one

    const byChannel = s.contactsByChannel;
    expect(byChannel.counts).toBe('contacts');
    expect(s.contactsByTerritory.counts).toBe('contacts');
    expect(s.personsByChannel.counts).toBe('persons');
    expect(byChannel.rows).toEqual(MONTHS);

    // Every total is published, and the provenance states the grand total.
    for (const series of [byChannel, s.contactsByTerritory]) {
      expect([...series.rowTotals, ...series.colTotals, series.grandTotal].filter(hidden)).toEqual([]);
    }
    let all = 0;
    POSTS.forEach((_, o) => MONTHS.forEach((_, m) => CHANNELS.forEach((_, k) => (all += countOf(o, m, k)))));
    expect(byChannel.grandTotal).toBe(all);
    expect(s.contactsByTerritory.grandTotal).toBe(all);
    expect(s.provenance.contactsCounted).toBe(all);

    // The small cell is hidden; so is one more count in its month and one more in its channel.
    const message = byChannel.cols.indexOf('message');
    expect(byChannel.cells[SMALL_MONTH][message]).toMatchObject({ suppressed: true, reason: 'primary' });
    const monthComplements = byChannel.cells[SMALL_MONTH].filter((v, c) => c !== message && hidden(v));
    expect(monthComplements.length).toBeGreaterThanOrEqual(1);
    expect(monthComplements[0]).toMatchObject({ suppressed: true, reason: 'complementary' });
    const channelComplements = byChannel.cells.filter((row, r) => r !== SMALL_MONTH && hidden(row[message]));
    expect(channelComplements.length).toBeGreaterThanOrEqual(1);

    // Most counts are published: at most four of the 48 channel cells, none of the territory cells.
    expect(byChannel.cells.flat().filter(hidden).length).toBeLessThanOrEqual(4);
    expect(s.contactsByTerritory.cells.flat().filter(hidden)).toEqual([]);
    expect(s.contactsByTerritory.cols).toEqual(expect.arrayContaining([...Object.values(PLACES), ROUTE]));

    // Nothing is given back by subtracting along one row or column.
    for (const series of [byChannel, s.contactsByTerritory])
      for (const line of linesOf(series)) expect(line.filter(hidden).length).not.toBe(1);

    // Published counts add up: the channels of every month whose cells are all shown give its total.
    byChannel.cells.forEach((row, r) => {
      if (row.every((v) => typeof v === 'number'))
        expect((row as number[]).reduce((a, b) => a + b, 0)).toBe(byChannel.rowTotals[r]);
    });

    // Persons are their own table (about one per two contacts), never summed with contacts.
    expect(s.provenance.personsCounted).toBe(s.personsByChannel.grandTotal);
    if (typeof s.personsByChannel.grandTotal === 'number' && typeof byChannel.grandTotal === 'number')
      expect(s.personsByChannel.grandTotal).toBeLessThan(byChannel.grandTotal);
  });
});

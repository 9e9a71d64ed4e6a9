/**
 * The demo data looks like a year of work: dates spread over time, deadlines ahead, notes, referrals, transfers, fictional
 * contact details, and contacts before cases (chains under nicknames, a hand-off, a chain that became a case).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemo } from '../../src/services/demo-seed';
import { createTestContext, ENGINES } from './support/engines';

const DAY = 86_400_000;

describe.each(ENGINES.map((e) => [e.name, e] as const))('demo data on %s', (_name, engine) => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(ctx.db.system)).rows;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    const seeded = await seedDemo(ctx, { cases: 30 });
    expect(seeded?.cases).toBe(30);
  }, 240_000);
  afterAll(() => ctx?.dispose());

  test('first contacts, records and events spread over the past months, not one afternoon', async () => {
    const now = Date.now();
    const opened = (await q(sql<{ at: Date }>`SELECT opened_at AS at FROM cases`)).map((r) => new Date(r.at).getTime());
    const ages = opened.map((t) => (now - t) / DAY);
    expect(Math.max(...ages)).toBeGreaterThan(180);
    expect(ages.filter((a) => a <= 365).length / ages.length).toBeGreaterThan(0.6);
    const months = await q(
      sql<{ n: number }>`SELECT count(DISTINCT date_trunc('month', recorded_at)) AS n FROM case_entries`,
    );
    expect(Number(months[0].n)).toBeGreaterThanOrEqual(6);
    const eventMonths = await q(
      sql<{ n: number }>`SELECT count(DISTINCT date_trunc('month', at)) AS n FROM case_events`,
    );
    expect(Number(eventMonths[0].n)).toBeGreaterThanOrEqual(6);
    const future = await q(sql<{ at: Date }>`SELECT recorded_at AS at FROM case_entries WHERE recorded_at > now()`);
    expect(future).toEqual([]);
  });

  test('deadlines lie in the coming weeks: reviews, objectives and follow-up appointments', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const ahead = await q(sql<{ kind: string }>`
      SELECT DISTINCT kind FROM case_entries WHERE current AND (
        data->>'nextReviewOn' > ${today} OR data->>'dueDate' > ${today})`);
    expect(ahead.map((r) => r.kind).sort()).toEqual(['follow_up_appointment', 'objective', 'review']);
  });

  test('case notes exist and their text is sealed, referrals are waiting, accepted or completed, and some cases were transferred', async () => {
    const notes = await q(sql<{ n: number }>`SELECT count(*) AS n FROM case_entries WHERE kind = 'note'`);
    expect(Number(notes[0].n)).toBeGreaterThan(10);
    const clear = await q(
      sql<{ n: number }>`SELECT count(*) AS n FROM case_entries WHERE data::text LIKE '%Demo note%'`,
    );
    expect(Number(clear[0].n)).toBe(0);
    const referrals = await q(sql<{ kind: string; status: string }>`SELECT kind, status FROM referrals`);
    expect(referrals.filter((r) => r.kind === 'referral').length).toBeGreaterThan(0);
    expect(referrals.filter((r) => r.kind === 'transfer' && r.status === 'accepted').length).toBeGreaterThan(0);
  });

  test('contacts before cases: chains under sealed "Demo" nicknames over weeks, a hand-off, one chain became a case', async () => {
    const contacts = await q(sql<{
      chain: string;
      nick: string | null;
      idx: string | null;
      note: string | null;
      caseId: string | null;
      kind: string;
      at: Date;
    }>`SELECT chain_id AS chain, nickname_enc AS nick, nickname_index AS idx, note_enc AS note, case_id AS "caseId",
        kind, occurred_at AS at FROM contacts`);
    expect(contacts.length).toBeGreaterThanOrEqual(10);
    expect(new Set(contacts.map((c) => c.kind))).toEqual(new Set(['outreach', 'drop_in', 'hotline_call', 'message']));
    const perChain = new Map<string, number>();
    for (const c of contacts) perChain.set(c.chain, (perChain.get(c.chain) ?? 0) + 1);
    expect([...perChain.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(3);
    const days = contacts.map((c) => (Date.now() - new Date(c.at).getTime()) / DAY);
    expect(Math.max(...days) - Math.min(...days)).toBeGreaterThan(30);
    // Nicknames and notes are sealed at rest, and linked by their blind index.
    expect(JSON.stringify(contacts)).not.toMatch(/Demo (Lark|Heron|Wren)|Demo note/);
    expect(contacts.filter((c) => c.nick).every((c) => c.nick!.startsWith('enc1.') && c.idx)).toBe(true);
    const handoffs = await q(sql<{ status: string; shared: boolean }>`
      SELECT status, identity_shared AS shared FROM contact_handoffs`);
    expect(handoffs).toEqual([{ status: 'pending', shared: false }]);
    // One chain became a case: every contact of it is linked to that one case.
    const converted = contacts.filter((c) => c.caseId);
    expect(new Set(converted.map((c) => c.caseId)).size).toBe(1);
    expect(new Set(converted.map((c) => c.chain)).size).toBe(1);
    expect(converted.length).toBe(perChain.get(converted[0]!.chain));
    const made = await q(sql<{ channel: string }>`
      SELECT i.channel FROM case_intakes i WHERE i.case_id = ${converted[0]!.caseId}`);
    expect(made).toHaveLength(1);
  });

  test('directory entries carry plainly fictional contact details', async () => {
    const routes = await q(sql<{ route: string | null }>`SELECT contact_route AS route FROM directory_entries`);
    expect(routes).toHaveLength(3);
    for (const { route } of routes) {
      expect(route).toMatch(/\+\d{2,3} [\d ]*55[\d ]*01 ?\d\d/);
      expect(route).toMatch(/@[a-z-]+\.example\.org/);
    }
  });
});

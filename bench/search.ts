/**
 * Partial and misspelt name search over N encrypted persons (default 100,000) in ONE organisation:
 * p50/p99 through the API (real HTTP listener, load from a worker thread) for a partial name, a
 * misspelt name and a short common prefix, each as a ratio to an exact whole-name blind-index
 * lookup (`match=exact`) measured in the same run. Every person has her own ciphertext and her own
 * keyed name terms (src/services/name-search.ts), as the intake would have written them.
 *   npx tsx bench/search.ts [--persons 100000] [--requests 400] [--concurrency 4] [--keep-database]
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { blindIndex } from '../src/security/blind-index';
import { startAriadne } from '../src/server/start';
import { personTermHashes } from '../src/services/name-search';
import { freshDatabase, percentile, timeGetInWorker } from './support';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '4' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const total = Number(values.persons);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

/** Deterministic synthetic names from invented syllables (a small LCG, so runs compare). */
const SYLLABLES = ['ka', 'vi', 'to', 're', 'su', 'ma', 'no', 'va', 'ko', 'la', 'mi', 'de', 'ra', 'ni', 'sa', 'po'];
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return (seed >>> 12) % n; // the high bits: the low ones of this LCG cycle quickly
};
const word = (min: number, extra: number) => {
  const n = min + rand(extra + 1);
  const w = Array.from({ length: n }, () => SYLLABLES[rand(SYLLABLES.length)]).join('');
  return w[0].toUpperCase() + w.slice(1);
};
const TARGET = { givenName: 'Jana', familyName: 'Nováková-Horváth' };

const db = await freshDatabase('ariadne_bench_search');
const app = await startAriadne({
  port: 0,
  databaseUrl: db.url,
  seedDemo: true,
  env: { NODE_ENV: 'test', LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
});
const pool = new pg.Pool({ connectionString: db.url, max: concurrency });
try {
  const {
    rows: [org],
  } = await pool.query(`SELECT id FROM organisations WHERE slug = 'north'`);
  const {
    rows: [owner],
  } = await pool.query(`SELECT id FROM users WHERE email = 'caseworker@north.demo.test'`);
  await app.ctx.keyRing.ensureOrganisationKeys(org.id);
  const indexKey = await app.ctx.keyRing.indexKey(org.id);
  const target = Math.floor(total / 2);

  const started = performance.now();
  let terms = 0;
  const batch = 5_000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    const ids: string[] = [];
    const encs: string[] = [];
    const bidx: string[] = [];
    const tokenPersons: string[] = [];
    const tokens: string[] = [];
    for (let g = from; g <= to; g++) {
      const names =
        g === target
          ? TARGET
          : { givenName: word(2, 1), familyName: `${word(2, 2)}${rand(2) ? 'ová' : ''}`, aliases: [] as string[] };
      const id = crypto.randomUUID();
      ids.push(id);
      encs.push(await app.ctx.keyRing.encrypt(org.id, JSON.stringify(names)));
      bidx.push(blindIndex(indexKey, 'person.name', `${names.givenName} ${names.familyName}`));
      for (const token of await personTermHashes(app.ctx, org.id, names)) {
        tokenPersons.push(id);
        tokens.push(token);
      }
    }
    terms += tokens.length;
    await pool.query(
      `
      WITH s AS MATERIALIZED (SELECT g, pid, enc, bidx, gen_random_uuid() AS cid
              FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS u (pid, enc, bidx, g)),
      p AS (INSERT INTO persons (id, organisation_id, identity_enc, name_bidx, sex, chosen_term)
            SELECT pid, $4, enc, bidx, 'female', 'survivor' FROM s),
      c AS (INSERT INTO cases (id, organisation_id, person_id, reference, status, owner_user_id, opened_at, updated_at)
            SELECT cid, $4, pid, 'BEN-' || ($6::int + g), (ARRAY['contact','identification','reflection','programme','follow_up'])[1 + g % 5], $5,
                   now() - (g % 900) * interval '1 day', now() - (($6::int + g) % 997) * interval '1 hour' FROM s)
      INSERT INTO case_intakes (organisation_id, case_id, channel, contact_date)
      SELECT $4, cid, 'hotline', current_date - (g % 900)::int FROM s`,
      [ids, encs, bidx, org.id, owner.id, from - 1],
    );
    await pool.query(
      `INSERT INTO person_name_tokens (organisation_id, person_id, token) SELECT $1, p, t FROM unnest($2::uuid[], $3::text[]) AS u (p, t)
       ON CONFLICT DO NOTHING`,
      [org.id, tokenPersons, tokens],
    );
    process.stderr.write(`\rseeded ${to.toLocaleString('en')} / ${total.toLocaleString('en')} persons`);
  }
  await pool.query('VACUUM ANALYZE');
  const seededSeconds = (performance.now() - started) / 1000;
  const size = await pool.query(
    `SELECT pg_total_relation_size('person_name_tokens') AS bytes, (SELECT count(*) FROM person_name_tokens) AS n`,
  );
  console.error(`\nseeded in ${seededSeconds.toFixed(1)} s`);

  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'caseworker@north.demo.test', password: 'ariadne-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const get = async (path: string) => {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`unexpected ${res.status} for ${path}`);
    return (await res.json()) as { cases: { personName: string }[]; total: number; totalCapped: boolean };
  };
  const q = (text: string, extra = '') => `/api/cases?q=${encodeURIComponent(text)}&limit=25${extra}`;
  const baseline = {
    label: 'exact whole name (blind index)',
    path: q(`${TARGET.givenName} ${TARGET.familyName}`, '&match=exact'),
  };
  const scenarios = [
    { label: 'partial name "jan novak"', path: q('jan novak') },
    { label: 'misspelt name "Yana Nowakowa"', path: q('Yana Nowakowa') },
    { label: 'partial family name "horvath"', path: q('horvath') },
    { label: 'short common prefix "kav" (page 1 of many, capped count)', path: q('kav') },
  ];
  // Each finds what it should before anything is timed.
  const check = await get(baseline.path);
  if (check.cases[0]?.personName !== `${TARGET.givenName} ${TARGET.familyName}`) throw new Error('exact lookup missed');
  const found: Record<string, number> = {};
  for (const s of scenarios) {
    const r = await get(s.path);
    found[s.label] = r.total;
    if (s !== scenarios[3] && r.cases[0]?.personName !== `${TARGET.givenName} ${TARGET.familyName}`)
      throw new Error(`${s.label} did not rank the target first`);
  }
  for (let i = 0; i < 10; i++) for (const s of [baseline, ...scenarios]) await get(s.path);

  const timings: Record<string, number[]> = { [baseline.label]: [] };
  for (const s of scenarios) timings[s.label] = [];
  // Interleaved rounds, so that drift on this noisy machine hits every series alike.
  for (let round = 0; round < 4; round++)
    for (const s of [baseline, ...scenarios])
      timings[s.label].push(...(await timeGetInWorker(`${app.url}${s.path}`, { cookie }, requests / 4, concurrency)));
  for (const list of Object.values(timings)) list.sort((a, b) => a - b);
  const stats = (list: number[]) => ({ p50: percentile(list, 50), p99: percentile(list, 99) });
  const base = stats(timings[baseline.label]);
  const result = {
    bench: 'search',
    persons: total,
    nameTerms: Number(size.rows[0].n),
    nameTermsBytes: Number(size.rows[0].bytes),
    termsPerPerson: Number((terms / total).toFixed(1)),
    seededSeconds: Number(seededSeconds.toFixed(1)),
    requests,
    concurrency,
    baseline: { label: baseline.label, p50Ms: base.p50, p99Ms: base.p99 },
    scenarios: scenarios.map((s) => {
      const st = stats(timings[s.label]);
      return {
        label: s.label,
        matches: found[s.label],
        p50Ms: Number(st.p50.toFixed(2)),
        p99Ms: Number(st.p99.toFixed(2)),
        ratioP50: Number((st.p50 / base.p50).toFixed(2)),
        ratioP99: Number((st.p99 / base.p99).toFixed(2)),
      };
    }),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `Search over ${total.toLocaleString('en')} encrypted persons in one organisation (${result.termsPerPerson} keyed terms each, ${(result.nameTermsBytes / 2 ** 20).toFixed(0)} MiB), PostgreSQL, HTTP on loopback, ${requests} requests each at concurrency ${concurrency}:`,
  );
  console.log(`  baseline ${baseline.label}: p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms`);
  for (const s of result.scenarios)
    console.log(
      `  ${s.label} (${s.matches} matches): p50 ${s.p50Ms.toFixed(1)} ms (${s.ratioP50}x), p99 ${s.p99Ms.toFixed(1)} ms (${s.ratioP99}x)`,
    );
} finally {
  await pool.end();
  await app.close();
  if (values['keep-database']) console.error(`kept ${db.url} (drop it when done)`);
  else await db.drop();
}

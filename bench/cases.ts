/**
 * Case list and search at scale: seeds N synthetic cases (default 1,000,000)
 * into a fresh PostgreSQL database, then measures p50/p99 of the API against
 * the same SQL run directly, in the same run, as ratios. Target: ≤ 1.5×.
 *   npx tsx bench/cases.ts [--cases 1000000] [--requests 400] [--concurrency 4]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { blindIndex } from '../src/security/blind-index';
import { startAriadne } from '../src/server/start';
import { freshDatabase, percentile, timeLoop } from './support';

const { values } = parseArgs({ options: {
  cases: { type: 'string', default: '1000000' }, requests: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '4' },
} });
const total = Number(values.cases);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const db = await freshDatabase('ariadne_bench_cases');
const app = await startAriadne({ port: 0, databaseUrl: db.url, seedDemo: true, env: { NODE_ENV: 'test', LOG_LEVEL: process.env.BENCH_LOG ?? 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
const pool = new pg.Pool({ connectionString: db.url, max: concurrency });
try {
  const { rows: [org] } = await pool.query(`SELECT id FROM organisations WHERE slug = 'north'`);
  const { rows: [owner] } = await pool.query(`SELECT id FROM users WHERE email = 'caseworker@north.demo.test'`);
  // One real ciphertext and real blind indexes, so the API decrypts and searches exactly as in production.
  await app.ctx.keyRing.ensureOrganisationKeys(org.id);
  const template = await app.ctx.keyRing.encrypt(org.id, JSON.stringify({ givenName: 'Demo', familyName: 'Person Bench' }));
  const indexKey = await app.ctx.keyRing.indexKey(org.id);
  const target = Math.floor(total / 2);
  const targetIndex = blindIndex(indexKey, 'person.name', `Demo Person ${target}`);

  const started = performance.now();
  const batch = 100_000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await pool.query(`
      WITH s AS MATERIALIZED (SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS cid FROM generate_series($1::int, $2::int) g),
      p AS (INSERT INTO persons (id, organisation_id, identity_enc, name_bidx, sex, chosen_term)
            SELECT pid, $3, $4, CASE WHEN g = $6 THEN $7 ELSE md5('n' || g) END, 'female', 'survivor' FROM s),
      c AS (INSERT INTO cases (id, organisation_id, person_id, reference, status, owner_user_id, opened_at, updated_at)
            SELECT cid, $3, pid, 'BEN-' || g, (ARRAY['contact','identification','reflection','programme','follow_up'])[1 + g % 5], $5,
                   now() - (g % 900) * interval '1 day', now() - (g % 997) * interval '1 hour' FROM s)
      INSERT INTO case_intakes (organisation_id, case_id, channel, contact_date)
      SELECT $3, cid, 'hotline', current_date - (g % 900) FROM s`, [from, to, org.id, template, owner.id, target, targetIndex]);
    process.stderr.write(`\rseeded ${to.toLocaleString('en')} / ${total.toLocaleString('en')} cases`);
  }
  await pool.query('ANALYZE');
  console.error(`\nseeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const login = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'caseworker@north.demo.test', password: 'ariadne-demo-2026' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const apiGet = (path: string) => async () => {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
    await res.arrayBuffer();
  };
  // The same SQL the repository issues (page + total), run directly.
  const listSql = (where: string, params: unknown[]) => async () => {
    await Promise.all([
      pool.query(`SELECT c.id, c.reference, c.status, c.owner_user_id, u.display_name, c.programme_type, c.opened_at, c.updated_at, p.identity_enc, p.chosen_term, p.is_minor
        FROM cases c JOIN persons p ON p.organisation_id = c.organisation_id AND p.id = c.person_id JOIN users u ON u.id = c.owner_user_id
        WHERE c.organisation_id = $1 ${where} ORDER BY c.updated_at DESC, c.id LIMIT 50`, [org.id, ...params]),
      pool.query(`SELECT count(*) FROM (SELECT c.id FROM cases c JOIN persons p ON p.organisation_id = c.organisation_id AND p.id = c.person_id JOIN users u ON u.id = c.owner_user_id
        WHERE c.organisation_id = $1 ${where} LIMIT 10001) capped`, [org.id, ...params]),
    ]);
  };
  const scenarios = [
    { label: 'list, newest first (page of 50)', api: apiGet('/api/cases?limit=50'), raw: listSql('', []) },
    { label: 'filter by status', api: apiGet('/api/cases?status=programme&limit=50'), raw: listSql(`AND c.status = $2`, ['programme']) },
    { label: 'exact name search (blind index)', api: apiGet(`/api/cases?q=${encodeURIComponent(`Demo Person ${target}`)}`), raw: listSql(`AND p.name_bidx = $2`, [targetIndex]) },
  ];
  console.log(`Cases: ${total.toLocaleString('en')} in one organisation, PostgreSQL, loopback, ${requests} requests per scenario, concurrency ${concurrency}`);
  for (const s of scenarios) {
    for (let i = 0; i < 10; i++) { await s.api(); await s.raw(); }
    const api: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < 2; round++) {
      api.push(...(await timeLoop(s.api, requests / 2, concurrency)));
      raw.push(...(await timeLoop(s.raw, requests / 2, concurrency)));
    }
    api.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    console.log(`${s.label.padEnd(34)} API p50 ${percentile(api, 50).toFixed(1)} ms p99 ${percentile(api, 99).toFixed(1)} ms | SQL p50 ${percentile(raw, 50).toFixed(1)} ms p99 ${percentile(raw, 99).toFixed(1)} ms | ratio p50 ${(percentile(api, 50) / percentile(raw, 50)).toFixed(2)}x p99 ${(percentile(api, 99) / percentile(raw, 99)).toFixed(2)}x`);
  }
} finally {
  await pool.end();
  await app.close();
  await db.drop();
}

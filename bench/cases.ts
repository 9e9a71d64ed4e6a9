/**
 * Case list and search at scale: seeds N synthetic cases (default 1,000,000)
 * into a fresh PostgreSQL database, then measures p50/p99 of the API against
 * the same SQL run directly, in the same run, as ratios. Target: ≤ 1.5×.
 * Two baselines: the case query alone, and every statement the request issues
 * (session lookup, tenant transaction, query, audit append) — the second shows
 * what the HTTP layer itself adds, the first what per-read auditing costs.
 *   npx tsx bench/cases.ts [--cases 1000000] [--requests 400] [--concurrency 4] [--keep-database]
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { blindIndex } from '../src/security/blind-index';
import { startAriadne } from '../src/server/start';
import { freshDatabase, percentile, timeGetInWorker, timeLoop } from './support';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '4' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const total = Number(values.cases);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const db = await freshDatabase('ariadne_bench_cases');
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
  // One real ciphertext and real blind indexes, so the API decrypts and searches exactly as in production.
  await app.ctx.keyRing.ensureOrganisationKeys(org.id);
  const template = await app.ctx.keyRing.encrypt(
    org.id,
    JSON.stringify({ givenName: 'Demo', familyName: 'Person Bench' }),
  );
  const indexKey = await app.ctx.keyRing.indexKey(org.id);
  const target = Math.floor(total / 2);
  const targetIndex = blindIndex(indexKey, 'person.name', `Demo Person ${target}`);

  const started = performance.now();
  const batch = 100_000;
  for (let from = 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await pool.query(
      `
      WITH s AS MATERIALIZED (SELECT g, gen_random_uuid() AS pid, gen_random_uuid() AS cid FROM generate_series($1::int, $2::int) g),
      p AS (INSERT INTO persons (id, organisation_id, identity_enc, name_bidx, sex, chosen_term)
            SELECT pid, $3, $4, CASE WHEN g = $6 THEN $7 ELSE md5('n' || g) END, 'female', 'survivor' FROM s),
      c AS (INSERT INTO cases (id, organisation_id, person_id, reference, status, owner_user_id, opened_at, updated_at)
            SELECT cid, $3, pid, 'BEN-' || g, (ARRAY['contact','identification','reflection','programme','follow_up'])[1 + g % 5], $5,
                   now() - (g % 900) * interval '1 day', now() - (g % 997) * interval '1 hour' FROM s)
      INSERT INTO case_intakes (organisation_id, case_id, channel, contact_date)
      SELECT $3, cid, 'hotline', current_date - (g % 900) FROM s`,
      [from, to, org.id, template, owner.id, target, targetIndex],
    );
    process.stderr.write(`\rseeded ${to.toLocaleString('en')} / ${total.toLocaleString('en')} cases`);
  }
  await pool.query('VACUUM ANALYZE'); // the steady state autovacuum keeps a live database in
  console.error(`\nseeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'caseworker@north.demo.test', password: 'ariadne-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const apiGet = (path: string) => async () => {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
    await res.arrayBuffer();
  };
  const tokenHash = crypto
    .createHash('sha256')
    .update(decodeURIComponent(cookie.split('=')[1]))
    .digest('hex');
  const pageSql = (
    where: string,
  ) => `SELECT c.id, c.reference, c.status, c.owner_user_id, u.display_name, c.programme_type, c.opened_at, c.updated_at, p.identity_enc, p.chosen_term, p.is_minor
    FROM cases c JOIN persons p ON p.organisation_id = c.organisation_id AND p.id = c.person_id JOIN users u ON u.id = c.owner_user_id
    WHERE c.organisation_id = $1 ${where} ORDER BY c.updated_at DESC, c.id LIMIT 50`;
  // The count reads cases alone; a person filter becomes a subquery, as in the repository.
  const countSql = (where: string) => `SELECT count(*) FROM (SELECT c.id FROM cases c
    WHERE c.organisation_id = $1 ${where.replace(/AND (p\.\w+ = \$\d)/, 'AND c.person_id IN (SELECT p.id FROM persons p WHERE p.organisation_id = $$1 AND $1)')} LIMIT 10001) capped`;
  // Baseline 1: the case query the repository issues (page, then the capped count unless the page is short), run directly.
  const querySql = (where: string, params: unknown[]) => async () => {
    const client = await pool.connect();
    try {
      const page = await client.query(pageSql(where), [org.id, ...params]);
      if (page.rowCount === 50) await client.query(countSql(where), [org.id, ...params]);
    } finally {
      client.release();
    }
  };
  // Baseline 2: every statement one API request issues, in order: session lookup, the tenant
  // transaction (role and tenant settings), the case query, and the hash-chained audit append.
  const requestSql = (where: string, params: unknown[]) => async () => {
    const client = await pool.connect();
    try {
      await client.query(
        `SELECT s.token_hash, s.user_id, s.organisation_id, s.csrf_token, m.roles, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
        JOIN memberships m ON m.user_id = s.user_id AND m.organisation_id = s.organisation_id WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
        [tokenHash],
      );
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('role', 'ariadne_app', true), set_config('app.organisation_id', $1, true), set_config('app.user_id', $2, true), set_config('synchronous_commit', 'off', true)`,
        [org.id, owner.id],
      );
      const page = await client.query(pageSql(where), [org.id, ...params]);
      if (page.rowCount === 50) await client.query(countSql(where), [org.id, ...params]);
      // The audit append is a pending insert with no lock (migration 024); the sealer hashes it later.
      await client.query(
        `INSERT INTO audit_log (organisation_id, at, actor_user_id, action, entity_type, entity_id, fields)
        VALUES ($1, now(), $2, 'bench.list', 'case', NULL, '{}')`,
        [org.id, owner.id],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const scenarios = [
    { label: 'list, newest first (page of 50)', path: '/api/cases?limit=50', where: '', params: [] as unknown[] },
    {
      label: 'filter by status',
      path: '/api/cases?status=programme&limit=50',
      where: 'AND c.status = $2',
      params: ['programme'],
    },
    {
      label: 'exact name search (blind index)',
      path: `/api/cases?q=${encodeURIComponent(`Demo Person ${target}`)}`,
      where: 'AND p.name_bidx = $2',
      params: [targetIndex],
    },
  ];
  console.log(
    `Cases: ${total.toLocaleString('en')} in one organisation, PostgreSQL, loopback, ${requests} requests per scenario, concurrency ${concurrency}`,
  );
  console.log(
    'Baselines: "query" = the case query alone, run directly; "request SQL" = every statement the request issues (session, tenant transaction, query, audit append), run directly.',
  );
  for (const s of scenarios) {
    const runs = { query: querySql(s.where, s.params), request: requestSql(s.where, s.params) };
    for (let i = 0; i < 10; i++) {
      await apiGet(s.path)();
      await runs.query();
      await runs.request();
    }
    const timings = { api: [] as number[], query: [] as number[], request: [] as number[] };
    // Interleaved rounds, so that drift on this noisy machine hits every series alike.
    for (let round = 0; round < 4; round++) {
      timings.api.push(...(await timeGetInWorker(`${app.url}${s.path}`, { cookie }, requests / 4, concurrency)));
      for (const key of ['query', 'request'] as const)
        timings[key].push(...(await timeLoop(runs[key], requests / 4, concurrency)));
    }
    for (const list of Object.values(timings)) list.sort((a, b) => a - b);
    const fmt = (list: number[]) =>
      `p50 ${percentile(list, 50).toFixed(1)} ms p99 ${percentile(list, 99).toFixed(1)} ms`;
    const ratio = (list: number[]) =>
      `${(percentile(timings.api, 50) / percentile(list, 50)).toFixed(2)}x p50, ${(percentile(timings.api, 99) / percentile(list, 99)).toFixed(2)}x p99`;
    console.log(
      `${s.label}\n  API ${fmt(timings.api)} | query ${fmt(timings.query)} | request SQL ${fmt(timings.request)}\n  API vs query: ${ratio(timings.query)} | API vs request SQL: ${ratio(timings.request)}`,
    );
  }
} finally {
  await pool.end();
  await app.close();
  if (values['keep-database']) console.error(`kept ${db.url} (drop it when done)`);
  else await db.drop();
}

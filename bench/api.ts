/**
 * API latency of an authenticated GET (/api/users) against the same query run
 * directly on PostgreSQL, measured in the same run and printed as a ratio.
 * Requests come from a worker thread, so client work stays off the server's event loop.
 *   npx tsx bench/api.ts [--requests 2000] [--concurrency 10]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startAriadne } from '../src/server/start';
import { freshDatabase, percentile, timeGetInWorker, timeLoop } from './support';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '10' } },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const db = await freshDatabase('ariadne_bench_api');
const app = await startAriadne({
  port: 0,
  databaseUrl: db.url,
  seedDemo: true,
  env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
});
try {
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@north.demo.test', password: 'ariadne-demo-2026' }),
  });
  const session = (await login.json()) as { organisation: { id: string } };
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const get = async () => {
    const res = await fetch(`${app.url}/api/users`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 50; i++) await get(); // warm-up

  const pool = new pg.Pool({ connectionString: db.url, max: concurrency });
  const rawQuery = () =>
    pool.query(
      `SELECT u.id, u.email, u.display_name, u.active, u.totp_enabled, u.last_login_at, u.version, m.roles
     FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organisation_id = $1 ORDER BY u.display_name`,
      [session.organisation.id],
    );
  for (let i = 0; i < 50; i++) await rawQuery();

  // Interleave the two measurements twice so machine noise affects both alike.
  const api: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < 2; round++) {
    api.push(...(await timeGetInWorker(`${app.url}/api/users`, { cookie }, requests / 2, concurrency)));
    raw.push(...(await timeLoop(rawQuery, requests / 2, concurrency)));
  }
  api.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  await pool.end();

  const row = (label: string, xs: number[]) =>
    `${label.padEnd(34)} p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(xs, 99).toFixed(2).padStart(7)} ms`;
  console.log(`GET /api/users, ${requests} requests, concurrency ${concurrency}, PostgreSQL, loopback`);
  console.log(row('API (session, RLS tx, audit append)', api));
  console.log(row('raw SQL, same query', raw));
  console.log(
    `ratio API/raw                      p50 ${(percentile(api, 50) / percentile(raw, 50)).toFixed(2)}x   p99 ${(percentile(api, 99) / percentile(raw, 99)).toFixed(2)}x`,
  );
} finally {
  await app.close();
  await db.drop();
}

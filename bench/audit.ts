/**
 * Audited case reads of ONE organisation at concurrency 1 and 8, on PostgreSQL, in one run.
 * Before migration 024 every audited request took a per-organisation advisory lock held to
 * COMMIT, so reads of one organisation went single file; the figure to watch is throughput at
 * concurrency 8 divided by throughput at concurrency 1, per mode:
 *   old-locked   the pre-024 append SQL (lock, read the last hash, insert the chained row), on a
 *                table with the pre-024 definition, as the baseline
 *   new-sync     the new pending insert with no lock, synchronous commit
 *   new          the new pending insert with no lock, asynchronous commit (what case reads do)
 *   getCase      the real getCase service (decryption, RLS transaction, audit), the sealer on its timer
 * Each SQL mode runs: BEGIN, tenant settings, the case row, the audit append, COMMIT.
 *   npx tsx bench/audit.ts [--requests 1000] [--rounds 3] [--no-sealer] [--keep-database]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config/env';
import { sealAll, startAuditSealer } from '../src/services/audit';
import { getCase } from '../src/services/cases';
import { createAppContext } from '../src/services/context';
import { seedDemo } from '../src/services/demo-seed';
import { freshDatabase } from './support';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'no-sealer': { type: 'boolean', default: false },
    'keep-database': { type: 'boolean', default: false },
  },
});
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const CONCURRENCY = [1, 8];

const db = await freshDatabase('ariadne_bench_audit');
const ctx = await createAppContext({
  ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  databaseUrl: db.url,
  masterKey: Buffer.alloc(32, 1).toString('base64'),
});
const pool = new pg.Pool({ connectionString: db.url, max: 8 });
try {
  await seedDemo(ctx, { cases: 20 });
  await sealAll(ctx);
  const {
    rows: [org],
  } = await pool.query(`SELECT id FROM organisations WHERE slug = 'north'`);
  // The owner of the most cases reads her own cases, as caseworkers do.
  const {
    rows: [owner],
  } = await pool.query(
    `SELECT u.id, m.roles FROM users u JOIN memberships m ON m.user_id = u.id AND m.organisation_id = $1
    WHERE u.id = (SELECT owner_user_id FROM cases WHERE organisation_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)`,
    [org.id],
  );
  const { rows: cases } = await pool.query(
    `SELECT id FROM cases WHERE organisation_id = $1 AND owner_user_id = $2 ORDER BY id`,
    [org.id, owner.id],
  );
  // The pre-024 table, as migration 001 defined it, with its genesis row.
  await pool.query(`CREATE TABLE audit_log_old (
    organisation_id uuid NOT NULL, seq integer NOT NULL CHECK (seq > 0), at timestamptz NOT NULL, actor_user_id uuid,
    action text NOT NULL, entity_type text NOT NULL, entity_id text, fields text[] NOT NULL DEFAULT '{}',
    prev_hash text NOT NULL, hash text NOT NULL, PRIMARY KEY (organisation_id, seq));
    GRANT SELECT, INSERT ON audit_log_old TO ariadne_app;
    INSERT INTO audit_log_old VALUES ('${org.id}', 1, now(), NULL, 'genesis', 'bench', NULL, '{}', repeat('0', 64), md5('genesis') || md5('genesis'))`);

  let n = 0;
  const nextCase = () => cases[n++ % cases.length].id as string;
  const readCase =
    (append: (c: pg.PoolClient, caseId: string) => Promise<unknown>, asyncCommit: boolean) => async () => {
      const client = await pool.connect();
      try {
        const caseId = nextCase();
        await client.query('BEGIN');
        await client.query(
          `SELECT set_config('role', 'ariadne_app', true), set_config('app.organisation_id', $1, true), set_config('app.user_id', $2, true)${asyncCommit ? `, set_config('synchronous_commit', 'off', true)` : ''}`,
          [org.id, owner.id],
        );
        await client.query(
          `SELECT id, status, owner_user_id, updated_at FROM cases WHERE organisation_id = $1 AND id = $2`,
          [org.id, caseId],
        );
        await append(client, caseId);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
  const oldAppend = async (c: pg.PoolClient, caseId: string) => {
    await c.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [org.id]);
    const {
      rows: [last],
    } = await c.query(`SELECT seq, hash FROM audit_log_old WHERE organisation_id = $1 ORDER BY seq DESC LIMIT 1`, [
      org.id,
    ]);
    await c.query(
      `INSERT INTO audit_log_old (organisation_id, seq, at, actor_user_id, action, entity_type, entity_id, fields, prev_hash, hash)
      VALUES ($1, $2, now(), $3, 'case.read', 'case', $4, '{intake}', $5, encode(sha256(($5 || $4)::bytea), 'hex'))`,
      [org.id, last.seq + 1, owner.id, caseId, last.hash],
    );
  };
  const newAppend = (c: pg.PoolClient, caseId: string) =>
    c.query(
      `INSERT INTO audit_log (organisation_id, at, actor_user_id, action, entity_type, entity_id, fields)
    VALUES ($1, now(), $2, 'case.read', 'case', $3, '{intake}')`,
      [org.id, owner.id, caseId],
    );
  const actor = { userId: owner.id, organisationId: org.id, roles: owner.roles };

  const modes: [string, () => Promise<unknown>][] = [
    ['old-locked', readCase(oldAppend, false)],
    ['new-sync', readCase(newAppend, false)],
    ['new', readCase(newAppend, true)],
    ['getCase', () => getCase(ctx, actor, nextCase())],
  ];
  const throughput = async (fn: () => Promise<unknown>, concurrency: number) => {
    let started = 0;
    const worker = async () => {
      while (started < requests) {
        started += 1;
        await fn();
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return requests / ((performance.now() - t0) / 1000);
  };
  // The sealer runs on its timer during the measurement, as in the server (unless --no-sealer).
  const sealer = startAuditSealer(ctx, {
    intervalMs: values['no-sealer'] ? 0 : 1000,
    onError: (e) => console.error('sealer:', e),
  });
  // Rounds interleave the modes, and the median of each is reported: the server is shared, so
  // noise (checkpoints, autovacuum, other clients) hits every mode alike instead of one.
  const samples: Record<string, Record<number, number[]>> = {};
  for (const [label, fn] of modes) {
    await throughput(fn, 8);
    samples[label] = { 1: [], 8: [] };
  } // warm-up: plans, connections, keys
  for (let round = 0; round < rounds; round++) {
    for (const [label, fn] of modes) for (const c of CONCURRENCY) samples[label][c].push(await throughput(fn, c));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results: Record<string, Record<number, number>> = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, { 1: median(v[1]), 8: median(v[8]) }]),
  );
  await sealer.stop();
  const sealStart = performance.now();
  const sealed = (await sealAll(ctx)).reduce((s, r) => s + (r.sealed ?? 0), 0);
  const sealMs = performance.now() - sealStart;

  console.log(
    `audited case reads of one organisation, ${requests} per measurement, median of ${rounds} interleaved rounds, PostgreSQL, same run, sealer ${values['no-sealer'] ? 'off' : 'every 1 s'}`,
  );
  console.log('mode         req/s @1   req/s @8   @8 / @1');
  for (const [label] of modes) {
    const r = results[label];
    console.log(
      `${label.padEnd(12)} ${r[1].toFixed(0).padStart(8)}   ${r[8].toFixed(0).padStart(8)}   ${(r[8] / r[1]).toFixed(2).padStart(6)}×`,
    );
  }
  console.log(
    `concurrency-8 throughput, new / old-locked: ${(results.new[8] / results['old-locked'][8]).toFixed(2)}×; new-sync / old-locked: ${(results['new-sync'][8] / results['old-locked'][8]).toFixed(2)}×`,
  );
  console.log(`sealer afterwards: ${sealed} pending entries sealed and signed in ${sealMs.toFixed(0)} ms`);
} finally {
  await pool.end();
  await ctx.db.close();
  if (!values['keep-database']) await db.drop();
}

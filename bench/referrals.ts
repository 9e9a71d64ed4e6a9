/**
 * Referral creation and acceptance under 50 concurrent users, against a plain
 * case update measured in the same run, as ratios (PostgreSQL, loopback).
 *   npx tsx bench/referrals.ts [--users 50] [--per-user 4]
 */
import { parseArgs } from 'node:util';
import { startAriadne } from '../src/server/start';
import { demoSession, freshDatabase, percentile } from './support';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '50' }, 'per-user': { type: 'string', default: '4' } },
});
const users = Number(values.users);
const perUser = Number(values['per-user']);

const db = await freshDatabase('ariadne_bench_referrals');
const app = await startAriadne({
  port: 0,
  databaseUrl: db.url,
  seedDemo: true,
  env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
});

const session = (email: string) => demoSession(app.url, email);

async function timed<T>(out: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  out.push(performance.now() - start);
  return result;
}

try {
  const north = await session('caseworker@north.demo.test');
  const south = await session('caseworker@south.demo.test');
  // Prepare one case per user operation, each with sharing consent for the partner.
  const cases: { id: string; version: number }[] = [];
  for (let i = 0; i < users * perUser; i++) {
    const c = await north.call('POST', '/api/cases', {
      person: { givenName: 'Demo', familyName: `Bench ${i}` },
      intake: { channel: 'hotline', contactDate: '2026-10-01', mediatorUsed: false, immediateNeeds: [] },
      risk: { level: 'low' },
    });
    await north.call('POST', `/api/cases/${c.id}/entries`, {
      kind: 'consent',
      data: {
        purpose: 'referral_sharing',
        partnerOrganisationId: south.orgId,
        action: 'granted',
        language: 'en',
        interpreterUsed: false,
        recordedOn: '2026-10-01',
      },
    });
    cases.push({ id: c.id, version: c.version });
  }
  const update: number[] = [];
  const create: number[] = [];
  const accept: number[] = [];
  const worker = (offset: number) => async () => {
    for (let k = 0; k < perUser; k++) {
      const c = cases[offset * perUser + k];
      const updated = await timed(update, () =>
        north.call('PATCH', `/api/cases/${c.id}`, { cooperationWithAuthorities: 'unknown', version: c.version }),
      );
      c.version = updated.version;
      const referral = await timed(create, () =>
        north.call('POST', `/api/cases/${c.id}/referrals`, {
          toOrganisationId: south.orgId,
          kind: 'referral',
          requestedService: 'legal_counselling',
        }),
      );
      await timed(accept, () =>
        south.call('POST', `/api/referrals/${referral.id}/accept`, { version: referral.version }),
      );
    }
  };
  await Promise.all(Array.from({ length: users }, (_, i) => worker(i)()));
  for (const xs of [update, create, accept]) xs.sort((a, b) => a - b);
  const row = (label: string, xs: number[]) =>
    `${label.padEnd(26)} p50 ${percentile(xs, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(xs, 99).toFixed(1).padStart(7)} ms  ratio to case update p50 ${(percentile(xs, 50) / percentile(update, 50)).toFixed(2)}x  p99 ${(percentile(xs, 99) / percentile(update, 99)).toFixed(2)}x`;
  console.log(`${users} concurrent users × ${perUser} operations, PostgreSQL, loopback`);
  console.log(row('plain case update (PATCH)', update));
  console.log(row('referral creation', create));
  console.log(row('referral acceptance', accept));
} finally {
  await app.close();
  await db.drop();
}

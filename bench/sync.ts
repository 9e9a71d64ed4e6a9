/**
 * Offline sync (issue #18), PostgreSQL on loopback: a device pulls the cases it holds, then replays
 * the records made offline in one push; the same number of records sent online, one request each,
 * is the baseline measured in the same run. Target: 1,000 changed records synced in under 5 s.
 *   npx tsx bench/sync.ts [--cases 200] [--changes 1000]
 * (10,000 cases on the device itself are exercised by src/web/offline/store.test.ts.)
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { startAriadne } from '../src/server/start';
import { demoSession, freshDatabase } from './support';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '200' }, changes: { type: 'string', default: '1000' } },
});
const caseCount = Number(values.cases);
const changeCount = Number(values.changes);

const db = await freshDatabase('ariadne_bench_sync');
const app = await startAriadne({
  port: 0,
  databaseUrl: db.url,
  seedDemo: true,
  env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
});

const today = new Date().toISOString().slice(0, 10);
const intake = (i: number) => ({
  person: { givenName: 'Demo', familyName: `Bench ${i}`, sex: 'female', citizenship: 'MD', languages: ['ro'] },
  intake: { channel: 'outreach_unit', contactDate: today, language: 'ro', mediatorUsed: false, immediateNeeds: [] },
  risk: { level: 'low' },
});
const note = (i: number) => ({ date: today, kind: 'home_visit', interpreterUsed: false, text: `Demo note ${i}` });

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

try {
  const { call } = await demoSession(app.url, 'caseworker@north.demo.test');
  const caseIds: string[] = [];
  for (let i = 0; i < caseCount; i += 4)
    caseIds.push(
      ...(await Promise.all(
        Array.from(
          { length: Math.min(4, caseCount - i) },
          async (_, j) => (await call('POST', '/api/cases', intake(i + j))).id,
        ),
      )),
    );
  const deviceId = crypto.randomUUID();
  await call('POST', '/api/sync/devices', { deviceId, label: 'Bench tablet' });

  const pull = await seconds(() => call('POST', '/api/sync/pull', { deviceId, caseIds }));
  const changes = Array.from({ length: changeCount }, (_, i) => ({
    type: 'entry',
    key: `bench-${i}-${crypto.randomUUID().slice(0, 8)}`,
    caseId: caseIds[i % caseIds.length],
    kind: 'note',
    data: note(i),
  }));
  let applied = 0;
  const push = await seconds(async () => {
    const { results } = await call('POST', '/api/sync/push', { deviceId, changes });
    applied = results.filter((r: { status: string }) => r.status === 'applied').length;
  });
  const online = await seconds(async () => {
    for (let i = 0; i < changeCount; i++)
      await call('POST', `/api/cases/${caseIds[i % caseIds.length]}/entries`, { kind: 'note', data: note(i) });
  });

  console.log(`PostgreSQL, loopback: ${caseCount} cases held, ${changeCount} records made offline`);
  console.log(
    `pull of ${caseCount} cases: ${pull.toFixed(2)} s (${((pull / caseCount) * 1000).toFixed(1)} ms per case)`,
  );
  console.log(`one push of ${changeCount} records: ${push.toFixed(2)} s, ${applied} applied (target < 5 s)`);
  console.log(`the same records online, one request each: ${online.toFixed(2)} s`);
  console.log(`push / online: ${(push / online).toFixed(2)}×`);
} finally {
  await app.close();
  await db.drop();
}

/**
 * Offline sync (issue #18), PostgreSQL on loopback: a device pulls the cases it holds, then replays
 * the records made offline in one push and pulls what changed since; the same records sent online,
 * one request each, are the baseline measured in the same run. Target: 1,000 changed records synced
 * in under 5 s. Then the device store itself (src/web/offline/store.ts, Dexie on fake-indexeddb with
 * Node's WebCrypto, the same code as in the browser): 10,000 cases written, the store opened again and
 * queried (count, a page, one case).
 *   npx tsx bench/sync.ts [--cases 200] [--changes 1000] [--device-cases 10000]
 */
import 'fake-indexeddb/auto';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { startAriadne } from '../src/server/start';
import { importDataKey, randomBytes } from '../src/web/offline/crypto';
import { OfflineStore, type OfflineCase } from '../src/web/offline/store';
import { demoSession, freshDatabase } from './support';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    changes: { type: 'string', default: '1000' },
    'device-cases': { type: 'string', default: '10000' },
  },
});
const deviceCases = Number(values['device-cases']);
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

  let cursor = '';
  const pull = await seconds(async () => {
    cursor = (await call('POST', '/api/sync/pull', { deviceId, caseIds })).cursor;
  });
  const changes = Array.from({ length: changeCount }, (_, i) => ({
    type: 'entry',
    key: `bench-${i}-${crypto.randomUUID().slice(0, 8)}`,
    caseId: caseIds[i % caseIds.length],
    kind: 'note',
    data: note(i),
  }));
  let applied = 0;
  let pulledEntries = 0;
  const push = await seconds(async () => {
    const { results } = await call('POST', '/api/sync/push', { deviceId, changes });
    applied = results.filter((r: { status: string }) => r.status === 'applied').length;
  });
  const pullAgain = await seconds(async () => {
    const { cases } = await call('POST', '/api/sync/pull', { deviceId, caseIds, since: cursor });
    pulledEntries = cases.reduce((n: number, c: { entries: unknown[] }) => n + c.entries.length, 0);
  });
  const online = await seconds(async () => {
    for (let i = 0; i < changeCount; i++)
      await call('POST', `/api/cases/${caseIds[i % caseIds.length]}/entries`, { kind: 'note', data: note(i) });
  });
  const synced = push + pullAgain;

  console.log(`PostgreSQL, loopback: ${caseCount} cases held, ${changeCount} records made offline`);
  console.log(
    `first pull of ${caseCount} cases: ${pull.toFixed(2)} s (${((pull / caseCount) * 1000).toFixed(1)} ms per case)`,
  );
  console.log(`one push of ${changeCount} records: ${push.toFixed(2)} s, ${applied} applied`);
  console.log(`then the pull of what changed since: ${pullAgain.toFixed(2)} s, ${pulledEntries} records`);
  console.log(`${changeCount} changed records synced (push + pull): ${synced.toFixed(2)} s (target < 5 s)`);
  console.log(`the same records online, one request each: ${online.toFixed(2)} s`);
  console.log(`push / online: ${(push / online).toFixed(3)}×; push + pull / online: ${(synced / online).toFixed(3)}×`);
} finally {
  await app.close();
  await db.drop();
}

// ---------------------------------------------------------------------------------------------
// The device store with 10,000 cases (node: Dexie on fake-indexeddb, WebCrypto AES-GCM per row)

const storeName = `bench-offline-${crypto.randomUUID()}`;
const raw = randomBytes(32);
const heldCase = (i: number): OfflineCase => ({
  id: `case-${String(i).padStart(6, '0')}`,
  reference: `N-2026-${i}`,
  title: `Demo Person ${i}`,
  status: 'open',
  version: 1,
  serverFields: { programmeType: 'assistance', givenName: 'Demo', familyName: `Person ${i}` },
  fields: { programmeType: 'assistance', givenName: 'Demo', familyName: `Person ${i}` },
});
const writer = new OfflineStore(storeName);
writer.setKey(await importDataKey(raw));
const write = await seconds(async () => {
  for (let i = 0; i < deviceCases; i += 1000)
    await writer.putCases(
      Array.from({ length: Math.min(1000, deviceCases - i) }, (_, j) => heldCase(i + j)),
      Date.now(),
    );
});
writer.db.close();
let count = 0;
const reader = new OfflineStore(storeName);
const open = await seconds(async () => {
  reader.setKey(await importDataKey(raw));
  count = await reader.countCases();
  await reader.pageCases(0, 50);
});
const query = await seconds(async () => {
  await reader.pageCases(Math.floor(deviceCases / 2), 50);
  await reader.getCase(heldCase(deviceCases - 1).id);
});
console.log(`device store (Dexie on fake-indexeddb in node, AES-GCM per row): ${count} cases`);
console.log(
  `  written in ${write.toFixed(2)} s; opened (key, count, first page of 50): ${(open * 1000).toFixed(0)} ms`,
);
console.log(`  a page of 50 in the middle and one case by id: ${(query * 1000).toFixed(0)} ms`);
await reader.wipe();

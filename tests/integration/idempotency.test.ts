/**
 * "Never twice": the same create request sent twice or three times at once (a double click, a
 * retry) creates one record, and every sender gets the same answer. A later retry replays it; the
 * same key for another request is refused; another user's identical key is hers alone; the stored
 * answers are encrypted; a failed first request frees its key for the corrected retry.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { purgeIdempotencyKeys } from '../../src/services/idempotency';
import { ENGINES } from './support/engines';
import { createTestApp, type TestApp } from './support/app';
import { daysAgo } from './support/dates';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

let counter = 0;
const newKey = () => `test-key-${process.pid}-${Date.now()}-${++counter}`;

describe.each(ENGINES.map((e) => [e.name, e] as const))('idempotency keys on %s', (_name, engine) => {
  let t: TestApp;
  let worker: ApiClient;
  let owner: ApiClient;

  const count = async (table: 'cases' | 'case_entries' | 'idempotency_keys') =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.ctx.db.system)).rows[0]!.n,
    );
  const create = (client: ApiClient, key: string, body: unknown = intake()) =>
    client.request('POST', '/api/cases', body, { 'idempotency-key': key });

  beforeAll(async () => {
    t = await createTestApp(engine);
    worker = await t.as('caseworker@north.demo.test');
    owner = await t.as('case_owner@north.demo.test');
  });
  afterAll(() => t.close());

  test('three identical requests at once (inject) create one case, and all three get its id', async () => {
    const before = await count('cases');
    const key = newKey();
    const answers = await Promise.all([create(worker, key), create(worker, key), create(worker, key)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.map((a) => a.body)).toEqual([answers[0]!.body, answers[0]!.body, answers[0]!.body]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(await count('cases')).toBe(before + 1);
  });

  test('three identical requests at once over real sockets create one case', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const before = await count('cases');
      const key = newKey();
      const send = () =>
        fetch(`${address}/api/cases`, {
          method: 'POST',
          headers: {
            cookie: worker.cookie!,
            'x-csrf-token': worker.csrf!,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(intake()),
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      const answers = await Promise.all([send(), send(), send()]);
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await count('cases')).toBe(before + 1);
    } finally {
      await t.app.server.close();
    }
  });

  test('a retry after completion replays the answer without a second record; an entry form likewise', async () => {
    const key = newKey();
    const first = await create(worker, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const before = await count('cases');
    const retry = await create(worker, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await count('cases')).toBe(before);

    const entryKey = newKey();
    const note = {
      kind: 'consent',
      data: {
        purpose: 'follow_up_contact',
        action: 'granted',
        language: 'ro',
        interpreterUsed: false,
        recordedOn: daysAgo(5),
      },
    };
    const entries = await count('case_entries');
    const sent = await Promise.all(
      [1, 2].map(() =>
        worker.request('POST', `/api/cases/${first.body.id}/entries`, note, { 'idempotency-key': entryKey }),
      ),
    );
    expect(
      sent.map((s) => s.status),
      JSON.stringify(sent[0]!.body),
    ).toEqual([201, 201]);
    expect(sent[0]!.body.id).toBe(sent[1]!.body.id);
    expect(await count('case_entries')).toBe(entries + 1);
  });

  test('the same key with a different body or route is refused with 422 idempotency_key_reused', async () => {
    const key = newKey();
    expect((await create(worker, key)).status).toBe(201);
    const before = await count('cases');
    const other = await create(worker, key, intake({ risk: { level: 'low' } }));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const elsewhere = await worker.request('POST', '/api/notifications/all/read', {}, { 'idempotency-key': key });
    expect(elsewhere.status).toBe(422);
    expect(await count('cases')).toBe(before);
  });

  test('another user with the same key is independent', async () => {
    const key = newKey();
    const before = await count('cases');
    const [mine, hers] = await Promise.all([create(worker, key), create(owner, key)]);
    expect([mine.status, hers.status]).toEqual([201, 201]);
    expect(mine.body.id).not.toBe(hers.body.id);
    expect(hers.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('cases')).toBe(before + 2);
  });

  test('stored answers are encrypted: no name of her appears in the table', async () => {
    const key = newKey();
    const familyName = `Idempotent ${Date.now()}`;
    const res = await create(worker, key, intake({ person: { ...intake().person, familyName } }));
    expect(res.status).toBe(201);
    const rows = await sql<{
      r: string;
    }>`SELECT row_to_json(k)::text AS r FROM idempotency_keys k WHERE key = ${key}`.execute(t.ctx.db.system);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.r).not.toContain(familyName);
    expect(rows.rows[0]!.r).not.toContain(res.body.id);
    expect(rows.rows[0]!.r).toMatch(/"response_enc":"enc1\./);
  });

  test('a failed first request releases the key, so the corrected retry succeeds', async () => {
    const key = newKey();
    const before = await count('cases');
    const wrong = await create(worker, key, intake({ risk: { level: 'not-a-level' } }));
    expect(wrong.status).toBe(400);
    // A refusal inside the handler (not the schema) releases it too: a contact date in the future.
    const refused = await create(worker, key, intake({ intake: { ...intake().intake, contactDate: daysAgo(-3) } }));
    expect(refused.status).toBe(400);
    expect(await count('cases')).toBe(before);
    const corrected = await create(worker, key);
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('cases')).toBe(before + 1);
  });

  test('a malformed key is refused with 400 before anything happens', async () => {
    const before = await count('cases');
    for (const key of ['a'.repeat(101), 'has space', 'semi;colon', 'ü']) {
      const res = await worker.request('POST', '/api/cases', intake(), { 'idempotency-key': key });
      expect(res.status, key).toBe(400);
      expect(res.body.error.code).toBe('idempotency_key_invalid');
    }
    expect(await count('cases')).toBe(before);
  });

  test('keys expire after 24 hours (the scheduled purge)', async () => {
    const key = newKey();
    expect((await create(worker, key)).status).toBe(201);
    const n = await count('idempotency_keys');
    expect((await purgeIdempotencyKeys(t.ctx, new Date(Date.now() + 23 * 3600_000))).purged).toBe(0);
    const { purged } = await purgeIdempotencyKeys(t.ctx, new Date(Date.now() + 25 * 3600_000));
    expect(purged).toBe(n);
    expect(await count('idempotency_keys')).toBe(0);
  });
});

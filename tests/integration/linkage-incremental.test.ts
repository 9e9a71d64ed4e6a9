/** Incremental linkage (#20) on both engines: a full run, new records in two organisations, an incremental run that compares only them. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runNetworkLinkage } from '../../src/services/linkage';
import { linkageIncrementalRepo } from '../../src/storage/repositories/linkage-incremental';
import { ENGINES } from './support/engines';
import { daysAgo } from './support/dates';
import { createTestApp, type TestApp } from './support/app';
import { intake } from './support/fixtures';
import type { ApiClient } from './support/http';

const consent = {
  kind: 'consent',
  data: {
    purpose: 'network_deduplication',
    action: 'granted',
    language: 'en',
    interpreterUsed: false,
    recordedOn: daysAgo(61),
  },
};

describe.each(ENGINES.map((e) => [e.name, e] as const))('incremental linkage on %s', (_name, engine) => {
  let t: TestApp;
  let north: ApiClient;
  let south: ApiClient;
  let east: ApiClient;

  beforeAll(async () => {
    t = await createTestApp(engine);
    north = await t.as('caseworker@north.demo.test');
    south = await t.as('caseworker@south.demo.test');
    east = await t.as('caseworker@east.demo.test');
  }, 600_000);
  afterAll(() => t.close());

  async function newCase(client: ApiClient, familyName: string, dateOfBirth: string, givenName = 'Demo') {
    const c = (
      await client.post(
        '/api/cases',
        intake({ person: { givenName, familyName, dateOfBirth, sex: 'female', citizenship: 'RO' } }),
      )
    ).body;
    expect((await client.post(`/api/cases/${c.id}/entries`, consent)).status).toBe(201);
    return c as { id: string; person: { id: string } };
  }
  const clusterOf = async (personId: string) =>
    (
      await sql<{
        cluster_id: string;
      }>`SELECT cluster_id FROM linkage_matches WHERE person_id = ${personId}`.execute(t.ctx.db.system)
    ).rows[0]?.cluster_id;
  const membersOf = async (clusterId: string) =>
    (
      await sql<{
        organisation_id: string;
      }>`SELECT organisation_id FROM linkage_matches WHERE cluster_id = ${clusterId}`.execute(t.ctx.db.system)
    ).rows.map((r) => r.organisation_id);
  const encodedAt = async (personId: string) =>
    (
      await sql<{
        encoded_at: Date;
        linked_run_id: string | null;
      }>`SELECT encoded_at, linked_run_id FROM linkage_encodings WHERE person_id = ${personId}`.execute(t.ctx.db.system)
    ).rows[0];

  test('a full run, then new records in two organisations: only they are compared, persons stay consistent with stable ids', async () => {
    const kept = await newCase(north, 'Person 901', '1990-02-11');
    await newCase(south, 'Person 901', '1990-02-11');
    const other = await newCase(north, 'Person 903', '1984-10-30');
    await newCase(east, 'Person 903', '1984-10-30');

    const full = await runNetworkLinkage(t.ctx, undefined, { mode: 'full' });
    expect(full.mode).toBe('full');
    const person = await clusterOf(kept.person.id);
    const otherPerson = await clusterOf(other.person.id);
    expect(person).toBeDefined();
    expect(otherPerson).toBeDefined();
    const before = await encodedAt(kept.person.id);
    expect(before.linked_run_id).toBe(full.runId);
    const keys = await sql<{
      n: number;
    }>`SELECT coalesce(sum(cardinality(block_keys)), 0)::int AS n FROM linkage_record_keys`.execute(t.ctx.db.system);
    expect(keys.rows[0].n).toBeGreaterThan(0);

    // New: Person 901 at East (joins her), a second South record of her (South has her already),
    // and Person 902 at North and East (a new person).
    await newCase(east, 'Person 901', '1990-02-11');
    await newCase(south, 'Person 901', '1990-02-11');
    const fresh = await newCase(north, 'Person 902', '1977-06-05');
    await newCase(east, 'Person 902', '1977-06-05');

    const step = await runNetworkLinkage(t.ctx);
    expect(step.mode).toBe('incremental');
    expect(step.stats.comparedRecords).toBe(4);
    expect(step.stats.comparisons).toBeGreaterThan(0);
    // The new records and the persons they reach; not the whole network.
    expect(step.stats.reachedRecords).toBeLessThan(step.stats.records);
    expect(step.stats.records).toBe(full.stats.records + 4);

    // Her id is stable; she now has North, South and East, one record each (the second South record stays apart).
    expect(await clusterOf(kept.person.id)).toBe(person);
    expect((await membersOf(person)).length).toBe(3);
    expect(new Set(await membersOf(person)).size).toBe(3);
    // The person the new records did not reach is untouched, and the new pair is one person.
    expect(await clusterOf(other.person.id)).toBe(otherPerson);
    const newPerson = await clusterOf(fresh.person.id);
    expect(newPerson).toBeDefined();
    expect(await membersOf(newPerson)).toHaveLength(2);
    // Records already linked keep their encodings; the new ones are marked linked by this run.
    const after = await encodedAt(kept.person.id);
    expect(new Date(after.encoded_at).getTime()).toBe(new Date(before.encoded_at).getTime());
    expect((await encodedAt(fresh.person.id)).linked_run_id).toBe(step.runId);
    const runs = await sql<{
      mode: string;
    }>`SELECT mode FROM linkage_runs ORDER BY finished_at DESC LIMIT 2`.execute(t.ctx.db.system);
    expect(runs.rows.map((r) => r.mode)).toEqual(['incremental', 'full']);

    // Nothing new: nothing compared.
    const idle = await runNetworkLinkage(t.ctx);
    expect(idle.mode).toBe('incremental');
    expect(idle.stats.comparedRecords).toBe(0);
    expect(await clusterOf(kept.person.id)).toBe(person);
    // Several runs with encoding on a loaded 2-core machine.
  }, 600_000);

  test('the API starts an incremental or a full run on request and its summary shows the mode', async () => {
    const coordinator = await t.as('coordinator@north.demo.test');
    const wait = async (id: string) => {
      for (let i = 0; i < 1000; i++) {
        const job = (await coordinator.get(`/api/linkage/runs/${id}`)).body;
        if (job.state !== 'running') return job;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('linkage run did not finish');
    };
    expect((await coordinator.post('/api/linkage/runs', { mode: 'sometimes' })).status).toBe(400);
    await newCase(south, 'Person 904', '1999-01-17');
    const started = await coordinator.post('/api/linkage/runs', { mode: 'incremental' });
    expect(started.status).toBe(202);
    const done = await wait(started.body.id);
    expect(done.state).toBe('succeeded');
    expect(done.summary.mode).toBe('incremental');
    expect(done.summary.stats.comparedRecords).toBe(1);
    const again = await coordinator.post('/api/linkage/runs', { mode: 'full' });
    const full = await wait(again.body.id);
    expect(full.summary.mode).toBe('full');
    expect(full.summary.stats.comparedRecords).toBeUndefined();
  }, 600_000);

  test('blocking keys are one row per record: found by any of its keys, merged on a second write, gone when she is re-encoded', async () => {
    const a = await newCase(north, 'Person 951', '1991-01-07');
    const b = await newCase(south, 'Person 951', '1991-01-07');
    await runNetworkLinkage(t.ctx, undefined, { mode: 'full' });
    const db = t.ctx.db.system;
    const keysOf = async (personId: string) =>
      (
        await sql<{
          k: string[];
        }>`SELECT block_keys::text[] AS k FROM linkage_record_keys WHERE person_id = ${personId}`.execute(db)
      ).rows[0]?.k.map(Number) ?? [];
    const ka = await keysOf(a.person.id);
    const kb = await keysOf(b.person.id);
    expect(ka.length).toBeGreaterThan(10);
    expect(new Set(ka).size).toBe(ka.length);
    expect(ka).toEqual([...ka].sort((x, y) => x - y));
    // The same name and date of birth at two organisations: they share blocks, and each holds some of her own.
    const shared = ka.filter((k) => kb.includes(k));
    expect(shared.length).toBeGreaterThan(0);

    // A block's members: both records, each once, with the asked key they hold (and no other).
    const inBlock = await linkageIncrementalRepo.blockMembers(db, [shared[0]!]);
    expect(inBlock.every((r) => r.keys.length === 1 && r.keys[0] === shared[0])).toBe(true);
    expect(inBlock.map((r) => r.person_id)).toEqual(expect.arrayContaining([a.person.id, b.person.id]));
    expect(new Set(inBlock.map((r) => r.person_id)).size).toBe(inBlock.length);
    // Asked for all her keys, she is one row naming every one of them; the other record names the shared ones.
    const all = await linkageIncrementalRepo.blockMembers(db, [...ka, ...ka]);
    const hers = all.filter((r) => r.person_id === a.person.id);
    expect(hers).toHaveLength(1);
    expect([...hers[0]!.keys].sort((x, y) => x - y)).toEqual(ka);
    const his = all.find((r) => r.person_id === b.person.id)!;
    expect([...his.keys].sort((x, y) => x - y)).toEqual(shared);

    // A second write for the record keeps what she had and adds the new key, once.
    const encoded = (
      await sql<{ organisation_id: string; schema_version: string; encoding: string; encoding_hash: string }>`
        SELECT organisation_id, schema_version, encoding::text AS encoding, encoding_hash
        FROM linkage_encodings WHERE person_id = ${a.person.id}`.execute(db)
    ).rows[0]!;
    const extra = 2 ** 51 + 12_345;
    const ref = { orgId: encoded.organisation_id, recordId: a.person.id };
    await linkageIncrementalRepo.insertKeys(db, [
      { key: extra, ...ref },
      { key: extra, ...ref },
      { key: ka[0]!, ...ref },
    ]);
    expect(await keysOf(a.person.id)).toEqual([...ka, extra].sort((x, y) => x - y));
    expect(await linkageIncrementalRepo.blockMembers(db, [extra])).toEqual([
      { organisation_id: encoded.organisation_id, person_id: a.person.id, keys: [extra] },
    ]);

    // Re-encoded (changed), her keys go until a run links her again; the other record's stay.
    await linkageIncrementalRepo.saveChangedEncoding(db, {
      organisationId: encoded.organisation_id,
      personId: a.person.id,
      schemaVersion: encoded.schema_version,
      encoding: encoded.encoding,
      hash: `${encoded.encoding_hash}-changed`,
    });
    expect(await keysOf(a.person.id)).toEqual([]);
    expect(await keysOf(b.person.id)).toEqual(kb);
    expect(await linkageIncrementalRepo.blockMembers(db, [extra])).toEqual([]);
  });
});

/**
 * Incremental linkage on PostgreSQL (#20): `--existing` linked records (encoded from the synthetic
 * generator, so blocking keys have a realistic distribution), stored with their blocking keys and
 * persons as a full run leaves them; then `--fresh` new records linked incrementally (look-up by
 * stored key through the index, comparison, solving the reached part, writes). Prints the time
 * against the 60 s target, the ratio to a plain index scan of the new records' blocks measured in
 * the same run, and the pairs compared against those of a full run over every record.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/linkage-incremental.ts [--existing 1000000] [--fresh 10000] [--sample 20000] [--reach local|component]
 * A throw-away database is created and dropped. The organisations' own encoding of the new records
 * (done locally, before a run) is measured apart.
 *
 * What stands in for the full run that left the existing records linked (a full run over 1M records
 * does not fit a bench): the model is estimated by a full run over `--sample` records (every record
 * of the first persons, so their matches are in it), with the blocking a full run over all existing
 * records would choose (prefix lengths from the largest organisation, name-band length from the
 * record count); the persons are the generator's truth (a full run at the target F1 finds nearly
 * those); the full run's candidate pairs are counted from the stored blocks' sizes (per block, pairs
 * of records of different organisations, blocks above the size cap skipped, as a full run skips them).
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  blockingBitsFor,
  blockingKeysOf,
  createEncoder,
  generateSynthetic,
  linkNetwork,
  storedBlockingKey,
  type EncodedRecord,
  type FrozenModel,
  type SyntheticRecord,
} from '../src/domain/linkage/index';
import { nameBandBitsFor, nameFieldsOf } from '../src/domain/linkage/blocking';
import { DEFAULT_LSH, DEFAULT_SCHEMA } from '../src/domain/linkage/schema';
import { deserialiseEncoding, serialiseEncoding } from '../src/domain/linkage/serialise';
import { openDatabase, withSystem } from '../src/storage/database';
import { migrate } from '../src/storage/migrate';
import { runIncremental } from '../src/services/linkage-incremental';
import type { AppContext } from '../src/services/context';
import { freshDatabase } from './support';

const { values } = parseArgs({
  options: {
    existing: { type: 'string', default: '1000000' },
    fresh: { type: 'string', default: '10000' },
    sample: { type: 'string', default: '20000' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    // What is solved again: the persons the new records reach (the service's default) or their component.
    reach: { type: 'string', default: 'local' },
  },
});
if (values.reach !== 'local' && values.reach !== 'component') throw new Error('--reach is local or component');
const REACH = values.reach;
const EXISTING = Number(values.existing);
const FRESH = Number(values.fresh);
const SAMPLE = Number(values.sample);
const TARGET_SECONDS = 60;
/** Thrown to roll the measured run back. */
class RolledBack extends Error {}
const ORGS = ['org-a', 'org-b', 'org-c', 'org-d'];
const SECRET = 'bench-network-linkage-secret-0123456789';
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (start: number) => (performance.now() - start) / 1000;
const uuidOf = (text: string) => {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

if (!values.database)
  console.log(`Incremental linkage on PostgreSQL: ${fmt(EXISTING)} linked records, ${fmt(FRESH)} new`);
const prepared = values.database ? await reuse(values.database) : await prepare();
const { database, model, existingPairs } = prepared;
const db = await openDatabase({ databaseUrl: database.url });
const raw = new pg.Client({ connectionString: database.url });
const orgIds = new Map(ORGS.map((o) => [o, uuidOf(`org:${o}`)]));
try {
  await raw.connect();
  const freshEncoded = (
    await raw.query<{ encoding: unknown }>('SELECT encoding FROM linkage_encodings WHERE linked_run_id IS NULL')
  ).rows.map((r) => deserialiseEncoding(r.encoding, DEFAULT_SCHEMA));
  const existingCount = Number(
    (await raw.query<{ n: string }>('SELECT count(*) AS n FROM linkage_encodings WHERE linked_run_id IS NOT NULL'))
      .rows[0].n,
  );
  // The measured part: the incremental run, as the service runs it, in one transaction, rolled
  // back afterwards so that a kept database (--keep, --database) measures the same run again.
  let start = performance.now();
  const cpu = process.cpuUsage();
  let runSeconds = 0;
  let stats: Record<string, number> = {};
  await withSystem(db, async (tx) => {
    const run = await runIncremental({} as AppContext, tx, {
      runId: crypto.randomUUID(),
      organisationIds: [...orgIds.values()],
      model,
      decisions: [],
      reach: REACH,
    });
    runSeconds = seconds(start);
    stats = run.stats;
    throw new RolledBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;

  // The baseline in the same run: a plain index scan of the new records' blocks (keys to members).
  const freshKeys = [...new Set(freshEncoded.flatMap((e) => blockingKeysOf(e, model).map(storedBlockingKey)))];
  start = performance.now();
  // One probe of the keys' GIN index per key, in one statement.
  const scanned = await raw.query<{ block_key: string; organisation_id: string }>(
    `SELECT a.key::text AS block_key, r.organisation_id
     FROM unnest($1::bigint[]) AS a(key)
     CROSS JOIN LATERAL (SELECT organisation_id FROM linkage_record_keys WHERE block_keys @> ARRAY[a.key]) r`,
    [freshKeys],
  );
  const scanSeconds = seconds(start);
  // A full run's candidate pairs over every record: the existing records' pairs, changed in the
  // blocks the new records join (their sizes from the scan and the new records' keys).
  const counts = new Map<string, { existing: Map<string, number>; all: Map<string, number> }>();
  const tally = (key: string, org: string, existing: boolean) => {
    const block = counts.get(key) ?? counts.set(key, { existing: new Map(), all: new Map() }).get(key)!;
    if (existing) block.existing.set(org, (block.existing.get(org) ?? 0) + 1);
    block.all.set(org, (block.all.get(org) ?? 0) + 1);
  };
  for (const row of scanned.rows) tally(row.block_key, row.organisation_id, true);
  for (const e of freshEncoded)
    for (const key of new Set(blockingKeysOf(e, model).map(storedBlockingKey))) tally(String(key), e.orgId, false);
  const pairsOf = (perOrg: Map<string, number>) => {
    const sizes = [...perOrg.values()];
    const total = sizes.reduce((n, x) => n + x, 0);
    return total > 2000 ? 0 : (total * total - sizes.reduce((n, x) => n + x * x, 0)) / 2;
  };
  let freshPairs = 0;
  for (const block of counts.values()) freshPairs += pairsOf(block.all) - pairsOf(block.existing);
  const allPairs = existingPairs + freshPairs;
  const encodeNewSeconds = freshEncoded.length / prepared.encodeRate;
  console.log(
    [
      `incremental run (${REACH}): ${runSeconds.toFixed(1)} s for ${fmt(stats.comparedRecords)} new records against ${fmt(existingCount)} linked`,
      `  ${(runSeconds / TARGET_SECONDS).toFixed(3)} of the ${TARGET_SECONDS} s target; this process's CPU ${cpuSeconds.toFixed(1)} s (the rest: PostgreSQL and a shared machine's load)`,
      `  ${(runSeconds / scanSeconds).toFixed(1)}× a plain index scan of the new records' ${fmt(freshKeys.length)} blocks measured after it (${scanSeconds.toFixed(2)} s, ${fmt(scanned.rowCount ?? 0)} rows)`,
      `  new records read ${(stats.freshMs / 1000).toFixed(1)} s, look-ups ${(stats.lookupMs / 1000).toFixed(1)} s (blocks ${(stats.blocksMs / 1000).toFixed(1)}, encodings read ${(stats.encodingsMs / 1000).toFixed(1)}, decoded ${(stats.decodeMs / 1000).toFixed(1)}), linking ${(stats.linkMs / 1000).toFixed(1)} s, writes and totals ${(stats.writeMs / 1000).toFixed(1)} s (matches ${(stats.matchesMs / 1000).toFixed(1)}, links ${(stats.linksMs / 1000).toFixed(1)}, keys ${(stats.keysMs / 1000).toFixed(1)}, totals ${(stats.totalsMs / 1000).toFixed(1)})`,
      `  comparisons ${fmt(stats.comparisons)} (candidate pairs ${fmt(stats.candidatePairs)}), ${fmt(stats.existingRecordsRead)} linked records read, ${fmt(stats.reachedRecords)} records solved again, ${stats.lookups} look-ups`,
      `  a full run over all ${fmt(existingCount + freshEncoded.length)} records: ${fmt(allPairs)} candidate pairs (from block sizes, a pair counted once per shared block), ${fmt(freshPairs)} of them with a new record; incremental/full = ${(stats.candidatePairs / allPairs).toFixed(4)}`,
      `  persons after the run: ${fmt(stats.clusters)} of ${fmt(stats.records)} records`,
      `  (the organisations encode their new records before a run: about ${encodeNewSeconds.toFixed(1)} s for ${fmt(freshEncoded.length)} at this machine's rate)`,
    ].join('\n'),
  );
} finally {
  await raw.end().catch(() => {});
  await db.close();
  if (values.keep || values.database) console.log(`kept the database: --database ${database.url}`);
  else await database.drop();
}

/** A database an earlier `--keep` run prepared: its model and the existing records' pair count. */
async function reuse(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{
    frozen_model: FrozenModel;
    stats: { existingPairs: number; encodeRate: number };
  }>("SELECT frozen_model, stats FROM linkage_runs WHERE fingerprint = 'bench'");
  // An earlier measured run was rolled back: its index entries point at dead rows until a vacuum.
  await client.query('VACUUM ANALYZE linkage_record_keys');
  await client.end();
  return {
    database: { url, drop: async () => {} },
    model: rows[0].frozen_model,
    existingPairs: rows[0].stats.existingPairs,
    encodeRate: rows[0].stats.encodeRate,
  };
}

/** Pairs of records of different organisations per stored block, summed over blocks within the size cap (as a full run compares them). */
async function blockPairs(client: pg.Client, maxBucketSize = 2000): Promise<number> {
  const { rows } = await client.query<{ pairs: string }>(
    `
    WITH per AS (
      SELECT k.key AS block_key, count(*)::float8 AS n
      FROM linkage_record_keys CROSS JOIN LATERAL unnest(block_keys) AS k(key) GROUP BY k.key, organisation_id),
    blocks AS (SELECT sum(n) AS t, sum(n * n) AS s FROM per GROUP BY block_key)
    SELECT coalesce(sum((t * t - s) / 2), 0)::text AS pairs FROM blocks WHERE t <= $1`,
    [maxBucketSize],
  );
  return Number(rows[0].pairs);
}

/** Generates, encodes and stores the existing and new records in a fresh database (see the module comment). */
async function prepare() {
  let start = performance.now();
  const presence = 0.55;
  const synthetic = generateSynthetic({
    seed: 51,
    persons: Math.ceil((EXISTING + FRESH) / (ORGS.length * presence)) + 100,
    orgs: ORGS,
    presence,
  }).slice(0, EXISTING + FRESH);
  const orgIds = new Map(ORGS.map((o) => [o, uuidOf(`org:${o}`)]));
  const encoder = createEncoder(SECRET);
  // Record ids as the database holds them (uuids), organisations likewise.
  const encode = (r: SyntheticRecord): EncodedRecord =>
    encoder.encode({
      recordId: uuidOf(`${r.orgId}/${r.recordId}`),
      orgId: orgIds.get(r.orgId)!,
      consentToNetworkDedup: r.consentToNetworkDedup,
      fields: r.fields,
    });
  const existingRecords = synthetic.slice(0, EXISTING);
  const freshRecords = synthetic.slice(EXISTING);
  console.log(`generated ${fmt(synthetic.length)} records in ${seconds(start).toFixed(1)} s`);

  // The model a full run over the existing records would leave: estimated on a sample of whole persons,
  // blocking as that full run would choose it.
  start = performance.now();
  const personNumber = (r: SyntheticRecord) => Number(r.truthPersonId.slice('truth-'.length));
  const samplePersons = Math.ceil(SAMPLE / (ORGS.length * presence));
  const sample = existingRecords.filter((r) => personNumber(r) < samplePersons).map(encode);
  const trained = linkNetwork(sample).frozenModel!;
  const largestSource = Math.max(...ORGS.map((o) => existingRecords.reduce((n, r) => n + (r.orgId === o ? 1 : 0), 0)));
  const model: FrozenModel = {
    ...trained,
    blockingBits: blockingBitsFor(largestSource, (DEFAULT_SCHEMA.lsh ?? DEFAULT_LSH).bitsPerBand),
    nameBandBits: nameBandBitsFor(sample, nameFieldsOf(DEFAULT_SCHEMA), EXISTING) ?? null,
  };
  console.log(
    `model estimated over ${fmt(sample.length)} records in ${seconds(start).toFixed(1)} s: ${model.method}, prefix bits ${JSON.stringify(model.blockingBits)} (the sample's own ${JSON.stringify(trained.blockingBits)}), name bands ${model.nameBandBits} bits`,
  );

  const database = await freshDatabase('ariadne_bench_incremental');
  const db = await openDatabase({ databaseUrl: database.url });
  const raw = new pg.Client({ connectionString: database.url });
  try {
    await migrate(db);
    await raw.connect();
    start = performance.now();
    for (const [slug, id] of orgIds)
      await raw.query('INSERT INTO organisations (id, slug, name) VALUES ($1, $2, $3)', [id, slug, `Bench ${slug}`]);
    const baseRun = crypto.randomUUID();
    await raw.query(
      `INSERT INTO linkage_runs (id, started_at, finished_at, schema_version, stats, capture_histories, mode, fingerprint, frozen_model)
     VALUES ($1, now(), now(), $2, '{}', '{}', 'full', 'bench', $3)`,
      [baseRun, DEFAULT_SCHEMA.version, JSON.stringify(model)],
    );
    // Bulk load without the keys' indexes and foreign key (built after the load): arrays through unnest.
    await raw.query('ALTER TABLE linkage_record_keys DROP CONSTRAINT linkage_record_keys_pkey');
    await raw.query('DROP INDEX linkage_record_keys_keys');
    await raw.query(
      'ALTER TABLE linkage_record_keys DROP CONSTRAINT linkage_record_keys_organisation_id_person_id_fkey',
    );
    const BATCH = 5_000;
    let keys = 0;
    let encodeSeconds = 0;
    const freshEncoded: EncodedRecord[] = [];
    const load = async (records: SyntheticRecord[], linked: boolean) => {
      for (let i = 0; i < records.length; i += BATCH) {
        const began = performance.now();
        const chunk = records.slice(i, i + BATCH).map(encode);
        encodeSeconds += seconds(began);
        const orgs = chunk.map((e) => e.orgId);
        const ids = chunk.map((e) => e.recordId);
        await raw.query(
          `INSERT INTO persons (organisation_id, id, identity_enc) SELECT o, p, 'bench' FROM unnest($1::uuid[], $2::uuid[]) AS t(o, p)`,
          [orgs, ids],
        );
        await raw.query(
          `INSERT INTO linkage_encodings (organisation_id, person_id, schema_version, encoding, encoding_hash, linked_run_id)
         SELECT o, p, $3, e::jsonb, 'bench', $5::uuid FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS t(o, p, e)`,
          [
            orgs,
            ids,
            DEFAULT_SCHEMA.version,
            chunk.map((e) => JSON.stringify(serialiseEncoding(e))),
            linked ? baseRun : null,
          ],
        );
        if (!linked) {
          freshEncoded.push(...chunk);
          continue;
        }
        const recordKeys = chunk.map((e) =>
          [...new Set(blockingKeysOf(e, model).map(storedBlockingKey))].sort((a, b) => a - b),
        );
        keys += recordKeys.reduce((n, k) => n + k.length, 0);
        await raw.query(
          `INSERT INTO linkage_record_keys (organisation_id, person_id, block_keys)
           SELECT o, p, k::bigint[] FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(o, p, k)`,
          [orgs, ids, recordKeys.map((k) => `{${k.join(',')}}`)],
        );
      }
    };
    await load(existingRecords, true);
    await load(freshRecords, false);
    console.log(
      `encoded ${fmt(synthetic.length)} records (${encodeSeconds.toFixed(1)} s), stored them and ${fmt(keys)} blocking keys in ${seconds(start).toFixed(1)} s`,
    );
    start = performance.now();
    // A GIN build sorts its entries in memory: with the default 64 MB, 79 million keys spill in many runs.
    await raw.query("SET maintenance_work_mem = '1GB'");
    await raw.query('ALTER TABLE linkage_record_keys ADD PRIMARY KEY (organisation_id, person_id)');
    await raw.query('CREATE INDEX linkage_record_keys_keys ON linkage_record_keys USING gin (block_keys)');
    await raw.query(`ALTER TABLE linkage_record_keys ADD CONSTRAINT linkage_record_keys_organisation_id_person_id_fkey
    FOREIGN KEY (organisation_id, person_id) REFERENCES linkage_encodings (organisation_id, person_id) ON DELETE CASCADE`);
    // The existing persons as a full run leaves them: the generator's truth, persons with records at two or more organisations.
    const byPerson = new Map<string, SyntheticRecord[]>();
    for (const r of existingRecords)
      (byPerson.get(r.truthPersonId) ?? byPerson.set(r.truthPersonId, []).get(r.truthPersonId)!).push(r);
    const matchRows = [...byPerson.values()]
      .filter((members) => members.length > 1)
      .flatMap((members) =>
        members.map((r) => [orgIds.get(r.orgId)!, uuidOf(`${r.orgId}/${r.recordId}`), uuidOf(r.truthPersonId)]),
      );
    for (let i = 0; i < matchRows.length; i += 20_000)
      await raw.query(
        `INSERT INTO linkage_matches (organisation_id, person_id, cluster_id, partner_organisation_ids, run_id)
       SELECT o, p, c, '{}', $4 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(o, p, c)`,
        [...[0, 1, 2].map((k) => matchRows.slice(i, i + 20_000).map((r) => r[k])), baseRun],
      );
    // And their links (every pair of a person's records), which a run replaces where it solves again.
    const linkRows = [...byPerson.values()].flatMap((members) =>
      members.flatMap((r, i) =>
        members
          .slice(i + 1)
          .map((q) => [
            orgIds.get(r.orgId)!,
            uuidOf(`${r.orgId}/${r.recordId}`),
            orgIds.get(q.orgId)!,
            uuidOf(`${q.orgId}/${q.recordId}`),
          ]),
      ),
    );
    for (let i = 0; i < linkRows.length; i += 20_000)
      await raw.query(
        `INSERT INTO linkage_links (run_id, a_organisation_id, a_person_id, b_organisation_id, b_person_id, probability)
       SELECT $5, a, p, b, q, 0.99 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) AS t(a, p, b, q)`,
        [...[0, 1, 2, 3].map((k) => linkRows.slice(i, i + 20_000).map((r) => r[k])), baseRun],
      );
    await raw.query('ANALYZE');
    console.log(
      `indexed the blocking keys, stored ${fmt(matchRows.length)} matched records and ${fmt(linkRows.length)} links in ${seconds(start).toFixed(1)} s`,
    );
    await raw.query('VACUUM ANALYZE linkage_record_keys');
    // A full run's candidate pairs over the existing records, kept with the run for a later --database.
    const existingPairs = await blockPairs(raw);
    await raw.query('UPDATE linkage_runs SET stats = $2 WHERE id = $1', [
      baseRun,
      JSON.stringify({ existingPairs, encodeRate: synthetic.length / encodeSeconds }),
    ]);
    await raw.end();
    await db.close();
    return { database, model, existingPairs, encodeRate: synthetic.length / encodeSeconds };
  } catch (error) {
    await raw.end().catch(() => {});
    await db.close();
    await database.drop();
    throw error;
  }
}

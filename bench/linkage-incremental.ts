/**
 * Incremental linkage on PostgreSQL (#20): `--existing` linked records (encoded from the synthetic
 * generator, so blocking keys have a realistic distribution), stored with their blocking keys and
 * persons as a full run leaves them; then `--fresh` new records linked incrementally (look-up by
 * stored key through the index, comparison, solving the reached part, writes). Prints the time
 * against the 60 s target and the comparisons against those of a full run over every record.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/linkage-incremental.ts [--existing 1000000] [--fresh 10000]
 * A throw-away database is created and dropped. The organisations' own encoding of the new records
 * (done locally, before a run) is measured apart.
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  blockingKeysOf,
  createEncoder,
  generateSynthetic,
  linkNetwork,
  storedBlockingKey,
  type EncodedRecord,
} from '../src/domain/linkage/index';
import { serialiseEncoding } from '../src/domain/linkage/serialise';
import { openDatabase, withSystem } from '../src/storage/database';
import { migrate } from '../src/storage/migrate';
import { runIncremental } from '../src/services/linkage-incremental';
import type { AppContext } from '../src/services/context';
import { freshDatabase } from './support';

const { values } = parseArgs({
  options: { existing: { type: 'string', default: '1000000' }, fresh: { type: 'string', default: '10000' } },
});
const EXISTING = Number(values.existing);
const FRESH = Number(values.fresh);
const TARGET_SECONDS = 60;
const ORGS = ['org-a', 'org-b', 'org-c', 'org-d'];
const SECRET = 'bench-network-linkage-secret-0123456789';
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const seconds = (start: number) => (performance.now() - start) / 1000;
const uuidOf = (text: string) => {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

console.log(`Incremental linkage on PostgreSQL: ${fmt(EXISTING)} linked records, ${fmt(FRESH)} new`);
let start = performance.now();
const presence = 0.55;
const synthetic = generateSynthetic({
  seed: 51,
  persons: Math.ceil((EXISTING + FRESH) / (ORGS.length * presence)) + 100,
  orgs: ORGS,
  presence,
});
const orgIds = new Map(ORGS.map((o) => [o, uuidOf(`org:${o}`)]));
const encoder = createEncoder(SECRET);
// Record ids as the database holds them (uuids), organisations likewise.
const encodings: EncodedRecord[] = synthetic
  .slice(0, EXISTING + FRESH)
  .map(({ truthPersonId: _t, ...r }) =>
    encoder.encode({ ...r, orgId: orgIds.get(r.orgId)!, recordId: uuidOf(`${r.orgId}/${r.recordId}`) }),
  );
const encodeSeconds = seconds(start);
console.log(`generated and encoded ${fmt(encodings.length)} records in ${encodeSeconds.toFixed(1)} s`);
const existing = encodings.slice(0, EXISTING);
const fresh = encodings.slice(EXISTING);

// The full run that left the existing records linked (in memory here; its state is then stored).
start = performance.now();
const base = linkNetwork(existing);
const model = base.frozenModel!;
console.log(
  `full run over the existing records: ${seconds(start).toFixed(1)} s, ${fmt(base.stats.comparisons)} comparisons, model ${model.method}, prefix bits ${JSON.stringify(model.blockingBits)}`,
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
    [baseRun, existing[0].schemaVersion, JSON.stringify(model)],
  );
  // Bulk load: arrays through unnest, the keys' index built after the load.
  const BATCH = 20_000;
  const load = async (records: EncodedRecord[], linked: boolean) => {
    for (let i = 0; i < records.length; i += BATCH) {
      const chunk = records.slice(i, i + BATCH);
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
          chunk[0].schemaVersion,
          chunk.map((e) => JSON.stringify(serialiseEncoding(e))),
          linked ? baseRun : null,
        ],
      );
    }
  };
  await load(existing, true);
  await load(fresh, false);
  console.log(`stored ${fmt(encodings.length)} persons and encodings in ${seconds(start).toFixed(1)} s`);
  start = performance.now();
  await raw.query('ALTER TABLE linkage_blocking_keys DROP CONSTRAINT linkage_blocking_keys_pkey');
  await raw.query('DROP INDEX linkage_blocking_keys_record');
  await raw.query(
    'ALTER TABLE linkage_blocking_keys DROP CONSTRAINT linkage_blocking_keys_organisation_id_person_id_fkey',
  );
  let keys = 0;
  for (let i = 0; i < existing.length; i += BATCH / 4) {
    const rows = existing
      .slice(i, i + BATCH / 4)
      .flatMap((e) =>
        [...new Set(blockingKeysOf(e, model).map(storedBlockingKey))].map((k) => [k, e.orgId, e.recordId]),
      );
    keys += rows.length;
    await raw.query(
      'INSERT INTO linkage_blocking_keys (block_key, organisation_id, person_id) SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[])',
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }
  await raw.query('ALTER TABLE linkage_blocking_keys ADD PRIMARY KEY (block_key, organisation_id, person_id)');
  await raw.query('CREATE INDEX linkage_blocking_keys_record ON linkage_blocking_keys (organisation_id, person_id)');
  await raw.query(`ALTER TABLE linkage_blocking_keys ADD CONSTRAINT linkage_blocking_keys_organisation_id_person_id_fkey
    FOREIGN KEY (organisation_id, person_id) REFERENCES linkage_encodings (organisation_id, person_id) ON DELETE CASCADE`);
  // The existing persons as the full run left them.
  const matchRows = base.clusters
    .filter((c) => new Set(c.members.map((m) => m.orgId)).size > 1)
    .flatMap((c) => c.members.map((m) => [m.orgId, m.recordId, c.personId]));
  for (let i = 0; i < matchRows.length; i += BATCH)
    await raw.query(
      `INSERT INTO linkage_matches (organisation_id, person_id, cluster_id, partner_organisation_ids, run_id)
       SELECT o, p, c, '{}', $4 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(o, p, c)`,
      [...[0, 1, 2].map((k) => matchRows.slice(i, i + BATCH).map((r) => r[k])), baseRun],
    );
  await raw.query('ANALYZE');
  console.log(
    `stored ${fmt(keys)} blocking keys (indexed) and ${fmt(matchRows.length)} matched records in ${seconds(start).toFixed(1)} s`,
  );

  // The measured part: the incremental run, as the service runs it, in one transaction.
  start = performance.now();
  const cpu = process.cpuUsage();
  const run = await withSystem(db, (tx) =>
    runIncremental({} as AppContext, tx, {
      runId: crypto.randomUUID(),
      organisationIds: [...orgIds.values()],
      model,
      decisions: [],
    }),
  );
  const runSeconds = seconds(start);
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const stats = run.stats;

  // What a full run with the same model compares over every record (in memory: comparisons only).
  start = performance.now();
  const full = linkNetwork(encodings, { frozenModel: model });
  const fullSeconds = seconds(start);
  const encodeNewSeconds = (encodeSeconds / encodings.length) * FRESH;
  console.log(
    [
      `incremental run: ${runSeconds.toFixed(1)} s for ${fmt(stats.comparedRecords)} new records against ${fmt(EXISTING)} linked`,
      `  ${(runSeconds / TARGET_SECONDS).toFixed(3)} of the ${TARGET_SECONDS} s target; this process's CPU ${cpuSeconds.toFixed(1)} s (the rest: PostgreSQL and a shared machine's load)`,
      `  look-ups ${(stats.lookupMs / 1000).toFixed(1)} s, linking ${(stats.linkMs / 1000).toFixed(1)} s, writes and totals ${(stats.writeMs / 1000).toFixed(1)} s`,
      `  comparisons ${fmt(stats.comparisons)} (candidate pairs ${fmt(stats.candidatePairs)}), ${fmt(stats.existingRecordsRead)} linked records read, ${fmt(stats.reachedRecords)} records solved again, ${stats.lookups} look-ups`,
      `  full run with the same model over all ${fmt(encodings.length)} records: ${fmt(full.stats.comparisons)} comparisons (${fullSeconds.toFixed(1)} s in memory, no database); incremental/full = ${(stats.comparisons / full.stats.comparisons).toFixed(4)}`,
      `  persons after the run: ${fmt(stats.clusters)} of ${fmt(stats.records)} records; the full run: ${fmt(full.stats.clusters)}`,
      `  (the organisations encode their new records before a run: about ${encodeNewSeconds.toFixed(1)} s for ${fmt(FRESH)} at this machine's rate)`,
    ].join('\n'),
  );
} finally {
  await raw.end().catch(() => {});
  await db.close();
  await database.drop();
}

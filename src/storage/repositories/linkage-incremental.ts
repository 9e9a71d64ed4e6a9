/**
 * What incremental linkage keeps between runs: each linked encoding's blocking keys (indexed by key,
 * so the blocks of new records are looked up instead of rebuilt), which encodings are new or changed
 * since the last run (linked_run_id NULL), and the model a run decided by. Lists of ids and keys go
 * in as JSON, which both engines (PostgreSQL and PGlite) read the same way.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface Ref {
  orgId: string;
  recordId: string;
}

/** Rows per statement: keeps parameters and statements of a large run small. */
const BATCH = 5000;
const chunks = <T>(items: readonly T[], size = BATCH): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
/** A bigint[] literal of whole numbers (the 52-bit keys are exact in a double): read alike by both engines. */
const bigintArray = (keys: readonly number[]) => `{${keys.join(',')}}`;
const refsJson = (refs: readonly Ref[]) => JSON.stringify(refs.map((r) => ({ o: r.orgId, p: r.recordId })));

export const linkageIncrementalRepo = {
  /** The hash each encoded person's encoding was made from (to keep unchanged encodings as they are). */
  encodingHashes: async (db: Kysely<DB>, organisationId: string): Promise<Map<string, string | null>> =>
    new Map(
      (
        await db
          .selectFrom('linkage_encodings')
          .select(['person_id', 'encoding_hash'])
          .where('organisation_id', '=', organisationId)
          .execute()
      ).map((r) => [r.person_id, r.encoding_hash]),
    ),
  /** Stores a new or changed encoding: not linked until a run compares it; its old blocking keys go. */
  saveChangedEncoding: async (
    db: Kysely<DB>,
    e: { organisationId: string; personId: string; schemaVersion: string; encoding: string; hash: string },
  ): Promise<void> => {
    await db
      .deleteFrom('linkage_record_keys')
      .where('organisation_id', '=', e.organisationId)
      .where('person_id', '=', e.personId)
      .execute();
    await db
      .insertInto('linkage_encodings')
      .values({
        organisation_id: e.organisationId,
        person_id: e.personId,
        schema_version: e.schemaVersion,
        encoding: e.encoding,
        encoding_hash: e.hash,
        linked_run_id: null,
      })
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'person_id']).doUpdateSet({
          encoding: e.encoding,
          schema_version: e.schemaVersion,
          encoding_hash: e.hash,
          linked_run_id: null,
          encoded_at: new Date(),
        }),
      )
      .execute();
  },
  /** Encodings of these organisations that no run has compared since they were (re-)encoded. */
  freshEncodings: (db: Kysely<DB>, organisationIds: string[]) =>
    db
      .selectFrom('linkage_encodings')
      .select(['organisation_id', 'person_id', 'encoding'])
      .where(
        'organisation_id',
        'in',
        organisationIds.length ? organisationIds : ['00000000-0000-0000-0000-000000000000'],
      )
      .where('linked_run_id', 'is', null)
      .execute(),
  /**
   * Members of these blocks among linked encodings, found through the keys' GIN index: one row per
   * record, with the asked keys it holds. A record is named once however many blocks she is in
   * (at a million records, 10,000 new records' blocks list 6.2 million members but 0.9 million
   * records), and keys come back as JSON numbers, not strings: 52-bit keys are exact in a double.
   */
  blockMembers: async (db: Kysely<DB>, keys: readonly number[]) => {
    const rows: { organisation_id: string; person_id: string; keys: number[] }[] = [];
    for (const chunk of chunks([...new Set(keys)], 20_000)) {
      const asked = bigintArray(chunk);
      // One index probe per key: a single `&&` with thousands of keys makes GIN merge every key's
      // list at each step (20,000 records and 140,000 keys: 48 s, against 1.3 s probed one by one).
      const found = await sql<{ organisation_id: string; person_id: string; keys: number[] }>`
        SELECT r.organisation_id, r.person_id, json_agg(a.key) AS keys
        FROM unnest(${asked}::bigint[]) AS a(key)
        CROSS JOIN LATERAL (
          SELECT organisation_id, person_id FROM linkage_record_keys WHERE block_keys @> ARRAY[a.key]
        ) r
        GROUP BY r.organisation_id, r.person_id`.execute(db);
      for (const row of found.rows) rows.push(row);
    }
    return rows;
  },
  /** Records of these earlier persons (cluster ids of the latest matches). */
  personMembers: async (db: Kysely<DB>, personIds: readonly string[]) => {
    const rows: { organisation_id: string; person_id: string }[] = [];
    for (const chunk of chunks(personIds))
      rows.push(
        ...(await db
          .selectFrom('linkage_matches')
          .select(['organisation_id', 'person_id'])
          .where('cluster_id', 'in', chunk)
          .execute()),
      );
    return rows;
  },
  /**
   * Linked encodings of these records, with each one's earlier person (null when it was alone),
   * handed over a statement's rows at a time: the caller decodes them before the next are read, so
   * a million stored encodings are never held at once as parsed JSON.
   */
  linkedEncodings: async <T>(
    db: Kysely<DB>,
    refs: readonly Ref[],
    take: (rows: readonly { encoding: unknown; cluster_id: string | null }[]) => T[],
  ): Promise<T[]> => {
    const out: T[] = [];
    for (const chunk of chunks(refs)) {
      const found = await sql<{ encoding: unknown; cluster_id: string | null }>`
        SELECT e.encoding, m.cluster_id
        FROM jsonb_to_recordset(${refsJson(chunk)}::jsonb) AS r(o uuid, p uuid)
        JOIN linkage_encodings e ON e.organisation_id = r.o AND e.person_id = r.p
        LEFT JOIN linkage_matches m ON m.organisation_id = r.o AND m.person_id = r.p
        WHERE e.linked_run_id IS NOT NULL`.execute(db);
      for (const item of take(found.rows)) out.push(item);
    }
    return out;
  },
  /** Earlier persons of these records (those that were in a cluster). */
  personsOf: async (db: Kysely<DB>, refs: readonly Ref[]) => {
    const rows: { organisation_id: string; person_id: string; cluster_id: string }[] = [];
    for (const chunk of chunks(refs)) {
      const found = await sql<{ organisation_id: string; person_id: string; cluster_id: string }>`
        SELECT m.organisation_id, m.person_id, m.cluster_id
        FROM jsonb_to_recordset(${refsJson(chunk)}::jsonb) AS r(o uuid, p uuid)
        JOIN linkage_matches m ON m.organisation_id = r.o AND m.person_id = r.p`.execute(db);
      for (const row of found.rows) rows.push(row);
    }
    return rows;
  },
  /** Removes the matches of these records (an incremental run replaces those of the part it solved). */
  deleteMatchesOf: async (db: Kysely<DB>, refs: readonly Ref[]): Promise<void> => {
    for (const chunk of chunks(refs))
      await sql`
        DELETE FROM linkage_matches m
        USING jsonb_to_recordset(${refsJson(chunk)}::jsonb) AS r(o uuid, p uuid)
        WHERE m.organisation_id = r.o AND m.person_id = r.p`.execute(db);
  },
  /**
   * Persons one of whose records is no longer encoded (consent withdrawn): their matches go and their
   * other records count as changed, so the run solves them again. Returns how many records that frees.
   */
  releaseWithdrawn: async (db: Kysely<DB>): Promise<number> => {
    const released = await sql`
      WITH gone AS (
        SELECT DISTINCT m.cluster_id FROM linkage_matches m
        WHERE NOT EXISTS (
          SELECT 1 FROM linkage_encodings e WHERE e.organisation_id = m.organisation_id AND e.person_id = m.person_id
        )
      ), freed AS (
        DELETE FROM linkage_matches m USING gone WHERE m.cluster_id = gone.cluster_id
        RETURNING m.organisation_id, m.person_id
      )
      UPDATE linkage_encodings e SET linked_run_id = NULL
      FROM freed WHERE e.organisation_id = freed.organisation_id AND e.person_id = freed.person_id`.execute(db);
    return Number(released.numAffectedRows ?? 0);
  },
  /** Review pairs decided after this moment (an incremental run solves their records again). */
  decidedSince: (db: Kysely<DB>, since: Date) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id'])
      .where('status', '!=', 'pending')
      .where('decided_at', '>', since)
      .execute(),
  /** Every blocking key goes (a full run writes them again under its prefix lengths). */
  deleteAllKeys: (db: Kysely<DB>) => db.deleteFrom('linkage_record_keys').execute(),
  /** Stores blocking keys of linked encodings, one row per record; keys a record has already are kept beside the new ones. */
  insertKeys: async (db: Kysely<DB>, rows: readonly { key: number; orgId: string; recordId: string }[]) => {
    const byRecord = new Map<string, { o: string; p: string; k: number[] }>();
    for (const x of rows) {
      const id = `${x.orgId}/${x.recordId}`;
      const record = byRecord.get(id) ?? byRecord.set(id, { o: x.orgId, p: x.recordId, k: [] }).get(id)!;
      record.k.push(x.key);
    }
    for (const chunk of chunks([...byRecord.values()], 1000))
      await sql`
        INSERT INTO linkage_record_keys AS t (organisation_id, person_id, block_keys)
        SELECT r.o, r.p, ARRAY(SELECT DISTINCT x FROM unnest(r.k::bigint[]) AS x ORDER BY x)
        FROM jsonb_to_recordset(${JSON.stringify(chunk.map((r) => ({ o: r.o, p: r.p, k: bigintArray(r.k) })))}::jsonb)
          AS r(o uuid, p uuid, k text)
        ON CONFLICT (organisation_id, person_id) DO UPDATE SET block_keys =
          ARRAY(SELECT DISTINCT x FROM unnest(t.block_keys || EXCLUDED.block_keys) AS x ORDER BY x)`.execute(db);
    // New entries wait in the index's pending list, which every look-up reads whole (0.6 ms a probe
    // with 2,000 records' keys pending, against 4 us merged): merge them now, in key order, so the
    // next run's look-ups find an index without a backlog.
    if (rows.length) await sql`SELECT gin_clean_pending_list('linkage_record_keys_keys'::regclass)`.execute(db);
  },
  /** Marks these encodings (or, without refs, every encoding of these organisations) as compared by the run. */
  markLinked: async (db: Kysely<DB>, runId: string, organisationIds: string[], refs?: readonly Ref[]) => {
    if (!refs) {
      if (organisationIds.length)
        await db
          .updateTable('linkage_encodings')
          .set({ linked_run_id: runId })
          .where('organisation_id', 'in', organisationIds)
          .execute();
      return;
    }
    for (const chunk of chunks(refs))
      await sql`
        UPDATE linkage_encodings e SET linked_run_id = ${runId}
        FROM jsonb_to_recordset(${refsJson(chunk)}::jsonb) AS r(o uuid, p uuid)
        WHERE e.organisation_id = r.o AND e.person_id = r.p`.execute(db);
  },
  /** Every encoded record of these organisations with its person id, if it is in a cluster (for the run's totals). */
  allAssignments: (db: Kysely<DB>, organisationIds: string[]) =>
    db
      .selectFrom('linkage_encodings as e')
      .leftJoin('linkage_matches as m', (j) =>
        j.onRef('m.organisation_id', '=', 'e.organisation_id').onRef('m.person_id', '=', 'e.person_id'),
      )
      .select(['e.organisation_id', 'e.person_id', 'm.cluster_id'])
      .where(
        'e.organisation_id',
        'in',
        organisationIds.length ? organisationIds : ['00000000-0000-0000-0000-000000000000'],
      )
      .execute(),
  /** The latest run with the model it decided by (what an incremental run reuses), if any. */
  latestModelRun: (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_runs')
      .select(['id', 'mode', 'fingerprint', 'frozen_model', 'schema_version'])
      .where('frozen_model', 'is not', null)
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  /** Stores matches in bulk (unless the record already has one from this run). */
  insertMatches: async (
    db: Kysely<DB>,
    rows: readonly { orgId: string; recordId: string; clusterId: string; partners: string[]; runId: string }[],
  ) => {
    for (const chunk of chunks(rows, 2000))
      await sql`
        INSERT INTO linkage_matches (organisation_id, person_id, cluster_id, partner_organisation_ids, run_id)
        SELECT r.o, r.p, r.c, ARRAY(SELECT jsonb_array_elements_text(r.partners))::uuid[], r.run
        FROM jsonb_to_recordset(${JSON.stringify(
          chunk.map((x) => ({ o: x.orgId, p: x.recordId, c: x.clusterId, partners: x.partners, run: x.runId })),
        )}::jsonb) AS r(o uuid, p uuid, c uuid, partners jsonb, run uuid)
        ON CONFLICT DO NOTHING`.execute(db);
  },
};

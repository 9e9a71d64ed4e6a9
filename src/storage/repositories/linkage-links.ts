/**
 * The latest linkage run's links with their estimated match probabilities, and the review pairs of that run:
 * what the MSE redraws to carry the linkage's error into its interval (issue #21). System reads and writes
 * only; pseudonymous record ids and probabilities, never an encoding or an identity.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface StoredLink {
  aOrganisationId: string;
  aPersonId: string;
  bOrganisationId: string;
  bPersonId: string;
  /** Null: decided by the fixed Dice thresholds, with no probability. */
  probability: number | null;
}

/** Rows per INSERT: well below either engine's parameter limit. */
const BATCH = 500;

/** One row per pair, whichever way round the run gave it. */
function rowsOf(runId: string, links: readonly StoredLink[]) {
  const seen = new Set<string>();
  return links.flatMap((l) => {
    const [a, b] = [
      [l.aOrganisationId, l.aPersonId],
      [l.bOrganisationId, l.bPersonId],
    ].sort((x, y) => `${x[0]}/${x[1]}`.localeCompare(`${y[0]}/${y[1]}`));
    const key = `${a.join('/')}|${b.join('/')}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      {
        run_id: runId,
        a_organisation_id: a[0],
        a_person_id: a[1],
        b_organisation_id: b[0],
        b_person_id: b[1],
        probability: l.probability,
      },
    ];
  });
}

const refsJson = (refs: readonly { orgId: string; recordId: string }[]) =>
  JSON.stringify(refs.map((r) => ({ o: r.orgId, p: r.recordId })));

export const linkageLinksRepo = {
  /**
   * An incremental run's links: every stored link with an end among the records it solved again goes
   * (the run compared each of their pairs), and the run's links replace them. Links elsewhere stay.
   */
  replaceOf: async (
    db: Kysely<DB>,
    runId: string,
    solved: readonly { orgId: string; recordId: string }[],
    links: readonly StoredLink[],
  ): Promise<void> => {
    for (let at = 0; at < solved.length; at += 5000) {
      const chunk = refsJson(solved.slice(at, at + 5000));
      // One statement per end: each can use a join on its own columns (an OR of both could not).
      await sql`
        DELETE FROM linkage_links l USING jsonb_to_recordset(${chunk}::jsonb) AS r(o uuid, p uuid)
        WHERE l.a_organisation_id = r.o AND l.a_person_id = r.p`.execute(db);
      await sql`
        DELETE FROM linkage_links l USING jsonb_to_recordset(${chunk}::jsonb) AS r(o uuid, p uuid)
        WHERE l.b_organisation_id = r.o AND l.b_person_id = r.p`.execute(db);
    }
    const rows = rowsOf(runId, links);
    for (let at = 0; at < rows.length; at += BATCH)
      await db
        .insertInto('linkage_links')
        .values(rows.slice(at, at + BATCH))
        .onConflict((oc) => oc.doNothing())
        .execute();
  },
  /** Replaces every stored link by this run's (a run replaces them all, as it does the matches). */
  replace: async (db: Kysely<DB>, runId: string, links: readonly StoredLink[]): Promise<void> => {
    await db.deleteFrom('linkage_links').execute();
    const rows = rowsOf(runId, links);
    for (let at = 0; at < rows.length; at += BATCH)
      await db
        .insertInto('linkage_links')
        .values(rows.slice(at, at + BATCH))
        .execute();
  },
  /**
   * The stored links: for each record, those of the latest run that solved it (an incremental run replaces the
   * links of the part it solved again). Only links the current clusters keep should be read as made.
   */
  links: async (db: Kysely<DB>): Promise<StoredLink[]> =>
    (
      await db
        .selectFrom('linkage_links')
        .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id', 'probability'])
        .execute()
    ).map((r) => ({
      aOrganisationId: r.a_organisation_id,
      aPersonId: r.a_person_id,
      bOrganisationId: r.b_organisation_id,
      bPersonId: r.b_person_id,
      probability: r.probability,
    })),
  /**
   * Review pairs of a run with their probability and status (pending: not linked; match: confirmed), and every
   * pair still pending: an incremental run leaves the earlier runs' pending pairs in the review band.
   */
  reviewPairsOf: async (db: Kysely<DB>, runId: string) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id', 'probability', 'status'])
      .where((eb) => eb.or([eb('run_id', '=', runId), eb('status', '=', 'pending')]))
      .execute(),
  /** Reviewers' confirmed pairs, whatever run last offered them (the solver merges them first). */
  confirmedPairs: async (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id'])
      .where('status', '=', 'match')
      .execute(),
};

/**
 * The latest linkage run's links with their estimated match probabilities, and the review pairs of that run:
 * what the MSE redraws to carry the linkage's error into its interval (issue #21). System reads and writes
 * only; pseudonymous record ids and probabilities, never an encoding or an identity.
 */
import type { Kysely } from 'kysely';
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

export const linkageLinksRepo = {
  /** Replaces every stored link by this run's (a run replaces them all, as it does the matches). */
  replace: async (db: Kysely<DB>, runId: string, links: readonly StoredLink[]): Promise<void> => {
    await db.deleteFrom('linkage_links').execute();
    // One row per pair, whichever way round the run gave it.
    const seen = new Set<string>();
    const rows = links.flatMap((l) => {
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
    for (let at = 0; at < rows.length; at += BATCH)
      await db
        .insertInto('linkage_links')
        .values(rows.slice(at, at + BATCH))
        .execute();
  },
  /**
   * The stored links: those of the latest run that compared everything (a run that compares only new records
   * keeps the others' links as they were). Only links the current clusters keep should be read as made.
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
  /** Review pairs of a run with their probability and status (pending: not linked; match: confirmed). */
  reviewPairsOf: async (db: Kysely<DB>, runId: string) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id', 'probability', 'status'])
      .where('run_id', '=', runId)
      .execute(),
  /** Reviewers' confirmed pairs, whatever run last offered them (the solver merges them first). */
  confirmedPairs: async (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id'])
      .where('status', '=', 'match')
      .execute(),
};

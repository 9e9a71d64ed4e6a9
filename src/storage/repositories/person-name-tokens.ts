/**
 * Keyed hashes of persons' name terms (migration 034) and the search over them. Only this module
 * writes their SQL; the hashes are computed by the services, so no name reaches the database.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';

/** One hashed query term: which query token it belongs to and what a hit is worth. */
export interface HashedQueryTerm {
  token: string;
  queryToken: number;
  weight: number;
}

/** Persons matching every query token, with how many tokens matched and the summed best weights. */
export interface NameMatch {
  person_id: string;
  matched: number;
  score: number;
}

/**
 * The persons of one organisation whose terms meet every query token, as a derived table
 * `(person_id, score)`: per person and query token the best weight, then the sum. Runs under
 * RLS like any tenant read; the organisation filter also makes the index usable.
 */
export function nameMatchesTable(organisationId: string, terms: HashedQueryTerm[]): RawBuilder<NameMatch> {
  const tokens = new Set(terms.map((t) => t.queryToken)).size;
  const values = sql.join(terms.map((t) => sql`(${t.token}::text, ${t.queryToken}::int, ${t.weight}::int)`));
  return sql<NameMatch>`(
    SELECT m.person_id, count(*)::int AS matched, sum(m.w)::int AS score FROM (
      SELECT t.person_id, q.qi, max(q.w) AS w
      FROM person_name_tokens t
      JOIN (VALUES ${values}) AS q (token, qi, w) ON q.token = t.token
      WHERE t.organisation_id = ${organisationId}
      GROUP BY t.person_id, q.qi
    ) m
    GROUP BY m.person_id
    HAVING count(*) = ${tokens}
  )`;
}

export const personNameTokensRepo = {
  /** Replaces a person's terms (a new person, an edit of her names, the backfill). */
  async replace(db: Kysely<DB>, organisationId: string, personId: string, tokens: string[]): Promise<void> {
    await db
      .deleteFrom('person_name_tokens')
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .execute();
    const unique = [...new Set(tokens)];
    if (unique.length === 0) return;
    await db
      .insertInto('person_name_tokens')
      .values(unique.map((token) => ({ organisation_id: organisationId, person_id: personId, token })))
      .execute();
  },

  /** Terms of many persons at once (bulk seeding; each person's terms must not exist yet). */
  async insertMany(db: Kysely<DB>, rows: { organisationId: string; personId: string; token: string }[]) {
    for (let i = 0; i < rows.length; i += 5000) {
      await db
        .insertInto('person_name_tokens')
        .values(
          rows
            .slice(i, i + 5000)
            .map((r) => ({ organisation_id: r.organisationId, person_id: r.personId, token: r.token })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  },

  /** Persons of one organisation matching a name query, best first, with their date-of-birth index. */
  match: (db: Kysely<DB>, organisationId: string, terms: HashedQueryTerm[], limit: number) =>
    db
      .selectFrom(nameMatchesTable(organisationId, terms).as('nm'))
      .innerJoin('persons', (j) =>
        j.on('persons.organisation_id', '=', organisationId).onRef('persons.id', '=', 'nm.person_id'),
      )
      .select(['nm.person_id as personId', 'nm.matched', 'nm.score', 'persons.dob_bidx as dobIndex'])
      .orderBy('nm.score', 'desc')
      .orderBy('persons.updated_at', 'desc')
      .limit(limit)
      .execute(),

  /**
   * Persons (system role, every organisation) after `after`, for the start-up backfill:
   * `onlyMissing` keeps those without any term yet.
   */
  personsToIndex: (
    db: Kysely<DB>,
    after: { organisationId: string; id: string } | null,
    onlyMissing: boolean,
    limit: number,
  ) => {
    let q = db
      .selectFrom('persons')
      .select(['persons.organisation_id as organisationId', 'persons.id', 'persons.identity_enc as identityEnc']);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('persons.organisation_id', '>', after.organisationId),
          eb.and([eb('persons.organisation_id', '=', after.organisationId), eb('persons.id', '>', after.id)]),
        ]),
      );
    if (onlyMissing)
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('person_name_tokens as t')
              .select('t.person_id')
              .whereRef('t.organisation_id', '=', 'persons.organisation_id')
              .whereRef('t.person_id', '=', 'persons.id'),
          ),
        ),
      );
    return q.orderBy('persons.organisation_id').orderBy('persons.id').limit(limit).execute();
  },
};

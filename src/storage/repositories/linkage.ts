/**
 * Privacy-preserving record linkage: each organisation's secret and encodings, the network runs,
 * their matches and the reviews of uncertain pairs. Only this module writes their SQL.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';

export type NewMatch = Insertable<DB['linkage_matches']>;
export type NewRun = Insertable<DB['linkage_runs']>;
export interface NewReview {
  id: string;
  aOrganisationId: string;
  aPersonId: string;
  bOrganisationId: string;
  bPersonId: string;
  score: number;
  aAttributes: string;
  bAttributes: string;
  /** Estimated match probability, or null (Dice method). */
  probability: number | null;
  /** JSON: per field, the level reached and its weight. */
  evidence: string;
  runId: string;
}

export const linkageRepo = {
  /** Stores or replaces the organisation's (encrypted) secret. */
  saveSecret: (db: Kysely<DB>, organisationId: string, secretEnc: string, schemaVersion: string) =>
    db
      .insertInto('linkage_secrets')
      .values({ organisation_id: organisationId, secret_enc: secretEnc, schema_version: schemaVersion })
      .onConflict((oc) =>
        oc
          .column('organisation_id')
          .doUpdateSet({ secret_enc: secretEnc, schema_version: schemaVersion, updated_at: new Date() }),
      )
      .execute(),
  /** The organisation's encrypted secret, if it has one. */
  secretOf: async (db: Kysely<DB>, organisationId: string): Promise<string | undefined> =>
    (
      await db
        .selectFrom('linkage_secrets')
        .select(['secret_enc'])
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst()
    )?.secret_enc,
  /** Organisations that hold a secret (system read), by slug. */
  organisationsWithSecret: (db: Kysely<DB>) =>
    db
      .selectFrom('organisations')
      .innerJoin('linkage_secrets', 'linkage_secrets.organisation_id', 'organisations.id')
      .select(['organisations.id', 'organisations.slug', 'organisations.name'])
      .orderBy('organisations.slug')
      .execute(),
  /** Every case of the organisation with its person's sealed identity, sex and contact date, by contact date (what is encoded). */
  casesToEncode: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('cases')
      .innerJoin('persons', (j) =>
        j.onRef('persons.organisation_id', '=', 'cases.organisation_id').onRef('persons.id', '=', 'cases.person_id'),
      )
      .innerJoin('case_intakes', (j) =>
        j
          .onRef('case_intakes.organisation_id', '=', 'cases.organisation_id')
          .onRef('case_intakes.case_id', '=', 'cases.id'),
      )
      .select([
        'cases.id as caseId',
        'persons.id as personId',
        'persons.identity_enc as identityEnc',
        'persons.sex',
        'case_intakes.contact_date as contactDate',
      ])
      .where('cases.organisation_id', '=', organisationId)
      .orderBy('case_intakes.contact_date')
      .execute(),
  /** Stores or replaces one person's encoding. */
  saveEncoding: (db: Kysely<DB>, organisationId: string, personId: string, schemaVersion: string, encoding: string) =>
    db
      .insertInto('linkage_encodings')
      .values({ organisation_id: organisationId, person_id: personId, schema_version: schemaVersion, encoding })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'person_id'])
          .doUpdateSet({ encoding, schema_version: schemaVersion, encoded_at: new Date() }),
      )
      .execute(),
  /** Ids of the organisation's encoded persons. */
  encodedPersonIds: async (db: Kysely<DB>, organisationId: string): Promise<string[]> =>
    (
      await db
        .selectFrom('linkage_encodings')
        .select('person_id')
        .where('organisation_id', '=', organisationId)
        .execute()
    ).map((r) => r.person_id),
  /** Removes these persons' encodings. */
  deleteEncodings: async (db: Kysely<DB>, organisationId: string, personIds: string[]): Promise<void> => {
    if (personIds.length)
      await db
        .deleteFrom('linkage_encodings')
        .where('organisation_id', '=', organisationId)
        .where('person_id', 'in', personIds)
        .execute();
  },
  /** Runs from several servers or the CLI replace the matches one after the other, never interleaved. */
  lockRun: async (db: Kysely<DB>): Promise<void> => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('linkage:run'))`.execute(db);
  },
  /** The encodings of these organisations (system read). */
  encodingsOf: (db: Kysely<DB>, organisationIds: string[]) =>
    db
      .selectFrom('linkage_encodings')
      .select(['encoding'])
      .where(
        'organisation_id',
        'in',
        organisationIds.length ? organisationIds : ['00000000-0000-0000-0000-000000000000'],
      )
      .execute(),
  /** Every review a reviewer has decided (match or non-match). */
  decidedReviews: (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_reviews')
      .select(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id', 'status'])
      .where('status', '!=', 'pending')
      .execute(),
  /** Every record's person (cluster) id from the latest run: the next run keeps them stable. */
  clusterAssignments: (db: Kysely<DB>) =>
    db.selectFrom('linkage_matches').select(['organisation_id', 'person_id', 'cluster_id']).execute(),
  /** Removes every match (a run replaces them all). */
  deleteAllMatches: (db: Kysely<DB>) => db.deleteFrom('linkage_matches').execute(),
  /** Stores one match, unless the person already has one from this run. */
  insertMatch: (db: Kysely<DB>, match: NewMatch) =>
    db
      .insertInto('linkage_matches')
      .values(match)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  /** Records a finished run. */
  insertRun: (db: Kysely<DB>, run: NewRun) => db.insertInto('linkage_runs').values(run).execute(),
  /** Stores a pair for review, or updates the score and run of the same pair (its decision stays). */
  upsertReview: (db: Kysely<DB>, r: NewReview) =>
    db
      .insertInto('linkage_reviews')
      .values({
        id: r.id,
        a_organisation_id: r.aOrganisationId,
        a_person_id: r.aPersonId,
        b_organisation_id: r.bOrganisationId,
        b_person_id: r.bPersonId,
        score: r.score,
        a_attributes: r.aAttributes,
        b_attributes: r.bAttributes,
        probability: r.probability,
        evidence: r.evidence,
        run_id: r.runId,
      })
      .onConflict((oc) =>
        oc
          .columns(['a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id'])
          .doUpdateSet({ score: r.score, probability: r.probability, evidence: r.evidence, run_id: r.runId }),
      )
      .execute(),
  /** Every pending review pair. */
  pendingReviews: (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_reviews')
      .select(['id', 'a_organisation_id', 'a_person_id', 'b_organisation_id', 'b_person_id'])
      .where('status', '=', 'pending')
      .execute(),
  /** Removes these reviews. */
  deleteReviews: async (db: Kysely<DB>, ids: string[]): Promise<void> => {
    if (ids.length) await db.deleteFrom('linkage_reviews').where('id', 'in', ids).execute();
  },
  /** Review pairs visible to the caller (RLS: those naming its organisation), pending first, best score first. */
  listReviews: (db: Kysely<DB>, limit: number) =>
    db.selectFrom('linkage_reviews').selectAll().orderBy('status').orderBy('score', 'desc').limit(limit).execute(),
  /** One review's version and the two organisations it names. */
  findReview: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('linkage_reviews')
      .select(['version', 'a_organisation_id', 'b_organisation_id'])
      .where('id', '=', id)
      .executeTakeFirst(),
  /** Records a decision if the review is still at this version; whether it was. */
  decideReview: async (
    db: Kysely<DB>,
    id: string,
    version: number,
    d: { decision: 'match' | 'non_match'; userId: string; organisationId: string },
  ): Promise<boolean> => {
    const updated = await db
      .updateTable('linkage_reviews')
      .set({
        status: d.decision,
        decided_by: d.userId,
        decided_by_organisation_id: d.organisationId,
        decided_at: new Date(),
        version: version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  },
  /** Partner organisations that may know this person, from the latest run. */
  partnersOfPerson: async (db: Kysely<DB>, organisationId: string, personId: string): Promise<string[] | undefined> =>
    (
      await db
        .selectFrom('linkage_matches')
        .select(['partner_organisation_ids'])
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .executeTakeFirst()
    )?.partner_organisation_ids,
  /** Schema version and date of the organisation's linkage secret, if it has one. */
  secretStatus: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('linkage_secrets')
      .select(['schema_version', 'updated_at'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst(),
  /** How many persons of the organisation are encoded. */
  encodingCount: async (db: Kysely<DB>, organisationId: string): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('linkage_encodings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', '=', organisationId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  /** The most recently finished network run (system transaction). */
  latestRun: (db: Kysely<DB>) =>
    db
      .selectFrom('linkage_runs')
      .select(['id', 'started_at', 'finished_at', 'stats'])
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  /** How many of these organisations have a linkage secret (system transaction). */
  secretCount: async (db: Kysely<DB>, organisationIds: string[]): Promise<number> =>
    Number(
      (
        await db
          .selectFrom('linkage_secrets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', 'in', organisationIds)
          .executeTakeFirstOrThrow()
      ).n,
    ),
};

/** The network-mapping questionnaire: each organisation's answers, every version kept. Only this module writes their SQL. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const questionnairesRepo = {
  /** The organisation's newest version, if any. */
  latest: (db: Kysely<DB>, organisationId: string) =>
    db
      .selectFrom('questionnaire_responses')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst(),
  /** Saves the answers as the organisation's next version (one above the highest so far). */
  insertNextVersion: async (
    db: Kysely<DB>,
    r: { organisationId: string; id: string; answers: string; submittedBy: string },
  ): Promise<void> => {
    const { max } = await db
      .selectFrom('questionnaire_responses')
      .select(sql<number>`coalesce(max(version), 0)`.as('max'))
      .where('organisation_id', '=', r.organisationId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('questionnaire_responses')
      .values({
        organisation_id: r.organisationId,
        id: r.id,
        answers: r.answers,
        submitted_by: r.submittedBy,
        version: Number(max) + 1,
      })
      .execute();
  },
};

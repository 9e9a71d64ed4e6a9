/**
 * Demo data only (src/services/demo-cases.ts): dates the seeded rows of a fictional case as if it had
 * been worked on since its first contact, so the timeline, the case list and the dashboard show a
 * year of work instead of one afternoon. Never used for real cases.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const demoRepo = {
  /**
   * The case opened on `openedAt`; each record at the date it describes (its first date field, not
   * before the opening nor after now); the case events spread in their order between opening and now.
   */
  async backdateCase(db: Kysely<DB>, organisationId: string, caseId: string, openedAt: Date): Promise<void> {
    const opened = openedAt.toISOString();
    await sql`
      UPDATE cases SET opened_at = ${opened}::timestamptz
      WHERE organisation_id = ${organisationId} AND id = ${caseId}`.execute(db);
    await sql`
      UPDATE case_entries SET recorded_at = LEAST(now(), GREATEST(${opened}::timestamptz,
        (COALESCE(data->>'date', data->>'deliveredOn', data->>'startOn', data->>'recordedOn', data->>'assessedOn',
                  data->>'decidedOn', data->>'reviewedOn', data->>'referredOn', data->>'at', data->>'from')::date
          + interval '10 hours')))
      WHERE organisation_id = ${organisationId} AND case_id = ${caseId}
        AND COALESCE(data->>'date', data->>'deliveredOn', data->>'startOn', data->>'recordedOn', data->>'assessedOn',
                     data->>'decidedOn', data->>'reviewedOn', data->>'referredOn', data->>'at', data->>'from') ~ '^\\d{4}-\\d{2}-\\d{2}$'`.execute(
      db,
    );
    await sql`
      UPDATE case_entries SET recorded_at = ${opened}::timestamptz + interval '1 hour'
      WHERE organisation_id = ${organisationId} AND case_id = ${caseId} AND recorded_at > ${opened}::timestamptz
        AND recorded_at >= now() - interval '1 day'
        AND NOT (data ? 'date' OR data ? 'deliveredOn' OR data ? 'startOn' OR data ? 'recordedOn' OR data ? 'assessedOn'
                 OR data ? 'decidedOn' OR data ? 'reviewedOn' OR data ? 'referredOn' OR data ? 'at' OR data ? 'from')`.execute(
      db,
    );
    await sql`
      WITH ranked AS (
        SELECT id, row_number() OVER (ORDER BY at, id) - 1 AS n, count(*) OVER () AS total
        FROM case_events WHERE organisation_id = ${organisationId} AND case_id = ${caseId})
      UPDATE case_events e SET at = ${opened}::timestamptz
        + (now() - ${opened}::timestamptz) * (ranked.n::float8 / GREATEST(ranked.total, 1))
      FROM ranked WHERE e.organisation_id = ${organisationId} AND e.id = ranked.id`.execute(db);
  },
};

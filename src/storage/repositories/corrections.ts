/** Corrections (issue #16): every version of one record, and intake edits under optimistic locking. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface EntryVersionRow {
  id: string;
  version: number;
  kind: string;
  data: Record<string, unknown>;
  secretEnc: string | null;
  reasonEnc: string | null;
  current: boolean;
  voided: boolean;
  recordedAt: Date;
  recordedBy: string | null;
  recordedByName: string | null;
}

export const correctionsRepo = {
  /** Every version of one record of a case, oldest first (voided ones included). */
  versions: (db: Kysely<DB>, organisationId: string, caseId: string, entryId: string): Promise<EntryVersionRow[]> =>
    db
      .selectFrom('case_entries')
      .leftJoin('users', 'users.id', 'case_entries.recorded_by')
      .select([
        'case_entries.id',
        'case_entries.version',
        'case_entries.kind',
        'case_entries.data',
        'case_entries.secret_enc as secretEnc',
        'case_entries.reason_enc as reasonEnc',
        'case_entries.current',
        'case_entries.voided',
        'case_entries.recorded_at as recordedAt',
        'case_entries.recorded_by as recordedBy',
        'users.display_name as recordedByName',
      ])
      .where('case_entries.organisation_id', '=', organisationId)
      .where('case_entries.case_id', '=', caseId)
      .where('case_entries.id', '=', entryId)
      .orderBy('case_entries.version')
      .execute(),

  /** The records of a case that were voided (optionally of one kind), in the order they were voided. */
  voidedIds: async (db: Kysely<DB>, organisationId: string, caseId: string, kind?: string): Promise<string[]> => {
    let query = db
      .selectFrom('case_entries')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('case_id', '=', caseId)
      .where('voided', '=', true);
    if (kind) query = query.where('kind', '=', kind);
    return (await query.orderBy('recorded_at').orderBy('id').execute()).map((r) => r.id);
  },

  /** Optimistic intake edit: false when the version moved on. */
  async updateIntake(
    db: Kysely<DB>,
    organisationId: string,
    caseId: string,
    version: number,
    changes: Partial<{
      channel: string;
      contact_date: string;
      municipality_enc: string | null;
      language: string | null;
      mediator_used: boolean;
      immediate_needs: string[];
    }>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('case_intakes')
      .set({
        ...changes,
        // A sealed municipality replaces any clear legacy value.
        ...(changes.municipality_enc !== undefined ? { municipality: null } : {}),
        version: version + 1,
      })
      .where('organisation_id', '=', organisationId)
      .where('case_id', '=', caseId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};

/** Typed, versioned case records. A revision writes a new version; the old one is kept. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface EntryRow {
  id: string;
  version: number;
  caseId: string;
  kind: string;
  data: Record<string, unknown>;
  secretEnc: string | null;
  recordedAt: Date;
  recordedBy: string | null;
  recordedByName: string | null;
}

const columns = (db: Kysely<DB>) =>
  db
    .selectFrom('case_entries')
    .leftJoin('users', 'users.id', 'case_entries.recorded_by')
    .select([
      'case_entries.id',
      'case_entries.version',
      'case_entries.case_id as caseId',
      'case_entries.kind',
      'case_entries.data',
      'case_entries.secret_enc as secretEnc',
      'case_entries.recorded_at as recordedAt',
      'case_entries.recorded_by as recordedBy',
      'users.display_name as recordedByName',
    ]);

/** A version of a case record to store: a new record, a correction or a void. */
interface EntryVersion {
  organisationId: string;
  id: string;
  version: number;
  caseId: string;
  kind: string;
  data: Record<string, unknown>;
  secretEnc: string | null;
  recordedBy: string | null;
  recordedAt?: Date;
  /** The reason for a correction or a void, sealed (migration 031). */
  reasonEnc?: string | null;
  /** A voiding version: kept in the history, never current. */
  voided?: boolean;
}

const entryValues = (e: EntryVersion) => ({
  organisation_id: e.organisationId,
  id: e.id,
  version: e.version,
  case_id: e.caseId,
  kind: e.kind,
  data: JSON.stringify(e.data),
  secret_enc: e.secretEnc,
  recorded_by: e.recordedBy,
  ...(e.recordedAt ? { recorded_at: e.recordedAt } : {}),
  ...(e.reasonEnc ? { reason_enc: e.reasonEnc } : {}),
  ...(e.voided ? { voided: true, current: false } : {}),
});

export const caseEntriesRepo = {
  insert: (db: Kysely<DB>, e: EntryVersion) => db.insertInto('case_entries').values(entryValues(e)).execute(),

  /** New records (version 1, current) in one statement per 500: a device's push. */
  async insertMany(db: Kysely<DB>, rows: EntryVersion[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('case_entries')
        .values(rows.slice(i, i + 500).map(entryValues))
        .execute();
  },

  /** Retires the current version; false when someone else revised it first. */
  async retire(db: Kysely<DB>, organisationId: string, id: string, version: number): Promise<boolean> {
    const result = await db
      .updateTable('case_entries')
      .set({ current: false })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .where('current', '=', true)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  findCurrent: (db: Kysely<DB>, organisationId: string, caseId: string, id: string): Promise<EntryRow | undefined> =>
    columns(db)
      .where('case_entries.organisation_id', '=', organisationId)
      .where('case_entries.case_id', '=', caseId)
      .where('case_entries.id', '=', id)
      .where('case_entries.current', '=', true)
      .executeTakeFirst(),

  listCurrent(db: Kysely<DB>, organisationId: string, caseIds: string[], kind?: string): Promise<EntryRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    let query = columns(db)
      .where('case_entries.organisation_id', '=', organisationId)
      .where('case_entries.case_id', 'in', caseIds)
      .where('case_entries.current', '=', true);
    if (kind) query = query.where('case_entries.kind', '=', kind);
    return query.orderBy('case_entries.recorded_at').orderBy('case_entries.id').execute();
  },
};

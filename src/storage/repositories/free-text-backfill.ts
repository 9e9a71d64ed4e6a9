/**
 * SQL of the free-text backfill: finding rows written before their free text was encrypted, and
 * rewriting them in place. Runs as the system role (all organisations), never in a request.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface ClearEntryRow {
  organisationId: string;
  id: string;
  version: number;
  kind: string;
  data: Record<string, unknown>;
  secretEnc: string | null;
}

export const freeTextBackfillRepo = {
  completed: (db: Kysely<DB>, name: string) =>
    db.selectFrom('backfills').select('fingerprint').where('name', '=', name).executeTakeFirst(),

  markCompleted: (db: Kysely<DB>, name: string, fingerprint: string) =>
    db
      .insertInto('backfills')
      .values({ name, fingerprint })
      .onConflict((oc) => oc.column('name').doUpdateSet({ fingerprint, completed_at: new Date() }))
      .execute(),

  /**
   * Entry versions (current and retired alike) whose clear JSON still holds a field that is now
   * secret. `paths` maps each kind to the jsonpaths of its secret fields.
   */
  clearEntries(db: Kysely<DB>, paths: Record<string, string[]>, limit: number): Promise<ClearEntryRow[]> {
    const kinds = Object.entries(paths).filter(([, p]) => p.length > 0);
    if (kinds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('case_entries')
      .select(['organisation_id as organisationId', 'id', 'version', 'kind', 'data', 'secret_enc as secretEnc'])
      .where((eb) =>
        eb.or(
          kinds.map(([kind, jsonPaths]) =>
            eb.and([
              eb('kind', '=', kind),
              eb.or(jsonPaths.map((p) => sql<boolean>`jsonb_path_exists(data, ${p}::jsonpath)`)),
            ]),
          ),
        ),
      )
      .orderBy('organisation_id')
      .orderBy('id')
      .orderBy('version')
      .limit(limit)
      .execute();
  },

  setEntry: (
    db: Kysely<DB>,
    r: { organisationId: string; id: string; version: number; data: Record<string, unknown>; secretEnc: string | null },
  ) =>
    db
      .updateTable('case_entries')
      .set({ data: JSON.stringify(r.data), secret_enc: r.secretEnc })
      .where('organisation_id', '=', r.organisationId)
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .execute(),

  clearMunicipalities: (db: Kysely<DB>, limit: number) =>
    db
      .selectFrom('case_intakes')
      .select([
        'organisation_id as organisationId',
        'case_id as caseId',
        'municipality',
        'municipality_enc as municipalityEnc',
      ])
      .where('municipality', 'is not', null)
      .orderBy('organisation_id')
      .orderBy('case_id')
      .limit(limit)
      .execute(),

  setMunicipality: (db: Kysely<DB>, organisationId: string, caseId: string, municipalityEnc: string | null) =>
    db
      .updateTable('case_intakes')
      .set({ municipality: null, municipality_enc: municipalityEnc })
      .where('organisation_id', '=', organisationId)
      .where('case_id', '=', caseId)
      .execute(),

  /** Events whose clear data still holds free text (owner hand-overs recorded their reason there). */
  clearEvents: (db: Kysely<DB>, fieldsByKind: Record<string, string[]>, limit: number) =>
    db
      .selectFrom('case_events')
      .select(['organisation_id as organisationId', 'id', 'data', 'secret_enc as secretEnc'])
      .where((eb) =>
        eb.or(
          Object.entries(fieldsByKind).map(([kind, fields]) =>
            eb.and([eb('kind', '=', kind), sql<boolean>`data ?| array[${sql.join(fields)}]::text[]`]),
          ),
        ),
      )
      .orderBy('organisation_id')
      .orderBy('id')
      .limit(limit)
      .execute(),

  setEvent: (
    db: Kysely<DB>,
    r: { organisationId: string; id: string; data: Record<string, unknown>; secretEnc: string | null },
  ) =>
    db
      .updateTable('case_events')
      .set({ data: JSON.stringify(r.data), secret_enc: r.secretEnc })
      .where('organisation_id', '=', r.organisationId)
      .where('id', '=', r.id)
      .execute(),

  /** Referrals declined before migration 027, whose reason is still in clear. */
  clearDeclineReasons: (db: Kysely<DB>, limit: number) =>
    db
      .selectFrom('referrals')
      .select([
        'id',
        'from_organisation_id as fromOrganisationId',
        'to_organisation_id as toOrganisationId',
        'decline_reason as declineReason',
      ])
      .where('decline_reason', 'is not', null)
      .orderBy('id')
      .limit(limit)
      .execute(),

  /** Replaces a clear decline reason by its two sealed copies (sender's key, receiver's key). */
  setDeclineReason: (db: Kysely<DB>, r: { id: string; fromEnc: string; toEnc: string }) =>
    db
      .updateTable('referrals')
      .set({ decline_reason: null, decline_reason_from_enc: r.fromEnc, decline_reason_to_enc: r.toEnc })
      .where('id', '=', r.id)
      .where('decline_reason', 'is not', null)
      .execute(),
};

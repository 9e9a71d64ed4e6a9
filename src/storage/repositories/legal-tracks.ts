/**
 * The organisation's legal tracks (migration 040): one row per country and version, appended and
 * never rewritten. The current track of a country is its highest version. Only this module writes their SQL.
 */
import type { Kysely } from 'kysely';
import type { LegalTrack, VersionedTrack } from '../../domain/legal-tracks/model';
import type { DB } from '../schema';

export interface LegalTrackRow extends VersionedTrack {
  createdAt: Date;
  createdBy: string | null;
}

const toRow = (r: {
  version: number;
  definition: Record<string, unknown>;
  created_at: Date;
  created_by: string | null;
}): LegalTrackRow => ({
  version: r.version,
  track: r.definition as unknown as LegalTrack,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const legalTracksRepo = {
  /** The current version of every country's track, by country. */
  async listCurrent(db: Kysely<DB>, organisationId: string): Promise<LegalTrackRow[]> {
    const rows = await db
      .selectFrom('legal_tracks')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('country')
      .orderBy('version', 'desc')
      .execute();
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.country) && seen.add(r.country)).map(toRow);
  },

  /** Every version of one country's track, newest first. */
  async versions(db: Kysely<DB>, organisationId: string, country: string): Promise<LegalTrackRow[]> {
    const rows = await db
      .selectFrom('legal_tracks')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('country', '=', country)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toRow);
  },

  async findVersion(
    db: Kysely<DB>,
    organisationId: string,
    country: string,
    version: number,
  ): Promise<LegalTrackRow | undefined> {
    const row = await db
      .selectFrom('legal_tracks')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('country', '=', country)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? toRow(row) : undefined;
  },

  /** Appends a version; false when that version of the country already exists (a concurrent change). */
  async insert(
    db: Kysely<DB>,
    organisationId: string,
    row: { version: number; track: LegalTrack; createdBy: string | null },
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('legal_tracks')
      .values({
        organisation_id: organisationId,
        country: row.track.country,
        version: row.version,
        definition: JSON.stringify(row.track),
        created_by: row.createdBy,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'country', 'version']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  },
};

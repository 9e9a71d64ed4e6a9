/** The network directory: each organisation's entry (type, territory, services, capacity). Only this module writes its SQL. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface DirectorySearch {
  service?: string;
  territory?: string;
  language?: string;
  targetGroup?: string;
}

export interface DirectoryEntryValues {
  organisation_type: string;
  territory_level: string;
  territory: string;
  languages: string[];
  services: string[];
  target_groups: string[];
  shelter_places_total: number | null;
  shelter_places_free: number | null;
  contact_route: string | null;
  updated_at: Date;
}

export const directoryRepo = {
  /** Entries visible to the caller (RLS) with their organisation's name, filtered, by name. */
  search: (db: Kysely<DB>, q: DirectorySearch) => {
    let query = db
      .selectFrom('directory_entries')
      .innerJoin('organisations', 'organisations.id', 'directory_entries.organisation_id')
      .select([
        'organisations.id',
        'organisations.name',
        'organisation_type as organisationType',
        'territory_level as territoryLevel',
        'territory',
        'languages',
        'services',
        'target_groups as targetGroups',
        'shelter_places_total as shelterPlacesTotal',
        'shelter_places_free as shelterPlacesFree',
        'contact_route as contactRoute',
        'directory_entries.version',
      ]);
    if (q.service) query = query.where((eb) => eb(eb.val(q.service!), '=', eb.fn.any('services')));
    if (q.language) query = query.where((eb) => eb(eb.val(q.language!), '=', eb.fn.any('languages')));
    if (q.targetGroup) query = query.where((eb) => eb(eb.val(q.targetGroup!), '=', eb.fn.any('target_groups')));
    if (q.territory) query = query.where('territory', '=', q.territory);
    return query.orderBy('organisations.name').execute();
  },
  /** Creates the organisation's entry or replaces it, counting its version up. */
  upsertOwn: (db: Kysely<DB>, organisationId: string, values: DirectoryEntryValues) =>
    db
      .insertInto('directory_entries')
      .values({ organisation_id: organisationId, ...values })
      .onConflict((oc) =>
        oc
          .column('organisation_id')
          .doUpdateSet((eb) => ({ ...values, version: eb('directory_entries.version', '+', 1) })),
      )
      .execute(),
  /** Territory and services of every visible entry (the graph's filters). */
  territoriesAndServices: (db: Kysely<DB>) =>
    db.selectFrom('directory_entries').select(['organisation_id as organisationId', 'territory', 'services']).execute(),
  /** Territory, services and free shelter places of every visible entry (the coverage gap report). */
  coverage: (db: Kysely<DB>) =>
    db
      .selectFrom('directory_entries')
      .select([
        'organisation_id as organisationId',
        'territory',
        'services',
        'shelter_places_free as shelterPlacesFree',
      ])
      .execute(),
};

/** Queries on disclosure threshold floors: the organisation's own, and those of the networks it is an active member of. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const disclosureFloorsRepo = {
  /** The organisation's own floor (organisations are readable by the app role). */
  ofOrganisation: async (db: Kysely<DB>, organisationId: string): Promise<number> => {
    const row = await db
      .selectFrom('organisations')
      .select('disclosure_threshold_floor')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    return row.disclosure_threshold_floor;
  },
  /** Floors of several organisations (the members of a network report). */
  ofOrganisations: async (db: Kysely<DB>, organisationIds: string[]): Promise<number[]> => {
    if (organisationIds.length === 0) return [];
    const rows = await db
      .selectFrom('organisations')
      .select('disclosure_threshold_floor')
      .where('id', 'in', organisationIds)
      .execute();
    return rows.map((r) => r.disclosure_threshold_floor);
  },
  /** Runs in the tenant transaction: RLS and the column grant limit it to the current organisation's floor. */
  setForOrganisation: (tx: Kysely<DB>, organisationId: string, floor: number) =>
    tx
      .updateTable('organisations')
      .set({ disclosure_threshold_floor: floor })
      .where('id', '=', organisationId)
      .executeTakeFirst(),
  /** The caller's active networks with their floors (tenant transaction). */
  currentNetworks: (tx: Kysely<DB>) =>
    tx
      .selectFrom('networks')
      .select(['id', 'name', 'disclosure_threshold_floor as floor'])
      .where(sql<boolean>`id IN (SELECT app_current_networks())`)
      .orderBy('name')
      .execute(),
  /** Whether the organisation leads the network (lead organisations manage the network's settings). */
  leads: async (tx: Kysely<DB>, networkId: string, organisationId: string): Promise<boolean> => {
    const row = await tx
      .selectFrom('network_memberships')
      .select('lead')
      .where('network_id', '=', networkId)
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Boolean(row?.lead);
  },
  /** System transaction: networks are not writable by the app role; the caller checked the lead. */
  setForNetwork: (tx: Kysely<DB>, networkId: string, floor: number) =>
    tx
      .updateTable('networks')
      .set({ disclosure_threshold_floor: floor })
      .where('id', '=', networkId)
      .executeTakeFirst(),
};

/** Queries on networks and their memberships (who shares a network agreement with whom). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const networksRepo = {
  /** Active member organisations (id, name) of the caller's current networks, each once (tenant transaction). */
  activeMembersOfCurrentNetworks: (tx: Kysely<DB>) =>
    tx.selectFrom('network_memberships')
      .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .where('network_memberships.status', '=', 'active').where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`)
      .select(['organisations.id', 'organisations.name']).distinct().execute(),
  /** Active memberships of the caller's current networks: organisation, network and lead flag (tenant transaction). */
  activeMembershipsOfCurrentNetworks: (tx: Kysely<DB>) =>
    tx.selectFrom('network_memberships').innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .innerJoin('networks', 'networks.id', 'network_memberships.network_id')
      .select(['organisations.id', 'organisations.name', 'network_memberships.network_id as networkId', 'networks.name as networkName', 'network_memberships.lead'])
      .where('network_memberships.status', '=', 'active').where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`).execute(),
};

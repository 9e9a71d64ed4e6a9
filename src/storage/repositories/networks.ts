/** Queries on networks and their memberships (who shares a network agreement with whom). */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';

export type NewNetwork = Insertable<DB['networks']>;
export type NewMembership = Insertable<DB['network_memberships']>;

export const networksRepo = {
  /** Inserts a network (system transaction: networks are not writable by the app role). */
  insert: (tx: Kysely<DB>, network: NewNetwork) => tx.insertInto('networks').values(network).execute(),
  /** Inserts memberships of a network. */
  insertMemberships: (tx: Kysely<DB>, memberships: NewMembership[]) =>
    tx.insertInto('network_memberships').values(memberships).execute(),
  /** Every network visible to the caller (RLS: member or invited), by name. */
  listVisible: (tx: Kysely<DB>) => tx.selectFrom('networks').selectAll().orderBy('name').execute(),
  /** Every membership of these networks with the organisation's name, by name. */
  membersOf: (tx: Kysely<DB>, networkIds: string[]) =>
    networkIds.length === 0
      ? Promise.resolve([])
      : tx
          .selectFrom('network_memberships')
          .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
          .select([
            'network_memberships.network_id as networkId',
            'organisations.id',
            'organisations.name',
            'network_memberships.lead',
            'network_memberships.status',
          ])
          .where('network_memberships.network_id', 'in', networkIds)
          .orderBy('organisations.name')
          .execute(),
  /** The organisation's membership status in a network, if any. */
  membershipStatus: async (tx: Kysely<DB>, networkId: string, organisationId: string) =>
    (
      await tx
        .selectFrom('network_memberships')
        .select('status')
        .where('network_id', '=', networkId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst()
    )?.status,
  /** Records the organisation's answer to an invitation. */
  answerInvitation: (
    tx: Kysely<DB>,
    networkId: string,
    organisationId: string,
    answer: 'accept' | 'decline',
    at: Date,
  ) =>
    tx
      .updateTable('network_memberships')
      .set(
        answer === 'accept'
          ? { status: 'active', joined_at: at, answered_at: at }
          : { status: 'declined', answered_at: at },
      )
      .where('network_id', '=', networkId)
      .where('organisation_id', '=', organisationId)
      .execute(),
  /** Active member organisations (id, name) of the caller's current networks, each once (tenant transaction). */
  activeMembersOfCurrentNetworks: (tx: Kysely<DB>) =>
    tx
      .selectFrom('network_memberships')
      .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .where('network_memberships.status', '=', 'active')
      .where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`)
      .select(['organisations.id', 'organisations.name'])
      .distinct()
      .execute(),
  /** One of the caller's current networks (active member) with its privacy budget, if it is one. */
  findCurrent: (tx: Kysely<DB>, networkId: string) =>
    tx
      .selectFrom('networks')
      .select(['id', 'name', 'privacy_budget'])
      .where('id', '=', networkId)
      .where(sql<boolean>`id IN (SELECT app_current_networks())`)
      .executeTakeFirst(),
  /** The network's active member organisations (id, name), by name. */
  activeMembersOf: (tx: Kysely<DB>, networkId: string) =>
    tx
      .selectFrom('network_memberships')
      .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .select(['organisations.id', 'organisations.name'])
      .where('network_memberships.network_id', '=', networkId)
      .where('network_memberships.status', '=', 'active')
      .orderBy('organisations.name')
      .execute(),
  /** The network's active memberships: organisation and lead flag. */
  activeMemberships: (tx: Kysely<DB>, networkId: string) =>
    tx
      .selectFrom('network_memberships')
      .select(['organisation_id', 'lead'])
      .where('network_id', '=', networkId)
      .where('status', '=', 'active')
      .execute(),
  /** Whether the organisation's membership (in any status) is the network's lead. */
  isLead: async (tx: Kysely<DB>, networkId: string, organisationId: string): Promise<boolean> =>
    Boolean(
      (
        await tx
          .selectFrom('network_memberships')
          .select('lead')
          .where('network_id', '=', networkId)
          .where('organisation_id', '=', organisationId)
          .executeTakeFirst()
      )?.lead,
    ),
  /** System transaction: networks are not writable by the app role; the caller checked the lead. */
  setPrivacyBudget: (tx: Kysely<DB>, networkId: string, totalEpsilon: number) =>
    tx.updateTable('networks').set({ privacy_budget: totalEpsilon }).where('id', '=', networkId).execute(),
  /** Other organisations active in the caller's current networks, with the network (one row per shared network), by name. */
  partnersOf: (tx: Kysely<DB>, organisationId: string) =>
    tx
      .selectFrom('network_memberships')
      .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .innerJoin('networks', 'networks.id', 'network_memberships.network_id')
      .select(['organisations.id', 'organisations.name', 'networks.id as networkId', 'networks.name as networkName'])
      .where('network_memberships.organisation_id', '!=', organisationId)
      .where('network_memberships.status', '=', 'active')
      .where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`)
      .orderBy('organisations.name')
      .execute(),
  /** A network the caller has joined (not merely been invited to) in which the partner is active, if any. */
  commonNetworkWith: async (tx: Kysely<DB>, partnerId: string): Promise<string | undefined> =>
    (
      await tx
        .selectFrom('network_memberships')
        .select('network_id')
        .where('organisation_id', '=', partnerId)
        .where('status', '=', 'active')
        .where(sql<boolean>`network_id IN (SELECT app_current_networks())`)
        .executeTakeFirst()
    )?.network_id,
  /** Ids of the caller's active network partners (app_network_partners). */
  partnerIds: async (tx: Kysely<DB>): Promise<string[]> =>
    (await sql<{ id: string }>`SELECT id FROM app_network_partners() AS id`.execute(tx)).rows.map((r) => r.id),
  /** Active memberships of the caller's current networks: organisation, network and lead flag (tenant transaction). */
  activeMembershipsOfCurrentNetworks: (tx: Kysely<DB>) =>
    tx
      .selectFrom('network_memberships')
      .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
      .innerJoin('networks', 'networks.id', 'network_memberships.network_id')
      .select([
        'organisations.id',
        'organisations.name',
        'network_memberships.network_id as networkId',
        'networks.name as networkName',
        'network_memberships.lead',
      ])
      .where('network_memberships.status', '=', 'active')
      .where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`)
      .execute(),
};

/** Differentially private releases: the per-network ledger of what was released at which epsilon. Only this module writes their SQL. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export const privacyReleasesRepo = {
  /** Serialises spending on one network's budget until the transaction ends. */
  lockNetwork: async (tx: Kysely<DB>, networkId: string): Promise<void> => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('privacy:' || ${networkId}))`.execute(tx);
  },
  /** The network's ledger entries, oldest first. */
  ledgerOf: (tx: Kysely<DB>, networkId: string) =>
    tx
      .selectFrom('privacy_releases')
      .select(['release_key', 'epsilon', 'created_at'])
      .where('network_id', '=', networkId)
      .orderBy('created_at')
      .execute(),
  /** One stored release with the requesting organisation's name. */
  find: (tx: Kysely<DB>, networkId: string, releaseKey: string) =>
    tx
      .selectFrom('privacy_releases')
      .innerJoin('organisations', 'organisations.id', 'privacy_releases.organisation_id')
      .select([
        'privacy_releases.release_key',
        'privacy_releases.epsilon',
        'privacy_releases.mechanism',
        'privacy_releases.query',
        'privacy_releases.published',
        'privacy_releases.created_at',
        'organisations.name as requestedBy',
      ])
      .where('privacy_releases.network_id', '=', networkId)
      .where('privacy_releases.release_key', '=', releaseKey)
      .executeTakeFirst(),
  /** The network's releases (without their numbers) with the requesting organisation's name, newest first. */
  listOf: (tx: Kysely<DB>, networkId: string) =>
    tx
      .selectFrom('privacy_releases')
      .innerJoin('organisations', 'organisations.id', 'privacy_releases.organisation_id')
      .select([
        'privacy_releases.release_key',
        'privacy_releases.epsilon',
        'privacy_releases.mechanism',
        'privacy_releases.query',
        'privacy_releases.created_at',
        'organisations.name as requestedBy',
      ])
      .where('privacy_releases.network_id', '=', networkId)
      .orderBy('privacy_releases.created_at', 'desc')
      .execute(),
  /** Stores a release charged to the network's budget (query and published report as JSON text). */
  insert: (
    tx: Kysely<DB>,
    r: {
      networkId: string;
      releaseKey: string;
      organisationId: string;
      requestedBy: string | null;
      epsilon: number;
      mechanism: 'geometric' | 'laplace';
      query: string;
      published: string;
    },
  ) =>
    tx
      .insertInto('privacy_releases')
      .values({
        network_id: r.networkId,
        release_key: r.releaseKey,
        organisation_id: r.organisationId,
        requested_by: r.requestedBy,
        epsilon: r.epsilon,
        mechanism: r.mechanism,
        query: r.query,
        published: r.published,
      })
      .execute(),
};

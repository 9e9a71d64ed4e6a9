/**
 * Idempotency keys (migration 036): one row per organisation, user and key. The first request
 * claims the key (INSERT … ON CONFLICT DO NOTHING, in its own short transaction), then completes
 * it with the encrypted response or releases it. Only this module writes their SQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

export interface IdempotencyKeyRow {
  method: string;
  route: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  statusCode: number | null;
  responseEnc: string | null;
}

export interface IdempotencyKeyId {
  organisationId: string;
  userId: string;
  key: string;
}

const mine = (id: IdempotencyKeyId) => ({
  organisation_id: id.organisationId,
  user_id: id.userId,
  key: id.key,
});

export const idempotencyKeysRepo = {
  /** Claims the key for this request; false when a row for it already exists. */
  claim: async (
    db: Kysely<DB>,
    id: IdempotencyKeyId,
    request: { method: string; route: string; requestHash: string },
  ): Promise<boolean> => {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ ...mine(id), method: request.method, route: request.route, request_hash: request.requestHash })
      .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  find: async (db: Kysely<DB>, id: IdempotencyKeyId): Promise<IdempotencyKeyRow | undefined> =>
    db
      .selectFrom('idempotency_keys')
      .select([
        'method',
        'route',
        'request_hash as requestHash',
        'state',
        'status_code as statusCode',
        'response_enc as responseEnc',
      ])
      .where('organisation_id', '=', id.organisationId)
      .where('user_id', '=', id.userId)
      .where('key', '=', id.key)
      .executeTakeFirst(),

  /** The first request finished: its status and encrypted response, replayed to every repeat. */
  complete: async (db: Kysely<DB>, id: IdempotencyKeyId, statusCode: number, responseEnc: string): Promise<void> => {
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'completed', status_code: statusCode, response_enc: responseEnc, completed_at: sql`now()` })
      .where('organisation_id', '=', id.organisationId)
      .where('user_id', '=', id.userId)
      .where('key', '=', id.key)
      .where('state', '=', 'in_progress')
      .execute();
  },

  /** The first request failed: the key is free again, so a corrected retry can succeed. */
  release: async (db: Kysely<DB>, id: IdempotencyKeyId): Promise<void> => {
    await db
      .deleteFrom('idempotency_keys')
      .where('organisation_id', '=', id.organisationId)
      .where('user_id', '=', id.userId)
      .where('key', '=', id.key)
      .where('state', '=', 'in_progress')
      .execute();
  },

  /** Keys older than `before`, in every organisation (system context); answers how many. */
  purgeOlderThan: async (db: Kysely<DB>, before: Date): Promise<number> => {
    const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

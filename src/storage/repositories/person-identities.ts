/**
 * The identity keys of an organisation's person rows, from which statistics
 * unify persons: the network person id that travels with her through referrals
 * and transfers, and the linkage cluster of the last linkage run. Both are
 * opaque and reveal nothing about her.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export const personIdentitiesRepo = {
  /** Person id → her identity keys (`np:<network person id>`, and `cluster:<id>` when linkage matched her). */
  async keysOf(db: Kysely<DB>, organisationId: string, personIds: readonly string[]): Promise<Map<string, string[]>> {
    const keys = new Map<string, string[]>();
    if (personIds.length === 0) return keys;
    const wanted = new Set(personIds);
    // The whole organisation at once: no parameter list that grows with the case load.
    const persons = await db
      .selectFrom('persons')
      .select(['id', 'network_person_id'])
      .where('organisation_id', '=', organisationId)
      .execute();
    for (const p of persons) if (wanted.has(p.id)) keys.set(p.id, [`np:${p.network_person_id}`]);
    const matches = await db
      .selectFrom('linkage_matches')
      .select(['person_id', 'cluster_id'])
      .where('organisation_id', '=', organisationId)
      .execute();
    for (const m of matches) keys.get(m.person_id)?.push(`cluster:${m.cluster_id}`);
    return keys;
  },
};

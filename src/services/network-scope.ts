/**
 * Network-scope aggregates. A network agreement is the sharing table that
 * lets a coordinator's statistics include partner organisations: each member's
 * records are read in that member's own tenant transaction (its RLS and keys),
 * reduced to aggregates, and persons known to several members are counted once
 * through the linkage clusters. Nothing but suppressed aggregates leaves here.
 */
import { sql } from 'kysely';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { inTenant, type AppContext } from './context';

export interface Member { id: string; name: string }

/** The caller's organisation and every organisation it shares a network with. */
export async function networkMembers(ctx: AppContext, actor: Actor): Promise<Member[]> {
  const rows = await inTenant(ctx, actor, (tx) => tx.selectFrom('network_memberships')
    .innerJoin('organisations', 'organisations.id', 'network_memberships.organisation_id')
    .where('network_memberships.status', '=', 'active').where(sql<boolean>`network_memberships.network_id IN (SELECT app_current_networks())`)
    .select(['organisations.id', 'organisations.name']).distinct().execute());
  const own = await ctx.db.kysely.selectFrom('organisations').select(['id', 'name']).where('id', '=', actor.organisationId).executeTakeFirstOrThrow();
  const byId = new Map([own, ...rows].map((m) => [m.id, m]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs fn inside a member's tenant transaction, on behalf of the coordinator (aggregates only). */
export function asMember<T>(ctx: AppContext, actor: Actor, organisationId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTenant(ctx, { organisationId, userId: actor.userId }, fn);
}

/** Person id → the network person (linkage cluster) she belongs to; unmatched persons are their own. */
export async function networkPersonIds(tx: Tx, organisationId: string, personIds: string[]): Promise<Map<string, string>> {
  const ids = new Map(personIds.map((p) => [p, `${organisationId}:${p}`]));
  if (personIds.length === 0) return ids;
  const matches = await tx.selectFrom('linkage_matches').select(['person_id', 'cluster_id']).where('organisation_id', '=', organisationId).execute();
  for (const m of matches) if (ids.has(m.person_id)) ids.set(m.person_id, `cluster:${m.cluster_id}`);
  return ids;
}

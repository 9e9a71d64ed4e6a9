/**
 * Network-scope aggregates. A network agreement is the sharing table that
 * lets a coordinator's statistics include partner organisations: each member's
 * records are read in that member's own tenant transaction (its RLS and keys),
 * reduced to aggregates, and persons known to several members are counted once
 * through their identity keys (network person id and linkage cluster). Nothing but suppressed aggregates leaves here.
 */
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { networksRepo } from '../storage/repositories/networks';
import { organisationsRepo } from '../storage/repositories/organisations';
import { personIdentitiesRepo } from '../storage/repositories/person-identities';
import { inTenant, type AppContext } from './context';

export interface Member {
  id: string;
  name: string;
}

/** The caller's organisation and every organisation it shares a network with. */
export async function networkMembers(ctx: AppContext, actor: Actor): Promise<Member[]> {
  const rows = await inTenant(ctx, actor, (tx) => networksRepo.activeMembersOfCurrentNetworks(tx));
  const own = await organisationsRepo.summaryOf(ctx.db.system, actor.organisationId);
  const byId = new Map([own, ...rows].map((m) => [m.id, m]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs fn inside a member's tenant transaction, on behalf of the coordinator (aggregates only). */
export function asMember<T>(
  ctx: AppContext,
  actor: Actor,
  organisationId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return inTenant(ctx, { organisationId, userId: actor.userId }, fn);
}

/**
 * Person id → her identity keys: her network person id (carried by transfers)
 * and her linkage cluster, if any. Statistics unify persons from these keys at
 * organisation and network scope alike (see domain/statistics/persons).
 */
export function networkPersonIds(tx: Tx, organisationId: string, personIds: string[]): Promise<Map<string, string[]>> {
  return personIdentitiesRepo.keysOf(tx, organisationId, personIds);
}

/** Reading and verifying the audit trail. */
import { verifyChain, type ChainVerdict } from '../domain/audit/chain';
import type { Actor } from '../policies/policies';
import { withSystem, withTenant } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export async function recentAudit(ctx: AppContext, actor: Actor, limit: number) {
  requireAccess(actor, 'audit.read', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, (tx) => auditRepo.recent(tx, actor.organisationId, limit));
}

/** Verifies every organisation's chain; used by `ariadne audit verify`. */
export async function verifyAllChains(ctx: AppContext): Promise<{ organisation: string; verdict: ChainVerdict }[]> {
  return withSystem(ctx.db, async (tx) => {
    const orgs = await organisationsRepo.list(tx);
    const results = [];
    for (const org of orgs) results.push({ organisation: org.slug, verdict: verifyChain(await auditRepo.chain(tx, org.id)) });
    return results;
  });
}

/**
 * The registry of estimates: published figures with their citation chains,
 * plus estimates computed by Ariadne's own MSE with their inputs and model.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { citationChain, parseEstimate, seedEstimates, type Estimate } from '../domain/estimates';
import type { MseResult } from '../domain/mse';
import type { MseBody } from '../domain/mse/inputs';
import type { Actor } from '../policies/policies';
import { auditRepo } from '../storage/repositories/audit';
import { estimatesRepo } from '../storage/repositories/estimates';
import { organisationsRepo } from '../storage/repositories/organisations';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { runInWorker } from './workers';

export interface RegistryEntry extends Estimate {
  origin: 'seed' | 'ariadne_mse';
  mse?: { lists: string[]; terms: string[]; model: string; interval: [number, number]; observed: number };
  chain: ReturnType<typeof citationChain>;
}

export async function listEstimates(ctx: AppContext, actor: Actor): Promise<RegistryEntry[]> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const own = await inTenant(ctx, actor, (tx) => estimatesRepo.listOf(tx, actor.organisationId));
  return [
    ...seedEstimates.map((e) => ({ ...e, origin: 'seed' as const, chain: citationChain(e) })),
    ...own.map((row) => {
      const data = row.data as unknown as Omit<RegistryEntry, 'chain'>;
      return { ...data, chain: citationChain(data) };
    }),
  ];
}

/** An estimation request as its body schema parsed it: the table (csv or xlsx), method, bootstrap, what to save. */
export type MseRequest = z.infer<typeof MseBody>;

export async function runMse(
  ctx: AppContext,
  actor: Actor,
  input: MseRequest,
): Promise<{ result: MseResult; savedEstimateId?: string }> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  // Reading the table and the fit (2,000 bootstrap replicates take seconds) run in a worker thread, off the event loop.
  const { result, histories } = await runInWorker(
    ctx,
    'mse',
    {
      ...(input.xlsx ? { xlsx: input.xlsx } : { csv: input.csv ?? '' }),
      options: {
        method: input.method ?? 'stepwise',
        pThreshold: input.threshold ?? 0.02,
        profile: true,
        ...(input.bootstrap ? { bootstrap: { replicates: input.bootstrap, seed: input.seed ?? 1 } } : {}),
      },
    },
    { organisationId: actor.organisationId },
  );
  if (!input.save) return { result };
  const interval = result.interval.bootstrap ?? result.interval.wald;
  const orgName = await organisationsRepo.nameOf(ctx.db.system, actor.organisationId);
  const id = `ariadne-mse-${crypto.randomUUID()}`;
  const estimate = parseEstimate({
    id,
    value: Math.round(result.estimate),
    unit: 'stock',
    unitNote: 'persons, including those on no list (multiple systems estimation)',
    scope: { geography: input.save.geography, period: input.save.period, forms: [] },
    method: 'mse',
    caveat: `${input.save.label}. Assumes a closed population; ${result.lists.length} lists; model ${result.model} with terms ${result.terms.join(', ') || 'main effects only'}.`,
    originalSource: { source: `Ariadne MSE by ${orgName}`, year: new Date().getUTCFullYear(), locator: id },
    citingSources: [],
  });
  const stored = {
    ...estimate,
    origin: 'ariadne_mse',
    mse: {
      lists: result.lists,
      terms: result.terms,
      model: result.model,
      interval,
      observed: result.observed,
      inputs: histories,
    },
  };
  await inTenant(ctx, actor, async (tx) => {
    await estimatesRepo.insert(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      data: JSON.stringify(stored),
      createdBy: actor.userId,
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'estimate.create',
      entityType: 'estimate',
      entityId: id,
      fields: ['value', 'method', 'scope'],
    });
  });
  return { result, savedEstimateId: id };
}

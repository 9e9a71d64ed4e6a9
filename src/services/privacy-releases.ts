/**
 * Differentially private network releases and the per-network privacy budget
 * ledger. A release is computed over the network's active members (persons
 * counted once through linkage), noised, stored with its numbers, and charged
 * to the network's budget; the same release asked again is served from storage
 * at no cost. Spending is serialised per network so the budget cannot be
 * overdrawn by two requests at once.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { ReleaseBody } from '../domain/statistics/inputs';
import { planRelease, privateReport, type DimensionKey, type Ledger } from '../domain/statistics';
import { PrivacyBudgetExceededError } from '../domain/statistics/ledger';
import { STATUSES } from '../domain/cases/lifecycle';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { withSystem, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { networksRepo } from '../storage/repositories/networks';
import { privacyReleasesRepo } from '../storage/repositories/privacy-releases';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { loadLists } from './reference-lists';
import { tabulateMembers } from './statistics';

/** A release request as its body schema parsed it (defaults applied: cols 'all', the geometric mechanism). */
export type ReleaseRequest = z.infer<typeof ReleaseBody>;

const num = (v: string | number) => Number(v);

/** The network as the caller's organisation sees it; 404 unless it is an active member. */
async function memberNetwork(tx: Tx, networkId: string) {
  const network = await networksRepo.findCurrent(tx, networkId);
  if (!network) throw errors.notFound();
  return network;
}

async function loadLedger(tx: Tx, networkId: string, totalEpsilon: number): Promise<Ledger> {
  const rows = await privacyReleasesRepo.ledgerOf(tx, networkId);
  return {
    networkId,
    totalEpsilon,
    releases: rows.map((r) => ({
      releaseKey: r.release_key,
      epsilon: num(r.epsilon),
      at: new Date(r.created_at).toISOString(),
    })),
  };
}

const specOf = (r: ReleaseRequest) => ({
  networkId: r.networkId,
  epsilon: r.epsilon,
  query: { population: r.population, rows: r.rows, cols: r.cols, from: r.from, to: r.to, mechanism: r.mechanism },
});

async function storedRelease(tx: Tx, networkId: string, releaseKey: string) {
  const row = await privacyReleasesRepo.find(tx, networkId, releaseKey);
  if (!row) throw errors.notFound();
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    releaseKey: row.release_key,
    epsilon: num(row.epsilon),
    mechanism: row.mechanism,
    query: json(row.query),
    report: json(row.published),
    requestedBy: row.requestedBy,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const budgetOf = (ledger: Ledger) => {
  const spent = ledger.releases.reduce((t, r) => t + r.epsilon, 0);
  return {
    total: ledger.totalEpsilon,
    spent: Number(spent.toFixed(6)),
    remaining: Number(Math.max(0, ledger.totalEpsilon - spent).toFixed(6)),
  };
};

/** Releases (or re-serves) a noisy network report; `reused` says whether budget was spent. */
export async function releasePrivateReport(ctx: AppContext, actor: Actor, request: ReleaseRequest) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const spec = specOf(request);
  // Cheap path first: a stored release, or a refusal, needs no computation.
  const first = await inTenant(ctx, actor, async (tx) => {
    const network = await memberNetwork(tx, request.networkId);
    const ledger = await loadLedger(tx, network.id, num(network.privacy_budget));
    return { network, ledger, plan: planRelease(ledger, spec) };
  });
  if (first.plan.kind === 'refuse') throw refusal(first.ledger, request.epsilon, first.plan.reason);
  if (first.plan.kind === 'reuse') return serve(ctx, actor, request.networkId, first.plan.releaseKey, true);

  const members = await inTenant(ctx, actor, (tx) => networksRepo.activeMembersOf(tx, request.networkId));
  const categories = await inTenant(ctx, actor, (tx) => publicCategories(tx, actor.organisationId));
  const truth = await tabulateMembers(ctx, actor, request, members, true, { categories, closedCategories: true });
  truth.scope = { ...truth.scope, description: `${truth.scope.description} — network "${first.network.name}"` };
  // A fresh secret seed per release; it is not stored, so the noise cannot be subtracted later.
  const released = privateReport(truth, {
    mechanism: request.mechanism,
    epsilon: request.epsilon,
    seed: crypto.randomBytes(32).toString('hex'),
  });

  const outcome = await inTenant(ctx, actor, async (tx) => {
    await privacyReleasesRepo.lockNetwork(tx, request.networkId);
    const network = await memberNetwork(tx, request.networkId);
    const ledger = await loadLedger(tx, network.id, num(network.privacy_budget));
    const plan = planRelease(ledger, spec);
    if (plan.kind !== 'spend') return plan;
    await privacyReleasesRepo.insert(tx, {
      networkId: request.networkId,
      releaseKey: plan.releaseKey,
      organisationId: actor.organisationId,
      requestedBy: actor.userId === SYSTEM_USER ? null : actor.userId,
      epsilon: request.epsilon,
      mechanism: request.mechanism,
      query: JSON.stringify(spec.query),
      published: JSON.stringify(released),
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.private_release',
      entityType: 'network',
      entityId: request.networkId,
      fields: [request.population, request.rows, request.cols, `epsilon=${request.epsilon}`],
    });
    return plan;
  });
  if (outcome.kind === 'refuse') throw refusal(first.ledger, request.epsilon, outcome.reason);
  return serve(ctx, actor, request.networkId, outcome.releaseKey, outcome.kind === 'reuse');
}

/** Category lists fixed before looking at the data, so that no category's presence reveals a person. */
async function publicCategories(tx: Tx, organisationId: string): Promise<Partial<Record<DimensionKey, string[]>>> {
  const lists = await loadLists(tx, organisationId);
  // Retired items too: old records still carry them, and the categories are fixed before the data is read.
  const codes = (key: string) => lists.all.find((l) => l.key === key)?.items.map((i) => i.code) ?? [];
  return {
    sex: ['female', 'male', 'other'],
    formOfExploitation: codes('forms_of_exploitation'),
    identificationChannel: codes('channels'),
    programmeType: codes('programme_types'),
    outcome: [...STATUSES.filter((s) => s !== 'closed'), ...codes('closure_reasons').map((r) => `closed_${r}`)],
  };
}

/** The CLI operator has no user account, so the release records no requesting user. */
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

function refusal(ledger: Ledger, requested: number, reason: string) {
  if (/budget/i.test(reason))
    return new PrivacyBudgetExceededError(ledger.networkId, requested, budgetOf(ledger).remaining);
  return errors.badRequest('invalid_release', reason);
}

async function serve(ctx: AppContext, actor: Actor, networkId: string, releaseKey: string, reused: boolean) {
  return inTenant(ctx, actor, async (tx) => {
    const network = await memberNetwork(tx, networkId);
    const release = await storedRelease(tx, networkId, releaseKey);
    const budget = budgetOf(await loadLedger(tx, networkId, num(network.privacy_budget)));
    return { ...release, network: { id: network.id, name: network.name }, reused, budget };
  });
}

/** The network's privacy budget and every release charged to it (what was asked, by whom, at what epsilon). */
export async function privacyLedger(ctx: AppContext, actor: Actor, networkId: string) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const network = await memberNetwork(tx, networkId);
    const lead = await networksRepo.isLead(tx, networkId, actor.organisationId);
    const rows = await privacyReleasesRepo.listOf(tx, networkId);
    const ledger = await loadLedger(tx, networkId, num(network.privacy_budget));
    return {
      network: { id: network.id, name: network.name },
      budget: budgetOf(ledger),
      canSetBudget: lead,
      releases: rows.map((r) => ({
        releaseKey: r.release_key,
        epsilon: num(r.epsilon),
        mechanism: r.mechanism,
        query: (typeof r.query === 'string' ? JSON.parse(r.query) : r.query) as Record<string, unknown>,
        requestedBy: r.requestedBy,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });
}

/** A stored release, for any member of the network. */
export async function getRelease(ctx: AppContext, actor: Actor, networkId: string, releaseKey: string) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  return serve(ctx, actor, networkId, releaseKey, true);
}

/** The lead organisation sets the network's total epsilon; it can never drop below what is spent. */
export async function setPrivacyBudget(ctx: AppContext, actor: Actor, networkId: string, totalEpsilon: number) {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  const { spent } = await inTenant(ctx, actor, async (tx) => {
    const network = await memberNetwork(tx, networkId);
    // The budget belongs to the network's lead organisation: it is the resource, so the policy's tenant
    // check decides; the other members see the network, so their refusal is 403, not 404.
    const members = await networksRepo.activeMemberships(tx, networkId);
    requireAccess(actor, 'network.manage', {
      organisationId: members.find((m) => m.lead)?.organisation_id ?? '',
      parties: members.map((m) => m.organisation_id),
    });
    return budgetOf(await loadLedger(tx, networkId, num(network.privacy_budget)));
  });
  if (totalEpsilon < spent)
    throw errors.conflict(
      'budget_below_spent',
      `The network has already spent epsilon ${spent}; the budget cannot be set below that`,
    );
  // networks is not writable by the app role; the lead check above authorises this one change.
  await withSystem(ctx.db, (tx) => networksRepo.setPrivacyBudget(tx, networkId, totalEpsilon));
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'network.privacy_budget',
      entityType: 'network',
      entityId: networkId,
      fields: ['privacy_budget'],
    }),
  );
  return privacyLedger(ctx, actor, networkId);
}

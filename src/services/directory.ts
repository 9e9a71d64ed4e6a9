/** The network directory, the referral-flow graph and the coverage gap report (aggregates only, never case content). */
import { coverageMatrix } from '../domain/referrals/coverage';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { directoryRepo } from '../storage/repositories/directory';
import { labourStatisticsRepo } from '../storage/repositories/labour-statistics';
import { networksRepo } from '../storage/repositories/networks';
import { referralsRepo } from '../storage/repositories/referrals';
import type { DirectoryEntryInput } from '../domain/referrals/inputs';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { loadLists } from './reference-lists';

export type { DirectoryEntryInput };

export async function searchDirectory(
  ctx: AppContext,
  actor: Actor,
  q: { service?: string; territory?: string; language?: string; targetGroup?: string },
) {
  requireAccess(actor, 'network.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, (tx) => directoryRepo.search(tx, q));
}

export async function updateOwnEntry(ctx: AppContext, actor: Actor, input: DirectoryEntryInput) {
  requireAccess(actor, 'directory.update', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const lists = await loadLists(tx, actor.organisationId);
    lists.check('services', input.services, 'services');
    lists.check('organisation_types', input.organisationType, 'organisationType');
    lists.check('target_groups', input.targetGroups, 'targetGroups');
    if (
      input.shelterPlacesFree != null &&
      input.shelterPlacesTotal != null &&
      input.shelterPlacesFree > input.shelterPlacesTotal
    ) {
      throw errors.badRequest('invalid_capacity', 'Free places cannot exceed the total');
    }
    const values = {
      organisation_type: input.organisationType,
      territory_level: input.territoryLevel,
      territory: input.territory,
      languages: input.languages,
      services: input.services,
      target_groups: input.targetGroups,
      shelter_places_total: input.shelterPlacesTotal ?? null,
      shelter_places_free: input.shelterPlacesFree ?? null,
      contact_route: input.contactRoute ?? null,
      updated_at: new Date(),
    };
    await directoryRepo.upsertOwn(tx, actor.organisationId, values);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'directory.update',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: Object.keys(input),
    });
  });
}

/** Organisations as nodes; agreements (shared networks) and referral counts over a period as edges. No case content. */
export async function networkGraph(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string; service?: string; territory?: string },
) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const [allMembers, entries] = await inTenant(
    ctx,
    actor,
    async (tx) =>
      [
        await networksRepo.activeMembershipsOfCurrentNetworks(tx),
        await directoryRepo.territoriesAndServices(tx),
      ] as const,
  );
  // Filters keep the organisations offering the service and/or working in the territory (per their directory entry).
  const entryOf = new Map(entries.map((e) => [e.organisationId, e]));
  const members = allMembers.filter((m) => {
    const entry = entryOf.get(m.id);
    if (period.service && !entry?.services.includes(period.service)) return false;
    return !period.territory || entry?.territory === period.territory;
  });
  const orgIds = [...new Set(members.map((m) => m.id))];
  // Counts across the network need every party's referrals: read as the system, aggregated before leaving.
  const flows =
    orgIds.length === 0
      ? []
      : await withSystem(ctx.db, (tx) =>
          referralsRepo.flowCounts(
            tx,
            orgIds,
            new Date(period.from),
            new Date(new Date(period.to).getTime() + 86_400_000),
            period.service,
          ),
        );
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'network.graph',
      entityType: 'organisation',
      entityId: actor.organisationId,
    }),
  );
  const byOrg = new Map(members.map((m) => [m.id, m]));
  const networks = [
    ...new Map(
      members.map((m) => [
        m.networkId,
        {
          id: m.networkId,
          name: m.networkName,
          members: members.filter((x) => x.networkId === m.networkId).map((x) => x.id),
        },
      ]),
    ).values(),
  ];
  return {
    nodes: [...byOrg.values()].map((m) => ({ id: m.id, name: m.name, lead: m.lead })),
    agreements: networks
      .map((n) => ({ ...n, members: n.members.filter((id) => orgIds.includes(id)) }))
      .filter((n) => n.members.length > 1),
    flows: flows.map((f) => ({ source: f.source, target: f.target, kind: f.kind, count: Number(f.count) })),
  };
}

export async function coverageGaps(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const entries = await directoryRepo.coverage(tx);
    const services =
      (await loadLists(tx, actor.organisationId)).lists.find((l) => l.key === 'services')?.items.map((i) => i.code) ??
      [];
    // Employers shared with the networks, counted per territory in SQL: counts only, no employer, no person.
    const employersByTerritory = await labourStatisticsRepo.sharedEmployersPerTerritory(tx);
    return { ...coverageMatrix(entries, services), employersByTerritory };
  });
}

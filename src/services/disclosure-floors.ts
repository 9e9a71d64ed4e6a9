/**
 * Disclosure threshold floors: what the organisation and its networks accept
 * as the smallest small-cell threshold. Reports (and the HTCDS k) never go
 * below the floor of any organisation whose persons they count.
 */
import { strictestFloor } from '../domain/statistics/threshold';
import { errors } from '../errors';
import { can, type Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { disclosureFloorsRepo } from '../storage/repositories/disclosure-floors';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { networkMembers } from './network-scope';

export interface DisclosureFloors {
  /** The organisation's own floor: organisation-scope reports and the HTCDS k. */
  organisation: number;
  /** The floor of network-scope reports: the strictest of every active network and member. */
  network: number;
  networks: { id: string; name: string; floor: number; canSet: boolean }[];
  canSetOrganisation: boolean;
}

/** The floor a report of this scope must respect. */
export async function reportFloor(
  ctx: AppContext,
  actor: Actor,
  scope: 'organisation' | 'network',
  memberIds: string[],
): Promise<number> {
  const own = await disclosureFloorsRepo.ofOrganisation(ctx.db.system, actor.organisationId);
  if (scope === 'organisation') return strictestFloor([own]);
  const networks = await inTenant(ctx, actor, (tx) => disclosureFloorsRepo.currentNetworks(tx));
  const members = await disclosureFloorsRepo.ofOrganisations(ctx.db.system, memberIds);
  return strictestFloor([own, ...members, ...networks.map((n) => n.floor)]);
}

export async function disclosureFloors(ctx: AppContext, actor: Actor): Promise<DisclosureFloors> {
  requireAccess(actor, 'network.aggregates.read', { organisationId: actor.organisationId });
  const members = await networkMembers(ctx, actor);
  const organisation = await disclosureFloorsRepo.ofOrganisation(ctx.db.system, actor.organisationId);
  const network = await reportFloor(
    ctx,
    actor,
    'network',
    members.map((m) => m.id),
  );
  const manageNetworks = can(actor, 'network.manage', { organisationId: actor.organisationId });
  const networks = await inTenant(ctx, actor, async (tx) =>
    Promise.all(
      (await disclosureFloorsRepo.currentNetworks(tx)).map(async (n) => ({
        id: n.id,
        name: n.name,
        floor: n.floor,
        canSet: manageNetworks && (await disclosureFloorsRepo.leads(tx, n.id, actor.organisationId)),
      })),
    ),
  );
  return {
    organisation,
    network,
    networks,
    canSetOrganisation: can(actor, 'statistics.floor.manage', { organisationId: actor.organisationId }),
  };
}

export async function setOrganisationFloor(ctx: AppContext, actor: Actor, floor: number): Promise<DisclosureFloors> {
  requireAccess(actor, 'statistics.floor.manage', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    await disclosureFloorsRepo.setForOrganisation(tx, actor.organisationId, floor);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'statistics.disclosure_floor',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: ['disclosure_threshold_floor'],
    });
  });
  return disclosureFloors(ctx, actor);
}

/** The lead organisation's network managers set the network's floor, as they set its privacy budget. */
export async function setNetworkFloor(
  ctx: AppContext,
  actor: Actor,
  networkId: string,
  floor: number,
): Promise<DisclosureFloors> {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const visible = (await disclosureFloorsRepo.currentNetworks(tx)).some((n) => n.id === networkId);
    if (!visible) throw errors.notFound();
    if (!(await disclosureFloorsRepo.leads(tx, networkId, actor.organisationId))) throw errors.forbidden();
  });
  // networks is not writable by the app role; the lead check above authorises this one change.
  await withSystem(ctx.db, (tx) => disclosureFloorsRepo.setForNetwork(tx, networkId, floor));
  await inTenant(ctx, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'network.disclosure_floor',
      entityType: 'network',
      entityId: networkId,
      fields: ['disclosure_threshold_floor'],
    }),
  );
  return disclosureFloors(ctx, actor);
}

/**
 * Proposing a network: one command in ONE transaction, so a failure anywhere (an unknown
 * member, a database fault) leaves no network, no membership and no audit entry on any side.
 *
 * In order: the members are checked; the network and its memberships are written as the
 * system (the app role may not write networks), the proposer active and every other member
 * invited; the proposer's audit entry; then, re-scoped to each invited organisation, its own
 * "invited" entry.
 */
import crypto from 'node:crypto';
import { assertNetworkSize } from '../../domain/referrals/workflow';
import { errors } from '../../errors';
import type { Actor } from '../../policies/policies';
import { asOrganisation, asSystem, type Tx } from '../../storage/database';
import { auditRepo } from '../../storage/repositories/audit';
import { networksRepo } from '../../storage/repositories/networks';
import { organisationsRepo } from '../../storage/repositories/organisations';
import { requireAccess } from '../authorize';
import type { NetworkInput } from '../networks';

/** Validates the input and writes the network with its memberships; `proposer` null: every member active (set-up). */
export async function insertNetworkRows(
  tx: Tx,
  input: NetworkInput,
  proposer: string | null,
): Promise<{ id: string; members: string[] }> {
  const members = [...new Map(input.members.map((m) => [m.organisationId, m])).values()];
  assertNetworkSize(members.length);
  if (input.agreement?.from && input.agreement.to && input.agreement.to < input.agreement.from)
    throw errors.badRequest('invalid_dates', 'The agreement ends before it starts');
  const known = await organisationsRepo.existingIds(
    tx,
    members.map((m) => m.organisationId),
  );
  if (known.length !== members.length)
    throw errors.badRequest('unknown_organisation', 'Every member must be an organisation of this deployment');
  const id = crypto.randomUUID();
  await networksRepo.insert(tx, {
    id,
    name: input.name,
    formal: input.formal,
    level: input.level,
    structure: input.structure,
    multi_agency: input.multiAgency ?? true,
    objectives: input.objectives ?? null,
    composition: input.composition ?? [],
    agreement_title: input.agreement?.title ?? null,
    agreement_document: input.agreement?.document ?? null,
    agreement_from: input.agreement?.from ?? null,
    agreement_to: input.agreement?.to ?? null,
    proposed_by_organisation_id: proposer,
  });
  await networksRepo.insertMemberships(
    tx,
    members.map((m) => ({
      network_id: id,
      organisation_id: m.organisationId,
      lead: m.lead ?? false,
      // Without a proposer (set-up) everyone is in; otherwise each partner decides.
      status: proposer === null || m.organisationId === proposer ? ('active' as const) : ('invited' as const),
      joined_at: proposer === null || m.organisationId === proposer ? new Date() : null,
    })),
  );
  return { id, members: members.map((m) => m.organisationId) };
}

export interface ProposeNetworkProps {
  /** The proposing organisation's administrator; the transaction is scoped to that organisation. */
  actor: Actor;
  tx: Tx;
  input: NetworkInput;
}

export async function proposeNetwork({ actor, tx, input }: ProposeNetworkProps): Promise<{ networkId: string }> {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  const members = input.members.some((m) => m.organisationId === actor.organisationId)
    ? input.members
    : [{ organisationId: actor.organisationId }, ...input.members];
  const { id, members: ids } = await asSystem(tx, actor, () =>
    insertNetworkRows(tx, { ...input, members }, actor.organisationId),
  );
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: 'network.propose',
    entityType: 'network',
    entityId: id,
  });
  for (const organisationId of ids.filter((o) => o !== actor.organisationId)) {
    await asOrganisation(tx, actor, { organisationId }, () =>
      auditRepo.append(tx, {
        organisationId,
        actorUserId: null,
        action: 'network.invited',
        entityType: 'network',
        entityId: id,
      }),
    );
  }
  return { networkId: id };
}

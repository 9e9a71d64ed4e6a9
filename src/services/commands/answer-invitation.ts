/**
 * Answering a network invitation: one command in ONE transaction, so the membership's new
 * status and the audit entries on both sides commit or fail together.
 *
 * In order: the invitation is checked (only an open one is answered); the membership becomes
 * active (joined now) or declined, answered now; the answering organisation's audit entry;
 * then, re-scoped to the proposing organisation, its entry of the partner's answer.
 */
import { errors } from '../../errors';
import type { Actor } from '../../policies/policies';
import { asOrganisation, type Tx } from '../../storage/database';
import { auditRepo } from '../../storage/repositories/audit';
import { networksRepo } from '../../storage/repositories/networks';
import { requireAccess } from '../authorize';

export interface AnswerInvitationProps {
  /** The invited organisation's administrator; the transaction is scoped to that organisation. */
  actor: Actor;
  tx: Tx;
  networkId: string;
  answer: 'accept' | 'decline';
}

export async function answerInvitation({ actor, tx, networkId, answer }: AnswerInvitationProps): Promise<void> {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  const status = await networksRepo.membershipStatus(tx, networkId, actor.organisationId);
  if (!status) throw errors.notFound();
  if (status !== 'invited')
    throw errors.conflict('already_member', 'This organisation is already a member of the network');
  // Read while the invitation is still visible to the invited organisation.
  const proposer =
    (await networksRepo.listVisible(tx)).find((n) => n.id === networkId)?.proposed_by_organisation_id ?? null;
  await networksRepo.answerInvitation(tx, networkId, actor.organisationId, answer, new Date());
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action: `network.${answer}`,
    entityType: 'network',
    entityId: networkId,
  });
  if (proposer && proposer !== actor.organisationId) {
    await asOrganisation(tx, actor, { organisationId: proposer }, () =>
      auditRepo.append(tx, {
        organisationId: proposer,
        actorUserId: null,
        action: answer === 'accept' ? 'network.accepted_by_partner' : 'network.declined_by_partner',
        entityType: 'network',
        entityId: networkId,
      }),
    );
  }
}

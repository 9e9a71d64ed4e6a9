/**
 * Networks of at least three organisations (EX-CHANGE: two form a partnership,
 * not a network). An organisation proposes one; every other member must accept
 * before the network gives anyone access. The network-mapping questionnaire is
 * kept per organisation and its section C describes the network.
 */
import crypto from 'node:crypto';
import {
  networkFromAnswers,
  validateQuestionnaire,
  visibleItems,
  type Answers,
} from '../domain/referrals/questionnaire';
import type { Actor } from '../policies/policies';
import { withSystem } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { networksRepo } from '../storage/repositories/networks';
import { organisationsRepo } from '../storage/repositories/organisations';
import { questionnairesRepo } from '../storage/repositories/questionnaires';
import type { NetworkInput } from '../domain/referrals/inputs';
import { requireAccess } from './authorize';
import { answerInvitation as answerInvitationCommand } from './commands/answer-invitation';
import { insertNetworkRows, proposeNetwork as proposeNetworkCommand } from './commands/propose-network';
import { inTenant, type AppContext } from './context';

export type { NetworkInput };

/** Creates a network whose members are all active at once: for deployment set-up (CLI, demo seed). */
export async function createNetwork(ctx: AppContext, input: NetworkInput): Promise<string> {
  return withSystem(ctx.db, async (tx) => {
    const { id, members } = await insertNetworkRows(tx, input, null);
    for (const organisationId of members)
      await auditRepo.append(tx, {
        organisationId,
        actorUserId: null,
        action: 'network.create',
        entityType: 'network',
        entityId: id,
      });
    return id;
  });
}

/** An organisation proposes a network; the others are invited and must accept. */
export async function proposeNetwork(ctx: AppContext, actor: Actor, input: NetworkInput): Promise<string> {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  return (await inTenant(ctx, actor, (tx) => proposeNetworkCommand({ actor, tx, input }))).networkId;
}

/** The networks the organisation belongs to or is invited to, with their members. */
export async function listNetworks(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.read', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const networks = await networksRepo.listVisible(tx);
    const members = await networksRepo.membersOf(
      tx,
      networks.map((n) => n.id),
    );
    const iso = (d: unknown) => (d ? new Date(d as string).toISOString().slice(0, 10) : null);
    return networks.map((n) => {
      const own = members.find((m) => m.networkId === n.id && m.id === actor.organisationId);
      const list = members.filter((m) => m.networkId === n.id);
      return {
        id: n.id,
        name: n.name,
        formal: n.formal,
        level: n.level,
        structure: n.structure,
        multiAgency: n.multi_agency,
        objectives: n.objectives,
        composition: n.composition,
        agreement: {
          title: n.agreement_title,
          document: n.agreement_document,
          from: iso(n.agreement_from),
          to: iso(n.agreement_to),
        },
        myStatus: own?.status ?? 'invited',
        activeMembers: list.filter((m) => m.status === 'active').length,
        members: list.map((m) => ({ id: m.id, name: m.name, lead: m.lead, status: m.status })),
      };
    });
  });
}

/** The organisation accepts or declines an invitation to a network. */
export async function answerInvitation(
  ctx: AppContext,
  actor: Actor,
  networkId: string,
  answer: 'accept' | 'decline',
): Promise<void> {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, (tx) => answerInvitationCommand({ actor, tx, networkId, answer }));
}

/** Organisations that can be invited (names only). */
export async function networkCandidates(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, (tx) => organisationsRepo.listSummaries(tx));
}

/** The organisation's latest questionnaire answers, what the skip logic shows, and the network they describe. */
export async function getQuestionnaire(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const latest = await questionnairesRepo.latest(tx, actor.organisationId);
    const answers = (
      latest ? (typeof latest.answers === 'string' ? JSON.parse(latest.answers) : latest.answers) : {}
    ) as Answers;
    return {
      answers,
      version: latest?.version ?? 0,
      submittedAt: latest ? new Date(latest.submitted_at).toISOString() : null,
      visible: visibleItems(answers).map((i) => i.id),
      network: networkFromAnswers(answers),
    };
  });
}

/** Saves a new version of the answers; each version is kept. */
export async function submitQuestionnaire(ctx: AppContext, actor: Actor, input: unknown) {
  requireAccess(actor, 'network.manage', { organisationId: actor.organisationId });
  const answers = validateQuestionnaire(input);
  await inTenant(ctx, actor, async (tx) => {
    await questionnairesRepo.insertNextVersion(tx, {
      organisationId: actor.organisationId,
      id: crypto.randomUUID(),
      answers: JSON.stringify(answers),
      submittedBy: actor.userId,
    });
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'questionnaire.submit',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: Object.keys(answers),
    });
  });
  return getQuestionnaire(ctx, actor);
}

/**
 * Hotline routing and the warm hand-off (issue #18). A central post ranks the local posts of its
 * networks for a call (territory, then language, with reasons), and hands the contact to one of them:
 * what crosses is coarse (channel, time, place, language, needs, what was given); her nickname and
 * note cross only when she agreed, sealed under the receiving post's key, and are erased at once if
 * she withdraws that agreement before the post accepted. The receiver accepting records a contact in
 * its own log, linked to the hand-off. Both sides' trails record each step; the receiver's duty users
 * are notified (codes and ids only).
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ContactInput } from '../domain/contacts/inputs';
import { rankPosts, type CallOrigin, type RoutedPost } from '../domain/contacts/routing';
import { DomainError } from '../domain/errors';
import { errors } from '../errors';
import { can, type Actor } from '../policies/policies';
import type { Role } from '../policies/roles';
import { asOrganisation, type Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { contactHandoffsRepo, type HandoffRow } from '../storage/repositories/contact-handoffs';
import { contactsRepo, type ContactRow } from '../storage/repositories/contacts';
import { directoryRepo } from '../storage/repositories/directory';
import { networksRepo } from '../storage/repositories/networks';
import { usersRepo } from '../storage/repositories/users';
import { requireAccess } from './authorize';
import { recordContact, voidContact } from './contacts';
import { inTenant, READS_ONLY, type AppContext } from './context';

export const DECLINE_REASONS = [
  'no_capacity',
  'outside_territory',
  'language_not_covered',
  'service_not_offered',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** POST /api/handoffs */
export const HandoffCreateBody = z.strictObject({
  contactId: z.string().uuid(),
  toOrganisationId: z.string().uuid(),
  /** She agreed that her nickname and what she told cross to this post. Without it nothing sealed crosses. */
  identityShared: z.boolean().default(false),
});
export type HandoffCreateInput = z.input<typeof HandoffCreateBody>;

/** Where the call came from, beyond the contact's own place (the caller may know her province). */
export const RouteQuery = z.strictObject({
  nuts3: z.string().trim().min(2).max(10).optional(),
  nuts2: z.string().trim().min(2).max(10).optional(),
  country: z.string().trim().length(2).optional(),
  service: z.string().trim().min(1).max(64).optional(),
});
export type RouteQueryInput = z.infer<typeof RouteQuery>;

/** What she agreed to share, as sealed for the receiver. */
const SharedIdentity = z.strictObject({ nickname: z.string().nullable(), note: z.string().nullable() });
type SharedIdentity = z.infer<typeof SharedIdentity>;

/** A hand-off as a policy resource: the sender owns it; both organisations it names may read it. */
const partiesOf = (row: Pick<HandoffRow, 'fromOrganisationId' | 'toOrganisationId'>) => ({
  organisationId: row.fromOrganisationId,
  parties: [row.fromOrganisationId, row.toOrganisationId],
});

async function requireContact(tx: Tx, actor: Actor, contactId: string): Promise<ContactRow> {
  const contact = await contactsRepo.find(tx, actor.organisationId, contactId);
  if (!contact || contact.voidedAt) throw errors.notFound();
  requireAccess(actor, 'contact.handoff', { organisationId: contact.organisationId });
  return contact;
}

/** The network's local posts ranked for one contact, with reasons. Only active partners of joined networks. */
export async function routeContact(
  ctx: AppContext,
  actor: Actor,
  contactId: string,
  query: RouteQueryInput = {},
): Promise<{ contactId: string; origin: CallOrigin; posts: RoutedPost[] }> {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const contact = await requireContact(tx, actor, contactId);
      const partners = new Set(await networksRepo.partnerIds(tx));
      const entries = (await directoryRepo.search(tx, {})).filter(
        (e) => e.id !== actor.organisationId && partners.has(e.id),
      );
      const origin: CallOrigin = {
        municipality: contact.placeLevel === 'municipality' ? contact.place : null,
        nuts3: query.nuts3 ?? null,
        nuts2: query.nuts2 ?? null,
        country: query.country ?? null,
        language: contact.language,
        service: query.service ?? null,
      };
      const posts = rankPosts(
        entries.map((e) => ({
          organisationId: e.id,
          name: e.name,
          territoryLevel: e.territoryLevel as 'municipality' | 'nuts3' | 'nuts2' | 'national',
          territory: e.territory,
          languages: e.languages,
          services: e.services,
        })),
        origin,
      );
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: 'handoff.route',
        entityType: 'contact',
        entityId: contactId,
      });
      return { contactId, origin, posts };
    },
    READS_ONLY,
  );
}

/** Who hears of an incoming hand-off: the duty roster, or every active colleague who may answer it. */
async function receivers(tx: Tx, organisationId: string): Promise<string[]> {
  const members = (await usersRepo.listMembers(tx, organisationId)).filter(
    (m) =>
      m.active &&
      can({ userId: m.id, organisationId, roles: m.roles as Role[] }, 'contact.handoff', { organisationId }),
  );
  const onDuty = members.filter((m) => m.onDuty);
  return (onDuty.length ? onDuty : members).map((m) => m.id);
}

/** Hands a contact to a local post of a network the organisation shares with it. */
export async function createHandoff(ctx: AppContext, actor: Actor, input: HandoffCreateInput) {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  const body = HandoffCreateBody.parse(input);
  if (body.toOrganisationId === actor.organisationId)
    throw errors.badRequest('handoff_to_self', 'A contact is handed to another organisation of the network');
  // The receiver's key seals her identity: loaded before the transaction (the embedded engine has one connection).
  await ctx.keyRing.warm(body.toOrganisationId);
  const id = crypto.randomUUID();
  await inTenant(ctx, actor, async (tx) => {
    const contact = await requireContact(tx, actor, body.contactId);
    const networkId = await networksRepo.commonNetworkWith(tx, body.toOrganisationId);
    if (!networkId)
      throw new DomainError('not_in_network', 'This organisation is not a partner in any of your networks');
    if ((await contactHandoffsRepo.ofContact(tx, actor.organisationId, contact.id)).some((h) => h.status === 'pending'))
      throw errors.conflict('handoff_pending', 'This contact is already waiting for a local post to answer');
    let identityEnc: string | null = null;
    if (body.identityShared) {
      const identity: SharedIdentity = {
        nickname: contact.nicknameEnc ? await ctx.keyRing.decrypt(actor.organisationId, contact.nicknameEnc) : null,
        note: contact.noteEnc ? await ctx.keyRing.decrypt(actor.organisationId, contact.noteEnc) : null,
      };
      if (identity.nickname !== null || identity.note !== null)
        identityEnc = await ctx.keyRing.encrypt(body.toOrganisationId, JSON.stringify(identity));
    }
    await contactHandoffsRepo.insert(tx, {
      id,
      networkId,
      fromOrganisationId: actor.organisationId,
      toOrganisationId: body.toOrganisationId,
      contactId: contact.id,
      occurredAt: contact.occurredAt,
      kind: contact.kind,
      placeLevel: contact.placeLevel,
      place: contact.place,
      language: contact.language,
      interpreterUsed: contact.interpreterUsed,
      needs: contact.needs,
      provided: contact.provided,
      identityShared: body.identityShared,
      identityEnc,
      createdBy: actor.userId,
    });
    const fields = [
      'kind',
      'occurred_at',
      'place',
      'language',
      'needs',
      'provided',
      ...(identityEnc ? ['identity'] : []),
    ];
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'handoff.create',
      entityType: 'contact',
      entityId: contact.id,
      fields,
    });
    await asOrganisation(tx, actor, { organisationId: body.toOrganisationId }, async () => {
      await auditRepo.append(tx, {
        organisationId: body.toOrganisationId,
        actorUserId: null,
        action: 'handoff.received',
        entityType: 'handoff',
        entityId: id,
        fields,
      });
      await contactHandoffsRepo.notify(
        tx,
        body.toOrganisationId,
        await receivers(tx, body.toOrganisationId),
        'handoff.received',
        id,
      );
    });
  });
  return getHandoff(ctx, actor, id);
}

/** A hand-off as the viewer's side sees it: the receiver reads her shared identity (if any), the sender does not. */
async function view(ctx: AppContext, actor: Actor, row: HandoffRow) {
  const incoming = row.toOrganisationId === actor.organisationId;
  const identity =
    incoming && row.identityEnc
      ? SharedIdentity.parse(JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, row.identityEnc)))
      : null;
  return { row, direction: (incoming ? 'incoming' : 'outgoing') as 'incoming' | 'outgoing', identity };
}
export type HandoffModel = Awaited<ReturnType<typeof view>>;

export async function getHandoff(ctx: AppContext, actor: Actor, id: string): Promise<HandoffModel> {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const row = await contactHandoffsRepo.find(tx, id);
    if (!row) throw errors.notFound();
    requireAccess(actor, 'contact.handoff', partiesOf(row));
    const model = await view(ctx, actor, row);
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'handoff.read',
      entityType: 'handoff',
      entityId: id,
      fields: model.identity ? ['status', 'identity'] : ['status'],
    });
    return model;
  });
}

/** Incoming and outgoing hand-offs of the organisation, newest first (incoming with what she agreed to share). */
export async function listHandoffs(
  ctx: AppContext,
  actor: Actor,
  q: { status?: 'pending' | 'accepted' | 'declined' } = {},
) {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  return inTenant(ctx, actor, async (tx) => {
    const incoming = await contactHandoffsRepo.list(tx, actor.organisationId, 'incoming', q.status);
    const outgoing = await contactHandoffsRepo.list(tx, actor.organisationId, 'outgoing', q.status);
    const result = {
      incoming: await Promise.all(incoming.map((r) => view(ctx, actor, r))),
      outgoing: await Promise.all(outgoing.map((r) => view(ctx, actor, r))),
    };
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'handoff.list',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: result.incoming.some((m) => m.identity) ? ['status', 'identity'] : ['status'],
    });
    return result;
  });
}

/**
 * The receiving post answers. Accepting records the contact in its own log through the contacts
 * service (its codes checked against the receiver's lists, her nickname linking her repeat contacts
 * there), with her nickname and note only if she agreed and has not withdrawn. The contact is
 * recorded with an idempotency key of the hand-off, so a retried acceptance records it once; if the
 * hand-off changed meanwhile (her agreement withdrawn), that contact is voided and nothing is accepted.
 */
export async function answerHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  answer: { action: 'accept'; version: number } | { action: 'decline'; version: number; reason: DeclineReason },
): Promise<HandoffModel> {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  const pending = async (tx: Tx) => {
    const row = await contactHandoffsRepo.find(tx, id);
    if (!row) throw errors.notFound();
    // Only the receiver answers: the resource is the receiving organisation (the sender is refused as not found).
    if (row.toOrganisationId !== actor.organisationId) throw errors.notFound();
    requireAccess(actor, 'contact.handoff', { organisationId: row.toOrganisationId });
    if (row.status !== 'pending') throw errors.conflict('handoff_answered', 'This hand-off has been answered already');
    if (row.version !== answer.version) throw errors.versionConflict();
    return row;
  };
  let toContactId: string | null = null;
  if (answer.action === 'accept') {
    const row = await inTenant(ctx, actor, pending, READS_ONLY);
    const identity = row.identityEnc
      ? SharedIdentity.parse(JSON.parse(await ctx.keyRing.decrypt(actor.organisationId, row.identityEnc)))
      : null;
    toContactId = (
      await recordContact(
        ctx,
        actor,
        {
          occurredAt: row.occurredAt.toISOString(),
          kind: row.kind as ContactInput['kind'],
          place: { level: row.placeLevel as 'municipality' | 'outreach_route', name: row.place },
          ...(row.language ? { language: row.language } : {}),
          interpreterUsed: row.interpreterUsed,
          needs: row.needs,
          provided: row.provided,
          ...(identity?.nickname ? { nickname: identity.nickname } : {}),
          ...(identity?.note ? { note: identity.note } : {}),
        },
        { idempotencyKey: `handoff:${id}` },
      )
    ).id;
  }
  try {
    await inTenant(ctx, actor, async (tx) => {
      const row = await pending(tx);
      const ok = await contactHandoffsRepo.answer(
        tx,
        id,
        answer.version,
        answer.action === 'accept'
          ? { status: 'accepted', by: actor.userId, toContactId: toContactId! }
          : { status: 'declined', by: actor.userId, reason: answer.reason },
      );
      if (!ok) throw errors.versionConflict();
      const accepted = answer.action === 'accept';
      const past = accepted ? 'accepted' : 'declined';
      await auditRepo.append(tx, {
        organisationId: actor.organisationId,
        actorUserId: actor.userId,
        action: accepted ? 'handoff.accept' : 'handoff.decline',
        entityType: 'handoff',
        entityId: id,
        fields: answer.action === 'accept' ? ['status', 'contact'] : ['status', 'decline_reason'],
      });
      await asOrganisation(tx, actor, { organisationId: row.fromOrganisationId }, async () => {
        await auditRepo.append(tx, {
          organisationId: row.fromOrganisationId,
          actorUserId: null,
          action: accepted ? 'handoff.accepted_by_partner' : 'handoff.declined_by_partner',
          entityType: 'contact',
          entityId: row.contactId,
          fields: ['status'],
        });
        if (row.createdBy)
          await contactHandoffsRepo.notify(tx, row.fromOrganisationId, [row.createdBy], `handoff.${past}`, id);
      });
    });
  } catch (error) {
    // The hand-off changed between recording and accepting: the recorded contact must not stand.
    if (toContactId)
      await voidContact(ctx, actor, toContactId, { reason: 'Hand-off changed before acceptance', version: 1 }).catch(
        () => undefined,
      );
    throw error;
  }
  return getHandoff(ctx, actor, id);
}

/**
 * She withdrew her agreement to share who she is, before the post accepted: the sealed copy is
 * erased at once (the receiver's later reads and acceptance carry nothing of it). The sender does this.
 */
export async function withdrawIdentity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
): Promise<HandoffModel> {
  requireAccess(actor, 'contact.handoff', { organisationId: actor.organisationId });
  await inTenant(ctx, actor, async (tx) => {
    const row = await contactHandoffsRepo.find(tx, id);
    if (!row || row.fromOrganisationId !== actor.organisationId) throw errors.notFound();
    requireAccess(actor, 'contact.handoff', { organisationId: row.fromOrganisationId });
    if (row.status !== 'pending') throw errors.conflict('handoff_answered', 'This hand-off has been answered already');
    if (!row.identityShared) return;
    if (!(await contactHandoffsRepo.withdrawIdentity(tx, id, version))) throw errors.versionConflict();
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'handoff.identity_withdrawn',
      entityType: 'contact',
      entityId: row.contactId,
      fields: ['identity'],
    });
    await asOrganisation(tx, actor, { organisationId: row.toOrganisationId }, () =>
      auditRepo.append(tx, {
        organisationId: row.toOrganisationId,
        actorUserId: null,
        action: 'handoff.identity_withdrawn',
        entityType: 'handoff',
        entityId: id,
        fields: ['identity'],
      }),
    );
  });
  return getHandoff(ctx, actor, id);
}

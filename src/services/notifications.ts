/**
 * In-app notifications: codes and ids only, never personal data. A referral
 * arriving goes to the receiving organisation's duty users (everyone who can
 * answer referrals when nobody is on duty); answers go back to its sender.
 */
import { can, type Actor } from '../policies/policies';
import type { Role } from '../policies/roles';
import { errors } from '../errors';
import type { Tx } from '../storage/database';
import { notificationsRepo } from '../storage/repositories/notifications';
import { usersRepo } from '../storage/repositories/users';
import { inTenant, type AppContext } from './context';

export type NotificationKind =
  | 'referral.received'
  | 'transfer.received'
  | 'referral.accepted'
  | 'referral.declined'
  | 'referral.completed'
  | 'referral.consent_withdrawn';
// Deadline reminders ('deadline.overdue', 'deadline.soon') are written by the scheduled job in src/services/reminders.ts.

/** Kinds sent to the receiving side of a referral: they name the sending organisation. */
const TO_RECEIVER: ReadonlySet<string> = new Set([
  'referral.received',
  'transfer.received',
  'referral.consent_withdrawn',
]);

/** Who hears about an incoming referral: the duty roster, or every active colleague who may answer it. */
async function recipientsFor(ctx: AppContext, organisationId: string): Promise<string[]> {
  return inTenant(ctx, { organisationId }, (tx) => recipientsInTx(tx, organisationId));
}

/** The same, inside a transaction already scoped to that organisation. */
async function recipientsInTx(tx: Tx, organisationId: string): Promise<string[]> {
  const members = (await usersRepo.listMembers(tx, organisationId)).filter(
    (m) =>
      m.active &&
      can({ userId: m.id, organisationId, roles: m.roles as Role[] }, 'referral.respond', { organisationId }),
  );
  const onDuty = members.filter((m) => m.onDuty);
  return (onDuty.length ? onDuty : members).map((m) => m.id);
}

/**
 * Notifications written inside a command's transaction, which the caller has scoped to the
 * receiving organisation (see asOrganisation): they commit or roll back with the command.
 * `to: 'respondents'` reaches the organisation's duty users (or everyone who may answer).
 */
export async function notifyInTx(
  tx: Tx,
  organisationId: string,
  to: 'respondents' | string[],
  kind: NotificationKind,
  referralId: string,
): Promise<void> {
  const users = to === 'respondents' ? await recipientsInTx(tx, organisationId) : to;
  await notificationsRepo.insertFor(tx, organisationId, users, kind, referralId);
}

/** Notifies the receiving organisation of a referral or transfer. */
export async function notifyReceived(
  ctx: AppContext,
  organisationId: string,
  referralId: string,
  kind: 'referral' | 'transfer',
): Promise<void> {
  const users = await recipientsFor(ctx, organisationId);
  await insert(ctx, organisationId, users, `${kind}.received`, referralId);
}

/** Tells the person who sent a referral how the partner answered. */
export async function notifyAnswered(
  ctx: AppContext,
  organisationId: string,
  userId: string,
  referralId: string,
  kind: 'referral.accepted' | 'referral.declined' | 'referral.completed',
): Promise<void> {
  await insert(ctx, organisationId, [userId], kind, referralId);
}

async function insert(
  ctx: AppContext,
  organisationId: string,
  users: string[],
  kind: NotificationKind,
  referralId: string,
) {
  if (users.length === 0) return;
  await inTenant(ctx, { organisationId }, (tx) =>
    notificationsRepo.insertFor(tx, organisationId, users, kind, referralId),
  );
}

export async function listNotifications(ctx: AppContext, actor: Actor) {
  return inTenant(ctx, actor, async (tx) => {
    const rows = await notificationsRepo.recentOf(tx, actor.organisationId, actor.userId, 50);
    return {
      unread: rows.filter((r) => !r.readAt).length,
      notifications: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        referralId: r.referralId,
        requestedService: r.requestedService,
        partner: (TO_RECEIVER.has(r.kind) ? r.fromName : r.toName) ?? '',
        caseId: r.caseId,
        caseReference: r.caseReference,
        detail: r.detail,
        dueDate: r.dueDate,
        createdAt: new Date(r.createdAt).toISOString(),
        read: Boolean(r.readAt),
      })),
    };
  });
}

export async function markRead(ctx: AppContext, actor: Actor, id: string | 'all'): Promise<void> {
  await inTenant(ctx, actor, async (tx) => {
    const updated = await notificationsRepo.markRead(tx, actor.organisationId, actor.userId, id);
    if (id !== 'all' && updated === 0) {
      if (!(await notificationsRepo.exists(tx, actor.organisationId, actor.userId, id))) throw errors.notFound();
    }
  });
}

/**
 * An administrator's changes to her organisation's reference lists (issue #17): labels in every
 * language, new items, order, retiring and restoring (never deleting: old records keep the code), and
 * the release proposals she accepts or dismisses. Each change names the list version it was made on
 * (409 otherwise) and is audited; the answer is the list as it now is.
 */
import {
  checkOrder,
  metaWith,
  type AddItemInput,
  type EditItemInput,
  type ListVersionInput,
  type ReorderInput,
} from '../domain/reference/admin';
import { DomainError } from '../domain/errors';
import { errors } from '../errors';
import type { Actor } from '../policies/policies';
import type { Tx } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { referenceAdminRepo, type ProposalRow, type StoredList } from '../storage/repositories/reference-items';
import { requireAccess } from './authorize';
import { inTenant, type AppContext } from './context';
import { loadLists, type ListView } from './reference-lists';

export type { ProposalRow };

type AuditAction =
  | 'reference.item.add'
  | 'reference.item.edit'
  | 'reference.item.retire'
  | 'reference.item.restore'
  | 'reference.list.reorder'
  | 'reference.proposal.accept'
  | 'reference.proposal.dismiss';

const own = (actor: Actor) => ({ organisationId: actor.organisationId });

/** The list (loaded, so seeded and proposals computed), or 404: an unknown key is nobody's list. */
async function requireList(tx: Tx, actor: Actor, listKey: string): Promise<StoredList> {
  const found = (await loadLists(tx, actor.organisationId)).all.find((l) => l.key === listKey);
  if (!found) throw errors.notFound();
  return found;
}

function requireItem(list: StoredList, code: string) {
  const item = list.items.find((i) => i.code === code);
  if (!item) throw errors.notFound();
  return item;
}

/** Raises the list's version from the one the change was made on, or refuses with 409. */
async function claimVersion(tx: Tx, actor: Actor, listKey: string, expected: number): Promise<void> {
  if (!(await referenceAdminRepo.bumpVersion(tx, actor.organisationId, listKey, expected)))
    throw errors.versionConflict();
}

async function record(tx: Tx, actor: Actor, action: AuditAction, fields: string[]): Promise<void> {
  await auditRepo.append(tx, {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    action,
    entityType: 'reference_list',
    entityId: null,
    fields,
  });
}

async function viewOf(tx: Tx, actor: Actor, listKey: string): Promise<ListView> {
  const found = (await referenceAdminRepo.listAll(tx, actor.organisationId)).find((l) => l.key === listKey);
  const versions = await referenceAdminRepo.versions(tx, actor.organisationId);
  return { key: listKey, items: found?.items ?? [], version: versions.get(listKey) ?? 1 };
}

const nextOrder = (list: StoredList) => Math.max(-1, ...list.items.map((i) => i.order)) + 1;

export async function addItem(ctx: AppContext, actor: Actor, listKey: string, input: AddItemInput): Promise<ListView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const list = await requireList(tx, actor, listKey);
    const meta = metaWith(listKey, {}, input.palermoMeans);
    await claimVersion(tx, actor, listKey, input.version);
    // Codes are unique in a list, retired ones included: a retired code still means what it meant.
    const added = await referenceAdminRepo.insertItem(tx, actor.organisationId, listKey, {
      code: input.code,
      label: input.labels as Record<string, string>,
      order: nextOrder(list),
      meta,
    });
    if (!added)
      throw new DomainError('code_taken', `"${input.code}" is already an item of this list (perhaps retired)`, {
        field: 'code',
      });
    await record(tx, actor, 'reference.item.add', [`${listKey}.${input.code}`]);
    return viewOf(tx, actor, listKey);
  });
}

export async function editItem(
  ctx: AppContext,
  actor: Actor,
  listKey: string,
  code: string,
  input: EditItemInput,
): Promise<ListView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const item = requireItem(await requireList(tx, actor, listKey), code);
    const meta = metaWith(listKey, item.meta, input.palermoMeans);
    await claimVersion(tx, actor, listKey, input.version);
    await referenceAdminRepo.updateItem(tx, actor.organisationId, listKey, code, {
      ...(input.labels ? { label: input.labels as Record<string, string> } : {}),
      meta,
    });
    const languages = Object.keys(input.labels ?? {}).map((l) => `labels.${l}`);
    const marked = input.palermoMeans === undefined ? [] : ['palermoMeans'];
    await record(tx, actor, 'reference.item.edit', [`${listKey}.${code}`, ...languages, ...marked]);
    return viewOf(tx, actor, listKey);
  });
}

/** Retired items are refused for new records and stay labelled on old ones; restoring offers them again. */
export async function setItemActive(
  ctx: AppContext,
  actor: Actor,
  listKey: string,
  code: string,
  active: boolean,
  input: ListVersionInput,
): Promise<ListView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const list = await requireList(tx, actor, listKey);
    requireItem(list, code);
    // The last active item stays: a list with nothing to choose would block every form that needs it.
    if (!active && list.items.filter((i) => i.active && i.code !== code).length === 0)
      throw new DomainError('last_active_item', 'A list keeps at least one active item', { field: 'code' });
    await claimVersion(tx, actor, listKey, input.version);
    await referenceAdminRepo.updateItem(tx, actor.organisationId, listKey, code, { active });
    await record(tx, actor, active ? 'reference.item.restore' : 'reference.item.retire', [`${listKey}.${code}`]);
    return viewOf(tx, actor, listKey);
  });
}

export async function reorderList(
  ctx: AppContext,
  actor: Actor,
  listKey: string,
  input: ReorderInput,
): Promise<ListView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const list = await requireList(tx, actor, listKey);
    checkOrder(
      list.items.map((i) => i.code),
      input.codes,
    );
    await claimVersion(tx, actor, listKey, input.version);
    for (const [order, code] of input.codes.entries())
      await referenceAdminRepo.updateItem(tx, actor.organisationId, listKey, code, { order });
    await record(tx, actor, 'reference.list.reorder', [listKey]);
    return viewOf(tx, actor, listKey);
  });
}

export async function listProposals(ctx: AppContext, actor: Actor): Promise<ProposalRow[]> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    await loadLists(tx, actor.organisationId);
    return referenceAdminRepo.openProposals(tx, actor.organisationId);
  });
}

/** Accepting adds the seed item at the end of her list (her order is hers); dismissing keeps it out for good. */
export async function decideProposal(
  ctx: AppContext,
  actor: Actor,
  listKey: string,
  code: string,
  decision: 'accept' | 'dismiss',
): Promise<ListView> {
  requireAccess(actor, 'configuration.manage', own(actor));
  return inTenant(ctx, actor, async (tx) => {
    const list = await requireList(tx, actor, listKey);
    const proposal = await referenceAdminRepo.decideProposal(
      tx,
      actor.organisationId,
      listKey,
      code,
      decision === 'accept' ? 'accepted' : 'dismissed',
      actor.userId,
    );
    if (!proposal) throw errors.notFound();
    if (decision === 'accept') {
      const versions = await referenceAdminRepo.versions(tx, actor.organisationId);
      await claimVersion(tx, actor, listKey, versions.get(listKey) ?? 1);
      await referenceAdminRepo.insertItem(tx, actor.organisationId, listKey, {
        code: proposal.code,
        label: proposal.label,
        order: nextOrder(list),
        meta: proposal.meta,
      });
    }
    await record(tx, actor, decision === 'accept' ? 'reference.proposal.accept' : 'reference.proposal.dismiss', [
      `${listKey}.${code}`,
    ]);
    return viewOf(tx, actor, listKey);
  });
}

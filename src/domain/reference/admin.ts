/**
 * Administering an organisation's reference lists (issue #17): the bodies an administrator sends, and
 * the pure rules behind them. Items are never deleted, only retired (a retired code stays on the
 * records that used it, labelled); every change names the list version it was made on, so two
 * administrators never overwrite each other silently; items a release adds to a seed list reach an
 * organisation that already has the list as proposals she accepts or dismisses.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { LOCALES } from '../roles/catalogue';
import { code, Version } from '../shared/zod';
import type { ReferenceItem, ReferenceList } from './types';

/** A list key as the seed and the database spell it. */
export const ListKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'Use lower-case letters, digits and _');

/** An item's label in every language of locales/; English always, as the fallback for the others. */
export const ItemLabelsSchema = z
  .partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(200))
  .refine((labels) => typeof labels.en === 'string', { message: 'Give the English label', path: ['en'] });
export type ItemLabels = z.infer<typeof ItemLabelsSchema>;

/** The list's version the change was made on (see the list view), for optimistic locking. */
const ListVersion = { version: Version };

export const AddItemInputSchema = z.strictObject({
  code,
  labels: ItemLabelsSchema,
  /** Only for palermo_means: whether the item is one of the means of Art. 3(a). */
  palermoMeans: z.boolean().optional(),
  ...ListVersion,
});
export type AddItemInput = z.infer<typeof AddItemInputSchema>;

export const EditItemInputSchema = z.strictObject({
  labels: ItemLabelsSchema.optional(),
  palermoMeans: z.boolean().optional(),
  ...ListVersion,
});
export type EditItemInput = z.infer<typeof EditItemInputSchema>;

export const ListVersionInputSchema = z.strictObject(ListVersion);
export type ListVersionInput = z.infer<typeof ListVersionInputSchema>;

export const ReorderInputSchema = z.strictObject({ codes: z.array(code).min(1).max(500), ...ListVersion });
export type ReorderInput = z.infer<typeof ReorderInputSchema>;

/** The list whose items may carry the Palermo means mark. */
export const MEANS_LIST = 'palermo_means';

/** An item counts as a Palermo means only when it is marked as one; a local "none observed" never is. */
export function isPalermoMeans(item: Pick<ReferenceItem, 'meta'>): boolean {
  return item.meta?.palermoMeans === true;
}

/**
 * The codes of the organisation's means list that count as means (retired ones too: a record made
 * before an item was retired keeps its meaning).
 *
 * @example palermoMeansCodes([{ key: 'palermo_means', items: [{ code: 'fraud', meta: { palermoMeans: true } }, { code: 'none_observed' }] }]) // Set { 'fraud' }
 */
export function palermoMeansCodes(
  lists: { key: string; items: Pick<ReferenceItem, 'code' | 'meta'>[] }[],
): Set<string> {
  const means = lists.find((l) => l.key === MEANS_LIST)?.items ?? [];
  return new Set(means.filter(isPalermoMeans).map((i) => i.code));
}

/** The meta of an item after an edit: the means mark is set only on the means list, and refused elsewhere. */
export function metaWith(
  listKey: string,
  meta: Record<string, unknown> | undefined,
  palermoMeans: boolean | undefined,
): Record<string, unknown> {
  if (palermoMeans === undefined) return { ...(meta ?? {}) };
  if (listKey !== MEANS_LIST)
    throw new DomainError('means_mark_elsewhere', 'Only items of the means list can be marked as a Palermo means', {
      field: 'palermoMeans',
    });
  const { palermoMeans: _previous, ...rest } = meta ?? {};
  return palermoMeans ? { ...rest, palermoMeans: true } : rest;
}

/**
 * A new order must name every item of the list exactly once (retired ones too), so a reorder can
 * never drop or invent an item.
 */
export function checkOrder(current: string[], proposed: string[]): void {
  const known = new Set(current);
  const seen = new Set<string>();
  for (const c of proposed) {
    if (!known.has(c) || seen.has(c))
      throw new DomainError('invalid_order', `"${c}" is not an item of the list, or is named twice`, {
        field: 'codes',
      });
    seen.add(c);
  }
  if (seen.size !== known.size)
    throw new DomainError('invalid_order', 'Name every item of the list once', { field: 'codes' });
}

export interface SeedProposal {
  listKey: string;
  item: ReferenceItem;
}

/**
 * What a release adds to the seed lists that the organisation already has: the seed items whose code
 * is neither in her list (active or retired, her own or accepted) nor already proposed (open, accepted
 * or dismissed). Computing it twice gives nothing new, and a dismissed item is never proposed again.
 * Lists she does not have yet are seeded whole elsewhere, so they bring no proposals.
 *
 * @example newProposals([list('services', ['legal', 'dental'])], new Map([['services', new Set(['legal'])]]), new Set()) // [{ listKey: 'services', item: dental }]
 */
export function newProposals(
  seed: ReferenceList[],
  present: ReadonlyMap<string, ReadonlySet<string>>,
  proposed: ReadonlySet<string>,
): SeedProposal[] {
  const out: SeedProposal[] = [];
  for (const l of seed) {
    const codes = present.get(l.key);
    if (!codes) continue;
    for (const item of l.items)
      if (!codes.has(item.code) && !proposed.has(proposalKey(l.key, item.code))) out.push({ listKey: l.key, item });
  }
  return out;
}

/** One key for a (list, code) pair in sets. */
export const proposalKey = (listKey: string, itemCode: string) => `${listKey}\u0000${itemCode}`;

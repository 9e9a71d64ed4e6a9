/** The organisation's reference lists, seeded from the defaults on first use, and code validation against them. */
import { DomainError } from '../domain/errors';
import { defaultReferenceLists, type ListKey, type ReferenceList } from '../domain/reference';
import type { Actor } from '../policies/policies';
import { withTenant, type Tx } from '../storage/database';
import { referenceItemsRepo } from '../storage/repositories/reference-items';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export interface ListIndex {
  lists: ReferenceList[];
  has(key: ListKey | string, code: string): boolean;
  meta(key: ListKey | string, code: string): Record<string, unknown> | undefined;
  /** Throws unknown_list_value unless every code is an active item of the list. */
  check(key: ListKey | string, codes: string | string[] | undefined | null, field: string): void;
}

export async function loadLists(tx: Tx, organisationId: string): Promise<ListIndex> {
  let lists = await referenceItemsRepo.listActive(tx, organisationId);
  // First use seeds every list; a list added to the defaults later (risk questions, child-protection
  // rules) is seeded once it is missing. Rows already there, even deactivated ones, are kept as they are.
  const present = new Set(lists.map((l) => l.key));
  const missing = defaultReferenceLists.filter((l) => !present.has(l.key));
  if (missing.length > 0) {
    await referenceItemsRepo.seed(tx, organisationId, missing);
    lists = await referenceItemsRepo.listActive(tx, organisationId);
  }
  const byKey = new Map(lists.map((l) => [l.key, new Map(l.items.map((i) => [i.code, i]))]));
  return {
    lists,
    has: (key, code) => byKey.get(key)?.has(code) ?? false,
    meta: (key, code) => byKey.get(key)?.get(code)?.meta,
    check(key, codes, field) {
      if (codes === undefined || codes === null) return;
      for (const code of Array.isArray(codes) ? codes : [codes]) {
        if (!byKey.get(key)?.has(code))
          throw new DomainError('unknown_list_value', `"${code}" is not in the list ${key}`, { field, list: key });
      }
    },
  };
}

export async function referenceLists(ctx: AppContext, actor: Actor): Promise<ReferenceList[]> {
  requireAccess(actor, 'reference.read', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => (await loadLists(tx, actor.organisationId)).lists);
}

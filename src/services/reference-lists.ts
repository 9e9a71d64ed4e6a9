/** The organisation's reference lists, seeded from the defaults on first use, and code validation against them. */
import { DomainError } from '../domain/errors';
import { defaultReferenceLists, type ListKey, type ReferenceList } from '../domain/reference';
import type { Actor } from '../policies/policies';
import { withTenant, type Tx } from '../storage/database';
import { newProposals, palermoMeansCodes, proposalKey } from '../domain/reference/admin';
import { referenceAdminRepo, referenceItemsRepo, type StoredList } from '../storage/repositories/reference-items';
import { requireAccess } from './authorize';
import type { AppContext } from './context';

export interface ListIndex {
  /** Active items only: what a new record may choose, and what validation accepts. */
  lists: ReferenceList[];
  /** Every item, retired ones flagged: old records keep a retired code, and it is still labelled. */
  all: StoredList[];
  has(key: ListKey | string, code: string): boolean;
  meta(key: ListKey | string, code: string): Record<string, unknown> | undefined;
  /** Throws unknown_list_value unless every code is an active item of the list. */
  check(key: ListKey | string, codes: string | string[] | undefined | null, field: string): void;
  /** The means that count in the Palermo derivation: the marked items, retired ones included. */
  palermoMeans: ReadonlySet<string>;
}

export async function loadLists(tx: Tx, organisationId: string): Promise<ListIndex> {
  let all = await referenceAdminRepo.listAll(tx, organisationId);
  // First use seeds every list; a list added to the defaults later (risk questions, child-protection
  // rules) is seeded once it is missing. Rows already there, even retired ones, are kept as they are.
  const present = new Set(all.map((l) => l.key));
  const missing = defaultReferenceLists.filter((l) => !present.has(l.key));
  if (missing.length > 0) {
    await referenceItemsRepo.seed(tx, organisationId, missing);
    all = await referenceAdminRepo.listAll(tx, organisationId);
  }
  await proposeReleaseItems(tx, organisationId, all);
  const lists: ReferenceList[] = all.map((l) => ({
    key: l.key,
    items: l.items.filter((i) => i.active).map(({ active: _active, ...item }) => item),
  }));
  const byKey = new Map(lists.map((l) => [l.key, new Map(l.items.map((i) => [i.code, i]))]));
  return {
    lists,
    all,
    has: (key, code) => byKey.get(key)?.has(code) ?? false,
    meta: (key, code) => byKey.get(key)?.get(code)?.meta,
    check(key, codes, field) {
      if (codes === undefined || codes === null) return;
      for (const code of Array.isArray(codes) ? codes : [codes]) {
        if (!byKey.get(key)?.has(code))
          throw new DomainError('unknown_list_value', `"${code}" is not in the list ${key}`, { field, list: key });
      }
    },
    palermoMeans: palermoMeansCodes(all),
  };
}

/**
 * Seed items a release added to a list she already has become proposals, once: the in-memory check
 * costs nothing when the seed brings nothing new; otherwise the proposals already made (open, accepted
 * or dismissed) are read so that none is made twice. Her own items and edits are never touched.
 */
async function proposeReleaseItems(tx: Tx, organisationId: string, all: StoredList[]): Promise<void> {
  const codes = new Map(all.map((l) => [l.key, new Set(l.items.map((i) => i.code))]));
  if (newProposals(defaultReferenceLists, codes, new Set()).length === 0) return;
  const proposed = new Set(
    (await referenceAdminRepo.proposedCodes(tx, organisationId)).map((p) => proposalKey(p.listKey, p.code)),
  );
  await referenceAdminRepo.insertProposals(tx, organisationId, newProposals(defaultReferenceLists, codes, proposed));
}

/** A list as readers and administrators see it: every item, retired ones flagged, and the list's version. */
export interface ListView extends StoredList {
  version: number;
}

/**
 * The organisation's lists with retired items too (flagged inactive): the web labels old records that
 * carry a retired code with them, and offers only the active ones for new records.
 */
export async function referenceLists(ctx: AppContext, actor: Actor): Promise<ListView[]> {
  requireAccess(actor, 'reference.read', { organisationId: actor.organisationId });
  return withTenant(ctx.db, actor, async (tx) => {
    const { all } = await loadLists(tx, actor.organisationId);
    const versions = await referenceAdminRepo.versions(tx, actor.organisationId);
    return all.map((l) => ({ ...l, version: versions.get(l.key) ?? 1 }));
  });
}

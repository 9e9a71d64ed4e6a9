/** The organisation's copy of the reference lists. */
import type { Kysely } from 'kysely';
import type { ReferenceList } from '../../domain/reference';
import type { DB } from '../schema';

export const referenceItemsRepo = {
  async seed(db: Kysely<DB>, organisationId: string, lists: ReferenceList[]): Promise<void> {
    const rows = lists.flatMap((l) =>
      l.items.map((item) => ({
        organisation_id: organisationId,
        list_key: l.key,
        code: item.code,
        labels: JSON.stringify(item.label),
        sort_order: item.order,
        meta: JSON.stringify(item.meta ?? {}),
      })),
    );
    if (rows.length === 0) return;
    await db
      .insertInto('reference_items')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async listActive(db: Kysely<DB>, organisationId: string): Promise<ReferenceList[]> {
    const rows = await db
      .selectFrom('reference_items')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('active', '=', true)
      .orderBy('list_key')
      .orderBy('sort_order')
      .execute();
    const byKey = new Map<string, ReferenceList>();
    for (const row of rows) {
      const list = byKey.get(row.list_key) ?? { key: row.list_key, items: [] };
      list.items.push({
        code: row.code,
        label: row.labels as ReferenceList['items'][number]['label'],
        order: row.sort_order,
        meta: row.meta,
      });
      byKey.set(row.list_key, list);
    }
    return [...byKey.values()];
  },
};

/** An item of the organisation's copy, retired ones included (flagged), as administrators and labels need them. */
export interface StoredItem {
  code: string;
  label: Record<string, string> & { en: string };
  order: number;
  meta: Record<string, unknown>;
  active: boolean;
}
export interface StoredList {
  key: string;
  items: StoredItem[];
}

export interface ProposalRow {
  listKey: string;
  code: string;
  label: Record<string, string> & { en: string };
  order: number;
  meta: Record<string, unknown>;
  proposedAt: Date;
}

/** Administration of the lists (migration 039): items, the list versions and release proposals. */
export const referenceAdminRepo = {
  async listAll(db: Kysely<DB>, organisationId: string): Promise<StoredList[]> {
    const rows = await db
      .selectFrom('reference_items')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('list_key')
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
    const byKey = new Map<string, StoredList>();
    for (const row of rows) {
      const l = byKey.get(row.list_key) ?? { key: row.list_key, items: [] };
      l.items.push({
        code: row.code,
        label: row.labels as StoredItem['label'],
        order: row.sort_order,
        meta: row.meta,
        active: row.active,
      });
      byKey.set(row.list_key, l);
    }
    return [...byKey.values()];
  },

  /** Every list's version; a list with no row is at version 1. */
  async versions(db: Kysely<DB>, organisationId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('reference_lists')
      .select(['list_key', 'version'])
      .where('organisation_id', '=', organisationId)
      .execute();
    return new Map(rows.map((r) => [r.list_key, r.version]));
  },

  /**
   * Raises the list's version from `expected`, holding the row until the transaction ends; false when
   * the list is at another version (another administrator changed it meanwhile).
   */
  async bumpVersion(db: Kysely<DB>, organisationId: string, listKey: string, expected: number): Promise<boolean> {
    await db
      .insertInto('reference_lists')
      .values({ organisation_id: organisationId, list_key: listKey })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const updated = await db
      .updateTable('reference_lists')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('organisation_id', '=', organisationId)
      .where('list_key', '=', listKey)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  },

  async insertItem(
    db: Kysely<DB>,
    organisationId: string,
    listKey: string,
    item: { code: string; label: Record<string, string>; order: number; meta: Record<string, unknown> },
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('reference_items')
      .values({
        organisation_id: organisationId,
        list_key: listKey,
        code: item.code,
        labels: JSON.stringify(item.label),
        sort_order: item.order,
        meta: JSON.stringify(item.meta),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  },

  async updateItem(
    db: Kysely<DB>,
    organisationId: string,
    listKey: string,
    code: string,
    changes: { label?: Record<string, string>; meta?: Record<string, unknown>; active?: boolean; order?: number },
  ): Promise<void> {
    await db
      .updateTable('reference_items')
      .set({
        ...(changes.label ? { labels: JSON.stringify(changes.label) } : {}),
        ...(changes.meta ? { meta: JSON.stringify(changes.meta) } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.order !== undefined ? { sort_order: changes.order } : {}),
      })
      .where('organisation_id', '=', organisationId)
      .where('list_key', '=', listKey)
      .where('code', '=', code)
      .execute();
  },

  /** Every proposal's (list, code), whatever was decided: a decided one is never proposed again. */
  async proposedCodes(db: Kysely<DB>, organisationId: string): Promise<{ listKey: string; code: string }[]> {
    return db
      .selectFrom('reference_item_proposals')
      .select(['list_key as listKey', 'code'])
      .where('organisation_id', '=', organisationId)
      .execute();
  },

  async insertProposals(
    db: Kysely<DB>,
    organisationId: string,
    proposals: {
      listKey: string;
      item: { code: string; label: Record<string, string>; order: number; meta?: Record<string, unknown> };
    }[],
  ): Promise<void> {
    if (proposals.length === 0) return;
    await db
      .insertInto('reference_item_proposals')
      .values(
        proposals.map((p) => ({
          organisation_id: organisationId,
          list_key: p.listKey,
          code: p.item.code,
          labels: JSON.stringify(p.item.label),
          sort_order: p.item.order,
          meta: JSON.stringify(p.item.meta ?? {}),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async openProposals(db: Kysely<DB>, organisationId: string): Promise<ProposalRow[]> {
    const rows = await db
      .selectFrom('reference_item_proposals')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'open')
      .orderBy('list_key')
      .orderBy('sort_order')
      .execute();
    return rows.map((r) => ({
      listKey: r.list_key,
      code: r.code,
      label: r.labels as ProposalRow['label'],
      order: r.sort_order,
      meta: r.meta,
      proposedAt: r.proposed_at,
    }));
  },

  /** Decides an open proposal; the proposal as it was, or undefined when there is no open one. */
  async decideProposal(
    db: Kysely<DB>,
    organisationId: string,
    listKey: string,
    code: string,
    status: 'accepted' | 'dismissed',
    userId: string,
  ): Promise<ProposalRow | undefined> {
    const row = await db
      .updateTable('reference_item_proposals')
      .set({ status, decided_at: new Date(), decided_by: userId })
      .where('organisation_id', '=', organisationId)
      .where('list_key', '=', listKey)
      .where('code', '=', code)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    return row
      ? {
          listKey: row.list_key,
          code: row.code,
          label: row.labels as ProposalRow['label'],
          order: row.sort_order,
          meta: row.meta,
          proposedAt: row.proposed_at,
        }
      : undefined;
  },
};

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

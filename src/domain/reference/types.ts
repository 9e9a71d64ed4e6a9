/**
 * Reference lists: the seed configuration (channels, services, programme types...)
 * that each country and organisation edits, extends and translates. Data, not enums.
 */
import { z } from 'zod';
import { labelsFor } from '../../i18n/resources';
import { code } from '../shared/zod';

/** A text per language code; English always (the fallback), others as translated (locales/<language>/lists.json). */
export const LabelsSchema = z.object({ en: z.string().min(1) }).catchall(z.string().min(1));
export type Labels = z.infer<typeof LabelsSchema>;

export const ReferenceItemSchema = z.object({
  code,
  label: LabelsSchema,
  order: z.number().int(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ReferenceItem = z.infer<typeof ReferenceItemSchema>;

export const ReferenceListSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  items: z.array(ReferenceItemSchema),
});
export type ReferenceList = z.infer<typeof ReferenceListSchema>;

/**
 * Builds a list from its codes (optionally with meta) in order; the labels are the `lists`
 * namespace's `<key>.<code>` in every language of locales/ (see src/i18n/resources.ts).
 *
 * @example list('risk_levels', ['low', 'medium', 'high']).items[0].label.fr // 'Faible'
 */
export function list(key: string, rows: (string | [string, Record<string, unknown>])[]): ReferenceList {
  return {
    key,
    items: rows.map((row, order) => {
      const [code, meta] = typeof row === 'string' ? [row, undefined] : row;
      return { code, label: labelsFor('lists', `${key}.${code}`), order, ...(meta ? { meta } : {}) };
    }),
  };
}

/** The item with this code, or undefined (inactive or unknown codes are refused by callers). */
export function findItem(referenceList: ReferenceList, code: string): ReferenceItem | undefined {
  return referenceList.items.find((item) => item.code === code);
}

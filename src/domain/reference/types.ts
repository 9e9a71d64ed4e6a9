/**
 * Reference lists: the seed configuration (channels, services, programme types...)
 * that each country and organisation edits, extends and translates. Data, not enums.
 */
import { z } from 'zod';

export const LabelsSchema = z.object({ en: z.string().min(1), fr: z.string().min(1), it: z.string().min(1), sk: z.string().min(1) });
export type Labels = z.infer<typeof LabelsSchema>;

export const ReferenceItemSchema = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9_]{0,63}$/),
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

/** Builds a list from compact rows: [code, en, fr, it, sk, meta?]. */
export function list(key: string, rows: [string, string, string, string, string, Record<string, unknown>?][]): ReferenceList {
  return { key, items: rows.map(([code, en, fr, it, sk, meta], order) => ({ code, label: { en, fr, it, sk }, order, ...(meta ? { meta } : {}) })) };
}

/** The item with this code, or undefined (inactive or unknown codes are refused by callers). */
export function findItem(referenceList: ReferenceList, code: string): ReferenceItem | undefined {
  return referenceList.items.find((item) => item.code === code);
}

/**
 * Reference lists: the seed configuration (channels, services, programme types...)
 * that each country and organisation edits, extends and translates. Data, not enums.
 * Free of Node modules, so the web may import its schemas; the seed builder, which reads the
 * labels from locales/, is in ./seed.ts.
 */
import { z } from 'zod';
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

/** The item with this code, or undefined (inactive or unknown codes are refused by callers). */
export function findItem(referenceList: ReferenceList, code: string): ReferenceItem | undefined {
  return referenceList.items.find((item) => item.code === code);
}

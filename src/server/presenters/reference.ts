/**
 * Exactly which fields of the organisation's reference lists leave the server: each item's code, order,
 * label in the languages the server knows (English always), and the named meta fields the lists carry
 * (src/domain/reference/*): a service's category, an accommodation's typical months, a programme's or a
 * reflection period's country, its days or months, a programme's need of a pre-departure risk assessment.
 */
import { z } from 'zod';
import type { ReferenceItem, ReferenceList } from '../../domain/reference';
import { LOCALES } from '../../domain/roles/catalogue';
import { closedMap, pickKeys } from './closed';

const ReferenceLabelsSchema = closedMap(LOCALES, z.string()).extend({ en: z.string() });

export const ReferenceMetaSchema = z
  .strictObject({
    category: z.string().optional(),
    typicalMonths: z.array(z.number().int()).optional(),
    country: z.string().optional(),
    days: z.number().int().optional(),
    months: z.number().int().optional(),
    requiresPreDepartureRiskAssessment: z.boolean().optional(),
    weight: z.number().optional().describe('A risk question: added to the score for "yes", half for "unknown"'),
    atLeast: z.string().optional().describe('A risk question: the level a "yes" forces, whatever the score'),
    minScore: z.number().optional().describe('A risk level: the score from which it is suggested'),
  })
  .meta({ id: 'ReferenceItemMeta' });
type ReferenceMeta = z.infer<typeof ReferenceMetaSchema>;

export const ReferenceItemViewSchema = z
  .strictObject({
    code: z.string(),
    label: ReferenceLabelsSchema,
    order: z.number().int(),
    meta: ReferenceMetaSchema.optional(),
  })
  .meta({ id: 'ReferenceItem' });
type ReferenceItemView = z.infer<typeof ReferenceItemViewSchema>;

export const ReferenceListViewSchema = z
  .strictObject({ key: z.string(), items: z.array(ReferenceItemViewSchema) })
  .meta({ id: 'ReferenceList' });
type ReferenceListView = z.infer<typeof ReferenceListViewSchema>;

function presentMeta(meta: Record<string, unknown>): ReferenceMeta {
  const out: ReferenceMeta = {};
  if (typeof meta.category === 'string') out.category = meta.category;
  if (Array.isArray(meta.typicalMonths))
    out.typicalMonths = meta.typicalMonths.filter((m): m is number => Number.isInteger(m));
  if (typeof meta.country === 'string') out.country = meta.country;
  if (Number.isInteger(meta.days)) out.days = meta.days as number;
  if (Number.isInteger(meta.months)) out.months = meta.months as number;
  if (typeof meta.requiresPreDepartureRiskAssessment === 'boolean')
    out.requiresPreDepartureRiskAssessment = meta.requiresPreDepartureRiskAssessment;
  if (typeof meta.weight === 'number' && Number.isFinite(meta.weight)) out.weight = meta.weight;
  if (typeof meta.atLeast === 'string') out.atLeast = meta.atLeast;
  if (typeof meta.minScore === 'number' && Number.isFinite(meta.minScore)) out.minScore = meta.minScore;
  return out;
}

function presentItem(item: ReferenceItem): ReferenceItemView {
  return {
    code: item.code,
    label: { ...pickKeys(item.label, LOCALES), en: item.label.en },
    order: item.order,
    ...(item.meta ? { meta: presentMeta(item.meta) } : {}),
  };
}

export function presentReferenceList(l: ReferenceList): ReferenceListView {
  return { key: l.key, items: l.items.map(presentItem) };
}

/**
 * Exactly which fields of the organisation's reference lists leave the server: each item's code, order,
 * label in the languages the server knows (English always), and the named meta fields the lists carry
 * (src/domain/reference/*): a service's category, an accommodation's typical months, a programme's or a
 * reflection period's country, its days or months, a programme's need of a pre-departure risk assessment.
 */
import { z } from 'zod';
import type { ReferenceItem } from '../../domain/reference';
import type { ListView } from '../../services/reference-lists';
import type { ProposalRow } from '../../services/reference-admin';
import { LabelsOutSchema as ReferenceLabelsSchema, labelsOut } from './closed';

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
    palermoMeans: z
      .boolean()
      .optional()
      .describe('A means item: counts as a means of Art. 3(a) in the Palermo derivation (only marked items do)'),
  })
  .meta({ id: 'ReferenceItemMeta' });
type ReferenceMeta = z.infer<typeof ReferenceMetaSchema>;

export const ReferenceItemViewSchema = z
  .strictObject({
    code: z.string(),
    label: ReferenceLabelsSchema,
    order: z.number().int(),
    meta: ReferenceMetaSchema.optional(),
    active: z.boolean().describe('Retired items are false: refused for new records, still labelled on old ones'),
  })
  .meta({ id: 'ReferenceItem' });
type ReferenceItemView = z.infer<typeof ReferenceItemViewSchema>;

export const ReferenceListViewSchema = z
  .strictObject({
    key: z.string(),
    version: z.number().int().describe('Send it back with a change: another change since is refused (409)'),
    items: z.array(ReferenceItemViewSchema),
  })
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
  if (meta.palermoMeans === true) out.palermoMeans = true;
  return out;
}

function presentItem(item: ReferenceItem & { active: boolean }): ReferenceItemView {
  return {
    code: item.code,
    label: labelsOut(item.label),
    order: item.order,
    ...(item.meta ? { meta: presentMeta(item.meta) } : {}),
    active: item.active,
  };
}

export function presentReferenceList(l: ListView): ReferenceListView {
  return { key: l.key, version: l.version, items: l.items.map(presentItem) };
}

/** A seed item a release added, proposed for her list: its code, order in the seed, labels and meta. */
export const ReferenceProposalViewSchema = z
  .strictObject({
    listKey: z.string(),
    code: z.string(),
    label: ReferenceLabelsSchema,
    meta: ReferenceMetaSchema,
    proposedAt: z.string(),
  })
  .meta({ id: 'ReferenceProposal' });
type ReferenceProposalView = z.infer<typeof ReferenceProposalViewSchema>;

export function presentProposal(p: ProposalRow): ReferenceProposalView {
  return {
    listKey: p.listKey,
    code: p.code,
    label: labelsOut(p.label),
    meta: presentMeta(p.meta),
    proposedAt: p.proposedAt.toISOString(),
  };
}

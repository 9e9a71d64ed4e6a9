/**
 * The employer directory's request bodies (issue #19): an employer that takes part in labour-market
 * insertion, its company tutors and the agreements signed with it. Company data only: the contact is
 * the company's business contact, never a person placed. One Zod schema validates at the edge (and
 * feeds the OpenAPI document); the service takes its inferred type.
 */
import { z } from 'zod';
import { code, isoDate } from '../shared/zod';

const text = (max: number) => z.string().trim().max(max);

export const TERRITORY_LEVELS = ['municipality', 'nuts3', 'nuts2', 'national'] as const;
export const AGREEMENT_KINDS = ['internship_agreement', 'placement_agreement', 'framework'] as const;

export const EmployerBody = z.strictObject({
  name: text(200).min(1),
  /** A code of the organisation's economic_sectors list (checked by the service). */
  sector: code,
  territoryLevel: z.enum(TERRITORY_LEVELS),
  territory: text(120).min(1),
  contactPerson: text(200).optional(),
  contactPhone: text(60).optional(),
  contactEmail: z.union([z.email().max(200), z.literal('')]).optional(),
  /** The organisation's own notes on the company (sealed, never shared). */
  notes: text(5000).optional(),
});
export type EmployerInput = z.input<typeof EmployerBody>;

export const EmployerUpdateBody = EmployerBody.extend({ version: z.number().int().min(1) });
export type EmployerUpdateInput = z.input<typeof EmployerUpdateBody>;

export const EmployerShareBody = z.strictObject({
  shared: z.boolean(),
  version: z.number().int().min(1),
});

export const TutorBody = z.strictObject({
  name: text(200).min(1),
  role: text(200).optional(),
  contact: text(200).optional(),
});
export type TutorInput = z.input<typeof TutorBody>;

export const AgreementBody = z.strictObject({
  kind: z.enum(AGREEMENT_KINDS),
  signedOn: isoDate,
  validUntil: isoDate.optional(),
  reference: text(200).optional(),
});
export type AgreementInput = z.input<typeof AgreementBody>;

export const InternshipRuleBody = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/),
    minMonths: z.number().int().min(0).max(36),
    maxMonths: z.number().int().min(1).max(36),
  })
  .refine((r) => r.minMonths <= r.maxMonths, { path: ['maxMonths'], message: 'The maximum is below the minimum' });
export type InternshipRuleInput = z.input<typeof InternshipRuleBody>;

/**
 * Exactly which fields of an employer leave the server: the company (name, sector, territory,
 * business contact), whether it is shared, its tutors (name, role, contact) and agreements (kind,
 * dates, reference), and the owner's notes to the owner only. Company data only: no field names a
 * person placed.
 */
import { z } from 'zod';
import type { EmployerView } from '../../services/employers';

const TutorSchema = z
  .strictObject({
    id: z.string().uuid(),
    name: z.string(),
    role: z.string().nullable(),
    contact: z.string().nullable(),
  })
  .meta({ id: 'EmployerTutor' });

const AgreementSchema = z
  .strictObject({
    id: z.string().uuid(),
    kind: z.enum(['internship_agreement', 'placement_agreement', 'framework']),
    signedOn: z.string(),
    validUntil: z.string().nullable(),
    reference: z.string().nullable(),
  })
  .meta({ id: 'EmployerAgreement' });

export const EmployerViewSchema = z
  .strictObject({
    id: z.string().uuid(),
    organisation: z.strictObject({ id: z.string().uuid(), name: z.string() }),
    own: z.boolean().describe("Whether the reader's organisation owns it (and may edit it)"),
    name: z.string(),
    sector: z.string(),
    territoryLevel: z.enum(['municipality', 'nuts3', 'nuts2', 'national']),
    territory: z.string(),
    contactPerson: z.string().nullable().describe("The company's business contact, never a person placed"),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    notes: z.string().optional().describe("The owner's own notes (to the owner only)"),
    sharedWithNetworks: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string().datetime(),
    retired: z.boolean(),
    tutors: z.array(TutorSchema),
    agreements: z.array(AgreementSchema),
  })
  .meta({ id: 'Employer' });
export type EmployerViewDto = z.infer<typeof EmployerViewSchema>;

export function presentEmployer(e: EmployerView): EmployerViewDto {
  return {
    id: e.id,
    organisation: { id: e.organisationId, name: e.organisationName },
    own: e.own,
    name: e.name,
    sector: e.sector,
    territoryLevel: e.territoryLevel,
    territory: e.territory,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    contactEmail: e.contactEmail,
    ...(e.own && e.notes !== undefined ? { notes: e.notes } : {}),
    sharedWithNetworks: e.sharedWithNetworks,
    version: e.version,
    updatedAt: new Date(e.updatedAt).toISOString(),
    retired: e.retiredAt !== null,
    tutors: e.tutors.map((t) => ({ id: t.id, name: t.name, role: t.role, contact: t.contact })),
    agreements: e.agreements.map((a) => ({
      id: a.id,
      kind: a.kind,
      signedOn: a.signedOn,
      validUntil: a.validUntil,
      reference: a.reference,
    })),
  };
}

export const InternshipRulesSchema = z
  .strictObject({
    default: z.strictObject({ minMonths: z.number().int(), maxMonths: z.number().int() }),
    rules: z.array(z.strictObject({ country: z.string(), minMonths: z.number().int(), maxMonths: z.number().int() })),
  })
  .meta({ id: 'InternshipRules' });

export function presentInternshipRules(r: {
  default: { minMonths: number; maxMonths: number };
  rules: { country: string; minMonths: number; maxMonths: number }[];
}): z.infer<typeof InternshipRulesSchema> {
  return {
    default: { minMonths: r.default.minMonths, maxMonths: r.default.maxMonths },
    rules: r.rules.map((x) => ({ country: x.country, minMonths: x.minMonths, maxMonths: x.maxMonths })),
  };
}

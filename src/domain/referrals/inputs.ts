/**
 * The request bodies of the network directory and network agreements: one Zod schema validates the
 * request at the edge (and feeds the OpenAPI document), and the services take its inferred type.
 */
import { z } from 'zod';
import { code, isoDate } from '../shared/zod';

export const DirectoryEntryBody = z.strictObject({
  // The organisation's lists organisation_types and target_groups (issue #17), checked by the service.
  organisationType: code,
  territoryLevel: z.enum(['municipality', 'nuts3', 'nuts2', 'national']),
  territory: z.string().trim().min(1).max(120),
  languages: z.array(z.string().trim().min(2).max(20)).max(30),
  services: z.array(code).max(60),
  targetGroups: z.array(code).max(20),
  shelterPlacesTotal: z.number().int().min(0).max(10_000).nullable().optional(),
  shelterPlacesFree: z.number().int().min(0).max(10_000).nullable().optional(),
  contactRoute: z.string().trim().max(200).nullable().optional(),
});

/** What the services take: the body as parsed (defaults applied) or as a caller inside the server writes it. */
export type DirectoryEntryInput = z.input<typeof DirectoryEntryBody>;

export const NetworkBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  formal: z.boolean(),
  level: z.enum(['municipal', 'provincial', 'regional', 'national', 'international']),
  structure: z.enum(['lead_and_partners', 'rotating_leadership', 'no_formal_structure', 'other']),
  multiAgency: z.boolean().default(true),
  objectives: z.string().trim().max(5000).optional(),
  composition: z
    .array(
      z.enum([
        'leading_organisation',
        'ngos',
        'public_administration',
        'municipalities',
        'regional_administration',
        'private_organisations',
      ]),
    )
    .max(6)
    .optional(),
  agreement: z
    .strictObject({
      title: z.string().trim().max(300).optional(),
      document: z.string().max(100_000).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .optional(),
  members: z
    .array(z.strictObject({ organisationId: z.string().uuid(), lead: z.boolean().optional() }))
    .min(1)
    .max(200),
});

export type NetworkInput = z.input<typeof NetworkBody>;

/** Exactly which fields of a network directory entry leave the server: the organisation's public entry, no case content. */
import { z } from 'zod';

export const DirectoryEntryViewSchema = z
  .strictObject({
    id: z.string().uuid(),
    name: z.string(),
    organisationType: z.string(),
    territoryLevel: z.string(),
    territory: z.string(),
    languages: z.array(z.string()),
    services: z.array(z.string()),
    targetGroups: z.array(z.string()),
    shelterPlacesTotal: z.number().int().nullable(),
    shelterPlacesFree: z.number().int().nullable(),
    contactRoute: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'DirectoryEntry' });
type DirectoryEntryView = z.infer<typeof DirectoryEntryViewSchema>;

export function presentDirectoryEntry(e: DirectoryEntryView): DirectoryEntryView {
  return {
    id: e.id,
    name: e.name,
    organisationType: e.organisationType,
    territoryLevel: e.territoryLevel,
    territory: e.territory,
    languages: [...e.languages],
    services: [...e.services],
    targetGroups: [...e.targetGroups],
    shelterPlacesTotal: e.shelterPlacesTotal,
    shelterPlacesFree: e.shelterPlacesFree,
    contactRoute: e.contactRoute,
    version: e.version,
  };
}

/** Exactly which fields of the roles and profiles catalogue, and of staff's roles, leave the server. */
import { z } from 'zod';
import { LOCALES, ROLE_CARD_FIELDS, type LocalisedText, type RoleCard } from '../../domain/roles/catalogue';
import { closedMap, pickKeys } from './closed';

const Labels = closedMap(LOCALES, z.string());
const Card = closedMap(ROLE_CARD_FIELDS, closedMap(LOCALES, z.string()));

export const CatalogueProfileSchema = z
  .strictObject({ code: z.string(), taxonomyCode: z.string(), labels: Labels, active: z.boolean() })
  .meta({ id: 'CatalogueProfile' });
export const CatalogueRoleSchema = z
  .strictObject({
    code: z.string(),
    taxonomyCode: z.string(),
    labels: Labels,
    card: Card,
    profileCodes: z.array(z.string()),
    active: z.boolean(),
  })
  .meta({ id: 'CatalogueRole' });
const TaxonomyEntry = z.strictObject({ code: z.string(), labels: Labels });
export const CatalogueViewSchema = z.strictObject({
  profiles: z.array(CatalogueProfileSchema),
  roles: z.array(CatalogueRoleSchema),
  taxonomy: z.strictObject({ profiles: z.array(TaxonomyEntry), roles: z.array(TaxonomyEntry) }),
});
export const StaffRolesSchema = z.strictObject({
  userId: z.string().uuid(),
  displayName: z.string(),
  accessRoles: z.array(z.string()),
  roles: z.array(z.string()),
  profiles: z.array(z.string()),
});

const labels = (l: LocalisedText) => pickKeys(l, LOCALES) as z.infer<typeof Labels>;
const card = (c: RoleCard) => pickKeys(c, ROLE_CARD_FIELDS, (f) => pickKeys(f, LOCALES)) as z.infer<typeof Card>;

export function presentCatalogue(c: {
  profiles: { code: string; taxonomyCode: string; labels: LocalisedText; active: boolean }[];
  roles: {
    code: string;
    taxonomyCode: string;
    labels: LocalisedText;
    card: RoleCard;
    profileCodes: string[];
    active: boolean;
  }[];
  taxonomy: {
    profiles: readonly { code: string; labels: LocalisedText }[];
    roles: readonly { code: string; labels: LocalisedText }[];
  };
}): z.infer<typeof CatalogueViewSchema> {
  return {
    profiles: c.profiles.map((p) => ({
      code: p.code,
      taxonomyCode: p.taxonomyCode,
      labels: labels(p.labels),
      active: p.active,
    })),
    roles: c.roles.map((r) => ({
      code: r.code,
      taxonomyCode: r.taxonomyCode,
      labels: labels(r.labels),
      card: card(r.card),
      profileCodes: [...r.profileCodes],
      active: r.active,
    })),
    taxonomy: {
      profiles: c.taxonomy.profiles.map((t) => ({ code: t.code, labels: labels(t.labels) })),
      roles: c.taxonomy.roles.map((t) => ({ code: t.code, labels: labels(t.labels) })),
    },
  };
}

export function presentStaffRoles(s: {
  userId: string;
  displayName: string;
  accessRoles: readonly string[];
  roles: string[];
  profiles: string[];
}): z.infer<typeof StaffRolesSchema> {
  return {
    userId: s.userId,
    displayName: s.displayName,
    accessRoles: [...s.accessRoles],
    roles: [...s.roles],
    profiles: [...s.profiles],
  };
}

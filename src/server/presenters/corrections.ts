/** Exactly which fields of a record's history and of a hand-over candidate leave the server. */
import { z } from 'zod';
import type { EntryHistoryView } from '../../services/corrections';

export const FieldChangeSchema = z
  .strictObject({
    field: z.string(),
    secret: z.boolean().describe('A secret field (her words, an address): named, its values never shown here'),
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'FieldChange' });

export const EntryVersionSchema = z
  .strictObject({
    version: z.number().int(),
    recordedAt: z.string(),
    recordedBy: z.strictObject({ id: z.string().uuid(), displayName: z.string() }).nullable(),
    current: z.boolean(),
    voided: z.boolean(),
    reason: z.string().nullable().describe('Why it was corrected or voided (null for the first version)'),
    changes: z.array(FieldChangeSchema),
  })
  .meta({ id: 'EntryVersion' });

export const EntryHistorySchema = z
  .strictObject({
    entryId: z.string().uuid(),
    kind: z.string(),
    voided: z.boolean(),
    versions: z.array(EntryVersionSchema),
  })
  .meta({ id: 'EntryHistory' });

export function presentEntryHistory(h: EntryHistoryView): z.infer<typeof EntryHistorySchema> {
  return {
    entryId: h.entryId,
    kind: h.kind,
    voided: h.voided,
    versions: h.versions.map((v) => ({
      version: v.version,
      recordedAt: new Date(v.recordedAt).toISOString(),
      recordedBy: v.recordedBy ? { id: v.recordedBy.id, displayName: v.recordedBy.displayName } : null,
      current: v.current,
      voided: v.voided,
      reason: v.reason,
      changes: v.changes.map((c) => ({ field: c.field, secret: c.secret, before: c.before, after: c.after })),
    })),
  };
}

export const OwnerCandidateSchema = z
  .strictObject({ id: z.string().uuid(), displayName: z.string(), current: z.boolean() })
  .meta({ id: 'OwnerCandidate' });

export const presentOwnerCandidate = (u: {
  id: string;
  displayName: string;
  current: boolean;
}): z.infer<typeof OwnerCandidateSchema> => ({ id: u.id, displayName: u.displayName, current: u.current });

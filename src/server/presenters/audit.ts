/** Audit entries as shown to auditors: who, when, what — field names, never values. */
import { z } from 'zod';

export const AuditEntryViewSchema = z
  .object({
    /** Leaf number in the organisation's verifiable log; null for an entry not sealed yet. */
    seq: z.number().int().nullable(),
    at: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    fields: z.array(z.string()),
  })
  .meta({ id: 'AuditEntryView' });

export function presentAuditEntry(row: {
  seq: number | null;
  at: Date | string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string[];
}) {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_user_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    fields: row.fields,
  };
}

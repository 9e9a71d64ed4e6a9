/** Audit entries as shown to auditors: who, when, what — names, references and field names, never values. */
import { z } from 'zod';

export const AuditEntryViewSchema = z
  .strictObject({
    /** Leaf number in the organisation's verifiable log; null for an entry not sealed yet. */
    seq: z.number().int().nullable(),
    at: z.string(),
    actorId: z.string().nullable(),
    /** The actor's display name; null for the system or a former member the organisation no longer sees. */
    actorName: z.string().nullable().optional(),
    action: z.string(),
    /** The action in the request's language (historyUi). */
    actionLabel: z.string().optional(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    /** The reference of the case the entry is about. */
    caseReference: z.string().nullable().optional(),
    /** The display name of the user the entry is about. */
    entityName: z.string().nullable().optional(),
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

/** An entry of the audit page: the stored entry with names, the case's reference and the action's label. */
export function presentReadableAuditEntry(r: {
  seq: number | null;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityId: string | null;
  caseReference: string | null;
  entityName: string | null;
  fields: string[];
}): z.infer<typeof AuditEntryViewSchema> {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorUserId,
    actorName: r.actorName,
    action: r.action,
    actionLabel: r.actionLabel,
    entityType: r.entityType,
    entityId: r.entityId,
    caseReference: r.caseReference,
    entityName: r.entityName,
    fields: r.fields,
  };
}

const ActionChoiceSchema = z.strictObject({ code: z.string(), label: z.string() }).meta({ id: 'AuditActionChoice' });

export const AuditPageSchema = z
  .strictObject({
    entries: z.array(AuditEntryViewSchema),
    /** Entries the filters match, over all pages. */
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    /** Who appears in the log (the user filter's choices). */
    actors: z.array(z.strictObject({ id: z.string(), displayName: z.string().nullable() })),
    /** The actions that appear in the log, with their labels (the action filter's choices). */
    actions: z.array(ActionChoiceSchema),
  })
  .meta({ id: 'AuditPage' });

export function presentAuditPage(p: {
  entries: Parameters<typeof presentReadableAuditEntry>[0][];
  total: number;
  limit: number;
  offset: number;
  actors: { id: string; displayName: string | null }[];
  actions: { code: string; label: string }[];
}): z.infer<typeof AuditPageSchema> {
  return {
    entries: p.entries.map(presentReadableAuditEntry),
    total: p.total,
    limit: p.limit,
    offset: p.offset,
    actors: p.actors.map((a) => ({ id: a.id, displayName: a.displayName })),
    actions: p.actions.map((a) => ({ code: a.code, label: a.label })),
  };
}

export const AuditVerifySchema = z
  .strictObject({
    ok: z.boolean(),
    /** Sealed entries checked. */
    entries: z.number().int(),
    /** The size of the latest checkpoint the log verifies up to (ok), or that was checked (broken). */
    treeSize: z.number().int().nullable(),
    checkpoints: z.number().int().nullable(),
    /** Why it does not verify (src/domain/audit/chain.ts, AuditFailure). */
    reason: z.string().nullable(),
    /** The first entry that is wrong, when one is. */
    brokenAtSeq: z.number().int().nullable(),
    /** Entries appended while verifying, not sealed yet. */
    pending: z.number().int(),
  })
  .meta({ id: 'AuditVerify' });

type Verdict =
  | { ok: true; entries: number; treeSize: number; checkpoints: number }
  | { ok: false; entries: number; reason: string; brokenAtSeq?: number; treeSize?: number };

export function presentVerify(r: { verdict: Verdict; pending: number }): z.infer<typeof AuditVerifySchema> {
  const v = r.verdict;
  return v.ok
    ? {
        ok: true,
        entries: v.entries,
        treeSize: v.treeSize,
        checkpoints: v.checkpoints,
        reason: null,
        brokenAtSeq: null,
        pending: r.pending,
      }
    : {
        ok: false,
        entries: v.entries,
        treeSize: v.treeSize ?? null,
        checkpoints: null,
        reason: v.reason,
        brokenAtSeq: v.brokenAtSeq ?? null,
        pending: r.pending,
      };
}

export const AccessLogSchema = z
  .strictObject({
    caseReference: z.string(),
    /** One line per person and visit, newest first. */
    visits: z.array(
      z.strictObject({
        actorId: z.string().nullable(),
        actorName: z.string().nullable(),
        count: z.number().int(),
        firstAt: z.string(),
        lastAt: z.string(),
        actions: z.array(ActionChoiceSchema),
        fields: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'AccessLog' });

export function presentAccessLog(log: {
  caseReference: string;
  visits: {
    actorUserId: string | null;
    actorName: string | null;
    count: number;
    firstAt: Date;
    lastAt: Date;
    actions: { code: string; label: string }[];
    fields: string[];
  }[];
}): z.infer<typeof AccessLogSchema> {
  return {
    caseReference: log.caseReference,
    visits: log.visits.map((v) => ({
      actorId: v.actorUserId,
      actorName: v.actorName,
      count: v.count,
      firstAt: v.firstAt.toISOString(),
      lastAt: v.lastAt.toISOString(),
      actions: v.actions.map((a) => ({ code: a.code, label: a.label })),
      fields: v.fields,
    })),
  };
}

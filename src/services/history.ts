/**
 * History people can read: the organisation's audit log paged and filtered with names, case
 * references and translated action labels; its CSV export (itself audited); the "Verify" of the
 * page; a case's access log folded into visits; the timeline with the names of the people and
 * partners its events refer to. Labels come from locales/<language>/historyUi.json in the
 * request's language (src/services/preferences.ts, pickLanguage).
 */
import { historyLabel, type HistoryGroup } from '../domain/audit/history-codes';
import { toCsv } from '../domain/statistics/csv';
import { errors } from '../errors';
import { loadNamespace, lookup, SOURCE_LANGUAGE, type Tree } from '../i18n/resources';
import type { Actor } from '../policies/policies';
import { withTenant } from '../storage/database';
import { auditRepo } from '../storage/repositories/audit';
import { casesRepo } from '../storage/repositories/cases';
import { historyRepo, type AuditFilter, type AuditPageRow } from '../storage/repositories/history';
import { sealOrganisation, verifyOrganisationChain } from './audit';
import { requireAccess } from './authorize';
import { caseTimeline } from './case-entries';
import { inTenant, READS_ONLY, type AppContext } from './context';

let trees: Record<string, Tree> | undefined;

/** A lookup of historyUi keys in one language (English for a key the language lacks), with {{placeholders}}. */
export function historyTranslator(language: string) {
  trees ??= loadNamespace('historyUi');
  const t = trees;
  return (key: string, params?: Record<string, string>): string | undefined => {
    const text = lookup(t[language], key) ?? lookup(t[SOURCE_LANGUAGE], key);
    return text?.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => params?.[name] ?? '');
  };
}

/** The label of an audit action or event kind in a language; a code no label knows is written readable. */
export const labelOf = (group: HistoryGroup, code: string, language: string): string =>
  historyLabel(group, code, historyTranslator(language));

export interface ReadableAuditEntry extends AuditPageRow {
  actionLabel: string;
}

const readable = (rows: AuditPageRow[], language: string): ReadableAuditEntry[] =>
  rows.map((r) => ({ ...r, actionLabel: labelOf('action', r.action, language) }));

/** One page of the audit log with the choices of its filters (who appears in it, which actions). */
export async function auditLog(
  ctx: AppContext,
  actor: Actor,
  filter: AuditFilter,
  page: { limit: number; offset: number },
  language: string,
) {
  requireAccess(actor, 'audit.read', { organisationId: actor.organisationId });
  // Sealing first lets the page show leaf numbers; entries appended meanwhile are listed unsealed.
  await sealOrganisation(ctx, actor.organisationId).catch(() => undefined);
  return withTenant(ctx.db, actor, async (tx) => {
    const { rows, total } = await historyRepo.auditPage(tx, actor.organisationId, filter, page.limit, page.offset);
    const actors = await historyRepo.auditActors(tx, actor.organisationId);
    const actions = await historyRepo.auditActions(tx, actor.organisationId);
    return {
      entries: readable(rows, language),
      total,
      limit: page.limit,
      offset: page.offset,
      actors,
      actions: actions.map((code) => ({ code, label: labelOf('action', code, language) })),
    };
  });
}

/** At most this many entries in one export; a longer log is exported in parts with the filters. */
export const EXPORT_LIMIT = 100_000;
const EXPORT_BATCH = 5000;

/**
 * The filtered audit log as CSV, newest first: what the page shows (leaf number, time, who, action
 * code and label, what it was about, field names), never entity ids of other kinds or values. The
 * export itself is audited, with the filters used as its field names.
 */
export async function exportAuditCsv(ctx: AppContext, actor: Actor, filter: AuditFilter, language: string) {
  requireAccess(actor, 'audit.read', { organisationId: actor.organisationId });
  await sealOrganisation(ctx, actor.organisationId).catch(() => undefined);
  const t = historyTranslator(language);
  return withTenant(ctx.db, actor, async (tx) => {
    const rows: ReadableAuditEntry[] = [];
    for (let offset = 0; offset < EXPORT_LIMIT; offset += EXPORT_BATCH) {
      const page = await historyRepo.auditPage(tx, actor.organisationId, filter, EXPORT_BATCH, offset);
      rows.push(...readable(page.rows, language));
      if (page.rows.length < EXPORT_BATCH) break;
    }
    await auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'audit.export',
      entityType: 'organisation',
      entityId: actor.organisationId,
      fields: Object.entries(filter)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k]) => `filter.${k}`),
    });
    const header = ['seq', 'at', 'who', 'action', 'action_label', 'subject_type', 'subject', 'fields'].map(
      (h) => t(`csv.${h}`) ?? h,
    );
    return toCsv(
      header,
      rows.map((r) => [
        r.seq,
        r.at.toISOString(),
        r.actorUserId ? (r.actorName ?? t('formerStaff')) : t('system'),
        r.action,
        r.actionLabel,
        t(`entities.${r.entityType}`) ?? r.entityType,
        r.caseReference ?? r.entityName ?? '',
        r.fields.join(' '),
      ]),
    );
  });
}

/** The "Verify" of the audit page: the organisation's own log, leaf by leaf and checkpoint by checkpoint. */
export async function verifyOwnLog(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'audit.read', { organisationId: actor.organisationId });
  const result = await verifyOrganisationChain(ctx, actor.organisationId);
  await withTenant(ctx.db, actor, (tx) =>
    auditRepo.append(tx, {
      organisationId: actor.organisationId,
      actorUserId: actor.userId,
      action: 'audit.verify',
      entityType: 'organisation',
      entityId: actor.organisationId,
    }),
  );
  return result;
}

/** Who read or changed a case, one line per person and visit, for auditors, administrators and the case's owner. */
export async function caseAccessLog(ctx: AppContext, actor: Actor, caseId: string, language: string) {
  requireAccess(actor, 'case.audit_or_access_log.read', {
    organisationId: actor.organisationId,
    ownerUserId: actor.userId,
  });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const row = await casesRepo.find(tx, actor.organisationId, caseId);
      if (!row) throw errors.notFound();
      requireAccess(actor, 'case.audit_or_access_log.read', {
        organisationId: row.organisationId,
        ownerUserId: row.ownerUserId,
      });
      const visits = await historyRepo.caseAccessLog(
        tx,
        actor.organisationId,
        caseId,
        ctx.config.sessionIdleMinutes,
        500,
      );
      return {
        caseReference: row.reference,
        visits: visits.map((v) => ({
          ...v,
          actions: v.actions.map((code) => ({ code, label: labelOf('action', code, language) })),
        })),
      };
    },
    READS_ONLY,
  );
}

/**
 * The timeline with a label per event and the names its codes refer to: the people of a hand-over
 * (user ids) and the partner organisation of a referral or transfer.
 */
export async function readableTimeline(ctx: AppContext, actor: Actor, caseId: string, language: string) {
  const events = await caseTimeline(ctx, actor, caseId);
  const ids = events.flatMap((e) =>
    [e.data.from, e.data.to, e.data.ownerId].filter((v): v is string => typeof v === 'string'),
  );
  const { users, organisations, reference } = await withTenant(
    ctx.db,
    actor,
    async (tx) => ({
      users: await historyRepo.userNames(tx, ids),
      organisations: await historyRepo.organisationNames(tx, ids),
      reference: (await casesRepo.find(tx, actor.organisationId, caseId))?.reference ?? null,
    }),
    READS_ONLY,
  );
  const nameOf = (v: unknown) => (typeof v === 'string' ? (users.get(v) ?? organisations.get(v)) : undefined);
  return {
    caseReference: reference,
    events: events.map((e) => ({
      ...e,
      label: labelOf('event', e.kind, language),
      names: { from: nameOf(e.data.from), to: nameOf(e.data.to), owner: nameOf(e.data.ownerId) },
    })),
  };
}

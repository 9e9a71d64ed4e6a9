/** Exactly which fields of the dashboard and the agenda leave the server: counts, ids, reference codes, kinds, dates. */
import { z } from 'zod';
import type { AgendaPage } from '../../domain/cases/agenda';
import type { DashboardCounts } from '../../services/dashboard';

export const DashboardSchema = z
  .strictObject({
    openCases: z.number().int(),
    highRisk: z.number().int(),
    referralsWaiting: z.number().int(),
    overdue: z.number().int(),
    dueThisWeek: z.number().int(),
    weekDays: z.number().int(),
  })
  .meta({ id: 'Dashboard' });

export const AgendaItemSchema = z.strictObject({
  caseId: z.string().uuid(),
  caseReference: z.string(),
  kind: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  daysLeft: z.number().int(),
});

export const AgendaBucketSchema = z.enum(['overdue', 'this_week', 'later']);

export const AgendaPageSchema = z
  .strictObject({
    items: z.array(AgendaItemSchema),
    total: z.number().int(),
    counts: z.strictObject({ overdue: z.number().int(), this_week: z.number().int(), later: z.number().int() }),
    limit: z.number().int().nullable(),
    offset: z.number().int(),
  })
  .meta({ id: 'AgendaPage' });

export function presentDashboard(d: DashboardCounts): z.infer<typeof DashboardSchema> {
  return {
    openCases: d.openCases,
    highRisk: d.highRisk,
    referralsWaiting: d.referralsWaiting,
    overdue: d.overdue,
    dueThisWeek: d.dueThisWeek,
    weekDays: d.weekDays,
  };
}

export function presentAgendaPage(
  page: AgendaPage<z.infer<typeof AgendaItemSchema>>,
): z.infer<typeof AgendaPageSchema> {
  return {
    items: page.items.map((i) => ({
      caseId: i.caseId,
      caseReference: i.caseReference,
      kind: i.kind,
      dueDate: i.dueDate,
      overdue: i.overdue,
      daysLeft: i.daysLeft,
    })),
    total: page.total,
    counts: { overdue: page.counts.overdue, this_week: page.counts.this_week, later: page.counts.later },
    limit: page.limit,
    offset: page.offset,
  };
}

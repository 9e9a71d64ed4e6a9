/**
 * The dashboard and the paged agenda: counts only (her open cases, those at high risk, referrals
 * waiting for the organisation, agenda items overdue and due this week), and the agenda a page at a
 * time with the count of each bucket. No personal data: ids, reference codes, kinds and dates.
 */
import { pageAgenda, THIS_WEEK_DAYS, type AgendaBucket, type AgendaPage } from '../domain/cases/agenda';
import type { Actor } from '../policies/policies';
import { casesRepo } from '../storage/repositories/cases';
import { dashboardRepo } from '../storage/repositories/dashboard';
import { requireAccess } from './authorize';
import { agendaOfCases } from './case-entries';
import { inTenant, READS_ONLY, type AppContext } from './context';
import { loadLists } from './reference-lists';
import { highRiskLevels } from './risk';

export interface DashboardCounts {
  openCases: number;
  highRisk: number;
  referralsWaiting: number;
  overdue: number;
  dueThisWeek: number;
  /** How many days "this week" looks ahead. */
  weekDays: number;
}

type AgendaRow = Awaited<ReturnType<typeof agendaOfCases>>[number];

export async function dashboardCounts(ctx: AppContext, actor: Actor): Promise<DashboardCounts> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  requireAccess(actor, 'referral.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) => {
      const cases = await casesRepo.openCasesOf(tx, actor.organisationId, actor.userId);
      // High risk means high or above in the organisation's own order of levels (critical counts too).
      const highLevels = highRiskLevels(await loadLists(tx, actor.organisationId));
      const { open, highRisk } = await dashboardRepo.openCaseCounts(tx, actor.organisationId, actor.userId, highLevels);
      const { counts } = pageAgenda(await agendaOfCases(tx, actor.organisationId, cases), { limit: 0 });
      return {
        openCases: open,
        highRisk,
        referralsWaiting: await dashboardRepo.referralsWaiting(tx, actor.organisationId),
        overdue: counts.overdue,
        dueThisWeek: counts.this_week,
        weekDays: THIS_WEEK_DAYS,
      };
    },
    READS_ONLY,
  );
}

/** One page of the deadlines of her open cases (all of them without a limit), with each bucket's count. */
export async function agendaPage(
  ctx: AppContext,
  actor: Actor,
  options: { limit?: number; offset?: number; bucket?: AgendaBucket } = {},
): Promise<AgendaPage<AgendaRow>> {
  requireAccess(actor, 'case.read', { organisationId: actor.organisationId });
  return inTenant(
    ctx,
    actor,
    async (tx) =>
      pageAgenda(
        await agendaOfCases(
          tx,
          actor.organisationId,
          await casesRepo.openCasesOf(tx, actor.organisationId, actor.userId),
        ),
        options,
      ),
    READS_ONLY,
  );
}

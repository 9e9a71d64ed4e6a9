/**
 * Deadline reminders (job "deadlines.remind", daily on servers with ARIADNE_JOBS=on): each case
 * owner is told in-app of her open cases' overdue and soon-due agenda items, as GET /api/agenda
 * computes them. Codes and ids only: the case's id, the agenda kind and the due date. A reminder
 * is written once (a unique index), however often the job runs or is retried; an item that was
 * "soon" and becomes overdue is reminded again, as overdue. A system job: it runs for no actor,
 * one organisation's transaction at a time, so RLS confines each organisation's reads and writes.
 */
import { toIsoDate } from '../domain/cases/dates';
import { withSystem } from '../storage/database';
import { notificationsRepo } from '../storage/repositories/notifications';
import { organisationsRepo } from '../storage/repositories/organisations';
import { casesRepo } from '../storage/repositories/cases';
import { usersRepo } from '../storage/repositories/users';
import { agendaOfCases } from './case-entries';
import { inTenant, type AppContext } from './context';

/** An item due within this many days (today included) is "soon". */
export const REMINDER_SOON_DAYS = 7;

export type ReminderKind = 'deadline.overdue' | 'deadline.soon';

/** Writes the reminders due as of `on` (YYYY-MM-DD); answers how many organisations were visited and how many reminders were new. */
export async function sendDeadlineReminders(
  ctx: AppContext,
  on: string = toIsoDate(new Date()),
): Promise<{ organisations: number; sent: number }> {
  const organisations = await withSystem(ctx.db, (tx) => organisationsRepo.listSummaries(tx));
  let sent = 0;
  for (const { id: organisationId } of organisations) {
    sent += await inTenant(ctx, { organisationId }, async (tx) => {
      const active = new Set(
        (await usersRepo.listMembers(tx, organisationId)).filter((m) => m.active).map((m) => m.id),
      );
      const cases = (await casesRepo.openCasesWithOwner(tx, organisationId)).filter((c) => active.has(c.ownerUserId));
      if (cases.length === 0) return 0;
      const owners = new Map(cases.map((c) => [c.id, c.ownerUserId]));
      const reminders = (await agendaOfCases(tx, organisationId, cases, on))
        .filter((item) => item.overdue || item.daysLeft <= REMINDER_SOON_DAYS)
        .map((item) => ({
          userId: owners.get(item.caseId)!,
          kind: item.overdue ? 'deadline.overdue' : 'deadline.soon',
          caseId: item.caseId,
          detail: item.kind,
          dueDate: item.dueDate,
        }));
      return notificationsRepo.insertReminders(tx, organisationId, reminders);
    });
  }
  return { organisations: organisations.length, sent };
}

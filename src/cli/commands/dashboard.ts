/**
 * `ariadne dashboard`, `ariadne agenda` and `ariadne idempotency purge`: the dashboard's count
 * tiles and the paged agenda of a named staff member (counts, ids, reference codes, kinds and
 * dates; never personal data), and the purge of idempotency keys older than 24 hours.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const dashboardCounts = lazy(() => import('../../services/dashboard'), 'dashboardCounts');
const agendaPage = lazy(() => import('../../services/dashboard'), 'agendaPage');
const purgeIdempotencyKeys = lazy(() => import('../../services/idempotency'), 'purgeIdempotencyKeys');

const BUCKETS = ['overdue', 'this_week', 'later'] as const;

export function registerDashboardCommands(program: Command): void {
  program
    .command('dashboard')
    .description("A staff member's count tiles: open cases, high risk, referrals waiting, overdue, due this week")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const counts = await dashboardCounts(ctx, await staffActor(ctx, opts.org, opts.as));
        output(Boolean(opts.json), counts, () =>
          [
            `open cases\t${counts.openCases}`,
            `high risk\t${counts.highRisk}`,
            `referrals waiting\t${counts.referralsWaiting}`,
            `overdue\t${counts.overdue}`,
            `due in ${counts.weekDays} days\t${counts.dueThisWeek}`,
          ].join('\n'),
        );
      }),
    );
  program
    .command('agenda')
    .description("A staff member's deadlines by due date, a page at a time, with each bucket's count")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member')
    .option('--bucket <bucket>', BUCKETS.join(', '))
    .option('--limit <n>', 'at most this many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        if (opts.bucket && !(BUCKETS as readonly string[]).includes(opts.bucket))
          throw new Error(`Unknown bucket "${opts.bucket}"; use one of: ${BUCKETS.join(', ')}`);
        const page = await agendaPage(ctx, await staffActor(ctx, opts.org, opts.as), {
          bucket: opts.bucket as (typeof BUCKETS)[number] | undefined,
          limit: Math.max(1, Math.min(200, Number(opts.limit) || 20)),
          offset: Math.max(0, Number(opts.offset) || 0),
        });
        const items = page.items.map((i) => ({
          caseId: i.caseId,
          caseReference: i.caseReference,
          kind: i.kind,
          dueDate: i.dueDate,
          overdue: i.overdue,
          daysLeft: i.daysLeft,
        }));
        output(
          Boolean(opts.json),
          { items, total: page.total, counts: page.counts, limit: page.limit, offset: page.offset },
          () =>
            [
              ...items.map((i) => `${i.dueDate}\t${i.overdue ? 'OVERDUE\t' : ''}${i.kind}\t${i.caseReference}`),
              `${page.offset + 1}-${page.offset + items.length} of ${page.total} (overdue ${page.counts.overdue}, this week ${page.counts.this_week}, later ${page.counts.later})`,
            ].join('\n'),
        );
      }),
    );
  program
    .command('idempotency')
    .description('Idempotency keys of create requests')
    .command('purge')
    .description('Delete the keys (and their encrypted answers) older than 24 hours; the scheduled job does it hourly')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const result = await purgeIdempotencyKeys(ctx);
        output(Boolean(opts.json), result, () => `${result.purged} idempotency keys purged`);
      }),
    );
}

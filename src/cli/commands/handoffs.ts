/**
 * `ariadne handoffs list|route|accept|decline` (hotline routing and warm hand-offs between two posts of a
 * network) and `ariadne statistics contacts` (contacts per channel and territory, persons apart), with --json.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';
import { operatorOf } from './statistics';

const handoffs = () => import('../../services/handoffs');
const listHandoffs = lazy(handoffs, 'listHandoffs');
const routeContact = lazy(handoffs, 'routeContact');
const answerHandoff = lazy(handoffs, 'answerHandoff');
const contactStatisticsReport = lazy(() => import('../../services/contact-statistics'), 'contactStatisticsReport');

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`--${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const DECLINE = ['no_capacity', 'outside_territory', 'language_not_covered', 'service_not_offered', 'other'] as const;

export function registerHandoffCommands(program: Command): void {
  const group = program.command('handoffs').description('Hotline hand-offs to the local posts of your networks');
  const presenter = () => import('../../server/presenters/handoff');
  group
    .command('list')
    .description('Incoming and outgoing hand-offs, newest first')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--status <status>', 'pending | accepted | declined')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { presentHandoff } = await presenter();
        const list = await listHandoffs(ctx, await staffActor(ctx, opts.org, opts.as), {
          ...(opts.status
            ? { status: oneOf(opts.status, ['pending', 'accepted', 'declined'] as const, 'status') }
            : {}),
        });
        const view = { incoming: list.incoming.map(presentHandoff), outgoing: list.outgoing.map(presentHandoff) };
        output(Boolean(opts.json), view, () =>
          [
            ...view.incoming.map(
              (h) => `in\t${h.id}\t${h.status}\tv${h.version}\t${h.from.name}\t${h.kind}\t${h.place.name}`,
            ),
            ...view.outgoing.map(
              (h) => `out\t${h.id}\t${h.status}\tv${h.version}\t${h.to.name}\t${h.kind}\t${h.place.name}`,
            ),
          ].join('\n'),
        );
      }),
    );
  group
    .command('route <contactId>')
    .description("The network's local posts ranked for a contact (territory, then language), with reasons")
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'a staff member')
    .option('--nuts3 <code>', 'her province (NUTS 3 code)')
    .option('--service <code>', 'a service she needs')
    .option('--json')
    .action((contactId: string, opts) =>
      withContext(async (ctx) => {
        const { presentRoute } = await presenter();
        const route = presentRoute(
          await routeContact(ctx, await staffActor(ctx, opts.org, opts.as), contactId, {
            ...(opts.nuts3 ? { nuts3: String(opts.nuts3) } : {}),
            ...(opts.service ? { service: String(opts.service) } : {}),
          }),
        );
        output(Boolean(opts.json), route, () =>
          route.posts.map((p, i) => `${i + 1}\t${p.organisationId}\t${p.name}\t${p.reasons.join(', ')}`).join('\n'),
        );
      }),
    );
  for (const action of ['accept', 'decline'] as const)
    group
      .command(`${action} <handoffId>`)
      .description(action === 'accept' ? 'Accept: the contact is recorded in your own log' : 'Decline, with a reason')
      .requiredOption('--org <slug>', 'the receiving organisation')
      .requiredOption('--as <email>', 'a staff member')
      .requiredOption('--version <n>', 'the version you read (handoffs list)')
      .option('--reason <code>', DECLINE.join(' | '))
      .option('--json')
      .action((id: string, opts) =>
        withContext(async (ctx) => {
          const { presentHandoff } = await presenter();
          const version = Number(opts.version);
          const h = presentHandoff(
            await answerHandoff(
              ctx,
              await staffActor(ctx, opts.org, opts.as),
              id,
              action === 'accept'
                ? { action, version }
                : { action, version, reason: oneOf(opts.reason ?? 'other', DECLINE, 'reason') },
            ),
          );
          output(
            Boolean(opts.json),
            h,
            () => `${h.id}\t${h.status}${h.receivedContactId ? `\t${h.receivedContactId}` : ''}`,
          );
        }),
      );

  const stats =
    program.commands.find((c) => c.name() === 'statistics') ??
    program
      .command('statistics')
      .description('Statistics of the organisation or its networks (persons, small cells hidden)');
  stats
    .command('contacts')
    .description(
      'Contacts per month by channel and territory, and persons (distinct chains) apart; small counts hidden',
    )
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--from <month>', 'YYYY-MM')
    .requiredOption('--to <month>', 'YYYY-MM')
    .option('--scope <scope>', 'organisation | network', 'organisation')
    .option('--threshold <n>', 'smallest count shown (default and minimum: the disclosure floor)')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const { presentContactStatistics } = await presenter();
        const s = presentContactStatistics(
          await contactStatisticsReport(ctx, await operatorOf(ctx, opts.org), {
            from: String(opts.from),
            to: String(opts.to),
            scope: oneOf(opts.scope, ['organisation', 'network'] as const, 'scope'),
            ...(opts.threshold === undefined ? {} : { threshold: Number(opts.threshold) }),
          }),
        );
        const show = (v: (typeof s.contactsByChannel.cells)[number][number]) =>
          typeof v === 'number' ? String(v) : '<suppressed>';
        output(Boolean(opts.json), s, () =>
          [
            `contacts\tmonth\t${s.contactsByChannel.cols.join('\t')}\ttotal`,
            ...s.contactsByChannel.rows.map(
              (m, r) =>
                `contacts\t${m}\t${s.contactsByChannel.cells[r].map(show).join('\t')}\t${show(s.contactsByChannel.rowTotals[r])}`,
            ),
            `persons\tmonth\t${s.personsByChannel.cols.join('\t')}\ttotal`,
            ...s.personsByChannel.rows.map(
              (m, r) =>
                `persons\t${m}\t${s.personsByChannel.cells[r].map(show).join('\t')}\t${show(s.personsByChannel.rowTotals[r])}`,
            ),
          ].join('\n'),
        );
      }),
    );
}

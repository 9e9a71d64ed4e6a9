/**
 * `ariadne statistics labour`: the labour-market statistics (persons per stage, still in work at 6 and
 * 12 months, time from intake as quartiles, employers per territory, internship cost), small cells hidden.
 */
import type { Command } from 'commander';
import { output, withContext } from '../context';
import { lazy } from '../lazy';
import { operatorOf } from './statistics';

const labourStatisticsReport = lazy(() => import('../../services/labour-statistics'), 'labourStatisticsReport');

type Cell = { value: number } | { suppressed: true };
function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`--${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}
const show = (c: Cell) => ('value' in c ? String(c.value) : '<suppressed>');

export function registerLabourStatisticsCommands(program: Command): void {
  // One `statistics` group for every helper that adds a statistics subcommand.
  const group =
    program.commands.find((c) => c.name() === 'statistics') ??
    program
      .command('statistics')
      .description('Statistics of the organisation or its networks (persons, small cells hidden)');
  group
    .command('labour')
    .description(
      'Labour-market insertion (persons): guidance, training, internships, placements, still in work at 6 and 12 months, time from intake, employers per territory, internship cost',
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--scope <scope>', 'organisation | network', 'organisation')
    .option('--threshold <n>', 'smallest count shown (default and minimum: the disclosure floor)')
    .option('--as-of <date>', 'judge the 6- and 12-month horizons on this date (default today)')
    .option('--json', 'print the aggregates as JSON')
    .action((opts) =>
      withContext(async (ctx) => {
        const { presentLabourStatistics } = await import('../../server/presenters/labour-statistics');
        const stats = presentLabourStatistics(
          await labourStatisticsReport(ctx, await operatorOf(ctx, opts.org), {
            scope: oneOf(opts.scope, ['organisation', 'network'] as const, 'scope'),
            threshold: opts.threshold === undefined ? undefined : Number(opts.threshold),
            ...(opts.asOf ? { asOf: String(opts.asOf) } : {}),
          }),
        );
        output(Boolean(opts.json), stats, () =>
          [
            `persons\t${show(stats.persons)}`,
            ...stats.stages.map((s) => `${s.stage}\t${show(s.persons)}`),
            ...stats.retention.map((r) => `in_work_${r.months}m\t${show(r.inWork)}/${show(r.persons)}`),
            ...stats.employersByTerritory.map((e) => `employers\t${e.territory}\t${show(e.employers)}`),
          ].join('\n'),
        );
      }),
    );
}

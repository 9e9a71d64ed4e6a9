/**
 * `ariadne risk`: the current risk levels as a named staff member sees them (the same access and
 * audit as the web): how many open cases are at high risk or above, and which cases are at a level.
 */
import type { Command } from 'commander';
import { output, staffActor, withContext } from '../context';
import { lazy } from '../lazy';

const countHighRisk = lazy(() => import('../../services/risk'), 'countHighRisk');
const listCases = lazy(() => import('../../services/cases'), 'listCases');

export function registerRiskCommands(program: Command): void {
  const risk = program.command('risk').description('Current risk levels of cases (from the latest assessment)');
  risk
    .command('high')
    .description('How many open cases are at high risk or above')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who asks')
    .option('--mine', "only the staff member's own cases")
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const highRisk = await countHighRisk(ctx, actor, { mine: Boolean(opts.mine) });
        output(Boolean(opts.json), { highRisk }, () => `${highRisk} open case(s) at high risk or above`);
      }),
    );
  risk
    .command('cases')
    .description('References and statuses of the cases at one current risk level (audited as case.list)')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--as <email>', 'the staff member who reads them')
    .requiredOption('--level <code>', 'a risk level, e.g. high')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const actor = await staffActor(ctx, opts.org, opts.as);
        const limit = Math.max(1, Math.min(200, Number(opts.limit) || 50));
        const { cases: rows, total } = await listCases(ctx, actor, { risk: String(opts.level), limit, offset: 0 });
        const list = rows.map((c) => ({ reference: c.reference, status: c.status, riskLevel: c.currentRiskLevel }));
        output(
          Boolean(opts.json),
          { cases: list, total },
          () => list.map((c) => `${c.reference}\t${c.status}\t${c.riskLevel}`).join('\n') || 'No cases.',
        );
      }),
    );
}

/** `ariadne networks`, `ariadne network-graph`, `ariadne coverage-gaps`, `ariadne roles`: the network capabilities, scriptable, with --json. Aggregates only, no case content. */
import type { Command } from 'commander';
import { output, withContext } from '../context';
import { lazy } from '../lazy';
import { operatorOf } from './statistics';

// Services and the database load when a command runs, not for --help (see ../lazy.ts).
const catalogue = () => import('../../services/catalogue');
const getCatalogue = lazy(catalogue, 'getCatalogue');
const listStaffRoles = lazy(catalogue, 'listStaffRoles');
const networkRoleCoverage = lazy(catalogue, 'networkRoleCoverage');
const directory = () => import('../../services/directory');
const coverageGaps = lazy(directory, 'coverageGaps');
const networkGraph = lazy(directory, 'networkGraph');
const listNetworks = lazy(() => import('../../services/networks'), 'listNetworks');

const today = () => new Date().toISOString().slice(0, 10);
const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

export function registerNetworkCommands(program: Command): void {
  program
    .command('networks')
    .description('Networks an organisation belongs to or is invited to, with their agreements and members')
    .requiredOption('--org <slug>', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const networks = await listNetworks(ctx, await operatorOf(ctx, opts.org));
        output(
          Boolean(opts.json),
          { networks },
          () =>
            networks
              .map(
                (n) =>
                  `${n.name} (${n.myStatus}) · ${n.formal ? 'formal' : 'informal'} · ${n.level} · ${n.activeMembers} active: ${n.members.map((m) => `${m.name}${m.status === 'invited' ? ' [invited]' : ''}`).join(', ')}`,
              )
              .join('\n') || 'No networks.',
        );
      }),
    );

  program
    .command('network-graph')
    .description('Organisations, agreements and referral flows between them over a period (counts only)')
    .requiredOption('--org <slug>', 'organisation whose networks to show')
    .option('--from <date>', 'first day (YYYY-MM-DD)', yearAgo())
    .option('--to <date>', 'last day (YYYY-MM-DD)', today())
    .option('--service <code>', 'only organisations offering this service, and referrals for it')
    .option('--territory <territory>', 'only organisations working in this territory')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const graph = await networkGraph(ctx, await operatorOf(ctx, opts.org), {
          from: opts.from,
          to: opts.to,
          service: opts.service,
          territory: opts.territory,
        });
        const name = new Map(graph.nodes.map((n) => [n.id, n.name]));
        output(Boolean(opts.json), graph, () =>
          [
            `${graph.nodes.length} organisations, ${graph.agreements.length} agreements, ${graph.flows.length} referral flows (${opts.from}–${opts.to})`,
            ...graph.flows.map((f) => `  ${name.get(f.source)} → ${name.get(f.target)}  ${f.kind}  ${f.count}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('coverage-gaps')
    .description('Service × territory matrix of the network: services with no provider, and exhausted capacity')
    .requiredOption('--org <slug>', 'organisation whose networks to show')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const gaps = await coverageGaps(ctx, await operatorOf(ctx, opts.org));
        output(Boolean(opts.json), gaps, () => JSON.stringify(gaps, null, 2));
      }),
    );

  program
    .command('roles')
    .description(
      "The organisation's professional roles (mapped to the shared EX-CHANGE taxonomy), how many staff hold each, and which shared roles network partners cover",
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const operator = await operatorOf(ctx, opts.org);
        const [catalogue, staff, coverage] = [
          await getCatalogue(ctx, operator),
          await listStaffRoles(ctx, operator),
          await networkRoleCoverage(ctx, operator),
        ];
        const roles = catalogue.roles.map((r) => ({
          code: r.code,
          taxonomyCode: r.taxonomyCode,
          name: r.labels.en ?? Object.values(r.labels)[0],
          active: r.active,
          staff: staff.filter((s) => s.roles.includes(r.code)).length,
        }));
        output(Boolean(opts.json), { roles, profiles: catalogue.profiles.length, networkCoverage: coverage }, () =>
          [
            ...roles.map(
              (r) =>
                `${r.code.padEnd(32)} → ${r.taxonomyCode.padEnd(32)} ${String(r.staff).padStart(3)} staff${r.active ? '' : ' (retired)'}`,
            ),
            '',
            'Network coverage (staff per shared role):',
            ...coverage.map(
              (o) =>
                `  ${o.name}: ${
                  Object.entries(o.roles)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ') || '–'
                }`,
            ),
          ].join('\n'),
        );
      }),
    );
}

/** `ariadne report`, `ariadne estimates`, `ariadne export htcds`…: the statistics capabilities, scriptable, with --json. */
import type { Command } from 'commander';
// The option lists come from the two small modules that define them; the rest of statistics loads on use.
import { DIMENSION_KEYS, type DimensionKey } from '../../domain/statistics/dimensions';
import { POPULATIONS, type StandardPopulationKey } from '../../domain/statistics/populations';
import type { PublishedReport } from '../../domain/statistics';
import type { Actor } from '../../policies/policies';
import type { Role } from '../../policies/roles';
import type { AppContext } from '../../services/context';
import { output, withContext } from '../context';
import { lazy } from '../lazy';

// Services (and exceljs, GLPK, the database) load when a command runs, not for --help (see ../lazy.ts).
const outcomeCohort = lazy(() => import('../../services/outcomes'), 'outcomeCohort');
const networkCaptureHistories = lazy(() => import('../../services/capture-tables'), 'networkCaptureHistories');
const listEstimates = lazy(() => import('../../services/estimates'), 'listEstimates');
const runNetworkMse = lazy(() => import('../../services/mse-jobs'), 'runNetworkMse');
const exportHtcds = lazy(() => import('../../services/htcds-export'), 'exportHtcds');
const listNetworks = lazy(() => import('../../services/networks'), 'listNetworks');
const privacyReleases = () => import('../../services/privacy-releases');
const privacyLedger = lazy(privacyReleases, 'privacyLedger');
const releasePrivateReport = lazy(privacyReleases, 'releasePrivateReport');
const statisticsService = () => import('../../services/statistics');
const exportReport = lazy(statisticsService, 'exportReport');
const organisationReport = lazy(statisticsService, 'organisationReport');

/** The CLI acts as the organisation's statistics operator; its reads are audited without a user id. */
const CLI_OPERATOR = '00000000-0000-0000-0000-000000000000';

export async function operatorOf(ctx: AppContext, slug: string, role: Role = 'coordinator'): Promise<Actor> {
  const { organisationsRepo } = await import('../../storage/repositories/organisations');
  const org = await organisationsRepo.findBySlug(ctx.db.system, slug);
  if (!org) throw new Error(`No organisation with slug ${slug}`);
  return { userId: CLI_OPERATOR, organisationId: org.id, roles: [role] };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`Unknown ${what} "${value}"; use one of: ${allowed.join(', ')}`);
  return value as T;
}

function printTable(report: PublishedReport): string {
  const show = (v: unknown) => (typeof v === 'number' ? String(v) : 'x');
  const { rows, cols, cells, rowTotals, colTotals, grandTotal } = report.table;
  const lines = [
    `${report.counts} — ${report.population}: ${report.definition}`,
    `period ${report.period.from}–${report.period.to}; ${report.scope.description}`,
    ['', ...cols, 'total'].join('\t'),
    ...rows.map((r, i) => [r, ...cells[i].map(show), show(rowTotals[i])].join('\t')),
    ['total', ...colTotals.map(show), show(grandTotal)].join('\t'),
    'x = suppressed (small count or its complement)',
    ...report.notes,
  ];
  return lines.join('\n');
}

export function registerStatisticsCommands(program: Command): void {
  program
    .command('export')
    .description('Exports of case data in shared standards')
    .command('htcds')
    .description(
      "An organisation's de-identified case records in the IOM HTCDS v2.0 layout: one per person who consented to anonymous statistics, no identifying field, k-anonymised",
    )
    .requiredOption('--org <slug>', 'organisation')
    .option(
      '--k <n>',
      "smallest group of persons any combination of quasi-identifiers may point to (default and minimum: the organisation's disclosure floor)",
    )
    .option('--format <format>', 'json or csv', 'json')
    .option('--json', 'print the export with its provenance as JSON')
    .action((opts) =>
      withContext(async (ctx) => {
        const format = oneOf(opts.json ? 'json' : opts.format, ['json', 'csv'] as const, 'format');
        const k = opts.k === undefined ? undefined : Number(opts.k);
        if (k !== undefined && (!Number.isInteger(k) || k < 2))
          throw new Error('--k must be a whole number of at least 2');
        const result = await exportHtcds(ctx, await operatorOf(ctx, opts.org, 'admin'), k);
        const { htcdsToCsv } = await import('../../domain/statistics');
        if (format === 'csv') process.stdout.write(htcdsToCsv(result.records));
        else console.log(JSON.stringify(result, null, 2));
        const p = result.provenance;
        console.error(
          `${p.organisation}: ${result.records.length} records exported (k = ${p.k}); ${p.withheldRecords} withheld to keep groups of ${p.k}; ${p.personsWithoutConsent} persons without consent to anonymous statistics not included.`,
        );
      }),
    );

  program
    .command('report')
    .description('Person-based report of one population for an organisation, with small cells suppressed')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--population <key>', Object.keys(POPULATIONS).join(' | '))
    .option('--rows <dimension>', DIMENSION_KEYS.join(' | '), 'year')
    .option('--cols <dimension>', 'column dimension', 'all')
    .option('--from <year>', 'first year', String(new Date().getUTCFullYear() - 4))
    .option('--to <year>', 'last year', String(new Date().getUTCFullYear()))
    .option(
      '--threshold <n>',
      'smallest count shown (default and minimum: the floor set by the organisation, and for network scope by its networks and members)',
    )
    .option(
      '--scope <scope>',
      'organisation | network (all organisations in its networks, persons deduplicated by linkage)',
      'organisation',
    )
    .option('--format <format>', 'csv | xlsx | ctdc (written to stdout)')
    .option('--json', 'print the published report as JSON')
    .action((opts) =>
      withContext(async (ctx) => {
        const report = await organisationReport(ctx, await operatorOf(ctx, opts.org), {
          population: oneOf(opts.population, Object.keys(POPULATIONS) as StandardPopulationKey[], 'population'),
          rows: oneOf(opts.rows, DIMENSION_KEYS, 'dimension') as DimensionKey,
          cols: oneOf(opts.cols, DIMENSION_KEYS, 'dimension') as DimensionKey,
          from: Number(opts.from),
          to: Number(opts.to),
          threshold: opts.threshold === undefined ? undefined : Number(opts.threshold),
          scope: oneOf(opts.scope, ['organisation', 'network'] as const, 'scope'),
        });
        if (opts.format) {
          const file = await exportReport(report, oneOf(opts.format, ['csv', 'xlsx', 'ctdc'] as const, 'format'));
          process.stdout.write(file.body);
          return;
        }
        // The same presenter as the API: only what a published report states.
        const { publicationOf } = await import('../../domain/statistics');
        output(Boolean(opts.json), publicationOf(report), () => printTable(report));
      }),
    );

  program
    .command('cohort')
    .description(
      '(Re)integration outcomes of the cohort: progress against baseline per dimension at 6/12/24/36+ months, time to milestones, factors; small cells hidden',
    )
    .requiredOption('--org <slug>', 'organisation')
    .option('--scope <scope>', 'organisation | network', 'organisation')
    .option('--threshold <n>', 'smallest count shown (default and minimum: the disclosure floor)')
    .option('--format <format>', 'csv | xlsx (written to stdout)')
    .option('--json', 'print the aggregates as JSON')
    .action((opts) =>
      withContext(async (ctx) => {
        const cohort = await outcomeCohort(ctx, await operatorOf(ctx, opts.org), {
          scope: oneOf(opts.scope, ['organisation', 'network'] as const, 'scope'),
          threshold: opts.threshold === undefined ? undefined : Number(opts.threshold),
        });
        const { cohortRows, cohortToCsv, cohortToXlsx } = await import('../../domain/outcomes');
        const provenance = {
          counts: cohort.counts,
          scope: cohort.scope,
          generatedAt: cohort.generatedAt,
          threshold: cohort.threshold,
        };
        if (opts.format) {
          const format = oneOf(opts.format, ['csv', 'xlsx'] as const, 'format');
          process.stdout.write(
            format === 'csv' ? cohortToCsv(cohort, provenance) : await cohortToXlsx(cohort, provenance),
          );
          return;
        }
        output(Boolean(opts.json), cohort, () =>
          cohortRows(cohort)
            .map((r) => r.join('\t'))
            .join('\n'),
        );
      }),
    );

  program
    .command('capture-histories')
    .description(
      "Capture-history table from the network's own records for `ariadne mse`: one list per organisation or channel, persons once through linkage",
    )
    .requiredOption('--org <slug>', 'organisation whose networks to use')
    .option('--by <lists>', 'organisation | channel', 'organisation')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const table = await networkCaptureHistories(
          ctx,
          await operatorOf(ctx, opts.org),
          oneOf(opts.by, ['organisation', 'channel'] as const, 'lists'),
        );
        output(Boolean(opts.json), table, () => table.csv.trimEnd());
      }),
    );

  program
    .command('mse-network')
    .description(
      "Multiple systems estimation of the network's own capture table; --linkage-error redraws the latest linkage run's uncertain links in every replicate, so the interval carries the linkage's error",
    )
    .requiredOption('--org <slug>', 'organisation whose networks to use')
    .option('--by <lists>', 'organisation | channel', 'organisation')
    .option('--linkage-error', "redraw the linkage's uncertain links from their match probabilities")
    .option('--bootstrap <n>', 'replicates (1000 by default with --linkage-error)')
    .option('--seed <n>', 'seed of the replicates', '1')
    .option('--json', 'print the result as the API returns it')
    .action((opts) =>
      withContext(async (ctx) => {
        const { overlapsOf, presentMseResult } = await import('../../server/presenters/mse-view');
        const fit = await runNetworkMse(ctx, await operatorOf(ctx, opts.org), {
          network: {
            by: oneOf(opts.by, ['organisation', 'channel'] as const, 'lists'),
            linkageError: Boolean(opts.linkageError),
          },
          ...(opts.bootstrap ? { bootstrap: Number(opts.bootstrap) } : {}),
          seed: Number(opts.seed),
        });
        const result = presentMseResult(fit.result, fit.result.warnings, overlapsOf(fit.lists, fit.histories));
        const [lo, hi] = result.linkageError?.interval ?? result.interval.bootstrap ?? result.interval.wald;
        output(Boolean(opts.json), result, () =>
          [
            `Estimate ${Math.round(result.estimate ?? NaN)} (${result.observed} observed), ${Math.round(result.interval.level * 100)}% interval ${Math.round(lo ?? NaN)} to ${hi === null ? 'unbounded' : Math.round(hi)}`,
            ...(result.linkageError
              ? [
                  `The interval includes linkage error from run ${result.linkageError.run} (${result.linkageError.uncertainPairs} uncertain pairs redrawn).`,
                ]
              : []),
          ].join('\n'),
        );
      }),
    );

  program
    .command('estimates')
    .description('The registry of estimates with citation chains; recast figures flagged')
    .requiredOption('--org <slug>', 'organisation whose own MSE estimates to include')
    .option('--recast', 'only figures whose attribution changed along the citation chain')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const all = await listEstimates(ctx, await operatorOf(ctx, opts.org));
        const shown = opts.recast ? all.filter((e) => e.chain.recast) : all;
        // --json prints what GET /api/estimates returns, through the same presenter.
        const { presentEstimate } = await import('../../server/presenters/estimate');
        output(Boolean(opts.json), shown.map(presentEstimate), () =>
          shown
            .map((e) => {
              const figure =
                e.value !== undefined
                  ? e.value.toLocaleString('en')
                  : `${e.low?.toLocaleString('en') ?? '?'}–${e.high?.toLocaleString('en') ?? '?'}`;
              const chain = e.chain.links
                .map(
                  (l) =>
                    `${l.citation.source}${l.citation.year ? ` ${l.citation.year}` : ''}${l.recast ? ' (RECAST)' : ''}`,
                )
                .join(' → ');
              return `${figure} ${e.unit} [${e.method}] ${e.scope.geography}, ${e.scope.period}\n    ${chain}`;
            })
            .join('\n'),
        );
      }),
    );

  program
    .command('release')
    .description(
      "A differentially private report over one network's members: spends epsilon from the network's privacy budget once; the same release asked again is served from storage at no cost",
    )
    .requiredOption('--org <slug>', 'member organisation asking for the release')
    .requiredOption('--network <name-or-id>', 'network')
    .requiredOption('--population <key>', Object.keys(POPULATIONS).join(' | '))
    .option('--rows <dimension>', 'row dimension (not citizenship: its categories come from the data)', 'year')
    .option('--cols <dimension>', 'column dimension', 'all')
    .option('--from <year>', 'first year', String(new Date().getUTCFullYear() - 4))
    .option('--to <year>', 'last year', String(new Date().getUTCFullYear()))
    .requiredOption('--epsilon <e>', 'privacy loss of this release')
    .option('--mechanism <m>', 'geometric | laplace', 'geometric')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const operator = await operatorOf(ctx, opts.org);
        const networkId = await networkIdOf(ctx, operator, opts.network);
        const release = await releasePrivateReport(ctx, operator, {
          networkId,
          population: oneOf(opts.population, Object.keys(POPULATIONS) as StandardPopulationKey[], 'population'),
          rows: oneOf(opts.rows, DIMENSION_KEYS, 'dimension'),
          cols: oneOf(opts.cols, DIMENSION_KEYS, 'dimension'),
          from: Number(opts.from),
          to: Number(opts.to),
          epsilon: Number(opts.epsilon),
          mechanism: oneOf(opts.mechanism, ['geometric', 'laplace'] as const, 'mechanism'),
        });
        output(Boolean(opts.json), release, () =>
          [
            release.reused
              ? 'Served from storage: the same numbers as before; no budget spent.'
              : `New release: epsilon ${release.epsilon} spent.`,
            `Budget: spent ${release.budget.spent} of ${release.budget.total}; ${release.budget.remaining} remaining.`,
            printTable({
              ...(release.report as PublishedReport),
              notes: [
                ...(release.report as PublishedReport).notes,
                ...((release.report as PublishedReport).provenance.disclosureControl ?? []),
              ],
            }),
          ].join('\n'),
        );
      }),
    );

  program
    .command('privacy-ledger')
    .description("A network's privacy budget and every differentially private release charged to it")
    .requiredOption('--org <slug>', 'member organisation')
    .requiredOption('--network <name-or-id>', 'network')
    .option('--json')
    .action((opts) =>
      withContext(async (ctx) => {
        const operator = await operatorOf(ctx, opts.org);
        const ledger = await privacyLedger(ctx, operator, await networkIdOf(ctx, operator, opts.network));
        output(Boolean(opts.json), ledger, () =>
          [
            `${ledger.network.name}: spent ${ledger.budget.spent} of ${ledger.budget.total}; ${ledger.budget.remaining} remaining`,
            ...ledger.releases.map(
              (r) =>
                `  ${r.createdAt}  epsilon ${r.epsilon}  ${r.mechanism}  ${JSON.stringify(r.query)}  (${r.requestedBy})`,
            ),
          ].join('\n'),
        );
      }),
    );
}

async function networkIdOf(ctx: AppContext, actor: Actor, nameOrId: string): Promise<string> {
  const found = (await listNetworks(ctx, actor)).find(
    (n) => n.myStatus === 'active' && (n.id === nameOrId || n.name === nameOrId),
  );
  if (!found) throw new Error(`No active network "${nameOrId}" for this organisation`);
  return found.id;
}

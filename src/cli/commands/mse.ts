/**
 * `ariadne mse <file>`: multiple systems estimation from a capture-history
 * table (CSV, or the first sheet of an .xlsx with the same layout). Bad input
 * exits with code 2 and a plain explanation of why MSE is not possible.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { BootstrapMethod, CaptureTable, MseMethod, MseResult, ResampleSet } from '../../domain/mse';
import { MseInputError } from '../../domain/mse/errors';

interface MseCommandOptions {
  json?: boolean;
  point?: boolean;
  stratifyBy?: string;
  floor: string;
  method: string;
  threshold: string;
  bootstrap: string;
  interval: string;
  seed: string;
  gofReplicates: string;
  terms?: string;
  removeNoninformative?: boolean;
  checkAllModels?: boolean;
  sensitivity: boolean;
  replicatesOut?: string;
  resamples?: string;
  lcmcrSamples: string;
  lcmcrBurnIn: string;
  lcmcrThin: string;
  lcmcrChains: string;
  lcmcrClasses: string;
}

/** A refusal the user can fix: reported on stderr with exit code 2. */
class UsageError extends Error {}

async function readTable(file: string): Promise<CaptureTable> {
  const extension = path.extname(file).toLowerCase();
  // exceljs and the estimator load only when a file is estimated, not for --help.
  if (extension === '.xlsx')
    return (await import('../../services/capture-tables')).captureTableFromXlsx(await fs.readFile(file));
  if (extension !== '.csv' && extension !== '.txt')
    throw new UsageError(`Unsupported file type "${extension || file}": give a .csv or .xlsx file.`);
  return (await import('../../domain/mse')).parseCaptureCsv(await fs.readFile(file, 'utf8'));
}

function parseOptions(opts: MseCommandOptions) {
  // lcmcr: the latent-class posterior beside the stepwise log-linear fit.
  const method = (opts.method === 'lcmcr' ? 'stepwise' : opts.method) as MseMethod;
  if (method !== 'stepwise' && method !== 'main' && method !== 'fixed')
    throw new UsageError(`--method must be "stepwise", "main", "fixed" or "lcmcr", not "${opts.method}".`);
  if (method === 'fixed' && opts.terms === undefined)
    throw new UsageError('--method fixed needs --terms, e.g. --terms A:B,B:C (or --terms "" for main effects).');
  const terms =
    opts.terms === undefined
      ? undefined
      : opts.terms
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
  const threshold = Number(opts.threshold);
  if (!(threshold >= 0 && threshold <= 1))
    throw new UsageError(`--threshold must be a p-value between 0 and 1, not "${opts.threshold}".`);
  const replicates = Number(opts.bootstrap);
  if (!Number.isInteger(replicates) || replicates < 0)
    throw new UsageError(`--bootstrap must be a whole number of replicates (0 to skip), not "${opts.bootstrap}".`);
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${opts.seed}".`);
  const interval = opts.interval as BootstrapMethod;
  if (interval !== 'bca' && interval !== 'percentile')
    throw new UsageError(`--interval must be "bca" or "percentile", not "${opts.interval}".`);
  const gofReplicates = Number(opts.gofReplicates);
  if (!Number.isInteger(gofReplicates) || gofReplicates < 1)
    throw new UsageError(`--gof-replicates must be a positive whole number, not "${opts.gofReplicates}".`);
  if (opts.point && opts.method === 'lcmcr')
    throw new UsageError('--point gives the log-linear point estimate alone: leave out --method lcmcr or --point.');
  const lcmcr = opts.method === 'lcmcr' ? lcmcrSettings(opts, seed) : undefined;
  return { method, threshold, replicates: opts.point ? 0 : replicates, seed, interval, gofReplicates, terms, lcmcr };
}

function lcmcrSettings(opts: MseCommandOptions, seed: number) {
  const whole = (flag: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`--${flag} must be a whole number of at least ${min}, not "${text}".`);
    return value;
  };
  return {
    samples: whole('lcmcr-samples', opts.lcmcrSamples, 20),
    burnIn: whole('lcmcr-burn-in', opts.lcmcrBurnIn, 0),
    thin: whole('lcmcr-thin', opts.lcmcrThin, 1),
    chains: whole('lcmcr-chains', opts.lcmcrChains, 2),
    maxClasses: whole('lcmcr-classes', opts.lcmcrClasses, 2),
    seed,
  };
}

/** Chao's floor, and the latent-class posterior with its convergence diagnostics. */
function heterogeneityLines(result: MseResult): string[] {
  const percent = Math.round(result.interval.level * 100);
  const lines: string[] = [];
  if (result.chao)
    lines.push(
      `Chao lower bound (a floor, not an estimate): ${round(result.chao.estimate)} (${percent}% ${range([...result.chao.interval] as [number, number])}; f1 = ${result.chao.f1}, f2 = ${result.chao.f2}${result.chao.form === 'bias_corrected' ? ', bias-corrected' : ''})`,
    );
  const l = result.lcmcr;
  if (l)
    lines.push(
      `Latent classes (LCMCR, ${l.settings.chains} chains x ${l.settings.samples} draws, seed ${l.settings.seed}): posterior median ${round(l.estimate)}, ${Math.round(l.level * 100)}% credible ${range([...l.interval] as [number, number])}`,
      `  split R-hat ${l.diagnostics.rHat.toFixed(3)}, effective draws ${Math.round(l.diagnostics.ess)}, Geweke z ${l.diagnostics.geweke.map((z) => z.toFixed(2)).join(', ')}, occupied classes ${l.diagnostics.occupiedClasses.toFixed(1)}`,
      ...l.warnings.map((w) => `  - ${w.message}`),
    );
  return lines;
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : 'unbounded');
const range = (interval: [number, number]) => `${round(interval[0])} – ${round(interval[1])}`;

const BOOTSTRAP_NAMES: Record<BootstrapMethod, string> = {
  bca: 'bootstrap BCa (bias-corrected, accelerated)',
  percentile: 'bootstrap percentile',
};

/** Which test judged the deviance, and why (the chi-square one only when the expected counts allow it). */
function fitTest(fit: MseResult['fit']): string {
  const p = Number.isFinite(fit.pValue) ? fit.pValue.toPrecision(3) : 'n/a';
  if (fit.test === 'chi_square') return `chi-square p = ${p}`;
  if (fit.test === 'none') return 'no test (no degrees of freedom left)';
  if (fit.test === 'not_run')
    return `not tested (--point; too sparse for chi-square: ${fit.expectedBelow1} of ${fit.cells} cells expect fewer than 1 person, ${fit.expectedBelow5} fewer than 5; without --point a parametric bootstrap judges it)`;
  return `parametric bootstrap p = ${p} from ${fit.replicates} simulated tables (seed ${fit.seed}; chi-square not used: ${fit.expectedBelow1} of ${fit.cells} cells expect fewer than 1 person, ${fit.expectedBelow5} fewer than 5)`;
}

/** The largest residual and influence, and the pairs of lists with small overlaps. */
function diagnosticLines(result: MseResult): string[] {
  const d = result.diagnostics;
  if (!d || !d.cells.length) return [];
  const cell = (lists: readonly string[]) => lists.join('+');
  const worst = d.cells.reduce((a, b) => (Math.abs(b.pearson) > Math.abs(a.pearson) ? b : a));
  const influential = d.cells.reduce((a, b) => (b.cooksDistance > a.cooksDistance ? b : a));
  const small = d.pairs.filter((p) => p.small);
  return [
    `Diagnostics: largest Pearson residual ${worst.pearson.toFixed(2)} (${cell(worst.lists)}: ${worst.observed} observed, ${worst.fitted.toFixed(1)} fitted); largest Cook's distance ${Number.isFinite(influential.cooksDistance) ? influential.cooksDistance.toFixed(2) : 'unbounded'} (${cell(influential.lists)})`,
    `  pairs of lists sharing fewer than ${d.smallOverlapThreshold} persons: ${small.map((p) => `${p.lists.join(':')} (${p.overlap})`).join(', ') || 'none'}`,
  ];
}

/** The readable summary printed without --json. */
export function formatMseSummary(result: MseResult): string {
  const percent = Math.round(result.interval.level * 100);
  const model =
    result.model === 'main'
      ? 'main effects only'
      : `stepwise: main effects${result.terms.length ? ' + ' + result.terms.join(', ') : ' only'}`;
  const lines = [
    `Multiple systems estimation: ${result.lists.length} lists (${result.lists.join(', ')}), ${result.observed.toLocaleString('en')} persons observed`,
    `Model: ${model}`,
    ...(result.infiniteTerms.length
      ? [`Effects at -infinity (lists with nobody in common): ${result.infiniteTerms.join(', ')}`]
      : []),
    `Estimated total population: ${round(result.estimate)} (of whom on no list: ${round(result.hiddenEstimate)})`,
    `${percent}% intervals for the total:`,
    `  normal on log scale (SparseMSE default): ${range(result.interval.wald)}`,
    ...(result.interval.profile
      ? [`  profile likelihood:                      ${range(result.interval.profile)}`]
      : []),
    ...(result.interval.bootstrap && result.bootstrap
      ? [
          `  ${BOOTSTRAP_NAMES[result.bootstrap.method]} (${result.bootstrap.replicates} replicates, seed ${result.bootstrap.seed}):  ${range(result.interval.bootstrap)}`,
          `    failed replicates (no finite estimate, counted as unbounded): ${result.bootstrap.failed} (${(result.bootstrap.failedShare * 100).toFixed(1)}%)`,
          `    resamples: ${result.bootstrap.generator === 'given' ? 'given' : `drawn by ${result.bootstrap.generator}`}; models selected most often: ${result.bootstrap.selections
            .slice(0, 3)
            .map((m) => `${m.terms.join(', ') || 'main effects'} (${(m.share * 100).toFixed(1)}%)`)
            .join('; ')}`,
        ]
      : []),
    ...diagnosticLines(result),
    ...heterogeneityLines(result),
    `Fit: deviance ${result.fit.deviance.toFixed(2)} on ${result.fit.df} df, ${fitTest(result.fit)}, AIC ${result.fit.aic.toFixed(2)}`,
  ];
  if (result.steps.length)
    lines.push(
      'Stepwise additions:',
      ...result.steps.map((s) => `  ${s.term.padEnd(16)} p = ${s.pValue.toPrecision(3)}`),
    );
  if (result.twoList)
    lines.push(
      `Two lists: ${result.twoList.onFirst} and ${result.twoList.onSecond} persons, ${result.twoList.onBoth} on both; Lincoln-Petersen ${round(result.twoList.lincolnPetersen)}, Chapman ${round(result.twoList.chapman)}`,
    );
  if (result.removedLists?.length)
    lines.push(
      'Lists left out (no information):',
      ...result.removedLists.map(
        (l) => `  ${l.list}: ${l.reason === 'duplicate' ? `repeats ${l.duplicateOf}` : l.reason.replace('_', ' ')}`,
      ),
    );
  if (result.modelCheck)
    lines.push(
      `All models: ${result.modelCheck.models}; MLE exists for ${result.modelCheck.exist}, identifiable ${result.modelCheck.identifiable}, both ${result.modelCheck.estimable}`,
    );
  const s = result.sensitivity;
  if (s) {
    lines.push(
      `Sensitivity: estimates under other choices range ${round(s.range[0])} – ${round(s.range[1])}`,
      `  stepwise threshold: ${s.thresholds.map((t) => `${t.threshold} → ${round(t.estimate)}`).join(', ')}`,
      `  each list left out: ${s.leaveOneOut.map((l) => `${l.left} → ${l.estimate === null ? 'none' : round(l.estimate)}`).join(', ')}`,
      `  two lists merged: ${s.merged.map((l) => `${l.pair.join('+')} → ${l.estimate === null ? 'none' : round(l.estimate)}`).join(', ')}`,
      `  selected by AIC ${round(s.selections.aic.estimate)}, AICc ${round(s.selections.aicc.estimate)}, BIC ${round(s.selections.bic.estimate)}, p-value stepwise ${round(s.selections.stepwise.estimate)}`,
      `  AIC model average over ${s.averaged.models} models: ${round(s.averaged.estimate)} (${percent}% ${range(s.averaged.interval)}, Buckland unconditional SE)`,
    );
  }
  if (result.caveats.length) lines.push('Assumptions:', ...result.caveats.map((c) => `  - ${c.message}`));
  if (result.warnings.length) lines.push('Warnings:', ...result.warnings.map((w) => `  - ${w.message}`));
  return lines.join('\n');
}

/** Reads --resamples: the JSON that --replicates-out writes (or any object with lists, cells and tables). */
async function readResamples(file: string): Promise<ResampleSet> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--resamples: cannot read ${file} (${error.code ?? error.message})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--resamples ${file} is not JSON: give the file --replicates-out writes.`);
  }
  const set = (parsed as { resamples?: unknown }).resamples ?? parsed;
  const { lists, cells, tables } = set as Partial<ResampleSet>;
  const strings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (!strings(lists) || !strings(cells) || !Array.isArray(tables) || !tables.every((t) => Array.isArray(t)))
    throw new UsageError(`--resamples ${file} needs "lists", "cells" (patterns such as "101") and "tables" (counts).`);
  return { lists: lists!, cells: cells!, tables: tables as number[][] };
}

/** What --replicates-out writes: every replicate's estimate (null when none) and the resampled tables, counts only. */
export function replicatesFile(result: MseResult) {
  const b = result.bootstrap;
  if (!b) return null;
  return {
    lists: [...result.lists],
    estimate: result.estimate,
    method: b.method,
    interval: result.interval.bootstrap?.map((v) => (Number.isFinite(v) ? v : null)),
    level: result.interval.level,
    generator: b.generator,
    seed: b.seed,
    replicates: b.values.map((v) => (Number.isFinite(v) ? v : null)),
    ...(b.resamples ? { resamples: b.resamples } : {}),
  };
}

async function runMse(file: string, opts: MseCommandOptions): Promise<void> {
  const parsed = parseOptions(opts);
  if (opts.stratifyBy !== undefined) {
    const floor = Number(opts.floor);
    if (!(Number.isInteger(floor) && floor >= 2 && floor <= 20))
      throw new UsageError(`--floor must be a whole number from 2 to 20, not "${opts.floor}".`);
    const { runStrataCommand } = await import('./mse-strata');
    return runStrataCommand(file, {
      json: opts.json,
      stratifyBy: opts.stratifyBy,
      floor,
      method: parsed.method,
      ...(parsed.terms ? { terms: parsed.terms } : {}),
      threshold: parsed.threshold,
      replicates: parsed.replicates,
      seed: parsed.seed,
    });
  }
  const { method, threshold, seed, interval, gofReplicates, terms } = parsed;
  const table = await readTable(file);
  const resamples = opts.resamples ? await readResamples(opts.resamples) : undefined;
  const replicates = resamples ? resamples.tables.length : parsed.replicates;
  if (opts.replicatesOut && replicates === 0)
    throw new UsageError('--replicates-out needs a bootstrap: give --bootstrap <n> or --resamples <file>.');
  const showBar = replicates > 0 && !opts.json && Boolean(process.stderr.isTTY);
  // Only what this run prints is loaded: the presenter for --json (its zod-free half), cli-progress for a bar.
  const [{ estimatePopulation }, presenter, cliProgress] = await Promise.all([
    import('../../domain/mse'),
    opts.json ? import('../../server/presenters/mse-view') : undefined,
    showBar ? import('cli-progress').then((m) => m.default) : undefined,
  ]);
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: 'bootstrap [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(replicates, 0);
  try {
    const result = await estimatePopulation(table, {
      method,
      pThreshold: threshold,
      ...(terms ? { terms } : {}),
      removeNonInformativeLists: Boolean(opts.removeNoninformative),
      checkAllModels: Boolean(opts.checkAllModels),
      // --point: what SparseMSE's estimatepopulation.0 computes (the model, the estimate, its Wald interval).
      sensitivity: opts.sensitivity && !opts.point,
      profile: !opts.point,
      diagnostics: !opts.point,
      bootstrap:
        replicates > 0
          ? {
              replicates,
              seed,
              method: interval,
              ...(resamples ? { resamples } : {}),
              ...(opts.replicatesOut ? { keepResamples: true } : {}),
            }
          : undefined,
      goodnessOfFit: opts.point ? false : { replicates: gofReplicates, seed },
      ...(parsed.lcmcr ? { lcmcr: parsed.lcmcr } : {}),
      onProgress: bar ? (done) => bar.update(done) : undefined,
    });
    bar?.stop();
    if (opts.replicatesOut) {
      const out = replicatesFile(result);
      if (!out)
        throw new UsageError(
          '--replicates-out: this table was estimated without a bootstrap (two lists or wide main effects).',
        );
      await fs.writeFile(opts.replicatesOut, JSON.stringify(out) + '\n');
    }
    // --json carries what the API returns, field for field (unbounded limits as null).
    const json = presenter
      ? JSON.stringify(
          presenter.presentMseResult(result, result.warnings, presenter.overlapsOf(table.lists, table.histories)),
          null,
          2,
        )
      : undefined;
    process.stdout.write((json ?? formatMseSummary(result)) + '\n');
  } finally {
    bar?.stop();
  }
}

/** Adds `mse <file>` to the program. */
export function registerMseCommand(program: Command): void {
  program
    .command('mse <file>')
    .description(
      'Estimate the total population, including persons on no list, by multiple systems estimation (CSV or XLSX capture histories)',
    )
    .option('--json', 'print the full result as JSON')
    .addOption(
      new Option(
        '--point',
        "a bare point estimate, as SparseMSE's estimatepopulation.0 gives (model, estimate, normal log-scale interval): no bootstrap, profile interval, goodness-of-fit simulation (chi-square where the table allows it), diagnostics or sensitivity",
      ).conflicts(['bootstrap', 'resamples', 'replicatesOut', 'stratifyBy', 'gofReplicates']),
    )
    .option(
      '--stratify-by <column>',
      'one estimate per value of this CSV column (sex, age band, region…) and their sum',
    )
    .option('--floor <n>', 'with --stratify-by: strata observed on fewer persons are hidden, with complements', '5')
    .option('--method <method>', 'stepwise|main|fixed|lcmcr (latent classes beside the stepwise fit)', 'stepwise')
    .option('--terms <terms>', 'the two-list effects of --method fixed, comma-separated (A:B,B:C)')
    .option('--remove-noninformative', 'leave out lists that are empty, hold everyone or repeat another list')
    .option('--check-all-models', 'check existence and identifiability of every model (at most 6 lists)')
    .option('--no-sensitivity', 'skip the sensitivity analysis (threshold curve, lists left out and merged, models)')
    .option('--threshold <p>', 'p-value threshold for adding a two-list effect', '0.02')
    .option('--bootstrap <n>', 'bootstrap replicates (0 to skip)', '1000')
    .option('--interval <method>', 'bootstrap interval: bca (bias-corrected and accelerated) or percentile', 'bca')
    .option('--seed <n>', 'random seed of the bootstrap and the goodness-of-fit simulations', '1')
    .option('--gof-replicates <n>', 'simulated tables of the goodness-of-fit test on a sparse table', '200')
    .option(
      '--replicates-out <file>',
      'write every bootstrap replicate estimate and its resampled table (counts) as JSON',
    )
    .option('--resamples <file>', 'bootstrap over the resampled tables of this JSON file (as --replicates-out writes)')
    .option('--lcmcr-samples <n>', 'LCMCR: posterior draws kept per chain', '2000')
    .option('--lcmcr-burn-in <n>', 'LCMCR: iterations discarded at the start of each chain', '2000')
    .option('--lcmcr-thin <n>', 'LCMCR: iterations per kept draw', '5')
    .option('--lcmcr-chains <n>', 'LCMCR: chains for the convergence diagnostics (at least 2)', '2')
    .option('--lcmcr-classes <n>', 'LCMCR: truncation of the latent classes (K*)', '10')
    .action(async (file: string, opts: MseCommandOptions) => {
      try {
        await runMse(file, opts);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const fileProblem = code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES';
        if (error instanceof MseInputError || error instanceof UsageError || fileProblem) {
          const message = fileProblem ? `cannot read ${file} (${code})` : (error as Error).message;
          process.stderr.write(`ariadne mse: ${message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
    });
}

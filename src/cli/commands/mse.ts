/**
 * `ariadne mse <file>`: multiple systems estimation from a capture-history
 * table (CSV, or the first sheet of an .xlsx with the same layout). Bad input
 * exits with code 2 and a plain explanation of why MSE is not possible.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { CaptureTable, MseMethod, MseResult } from '../../domain/mse';
import { MseInputError } from '../../domain/mse/errors';

interface MseCommandOptions {
  json?: boolean;
  method: string;
  threshold: string;
  bootstrap: string;
  seed: string;
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
  const method = opts.method as MseMethod;
  if (method !== 'stepwise' && method !== 'main')
    throw new UsageError(`--method must be "stepwise" or "main", not "${opts.method}".`);
  const threshold = Number(opts.threshold);
  if (!(threshold >= 0 && threshold <= 1))
    throw new UsageError(`--threshold must be a p-value between 0 and 1, not "${opts.threshold}".`);
  const replicates = Number(opts.bootstrap);
  if (!Number.isInteger(replicates) || replicates < 0)
    throw new UsageError(`--bootstrap must be a whole number of replicates (0 to skip), not "${opts.bootstrap}".`);
  const seed = Number(opts.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${opts.seed}".`);
  return { method, threshold, replicates, seed };
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : 'unbounded');
const range = (interval: [number, number]) => `${round(interval[0])} – ${round(interval[1])}`;

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
          `  bootstrap (${result.bootstrap.replicates} replicates, seed ${result.bootstrap.seed}):  ${range(result.interval.bootstrap)}`,
        ]
      : []),
    `Fit: deviance ${result.fit.deviance.toFixed(2)} on ${result.fit.df} df (p = ${Number.isFinite(result.fit.pValue) ? result.fit.pValue.toPrecision(3) : 'n/a'}), AIC ${result.fit.aic.toFixed(2)}`,
  ];
  if (result.steps.length)
    lines.push(
      'Stepwise additions:',
      ...result.steps.map((s) => `  ${s.term.padEnd(16)} p = ${s.pValue.toPrecision(3)}`),
    );
  if (result.warnings.length) lines.push('Warnings:', ...result.warnings.map((w) => `  - ${w.message}`));
  return lines.join('\n');
}

async function runMse(file: string, opts: MseCommandOptions): Promise<void> {
  const { method, threshold, replicates, seed } = parseOptions(opts);
  const table = await readTable(file);
  const [{ default: cliProgress }, { estimatePopulation }] = await Promise.all([
    import('cli-progress'),
    import('../../domain/mse'),
  ]);
  const showBar = replicates > 0 && !opts.json && Boolean(process.stderr.isTTY);
  const bar = showBar
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
      bootstrap: replicates > 0 ? { replicates, seed } : undefined,
      onProgress: bar ? (done) => bar.update(done) : undefined,
    });
    bar?.stop();
    process.stdout.write((opts.json ? JSON.stringify(result, null, 2) : formatMseSummary(result)) + '\n');
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
    .option('--method <method>', 'stepwise|main', 'stepwise')
    .option('--threshold <p>', 'p-value threshold for adding a two-list effect', '0.02')
    .option('--bootstrap <n>', 'bootstrap replicates (0 to skip)', '1000')
    .option('--seed <n>', 'bootstrap random seed', '1')
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

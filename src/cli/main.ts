/** The `ariadne` command line: administration and every analytic capability, with --json output. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { Command, CommanderError } from 'commander';

/**
 * Every command module, in the order of `ariadne --help`, with the top-level commands it adds. A run
 * loads only the modules of the command it names (each imports its own services): `ariadne mse`
 * starts without the code of forty other commands. Help, an unknown or a missing command loads
 * them all. Modules that add subcommands to a shared command (statistics, forms) are listed under it
 * each, and load together in this order. tests/unit/cli-commands.test.ts checks the names.
 */
type Register = (program: Command) => void;
export const COMMAND_MODULES: { names: string[]; load: () => Promise<Register> }[] = [
  {
    names: ['start', 'migrate', 'create-org', 'create-user', 'seed-demo', 'audit', 'keys'],
    load: async () => (await import('./commands/admin')).registerAdminCommands,
  },
  { names: ['backup', 'restore'], load: async () => (await import('./commands/backup')).registerBackupCommands },
  { names: ['mse'], load: async () => (await import('./commands/mse')).registerMseCommand },
  {
    names: ['link', 'link-status', 'link-reviews', 'link-secret', 'link-fingerprint', 'link-export', 'link-file'],
    load: async () => (await import('./commands/linkage')).registerLinkageCommands,
  },
  {
    names: ['export', 'report', 'cohort', 'capture-histories', 'mse-network', 'estimates', 'release', 'privacy-ledger'],
    load: async () => (await import('./commands/statistics')).registerStatisticsCommands,
  },
  {
    names: ['statistics'],
    load: async () => (await import('./commands/labour-statistics')).registerLabourStatisticsCommands,
  },
  {
    names: ['networks', 'network-graph', 'coverage-gaps', 'roles'],
    load: async () => (await import('./commands/network')).registerNetworkCommands,
  },
  { names: ['case'], load: async () => (await import('./commands/case')).registerCaseCommands },
  { names: ['record'], load: async () => (await import('./commands/corrections')).registerCorrectionCommands },
  { names: ['lists'], load: async () => (await import('./commands/lists')).registerListCommands },
  {
    names: ['attachments', 'notes'],
    load: async () => (await import('./commands/attachments')).registerAttachmentCommands,
  },
  { names: ['referrals'], load: async () => (await import('./commands/referral')).registerReferralCommands },
  { names: ['cases'], load: async () => (await import('./commands/search')).registerSearchCommands },
  { names: ['risk'], load: async () => (await import('./commands/risk')).registerRiskCommands },
  {
    names: ['dashboard', 'agenda', 'idempotency'],
    load: async () => (await import('./commands/dashboard')).registerDashboardCommands,
  },
  { names: ['legal-tracks'], load: async () => (await import('./commands/legal-tracks')).registerLegalTrackCommands },
  {
    names: ['handoffs', 'statistics'],
    load: async () => (await import('./commands/handoffs')).registerHandoffCommands,
  },
  { names: ['sync'], load: async () => (await import('./commands/sync')).registerSyncCommands },
  { names: ['employers'], load: async () => (await import('./commands/employers')).registerEmployerCommands },
  { names: ['forms'], load: async () => (await import('./commands/forms')).registerFormCommands },
  { names: ['forms'], load: async () => (await import('./commands/form-values')).registerFormValueCommands },
  { names: ['forms'], load: async () => (await import('./commands/xlsform')).registerXlsFormCommands },
  { names: ['contacts'], load: async () => (await import('./commands/contacts')).registerContactCommands },
];

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One line of the command list of `ariadne --help`: the command, its usage term and its description. */
export interface CommandSummary {
  readonly name: string;
  readonly term: string;
  readonly description: string;
}

/**
 * The command list of `ariadne --help`, from every module. The build writes it next to the compiled
 * main.js (dist/cli/commands.json), so that `ariadne --help` prints the same list without loading two dozen
 * command modules (about 25 ms of a cold start); from src/, and without that file, help loads them all.
 */
export async function commandSummaries(): Promise<CommandSummary[]> {
  const program = new Command('ariadne');
  for (const register of await Promise.all(COMMAND_MODULES.map((module) => module.load()))) register(program);
  const help = program.createHelp();
  return program.commands.map((command) => ({
    name: command.name(),
    term: help.subcommandTerm(command),
    description: help.subcommandDescription(command),
  }));
}

function builtSummaries(): CommandSummary[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL('./commands.json', import.meta.url), 'utf8')) as CommandSummary[];
  } catch {
    return undefined;
  }
}

async function buildProgram(io: CliIo, argv: string[], options: MainOptions): Promise<Command> {
  const program = new Command('ariadne')
    .description('Ariadne: case management, referral networks, outcomes and honest statistics')
    .showHelpAfterError()
    // Help, usage errors and --version end with a code from main, never with process.exit.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });

  const named = argv.find((arg) => !arg.startsWith('-'));
  // `ariadne --help`: the list alone, as the build wrote it (each entry a command with no module behind it).
  const summaries =
    named === undefined && (argv.includes('--help') || argv.includes('-h'))
      ? (options.summaries ?? builtSummaries())
      : undefined;
  if (summaries) {
    const terms = new Map(summaries.map((summary) => [summary.name, summary.term]));
    for (const summary of summaries) program.command(summary.name).description(summary.description);
    const standard = program.createHelp();
    program.configureHelp({
      subcommandTerm: (command) => terms.get(command.name()) ?? standard.subcommandTerm(command),
    });
    return program;
  }
  const needed = COMMAND_MODULES.filter((module) => named !== undefined && module.names.includes(named));
  const registrars = await Promise.all((needed.length ? needed : COMMAND_MODULES).map((module) => module.load()));
  for (const register of registrars) register(program);
  for (const command of program.commands) inheritOverrides(command, io);
  return program;
}

function inheritOverrides(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
  for (const sub of command.commands) inheritOverrides(sub, io);
}

const processIo: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
};

/**
 * Runs the command line on `argv` (the arguments after the program name) and resolves with the exit
 * code; it never calls process.exit, so tests run it in-process. With `io`, everything the command
 * writes to stdout and stderr goes there instead while it runs.
 *
 * @example const code = await main(['report', '--org', 'north', '--population', 'assisted_persons', '--json'], io);
 */
export interface MainOptions {
  /** The command list `--help` prints (tests); by default the build's dist/cli/commands.json, if there is one. */
  readonly summaries?: readonly CommandSummary[];
}

export async function main(
  argv: string[] = process.argv.slice(2),
  io?: CliIo,
  options: MainOptions = {},
): Promise<number> {
  const restore = io ? redirectProcessOutput(io) : () => {};
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await (await buildProgram(io ?? processIo, argv, options)).parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error: unknown) {
    if (error instanceof CommanderError) return error.exitCode;
    // Messages only: stack traces and values could carry personal data.
    const message = error instanceof Error ? error.message : String(error);
    const out = io ?? processIo;
    if (argv.includes('--json')) {
      // Scripts read --json output from stdout: a refusal is JSON there too, with its stable code
      // and the details our own errors carry (e.g. the pid holding a data directory).
      const { code, details } = error as { code?: unknown; details?: unknown };
      const extra = details && typeof details === 'object' ? details : {};
      out.stdout(
        JSON.stringify(
          { ok: false, error: { code: typeof code === 'string' ? code : 'error', message, ...extra } },
          null,
          2,
        ) + '\n',
      );
    }
    out.stderr(`ariadne: ${message}\n`);
    return 1;
  } finally {
    process.exitCode = previousExitCode;
    restore();
  }
}

/** Commands write with process.stdout.write and console.*: both go to `io` until the returned function restores them. */
function redirectProcessOutput(io: CliIo): () => void {
  const out = process.stdout.write;
  const err = process.stderr.write;
  const to = (sink: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = to(io.stdout);
  process.stderr.write = to(io.stderr);
  // console may not write through process.stdout (test runners replace it), so it is redirected too.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  console.log = console.info = (...args: unknown[]) => io.stdout(format(...args) + '\n');
  console.warn = console.error = (...args: unknown[]) => io.stderr(format(...args) + '\n');
  return () => {
    process.stdout.write = out;
    process.stderr.write = err;
    Object.assign(console, saved);
  };
}

// Run directly (`tsx src/cli/main.ts`, `node dist/cli/main.js`); bin/ariadne.mjs imports main and calls it.
// No top-level await: dist/cli/main-mse.cjs bundles this module as CommonJS (scripts/build.mjs).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main().then((code) => {
    if (code !== 0) process.exit(code);
  });
}

/** The `ariadne` command line: administration and every analytic capability, with --json output. */
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin';
import { registerAttachmentCommands } from './commands/attachments';
import { registerBackupCommands } from './commands/backup';
import { registerCaseCommands } from './commands/case';
import { registerCorrectionCommands } from './commands/corrections';
import { registerListCommands } from './commands/lists';
import { registerDashboardCommands } from './commands/dashboard';
import { registerLegalTrackCommands } from './commands/legal-tracks';
import { registerContactCommands } from './commands/contacts';
import { registerHandoffCommands } from './commands/handoffs';
import { registerSyncCommands } from './commands/sync';
import { registerEmployerCommands } from './commands/employers';
import { registerLinkageCommands } from './commands/linkage';
import { registerMseCommand } from './commands/mse';
import { registerNetworkCommands } from './commands/network';
import { registerReferralCommands } from './commands/referral';
import { registerSearchCommands } from './commands/search';
import { registerRiskCommands } from './commands/risk';
import { registerStatisticsCommands } from './commands/statistics';
import { registerLabourStatisticsCommands } from './commands/labour-statistics';
import { registerFormCommands } from './commands/forms';
import { registerFormValueCommands } from './commands/form-values';
import { registerXlsFormCommands } from './commands/xlsform';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

function buildProgram(io: CliIo): Command {
  const program = new Command('ariadne')
    .description('Ariadne: case management, referral networks, outcomes and honest statistics')
    .showHelpAfterError()
    // Help, usage errors and --version end with a code from main, never with process.exit.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });

  registerAdminCommands(program);
  registerBackupCommands(program);
  registerMseCommand(program);
  registerLinkageCommands(program);
  registerStatisticsCommands(program);
  registerLabourStatisticsCommands(program);
  registerNetworkCommands(program);
  registerCaseCommands(program);
  registerCorrectionCommands(program);
  registerListCommands(program);
  registerAttachmentCommands(program);
  registerReferralCommands(program);
  registerSearchCommands(program);
  registerRiskCommands(program);
  registerDashboardCommands(program);
  registerLegalTrackCommands(program);
  registerHandoffCommands(program);
  registerSyncCommands(program);
  registerEmployerCommands(program);
  registerFormCommands(program);
  registerFormValueCommands(program);
  registerXlsFormCommands(program);
  registerContactCommands(program);
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
export async function main(argv: string[] = process.argv.slice(2), io?: CliIo): Promise<number> {
  const restore = io ? redirectProcessOutput(io) : () => {};
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await buildProgram(io ?? processIo).parseAsync(argv, { from: 'user' });
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
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main();
  if (code !== 0) process.exit(code);
}

/** The `ariadne` command line: administration and every analytic capability, with --json output. */
import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin';

const program = new Command('ariadne')
  .description('Ariadne: case management, referral networks, outcomes and honest statistics')
  .showHelpAfterError();

registerAdminCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Messages only: stack traces and values could carry personal data.
  console.error(`ariadne: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

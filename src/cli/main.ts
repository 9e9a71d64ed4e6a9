/** The `ariadne` command line: administration and every analytic capability, with --json output. */
import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin';
import { registerLinkageCommands } from './commands/linkage';
import { registerMseCommand } from './commands/mse';
import { registerNetworkCommands } from './commands/network';
import { registerStatisticsCommands } from './commands/statistics';

const program = new Command('ariadne')
  .description('Ariadne: case management, referral networks, outcomes and honest statistics')
  .showHelpAfterError();

registerAdminCommands(program);
registerMseCommand(program);
registerLinkageCommands(program);
registerStatisticsCommands(program);
registerNetworkCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Messages only: stack traces and values could carry personal data.
  console.error(`ariadne: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** `ariadne backup` and `ariadne restore`: encrypted archives of either engine (services/backup.ts). */
import type { Command } from 'commander';
import { output } from '../context';
import { lazy } from '../lazy';

// The configuration, the database and the archive code load when a command runs, not for --help (see ../lazy.ts).
const loadConfig = async () => (await import('../../config/env')).loadConfig();
const backupDatabase = lazy(() => import('../../services/backup'), 'backupDatabase');
const restoreDatabase = lazy(() => import('../../services/backup'), 'restoreDatabase');

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      "Write a consistent, encrypted archive of the database (pg_dump or PGlite's own dump); the master key is not in it",
    )
    .requiredOption('--out <file>', 'archive to write (mode 0600)')
    .option('--force', 'replace the file if it exists')
    .option('--json')
    .action(async (opts: { out: string; force?: boolean; json?: boolean }) => {
      const result = await backupDatabase(await loadConfig(), opts.out, { force: opts.force });
      output(
        Boolean(opts.json),
        result,
        () =>
          `Backed up ${result.organisations} organisations (${result.engine}, schema ${result.schemaVersion}) to ${result.file}, ${result.bytes} bytes.\n` +
          'Keep the master key separately: the archive cannot be restored without it.',
      );
    });

  program
    .command('restore')
    .description(
      'Restore an archive of `ariadne backup` into an empty data directory or database, then verify the audit log and every encrypted field',
    )
    .argument('<file>', 'archive written by `ariadne backup`')
    .option('--force', 'replace the database already in the data directory or database')
    .option('--json')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const result = await restoreDatabase(await loadConfig(), file, { force: opts.force });
      output(Boolean(opts.json), result, () =>
        [
          `Restored ${result.organisations} organisations (${result.engine}) from the backup of ${result.backupCreatedAt}.`,
          ...result.audit.organisations.map((o) =>
            o.ok
              ? `ok      audit ${o.organisation}: ${o.entries} entries`
              : `BROKEN  audit ${o.organisation}: ${o.reason}`,
          ),
          `${result.encryptedFields.checked - result.encryptedFields.undecryptable} of ${result.encryptedFields.checked} encrypted fields decrypt.`,
        ].join('\n'),
      );
      if (!result.ok) process.exitCode = 1;
    });
}

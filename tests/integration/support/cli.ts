/** The `ariadne` command run in-process through `main(argv)` against one PGlite data directory, for the CLI tests. */
import { main } from '../../../src/cli/main';

export type CliRun = { code: number; out: any; err: string };

/** A runner on the data directory `dataDir()` returns when called (set in the test file's beforeAll). */
export function cliRunner(dataDir: () => string): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const saved = process.env;
    const stdout: string[] = [];
    const stderr: string[] = [];
    // Never the PostgreSQL server of the surrounding run: each CLI test owns its data directory.
    const { DATABASE_URL: _server, ...env } = process.env;
    process.env = { ...env, ARIADNE_DATA_DIR: dataDir(), NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    let code: number;
    try {
      code = await main(args, { stdout: (t) => void stdout.push(t), stderr: (t) => void stderr.push(t) });
    } finally {
      process.env = saved;
    }
    const text = stdout.join('');
    return { code, out: args.includes('--json') && code === 0 ? JSON.parse(text) : text, err: stderr.join('') };
  };
}

/** `ariadne cases search` and `ariadne cases possible-matches` on a fresh file-backed PGlite with demo data, --json parsed. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main';

let dataDir: string;

/** Runs one command in-process against this test's data directory; a non-zero exit rejects with its stderr. */
async function ariadne(...args: string[]): Promise<any> {
  const saved = process.env;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { DATABASE_URL: _server, ...env } = process.env;
  process.env = { ...env, ARIADNE_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' };
  let code: number;
  try {
    code = await main(args, { stdout: (t) => void stdout.push(t), stderr: (t) => void stderr.push(t) });
  } finally {
    process.env = saved;
  }
  if (code !== 0) throw new Error(`ariadne ${args.join(' ')} exited with ${code}: ${stderr.join('')}`);
  return args.includes('--json') ? JSON.parse(stdout.join('')) : stdout.join('');
}

describe('ariadne cases search', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'ariadne-search-cli-'));
    await ariadne('seed-demo', '--cases', '12', '--json');
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('finds a demo person by the start of her family name, and a case by its reference', async () => {
    const as = ['--org', 'north', '--as', 'caseworker@north.demo.test'];
    const listed = await ariadne('case', 'list', ...as, '--json');
    const someone = listed.cases[0] as { reference: string; personName: string };
    // "Demo Kavito Resuma 017": the start of the second word.
    const partial = someone.personName.split(' ')[1].slice(0, 4).toLowerCase();
    const found = await ariadne('cases', 'search', ...as, '--q', partial, '--json');
    expect(found.cases.map((c: { reference: string }) => c.reference)).toContain(someone.reference);
    for (const c of found.cases) expect(c.personName.toLowerCase()).toContain(partial);
    const byRef = await ariadne('cases', 'search', ...as, '--q', someone.reference, '--json');
    expect(byRef.cases.map((c: { reference: string }) => c.reference)).toEqual([someone.reference]);
    const none = await ariadne('cases', 'search', ...as, '--q', 'Zzyzx Qwrtp');
    expect(none).toMatch(/No case matches/);
    const [given, family] = someone.personName.split(' ').slice(1);
    const matches = await ariadne('cases', 'possible-matches', ...as, '--given', given, '--family', family, '--json');
    expect(matches.matches.map((m: { reference: string }) => m.reference)).toContain(someone.reference);
  }, 120_000);
});

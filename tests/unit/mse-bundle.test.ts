/**
 * `ariadne mse` from the shell runs main() from one bundled script, dist/cli/main-mse.cjs, compiled from V8's
 * code cache (scripts/build.mjs, bin/ariadne.mjs): the same code as dist/cli/main.js and its per-file
 * modules, fewer modules to load and compile. Both
 * must print the same bytes and end with the same code, for estimates, refusals and help alike; and the
 * bundle imports nothing of dist/ but what a run of `mse` may load apart (checked on its imports).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/cli/main-mse.cjs');
const WESTERN = 'src/domain/mse/fixtures/western.csv';

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ARIADNE_NO_BUILD: '1', NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;

beforeAll(async () => {
  // dist/ up to date, as bin/ariadne.mjs would make it.
  const build = await import('../../scripts/build.mjs');
  if (!fs.existsSync(BUNDLE) || build.isStale()) await build.buildNode();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ariadne-mse-bundle-'));
  fs.writeFileSync(path.join(dir, 'bad.csv'), 'A,B,C,n\n1,0,0,12\n0,1,0,0x10\n');
  fs.writeFileSync(
    path.join(dir, 'strata.csv'),
    'A,B,C,sex,n\n1,0,0,f,60\n0,1,0,f,50\n0,0,1,f,40\n1,1,0,f,15\n1,0,1,f,12\n0,1,1,f,10\n1,1,1,f,3\n',
  );
}, 120_000);

describe('ariadne mse: the bundled entry and the per-file build', () => {
  const cases: [string, () => string[]][] = [
    ['a point estimate as JSON', () => ['mse', WESTERN, '--point', '--json']],
    ['a point estimate as text', () => ['mse', WESTERN, '--point']],
    ['main effects', () => ['mse', WESTERN, '--point', '--json', '--method', 'main']],
    ['a refused cell', () => ['mse', path.join(dir, 'bad.csv'), '--point', '--json']],
    ['a missing file', () => ['mse', path.join(dir, 'none.csv'), '--point']],
    ['an option --point refuses', () => ['mse', WESTERN, '--point', '--bootstrap', '100']],
    ['an unknown option', () => ['mse', WESTERN, '--pont']],
    ['a bad threshold', () => ['mse', WESTERN, '--point', '--threshold', '2']],
    ['strata (a module loaded apart)', () => ['mse', path.join(dir, 'strata.csv'), '--stratify-by', 'sex', '--json']],
    // MseInputError thrown by a per-file module (the strata) is the class the bundled command checks: exit 2.
    ['a refused table of strata', () => ['mse', path.join(dir, 'bad.csv'), '--stratify-by', 'C']],
    ['the command help', () => ['mse', '--help']],
  ];
  test.each(cases)('%s: the same output and exit code', (_name, argv) => {
    const args = argv();
    const bundled = run('bin/ariadne.mjs', args);
    const perFile = run('dist/cli/main.js', args);
    expect(bundled).toEqual(perFile);
  });

  test('the bundle takes the bundled path and imports of dist/ only what may load apart', () => {
    const source = fs.readFileSync(BUNDLE, 'utf8');
    const specifiers = [...source.matchAll(/\b(?:require|__import)\("([^"]+)"\)/g)].map((m) => m[1]);
    const local = [...new Set(specifiers.filter((s) => s.startsWith('.')))].sort();
    const commands = local.filter((s) => s.startsWith('./commands/'));
    expect(commands).toContain('./commands/mse-strata.js');
    expect(commands).not.toContain('./commands/mse.js');
    expect(local.filter((s) => !s.startsWith('./commands/'))).toEqual([
      '../domain/mse/errors.js',
      '../services/capture-tables.js',
    ]);
    // Every dynamic import goes through bin/ariadne.mjs's loader (a vm.Script has none of its own).
    expect(source).not.toMatch(/(?<!__)import\(/);
    expect(fs.existsSync(`${BUNDLE}.cache`)).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, 'bin/ariadne.mjs'), 'utf8')).toMatch(/main-mse\.cjs/);
  });

  test('the vendored commander loads node:child_process only to spawn', () => {
    const script = `await import(${JSON.stringify(path.join(ROOT, 'dist/vendor/commander.js'))}); console.log(process.moduleLoadList.some((m) => m.endsWith(' child_process')))`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('false');
  });
});

/**
 * The CLI's cold start (issue #15: `npx ariadne --help` answers in under 0.5 s). Each command is
 * run as a fresh process, interleaved round by round so machine noise falls on all of them alike;
 * the figures are medians, and the ratios are against a bare `node -e 0` and npm's own start
 * (`npx --version`) measured in the same run: what the project adds is the part above those.
 *
 *   npx tsx bench/cli-start.ts [rounds=15]
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const rounds = Number(process.argv[2] ?? 15);
const commands: Record<string, [string, string[]]> = {
  'node -e 0': ['node', ['-e', '0']],
  'npx --version': ['npx', ['--version']],
  'node bin/ariadne.mjs --help': ['node', ['bin/ariadne.mjs', '--help']],
  'npx ariadne --help': ['npx', ['ariadne', '--help']],
};

function time([command, args]: [string, string[]]): number {
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return performance.now() - started;
}

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const spec of Object.values(commands)) time(spec); // warm the file cache and dist/ (the first run may build it)
for (let round = 0; round < rounds; round++)
  for (const [name, spec] of Object.entries(commands)) samples[name].push(time(spec));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
for (const [name, value] of Object.entries(ms)) console.log(`${name.padEnd(30)} ${(value / 1000).toFixed(3)} s`);
const help = ms['npx ariadne --help'];
console.log(`npx ariadne --help / node -e 0:      ${(help / ms['node -e 0']).toFixed(2)}×`);
console.log(`npx ariadne --help / npx --version:  ${(help / ms['npx --version']).toFixed(2)}×`);
console.log(
  `target: under 0.5 s → ${help < 500 ? 'met' : 'missed'} (${(help / 1000).toFixed(3)} s, median of ${rounds})`,
);

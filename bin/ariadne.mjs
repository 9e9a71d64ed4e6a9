#!/usr/bin/env node
// The `ariadne` command: runs the CLI compiled ahead of time into dist/ (scripts/build.mjs), so
// nothing is transpiled at run time. A fresh clone without dist/, or sources edited since the
// last build, are compiled first (esbuild, about a second); ARIADNE_NO_BUILD=1 skips the check.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `ariadne mse` runs the same main() from one bundled module (dist/cli/main-mse.js, see scripts/build.mjs):
// a point estimate loads 4 modules instead of about 40.
const full = new URL('../dist/cli/main.js', import.meta.url);
const main = process.argv[2] === 'mse' ? new URL('../dist/cli/main-mse.js', import.meta.url) : full;
if (process.env.ARIADNE_NO_BUILD !== '1') {
  const { isStale, buildNode } = await import('../scripts/build.mjs');
  if (!existsSync(fileURLToPath(main)) || isStale()) await buildNode();
}
const { main: run } = await import(main.href);
const code = await run(process.argv.slice(2));
if (code !== 0) process.exit(code);

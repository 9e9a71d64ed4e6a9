#!/usr/bin/env node
/**
 * Compiles the server, the CLI and the workers (everything in src/ but the web app and tests)
 * ahead of time with esbuild, one output file per source file, into dist/ with src/'s layout:
 * src/cli/main.ts becomes dist/cli/main.js. Because every file keeps its depth, the paths the
 * code resolves from import.meta.url (dist/web, ./migrations, ../workers/worker.mjs, ../../data)
 * mean the same from dist/ as from src/. SQL migrations and MSE fixtures are copied next to
 * the code that reads them; dist/workers/worker.mjs loads the compiled tasks (no tsx). The packages
 * on the CLI's start path (VENDORED) are bundled into dist/vendor/, one file each.
 *
 *   node scripts/build.mjs            build
 *   node scripts/build.mjs --if-stale build only when a source file is newer than the last build
 *   node scripts/build.mjs --link-bin also link node_modules/.bin/ariadne (npm's prepare step)
 *
 * Files are written to a temporary name and renamed, so a process importing dist/ while
 * another rebuilds never reads half a file. The web app is built separately (npm run build:web).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const OUT = path.join(ROOT, 'dist');
export const STAMP = path.join(OUT, '.node-build.json');

const WEB = path.join(SRC, 'web');
const TEST_FILE = /\.test\.tsx?$/;

/**
 * Packages every start of the CLI loads (commander) or `ariadne mse` does (csv-parse), each bundled into
 * one file of dist/vendor/ that every compiled module imports instead: one module to load rather than
 * seven or ten (commander's CommonJS files, csv-parse's ESM ones), about 5 ms each on a cold start.
 * Each is one copy for all of dist/, so its classes (CommanderError, CsvError) keep their identity.
 */
const VENDORED = { commander: 'commander.js', 'csv-parse/sync': 'csv-parse-sync.js' };
const VENDORED_PACKAGES = Object.keys(VENDORED).map((specifier) => specifier.split('/')[0]);

/** Source files of the Node side: no web app, no tests. */
function sources(dir = SRC, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== WEB) sources(full, out);
    } else if (!TEST_FILE.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/**
 * True when dist/ is missing or older than any source file (or this script). bin/ariadne.mjs asks on
 * every start, so it stops at the first newer file and builds no list: a third of the time the list
 * and path.join took (about 4 ms for the ~500 files).
 */
export function isStale(src = SRC, stamp = STAMP, modules = path.join(ROOT, 'node_modules')) {
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined || fs.statSync(fileURLToPath(import.meta.url)).mtimeMs > built) return true;
  // A vendored package reinstalled or upgraded since (npm writes its package.json anew).
  for (const name of VENDORED_PACKAGES) {
    const manifest = fs.statSync(path.join(modules, name, 'package.json'), { throwIfNoEntry: false });
    if (manifest && manifest.mtimeMs > built) return true;
  }
  const web = path.join(src, 'web');
  const hasNewer = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = dir + path.sep + entry.name;
      if (entry.isDirectory()) {
        if (full !== web && hasNewer(full)) return true;
      } else if (!TEST_FILE.test(entry.name) && fs.statSync(full).mtimeMs > built) return true;
    }
    return false;
  };
  return hasNewer(src);
}

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** Relative imports stay separate modules: resolved to the .js file the same build writes. */
const keepModules = {
  name: 'keep-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      for (const ext of ['', '.ts', '.tsx', '/index.ts']) {
        const candidate = target + ext;
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
          const rel = path.relative(args.resolveDir, candidate).replace(/\.tsx?$/, '.js');
          return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
        }
      }
      return undefined;
    });
  },
};

/** Imports of a vendored package point to its file in dist/vendor/, relative to the importing module. */
const vendored = {
  name: 'vendored',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(VENDORED).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      if (!args.resolveDir.startsWith(SRC)) return undefined;
      const rel = path.relative(args.resolveDir, path.join(SRC, 'vendor', VENDORED[args.path]));
      return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
    });
  },
};

/**
 * commander requires node:child_process on load, for executable subcommands only (which the CLI has none
 * of): child_process, net's sockets and dgram are about 2.5 ms of every start. The vendored copy requires it
 * on first spawn instead. Left as it is if commander's source no longer has that line.
 */
const CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => ({
      contents: fs
        .readFileSync(args.path, 'utf8')
        .replace(CHILD_PROCESS, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"),
      loader: 'js',
    }));
  },
};

/** dist/vendor/: each vendored package as one ESM file (Node's built-ins stay imports, through require). */
async function buildVendored(build) {
  for (const [specifier, file] of Object.entries(VENDORED)) {
    const result = await build({
      stdin: { contents: `export * from '${specifier}';\n`, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      plugins: [lazyChildProcess],
      minifyWhitespace: true,
      minifySyntax: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'warning',
      // CommonJS inside calls require('node:events'): an ES module has no require of its own.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
      },
    });
    writeAtomically(path.join(OUT, 'vendor', file), result.outputFiles[0].contents);
  }
}

/**
 * dist/cli/main-mse.cjs: the CLI as one script for `ariadne mse` (bin/ariadne.mjs runs it when the first
 * argument is `mse`): main.ts, the mse command, the estimator, the --json presenter, commander and csv-parse
 * bundled together, so a point estimate loads 3 modules of dist/ instead of about 40 (each costs its
 * resolution, file read and compile). It is a CommonJS function body, not an ES module, so that bin/ariadne.mjs
 * can compile it with V8's code cache (vm.Script cachedData; Node 20 has no compile cache for ES modules):
 * dist/cli/main-mse.cjs.cache, written after a point estimate of the western fixture at build time, holds
 * the bytecode of every function that run compiled (about 12 ms of a cold start). A cache V8 rejects (another
 * Node) is ignored. It sits beside dist/cli/main.js, so import.meta.url (given as __metaUrl) means the same.
 * What a run of `mse` may not need stays a separate ES module of dist/, imported through __import: the other
 * command modules, every other dynamic import (strata, .xlsx tables, cli-progress, glpk.js); and MseInputError's
 * module is dist/'s own (bin/ariadne.mjs imports it and hands it to the bundle's require), so that a table
 * read by a module of dist/ (services/capture-tables.js) fails with the class the command checks.
 */
export const MSE_ENTRY = path.join(OUT, 'cli/main-mse.cjs');
const MSE_INLINED = new Set(
  ['cli/main.ts', 'cli/commands/mse.ts', 'domain/mse/index.ts', 'server/presenters/mse-view.ts'].map((file) =>
    path.join(SRC, file),
  ),
);
const MSE_SHARED = new Set([path.join(SRC, 'domain/mse/errors.ts')]);

async function buildMseEntry(build) {
  const entryDir = path.dirname(MSE_ENTRY.replace(OUT, SRC));
  const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
  const resolveSource = (resolveDir, specifier) => {
    const target = path.resolve(resolveDir, specifier);
    for (const ext of ['', '.ts', '.tsx', '/index.ts']) {
      const candidate = target + ext;
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    return undefined;
  };
  const external = (file) => {
    const rel = path.relative(entryDir, file).replace(/\.tsx?$/, '.js');
    return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
  };
  const plugin = {
    name: 'mse-entry',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const file = resolveSource(args.resolveDir, args.path);
        if (!file) return undefined;
        if (MSE_SHARED.has(file)) return external(file);
        if (args.kind === 'dynamic-import' && !MSE_INLINED.has(file)) return external(file);
        if (args.importer === path.join(SRC, 'cli/main.ts') && !MSE_INLINED.has(file)) return external(file);
        return { path: file };
      });
      // The vendored packages inlined: no other module of an `mse` run imports them.
      const filter = new RegExp(`^(${Object.keys(VENDORED).join('|')})$`);
      b.onResolve({ filter }, (args) => ({ path: requireFromRoot.resolve(args.path) }));
    },
  };
  const result = await build({
    entryPoints: [path.join(SRC, 'cli/main.ts')],
    outfile: MSE_ENTRY,
    bundle: true,
    // Less text to parse on every start (names are kept: messages and stack traces read the same).
    minifyWhitespace: true,
    minifySyntax: true,
    packages: 'external',
    plugins: [plugin, lazyChildProcess],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { 'import.meta.url': '__metaUrl' },
    write: false,
    logLevel: 'warning',
  });
  // A dynamic import in a vm.Script has no loader of its own: bin/ariadne.mjs's __import resolves it.
  const code = result.outputFiles[0].text.replace(/\bimport\(/g, '__import(');
  writeAtomically(MSE_ENTRY, code);
  fs.rmSync(`${MSE_ENTRY}.cache`, { force: true });
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/ariadne.mjs'), 'mse', path.join(OUT, 'domain/mse/fixtures/western.csv'), '--point', '--json'],
    { env: { ...process.env, ARIADNE_NO_BUILD: '1', ARIADNE_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' },
  );
  if (run.status !== 0) console.error('build: no code cache for dist/cli/main-mse.cjs');
}

/**
 * dist/cli/commands.json: the command list of `ariadne --help` (commandSummaries in src/cli/main.ts), so
 * that help loads no command module. A module that fails to load leaves no list: help then loads them all
 * and shows the failure, as it did before.
 */
async function writeCommandSummaries() {
  const file = path.join(OUT, 'cli/commands.json');
  try {
    const { commandSummaries } = await import(pathToFileURL(path.join(OUT, 'cli/main.js')).href);
    writeAtomically(file, JSON.stringify(await commandSummaries(), null, 1) + '\n');
  } catch (error) {
    fs.rmSync(file, { force: true });
    console.error(`build: no command list for --help (${error instanceof Error ? error.message : error})`);
  }
}

export async function buildNode() {
  const started = new Date();
  const all = sources();
  const entryPoints = all.filter((f) => /\.tsx?$/.test(f));
  // Loaded here: bin/ariadne.mjs imports this file for isStale() on every run.
  const { build } = await import('esbuild');
  // First: the compiled modules import them.
  await buildVendored(build);
  const result = await build({
    entryPoints,
    outbase: SRC,
    outdir: OUT,
    bundle: true,
    packages: 'external',
    plugins: [keepModules, vendored],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // Data files next to the code that reads them (migrate.ts, domain/mse/fixtures.ts).
  for (const file of all.filter((f) => /\.(sql|csv)$/.test(f)))
    writeAtomically(path.join(OUT, path.relative(SRC, file)), fs.readFileSync(file));
  writeAtomically(
    path.join(OUT, 'workers/worker.mjs'),
    '// Entry of each worker thread in the compiled build (src/workers/worker.mjs loads the TypeScript instead).\n' +
      "export { runTask as default } from './tasks.js';\n",
  );
  await buildMseEntry(build);
  await writeCommandSummaries();
  writeAtomically(STAMP, JSON.stringify({ builtAt: started.toISOString(), files: entryPoints.length }) + '\n');
  // Dated when the build began: a source saved while it ran counts as newer.
  fs.utimesSync(STAMP, started, started);
  return entryPoints.length;
}

/**
 * Links node_modules/.bin/ariadne to bin/ariadne.mjs. The project declares no "bin" of its own on
 * purpose: for a package's own bin, `npx` installs the package into its cache and reads the whole
 * node_modules tree first (about a second); a command found in node_modules/.bin it runs at once.
 */
export function linkBin() {
  const link = path.join(ROOT, 'node_modules/.bin/ariadne');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync('../../bin/ariadne.mjs', link);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--link-bin')) linkBin();
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const started = Date.now();
  const files = await buildNode();
  if (!process.argv.includes('--quiet')) console.error(`built ${files} files into dist/ in ${Date.now() - started} ms`);
}

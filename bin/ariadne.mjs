#!/usr/bin/env node
// The `ariadne` command: runs the CLI compiled ahead of time into dist/ (scripts/build.mjs), so
// nothing is transpiled at run time. A fresh clone without dist/, or sources edited since the
// last build, are compiled first (esbuild, about a second); ARIADNE_NO_BUILD=1 skips the check.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `ariadne mse` runs the same main() from one bundled script with V8's code cache (dist/cli/main-mse.cjs,
// see scripts/build.mjs); every other command from dist/cli/main.js and its modules.
const mse = process.argv[2] === 'mse';
const main = new URL(mse ? '../dist/cli/main-mse.cjs' : '../dist/cli/main.js', import.meta.url);
if (process.env.ARIADNE_NO_BUILD !== '1') {
  const { isStale, buildNode } = await import('../scripts/build.mjs');
  if (!existsSync(fileURLToPath(main)) || isStale()) await buildNode();
}
const code = mse ? await runBundle(fileURLToPath(main)) : await (await import(main.href)).main(process.argv.slice(2));
if (code !== 0) process.exit(code);

/** Compiles the bundle as a CommonJS function body, from its code cache when V8 accepts it, and runs main(). */
async function runBundle(file) {
  const [vm, { createRequire }, errors] = await Promise.all([
    import('node:vm'),
    import('node:module'),
    import(new URL('../dist/domain/mse/errors.js', import.meta.url).href),
  ]);
  const cacheFile = `${file}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = `(function (exports, require, module, __filename, __dirname, __metaUrl, __import) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  const url = pathToFileURL(file);
  const requireFromFile = createRequire(file);
  // dist/'s own module, not a copy: the class a module of dist/ throws is the one the command checks.
  const shared = { '../domain/mse/errors.js': errors };
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    (id) => shared[id] ?? requireFromFile(id),
    module,
    file,
    fileURLToPath(new URL('.', url)),
    url.href,
    (specifier) => import(specifier.startsWith('.') ? new URL(specifier, url).href : specifier),
  );
  const code = await module.exports.main(process.argv.slice(2));
  // The build runs a point estimate once to write the cache: the bytecode of every function it compiled.
  if (process.env.ARIADNE_WRITE_CODE_CACHE === '1') {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  }
  return code;
}

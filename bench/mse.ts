/**
 * Benchmark of multiple systems estimation: a 6-list stepwise fit with 1000
 * BCa bootstrap replicates on a synthetic but realistic table, reported in ms and
 * as a ratio to a single main-effects IRLS fit measured in the same run. The
 * multinomial resampling of a 345-million-person table (O(cells)) is timed
 * against the same baseline, and against drawing its persons one by one (the
 * old O(persons) resampler, timed on a thousandth of the persons and scaled).
 * Then, against R on one CSV (default fixtures/western.csv, 5 lists): (a) a point estimate from the
 * shell end to end, `node bin/ariadne.mjs mse … --point --json` against `Rscript` with SparseMSE's
 * estimatepopulation.0, the same work on both sides (stepwise selection with each model's existence
 * checked, the estimate and its 95% Wald interval), median of fresh processes; (b) a stepwise fit
 * with 1000 BCa replicates in-process against SparseMSE's
 * estimatepopulation, wall and CPU time of each. Targets (issue #21): R / Ariadne >= 2x and >= 50x.
 * Run: npx tsx bench/mse.ts [csv] [shell runs, at least 5]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDesign } from '../src/domain/mse/design';
import {
  estimatePopulationWith,
  loadGlpk,
  parseCaptureCsv,
  validateCaptureTable,
  type CaptureTable,
} from '../src/domain/mse';
import { fitPoisson } from '../src/domain/mse/irls';
import { resampleCounts } from '../src/domain/mse/random';
import { mulberry32 } from '../src/domain/shared/random';

const LISTS = ['Police', 'NGO', 'Labour', 'Health', 'Shelter', 'Hotline'];
const REPLICATES = 1000;

/** Simulates 4000 persons with heterogeneous visibility and a police-to-shelter referral dependency. */
function syntheticTable(seed: number): CaptureTable {
  const random = mulberry32(seed);
  const base = [0.12, 0.18, 0.06, 0.1, 0.08, 0.05];
  const counts = new Map<string, number>();
  for (let person = 0; person < 4000; person += 1) {
    const visibility = random() < 0.3 ? 2.2 : 0.6;
    const pattern = base.map((p) => (random() < Math.min(0.95, p * visibility) ? 1 : 0));
    if (pattern[0] && random() < 0.35) pattern[4] = 1;
    if (pattern.some((flag) => flag)) counts.set(pattern.join(''), (counts.get(pattern.join('')) ?? 0) + 1);
  }
  const histories = [...counts].map(([key, count]) => ({ pattern: [...key].map(Number), count }));
  return { lists: LISTS, histories };
}

function timeMs(fn: () => void, repeats: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < repeats; i += 1) fn();
  return (performance.now() - start) / repeats;
}

const glpk = await loadGlpk();
const table = syntheticTable(2026);
const cells = validateCaptureTable(table);
const mainDesign = buildDesign(cells, []);
const singleFit = timeMs(() => fitPoisson(mainDesign), 500);
let result = estimatePopulationWith(glpk, table, { profile: false });
const fullMs = timeMs(() => {
  result = estimatePopulationWith(glpk, table, { method: 'stepwise', bootstrap: { replicates: REPLICATES, seed: 1 } });
}, 1);

console.log(`table: ${LISTS.length} lists, ${table.histories.length} observed combinations, ${cells.observed} persons`);
console.log(
  `stepwise terms: ${result.terms.join(', ') || '(none)'}; estimate ${result.estimate.toFixed(0)}, bootstrap 95% ${result.interval.bootstrap?.map((v) => v.toFixed(0)).join('-')}`,
);
console.log(`single main-effects IRLS fit (baseline): ${singleFit.toFixed(3)} ms`);
console.log(`stepwise + profile + ${REPLICATES} bootstrap replicates: ${fullMs.toFixed(0)} ms`);
console.log(`fit time / single-fit time: ${(fullMs / singleFit).toFixed(0)}x`);
console.log(
  `bootstrap interval: ${result.bootstrap?.method}, ${result.bootstrap?.failed} of ${result.bootstrap?.replicates} replicates without a finite estimate`,
);

/** The resampler before issue #21: one uniform draw and a binary search per person. */
function personByPerson(counts: Float64Array, random: () => number): Float64Array {
  const cellsWith = [...counts.keys()].filter((mask) => counts[mask] > 0);
  const cumulative: number[] = [];
  let total = 0;
  for (const mask of cellsWith) cumulative.push((total += counts[mask]));
  const out = new Float64Array(counts.length);
  for (let drawn = 0; drawn < total; drawn += 1) {
    const person = Math.floor(random() * total);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > person) hi = mid;
      else lo = mid + 1;
    }
    out[cellsWith[lo]] += 1;
  }
  return out;
}
const scale = Math.round(345_000_000 / cells.observed);
const huge = Float64Array.from(cells.counts, (count) => count * scale);
const thousandth = Float64Array.from(cells.counts, (count) => count * Math.round(scale / 1000));
const random = mulberry32(7);
const multinomialMs = timeMs(() => resampleCounts(huge, random), 200);
const oneByOneMs = timeMs(() => personByPerson(thousandth, random), 3) * (scale / Math.round(scale / 1000));
console.log(
  `resample ${huge.reduce((s, c) => s + c, 0).toLocaleString('en')} persons multinomially: ${multinomialMs.toFixed(3)} ms = ${(multinomialMs / singleFit).toFixed(2)}x a single fit; person by person (scaled): ${(oneByOneMs / 1000).toFixed(0)} s, ${(oneByOneMs / multinomialMs).toExponential(1)}x slower`,
);

// ---- Against R, on one CSV (issue #21's targets). ----
// (a) A point estimate from the shell, end to end: the compiled CLI against Rscript with SparseMSE
//     loaded, each a fresh process, interleaved run by run so machine noise falls on both alike. Both
//     compute what estimatepopulation.0 returns: the stepwise model (each candidate's existence and
//     identifiability checked, by a linear program where the positive cells do not settle it), the
//     estimate and its Wald interval. `--point` is that and no more: a default `ariadne mse` adds
//     1000 bootstrap replicates, the profile interval, a simulated goodness-of-fit test, diagnostics
//     and the sensitivity analysis.
// (b) A stepwise fit with BCa bootstrap replicates, in-process here against SparseMSE's
//     estimatepopulation (multinomial replicates and its jackknife) timed inside R with proc.time().
// Without SparseMSE, R's glm main-effects Poisson fit stands in (SparseMSE's point estimate is that
// fit's hidden cell) and every line says so; (b) then needs SparseMSE and is skipped.
const csvFile = path.resolve(process.argv[2] ?? 'src/domain/mse/fixtures/western.csv');
const shellRuns = Math.max(5, Number(process.argv[3] ?? 7));
const rLiteral = JSON.stringify(csvFile);

function hasRPackage(name: string): boolean | undefined {
  try {
    execFileSync('Rscript', ['-e', `suppressMessages(library(${name}))`], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : false;
  }
}

/** Wall time of one process and the last number it printed (the estimate, to check both sides agree). */
function timeProcess(command: string, args: string[]): { ms: number; value: number } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed: ${run.stderr}`);
  const text = run.stdout.trim();
  const value = text.startsWith('{') ? (JSON.parse(text) as { estimate: number }).estimate : Number(text);
  return { ms, value };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rAvailable = hasRPackage('stats');
const sparseMse = rAvailable ? hasRPackage('SparseMSE') : false;
console.log(`\n== against R on ${path.relative(process.cwd(), csvFile)} ==`);
if (!rAvailable) console.log('Rscript not found: no comparison with R');
else {
  const baseline = sparseMse
    ? 'SparseMSE estimatepopulation.0 (stepwise)'
    : 'R glm main-effects Poisson fit (SparseMSE not installed)';
  const rPoint = sparseMse
    ? `suppressMessages(library(SparseMSE)); z <- read.csv(${rLiteral}, check.names = FALSE); cat(estimatepopulation.0(z, method = "stepwise")$estimate[["point est."]], "\\n")`
    : `z <- read.csv(${rLiteral}, check.names = FALSE); k <- ncol(z) - 1; names(z)[k + 1] <- "count"; fit <- glm(count ~ ., family = poisson, data = z); cat(sum(z$count) + exp(coef(fit)[[1]]), "\\n")`;
  const ariadneArgs = ['bin/ariadne.mjs', 'mse', csvFile, '--json', '--point'];
  if (!sparseMse) ariadneArgs.push('--method', 'main');
  // The first runs warm the file cache and build dist/ if a source changed since the last build.
  timeProcess('node', ariadneArgs);
  timeProcess('Rscript', ['-e', rPoint]);
  const samples = { ariadne: [] as number[], r: [] as number[] };
  let estimates = { ariadne: NaN, r: NaN };
  for (let run = 0; run < shellRuns; run += 1) {
    const a = timeProcess('node', ariadneArgs);
    const r = timeProcess('Rscript', ['-e', rPoint]);
    samples.ariadne.push(a.ms);
    samples.r.push(r.ms);
    estimates = { ariadne: a.value, r: r.value };
  }
  const [a, r] = [median(samples.ariadne), median(samples.r)];
  console.log(`(a) point estimate from the shell, median of ${shellRuns} fresh processes each;`);
  console.log(
    `    the same work on both sides: ${sparseMse ? 'stepwise selection (each model checked for existence and identifiability), the estimate and its 95% Wald interval' : 'a main-effects fit and its estimate'}`,
  );
  console.log(
    `    node ${ariadneArgs.slice(0, 2).join(' ')} <csv> ${ariadneArgs.slice(3).join(' ')}: ${a.toFixed(0)} ms (estimate ${estimates.ariadne.toFixed(2)})`,
  );
  console.log(`    Rscript, ${baseline}: ${r.toFixed(0)} ms (estimate ${estimates.r.toFixed(2)})`);
  console.log(`    R / Ariadne: ${(r / a).toFixed(2)}x (target >= 2x: ${r / a >= 2 ? 'met' : 'missed'})`);

  if (!sparseMse) console.log('(b) skipped: SparseMSE is not installed (its bootstrap is what is compared)');
  else {
    const csvTable = parseCaptureCsv(fs.readFileSync(csvFile, 'utf8'));
    const options = { method: 'stepwise', bootstrap: { replicates: REPLICATES, seed: 1, method: 'bca' } } as const;
    estimatePopulationWith(glpk, csvTable, options); // warm-up: the JIT, as R's functions are byte-compiled
    const walls: number[] = [];
    const cpus: number[] = [];
    let fitted = estimatePopulationWith(glpk, csvTable, { profile: false });
    for (let run = 0; run < 3; run += 1) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      fitted = estimatePopulationWith(glpk, csvTable, options);
      walls.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1000);
    }
    const script = `suppressMessages(library(SparseMSE)); z <- read.csv(${rLiteral}, check.names = FALSE);
      t0 <- proc.time(); r <- estimatepopulation(z, nboot = ${REPLICATES}, method = "stepwise"); t <- proc.time() - t0;
      cat(t[["elapsed"]] * 1000, (t[["user.self"]] + t[["sys.self"]]) * 1000, r$popest, r$BCaquantiles[[1]], r$BCaquantiles[[8]], "\\n")`;
    const [rWall, rCpu, rEstimate, rLow, rHigh] = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    const [aWall, aCpu] = [median(walls), median(cpus)];
    const bca = fitted.interval.bootstrap?.map((v) => v.toFixed(0)).join('-');
    console.log(
      `(b) stepwise fit + ${REPLICATES} BCa bootstrap replicates (terms: ${fitted.terms.join(', ') || 'none'}):`,
    );
    console.log(
      `    Ariadne in-process, median of 3 after a warm-up: ${aWall.toFixed(0)} ms wall, ${aCpu.toFixed(0)} ms CPU (estimate ${fitted.estimate.toFixed(0)}, BCa ${bca})`,
    );
    console.log(
      `    SparseMSE estimatepopulation, one run: ${rWall.toFixed(0)} ms wall, ${rCpu.toFixed(0)} ms CPU (estimate ${rEstimate.toFixed(0)}, BCa ${rLow.toFixed(0)}-${rHigh.toFixed(0)}; its own RNG, so limits differ slightly)`,
    );
    console.log(
      `    R / Ariadne: ${(rWall / aWall).toFixed(0)}x wall, ${(rCpu / aCpu).toFixed(0)}x CPU (target >= 50x: ${rWall / aWall >= 50 ? 'met' : 'missed'})`,
    );
  }
}

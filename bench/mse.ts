/**
 * Benchmark of multiple systems estimation: a 6-list stepwise fit with 1000
 * BCa bootstrap replicates on a synthetic but realistic table, reported in ms and
 * as a ratio to a single main-effects IRLS fit measured in the same run. The
 * multinomial resampling of a 345-million-person table (O(cells)) is timed
 * against the same baseline, and against drawing its persons one by one (the
 * old O(persons) resampler, timed on a thousandth of the persons and scaled).
 * When Rscript with SparseMSE is available, R's bootstrap estimate is timed too.
 * Run: npx tsx bench/mse.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDesign } from '../src/domain/mse/design';
import { estimatePopulationWith, loadGlpk, validateCaptureTable, type CaptureTable } from '../src/domain/mse';
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

function timeR(table: CaptureTable): number | undefined {
  try {
    execFileSync('Rscript', ['-e', 'suppressMessages(library(SparseMSE))'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mse-bench-'));
  const file = path.join(dir, 'table.csv');
  fs.writeFileSync(
    file,
    [[...table.lists, 'n'].join(','), ...table.histories.map((h) => [...h.pattern, h.count].join(','))].join('\n'),
  );
  const script = `suppressMessages(library(SparseMSE)); z <- read.csv("${file}");
    t <- system.time(estimatepopulation(z, method = "stepwise", nboot = ${REPLICATES}))[["elapsed"]]; cat(t * 1000)`;
  const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return Number(out.trim().split(/\s+/).pop());
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
const rMs = timeR(table);
if (rMs === undefined) console.log('R not found: absolute time only');
else
  console.log(
    `R SparseMSE estimatepopulation (nboot=${REPLICATES}): ${rMs.toFixed(0)} ms; TypeScript / R: ${(fullMs / rMs).toFixed(2)}`,
  );
